"""What may be published: allowlisted assets, `.md` pages only, no symbolic link, nothing at a generated path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import write

from mesbox.reading.publication import ASSET_TYPES, content_files, links_under, published_editorial, reserved_id, site_path


def issues(root: Path) -> list[tuple[str, str]]:
    return [(i.path, i.code) for i in content_files(root).issues]


@pytest.mark.parametrize("name", sorted(f"fichier{t}" for t in ASSET_TYPES) + ["PHOTO.JPG", "Plan.PDF"])
def test_allowlisted_assets_are_published_where_they_sit(tmp_path: Path, name: str) -> None:
    write(tmp_path, f"fiches/methodes/{name}", "x")
    write(tmp_path, f"content/recits/{name}", "x")
    write(tmp_path, f"content/docs/{name}", "x")
    found = content_files(tmp_path)
    assert found.issues == []
    assert sorted(a.src_uri for a in found.assets) == sorted([f"fiches/methodes/{name}", f"recits/{name}", f"docs/{name}"])


@pytest.mark.parametrize(
    "name", ["page.html", "page.htm", "logo.svg", "outil.js", "style.css", "a.xml", "x.php", "archive.zip", "Makefile", "x.xhtml", "x.wasm"]
)
def test_other_types_are_refused_with_their_path(tmp_path: Path, name: str) -> None:
    write(tmp_path, f"grids/{name}", "x")
    write(tmp_path, f"content/guide/{name}", "x")
    assert issues(tmp_path) == [(f"content/guide/{name}", "E004"), (f"grids/{name}", "E004")]
    assert content_files(tmp_path).assets == []


@pytest.mark.parametrize("name", ["x.MD", "x.Md", "x.markdown", "x.mdown", "x.mkd", "x.mkdn", "x.mdwn"])
def test_md_is_the_only_markdown_extension(tmp_path: Path, name: str) -> None:
    write(tmp_path, f"monographies/{name}", "---\n---\n")
    write(tmp_path, f"content/{name}", "# x\n")
    (found,) = [i for i in content_files(tmp_path).issues if i.path == f"monographies/{name}"]
    assert found.code == "E004" and "« x.md »" in found.message
    assert (f"content/{name}", "E004") in issues(tmp_path)


def test_the_sites_own_stylesheet_and_script_only_in_content_assets(tmp_path: Path) -> None:
    for rel in ("content/assets/mesbox.css", "content/assets/mesbox.js", "content/assets/sous/x.js", "content/autre/y.css"):
        write(tmp_path, rel, "x")
    found = content_files(tmp_path)
    assert [a.src_uri for a in found.assets] == ["assets/mesbox.css", "assets/mesbox.js"]
    assert issues(tmp_path) == [("content/assets/sous/x.js", "E004"), ("content/autre/y.css", "E004")]


@pytest.mark.parametrize(
    "rel",
    [
        "content/themes.md",
        "content/fiches.md",
        "content/recits.md",
        "content/acteurs.md",
        "content/fiches/x.md",
        "content/grilles/g/analyse.md",
        "content/territoires/index.md",
        "content/donnees/catalogue.csv",
        "content/donnees/schemas/fiches.schema.json",
        "content/search/search_index.json",
        "content/recherche/index.json",
        "content/assets/javascripts/bundle.abc.min.js",
        "content/assets/stylesheets/main.css",
        "content/assets/images/favicon.png",
        "content/admin/index.html",
        "content/sitemap.xml",
        "content/404.html",
        "content/flux.xml",
    ],
)
def test_editorial_files_at_generated_paths_are_refused(tmp_path: Path, rel: str) -> None:
    write(tmp_path, rel, "x")
    assert issues(tmp_path) == [(rel, "E109")]
    assert not published_editorial(rel.removeprefix("content/"))


@pytest.mark.parametrize(
    "rel",
    [
        "content/donnees.md",
        "content/pagefind/carte.png",  # free again since the readers' search left Pagefind
        "content/a-propos.md",
        "content/guide/themes.md",
        "content/assets/mesbox.js",
        "content/img/carte.png",
        "content/assets/images/photo.jpg",
    ],
)
def test_editorial_files_elsewhere_are_fine(tmp_path: Path, rel: str) -> None:
    write(tmp_path, rel, "x")
    assert issues(tmp_path) == []
    assert published_editorial(rel.removeprefix("content/"))


def test_symbolic_links_are_refused_anywhere_never_followed(tmp_path: Path) -> None:
    write(tmp_path, "fiches/a.md", "x")
    write(tmp_path, "taxonomies/themes.yml", "[]")
    (tmp_path / "fiches" / "env.md").symlink_to("/proc/self/environ")
    (tmp_path / "fiches" / "dossier").symlink_to(tmp_path / "taxonomies")
    (tmp_path / "taxonomies" / "methods.yml").symlink_to("/etc/passwd")
    (tmp_path / "grids").symlink_to(tmp_path / "fiches")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "image.png").symlink_to("/etc/passwd")
    assert issues(tmp_path) == [
        ("content/image.png", "E004"),
        ("fiches/dossier", "E004"),
        ("fiches/env.md", "E004"),
        ("grids", "E004"),
        ("taxonomies/methods.yml", "E004"),
    ]
    assert content_files(tmp_path).assets == []


def test_a_link_loop_ends_at_once(tmp_path: Path) -> None:
    """Links are never followed: a loop, even a chain of them, is just one more link to report."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a").symlink_to("b")
    (tmp_path / "content" / "b").symlink_to("a")
    (tmp_path / "content" / "soi").symlink_to(".")
    (tmp_path / "content" / ".cache").symlink_to("..")
    assert issues(tmp_path) == [("content/a", "E004"), ("content/b", "E004"), ("content/soi", "E004")]
    assert links_under(tmp_path / "content") == [".cache", "a", "b", "soi"]


def test_special_files_are_refused(tmp_path: Path) -> None:
    """A FIFO named like an image is never opened (reading it would block the check)."""
    (tmp_path / "fiches").mkdir()
    os.mkfifo(tmp_path / "fiches" / "tube.png")
    assert issues(tmp_path) == [("fiches/tube.png", "E004")]


def test_reserved_ids() -> None:
    assert reserved_id("index", "fiches") and reserved_id("index", "")
    assert reserved_id("analyse", "grilles") and not reserved_id("analyse", "fiches")
    assert not reserved_id("indexation", "fiches")


def test_site_path_replaces_collection_folders_by_their_id() -> None:
    assert site_path("grids/g/plan.pdf") == "grilles/g/plan.pdf"
    assert site_path("content/recits/r.png") == "recits/r.png"
    assert site_path("content/img/x.png") == "img/x.png"


def test_every_folder_of_generated_pages_is_reserved(valid_repo: Path) -> None:
    """What the site plan writes and what `content/` may not hold agree (a new kind of generated page needs its folder here)."""
    from mesbox.checking.checker import check
    from mesbox.reading.documents import COLLECTIONS
    from mesbox.rendering.site import site_plan

    inside = {c.folder for c in COLLECTIONS.values()}
    for page in site_plan(check(valid_repo).catalogue):
        folder = page.src_uri.split("/", 1)[0]
        if f"content/{folder}" in inside:
            continue  # the stories' own folder: a file there is an entry
        write(valid_repo, f"content/{folder}/x.md", "# x\n")
        assert (f"content/{folder}/x.md", "E109") in issues(valid_repo), page.src_uri


@pytest.mark.parametrize(
    "rel",
    [
        'content/a"b.md',
        "content/a'b.png",
        "fiches/<x>.pdf",
        "content/d`x/page.md",
        "grids/a\\b.png",
        "content/\u202eevil.png",
        "content/x\x07.md",
    ],
)
def test_names_that_would_break_out_of_an_attribute_are_refused(tmp_path: Path, rel: str) -> None:
    write(tmp_path, rel, "x")
    assert issues(tmp_path) == [(rel, "E106")]
    assert content_files(tmp_path).assets == []


def test_ordinary_names_with_spaces_and_accents_pass(tmp_path: Path) -> None:
    write(tmp_path, "content/img/Carte de Colombelles (2022).PNG", "x")
    assert issues(tmp_path) == []


@pytest.mark.parametrize("rel", ['content/a"onmouseover="alert(1).md', "content/x'><img src=x>.png", "content/\x1b[31m/page.md"])
def test_a_name_that_would_break_out_of_an_attribute_is_never_published(tmp_path: Path, rel: str) -> None:
    """E106 in the check; and a build that is not strict leaves the file out too."""
    write(tmp_path, rel, "x")
    assert issues(tmp_path) == [(rel, "E106")]
    assert not published_editorial(rel.removeprefix("content/"))
