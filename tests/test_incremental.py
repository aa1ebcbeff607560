"""A dirty build (`mkdocs serve --dirty`) rebuilds only the pages an edit touches, and the site it
leaves is the one a full build writes, byte for byte, after edits, renames and deletions.

Serving is simulated as MkDocs does it: `on_startup(command="serve", dirty=…)` once, then a build
per save with the configuration read again (the plugin instance and what it keeps between saves
go on, as under `mkdocs serve`). The full builds compared run in another process, so that they
leave that session alone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FICHE, METHOD, replace
from sitebuild import SITE_URL, build_in_process, make_repo

from mesbox.mkdocs_plugin.incremental import Incremental


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def same_site(incremental: Path, full: Path) -> None:
    """Every file and folder equal, the search index apart (a preview keeps its first one: see below)."""
    left, right = tree(incremental), tree(full)
    for files in (left, right):
        for name in [name for name in files if name.startswith("recherche/")]:
            del files[name]
    assert sorted(left) == sorted(right)
    assert [name for name in left if left[name] != right[name]] == []
    folders = lambda site: sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir() and not p.is_relative_to(site / "recherche")
    )
    assert folders(incremental) == folders(full)


def stamps(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("index.html")}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = make_repo(tmp_path_factory.mktemp("incremental") / "repo")
    yield root
    # The plugin instance outlives the builds, as under `mkdocs serve`: give the next tests a plain build's.
    from mkdocs.config import load_config

    load_config(str(root / "mkdocs.yml"), site_url=SITE_URL).plugins.on_startup(command="build", dirty=False)


def test_edits_renames_and_deletions_give_the_full_build(repo: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    build_in_process(repo, served, dirty=True)
    same_site(served, _full(repo, tmp_path / "full0"))

    # An entry's title and a new [[link]] to it: its page, its listings, its term pages and the citing page change.
    before = stamps(served)
    replace(repo, METHOD, "title: Organiser une visite apprenante", "title: Organiser une visite apprenante entre pairs")
    replace(repo, FICHE, "\n---\n", "\n---\nVoir aussi [[recit-plateau]].\n\n")
    build_in_process(repo, served, dirty=True, start=False)
    same_site(served, _full(repo, tmp_path / "full1"))
    after = stamps(served)
    assert after["fiches/organiser-une-visite/index.html"] != before["fiches/organiser-une-visite/index.html"]
    assert after["recits/recit-plateau/index.html"] != before["recits/recit-plateau/index.html"]  # now cited
    untouched = [name for name in before if after.get(name) == before[name]]
    assert untouched, "a dirty build rewrote every page"

    # A rename, a deletion and a new entry.
    (repo / METHOD).rename(repo / "fiches/methodes/organiser-une-visite-entre-pairs.md")
    (repo / "monographies/visite-colombelles.md").unlink()
    shutil.copy(repo / FICHE, repo / "fiches/nouvelle-initiative.md")
    replace(repo, "fiches/nouvelle-initiative.md", "title: ", "title: Nouvelle ")
    build_in_process(repo, served, dirty=True, start=False)
    same_site(served, _full(repo, tmp_path / "full2"))
    assert not (served / "fiches" / "organiser-une-visite").exists()

    # A vocabulary label (shown on every page naming the term) and an entry turned into a draft.
    replace(repo, "taxonomies/themes.yml", "label: Coopération", "label: Coopération locale")
    replace(repo, "fiches/nouvelle-initiative.md", "\n---\n", "\ndraft: true\n---\n")
    build_in_process(repo, served, dirty=True, start=False)
    same_site(served, _full(repo, tmp_path / "full3"))


def search_index(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in (site / "recherche").rglob("*") if path.is_file()}


@pytest.mark.parametrize("dirty", [True, False])
def test_a_preview_writes_the_search_index_once_and_says_so(repo: Path, tmp_path: Path, dirty: bool) -> None:
    served = tmp_path / "served"
    build_in_process(repo, served, dirty=dirty)
    first = search_index(served)
    assert "recherche/index.json" in first
    explorer = (served / "explorer" / "index.html").read_text(encoding="utf-8")
    assert "mesbox-preview-search" in explorer and "au lancement de <code>mkdocs serve</code>" in explorer

    replace(repo, FICHE, "\n---\n", "\n---\nUne phrase de plus.\n\n")
    build_in_process(repo, served, dirty=dirty, start=False)  # a save: the session goes on
    # Without --dirty MkDocs empties the site folder: the kept index comes back, the same files.
    assert search_index(served).keys() == first.keys()
    if dirty:
        assert search_index(served) == first, "the index was written again"

    from mkdocs.config import load_config

    load_config(str(repo / "mkdocs.yml"), site_url=SITE_URL).plugins.on_startup(command="build", dirty=False)
    published = tmp_path / "published"
    build_in_process(repo, published, dirty=False, start=False)
    assert "mesbox-preview-search" not in (published / "explorer" / "index.html").read_text(encoding="utf-8")
    assert "recherche/index.json" in search_index(published)


FULL_BUILD = """
import logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.getLogger("mkdocs").setLevel(logging.CRITICAL)
config = load_config(sys.argv[1], site_dir=sys.argv[2], site_url=sys.argv[3], strict=False)
config.plugins.on_startup(command="serve", dirty=False)
build(config)
"""


def _full(root: Path, site: Path) -> Path:
    """A full build of the same preview, by a new plugin instance in another process."""
    subprocess.run([sys.executable, "-c", FULL_BUILD, str(root / "mkdocs.yml"), str(site), SITE_URL], check=True)
    return site


def test_a_changed_shared_part_rebuilds_everything() -> None:
    incremental = Incremental()
    assert incremental.changed("a", {"x.md": "1", "y.md": "2"}) == {"x.md", "y.md"}
    incremental.commit("/nulle-part", set())
    assert incremental.changed("a", {"x.md": "1", "y.md": "3"}) == {"y.md"}
    assert incremental.changed("b", {"x.md": "1", "y.md": "3"}) == {"x.md", "y.md"}


def test_search_entries_of_pages_not_rebuilt_are_kept_in_page_order() -> None:
    incremental = Incremental()
    first = [{"location": "a/", "text": "A"}, {"location": "a/#s", "text": "A1"}, {"location": "b/", "text": "B"}]
    assert incremental.merge_search(first, [("a/", True), ("b/", True)]) == first
    incremental.commit("/nulle-part", set())
    fresh = [{"location": "b/", "text": "B2"}]
    merged = incremental.merge_search(fresh, [("a/", False), ("b/", True), ("c/", False)])
    assert merged == [first[0], first[1], {"location": "b/", "text": "B2"}]


def test_files_the_last_build_wrote_and_this_one_did_not_are_removed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "fiches" / "ancienne").mkdir(parents=True)
    old, kept = site / "fiches" / "ancienne" / "index.html", site / "fiches" / "index.html"
    old.write_text("x")
    kept.write_text("y")
    incremental = Incremental()
    incremental.changed("a", {})
    incremental.commit(str(site), {str(old), str(kept)})
    incremental.changed("a", {})
    incremental.commit(str(site), {str(kept)})
    assert not (site / "fiches" / "ancienne").exists() and kept.is_file()
    elsewhere = tmp_path / "autre" / "index.html"
    elsewhere.parent.mkdir()
    elsewhere.write_text("z")
    incremental.outputs.add(str(elsewhere))
    incremental.commit(str(site), {str(kept)})
    assert elsewhere.is_file()


def test_the_audit_of_a_dirty_build_reads_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mesbox.mkdocs_plugin import incremental
    from mesbox.publishing import audit
    from mesbox.publishing.csp import ThemeScripts

    site = tmp_path / "site"
    (site / "fiches" / "a").mkdir(parents=True)
    clean, unsafe = site / "fiches" / "a" / "index.html", site / "index.html"
    clean.write_text("<p>Une fiche.</p>", encoding="utf-8")
    unsafe.write_text("<p>Accueil</p><script>alert(1)</script>", encoding="utf-8")
    allowed = audit.Allowed(ThemeScripts(()), frozenset())
    read: list[str] = []

    def counted(data: bytes, rel: str, allowed: audit.Allowed) -> list[audit.Finding]:
        read.append(rel)
        return audit.audit_bytes(data, rel, allowed)

    monkeypatch.setattr(incremental, "audit_bytes", counted)
    audited = incremental.AuditedFiles()
    assert audited.audit(site, allowed) == audit.audit_site(site, allowed) != []
    assert sorted(read) == ["fiches/a/index.html", "index.html"]

    read.clear()
    assert audited.audit(site, allowed) == audit.audit_site(site, allowed)
    assert read == ["index.html"], "a clean, unchanged file was read again"

    read.clear()
    clean.write_text("<p>Une fiche.</p><script>alert(2)</script>", encoding="utf-8")
    assert audited.audit(site, allowed) == audit.audit_site(site, allowed)
    assert sorted(read) == ["fiches/a/index.html", "index.html"]
    assert len(audited.audit(site, allowed)) == 2

    read.clear()
    audited.audit(site, audit.Allowed(ThemeScripts(()), frozenset({"assets/"})))  # another policy: everything again
    assert sorted(read) == ["fiches/a/index.html", "index.html"]
