"""A relative link to a page or file the site will not have is an E105 in `mesbox check`, not only in the strict build."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FICHE, HOME, METHOD, found, write

from mesbox.checking.checker import check


def add(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "link",
    [
        "[visite](methodes/organiser-une-visite.md)",
        "[monographie](../monographies/visite-colombelles.md#la-visite)",
        "[récit](../recits/recit-plateau.md)",
        "[grille](../grilles/grille-commune.md) et [son analyse](../grilles/grille-commune/analyse.md)",
        "[thèmes](../themes/index.md) [emploi](../themes/emploi.md) [fiches](index.md)",
        "[accueil](../index.md) [données](../donnees/catalogue.csv) [flux](../flux.xml)",
        "![carte](carte.png) [plan](methodes/plan.pdf)",
    ],
)
def test_links_to_what_the_site_has_pass(valid_repo: Path, link: str) -> None:
    if "carte.png" in link:  # an attachment no page cites is an error of its own
        write(valid_repo, "fiches/carte.png", b"png")
        write(valid_repo, "fiches/methodes/plan.pdf", b"%PDF")
    add(valid_repo, FICHE, link)
    assert found(valid_repo) == []


def test_a_missing_file_is_named_with_its_place(valid_repo: Path) -> None:
    add(valid_repo, METHOD, "Voir ![la carte](carte.png).")
    (issue,) = check(valid_repo).issues
    assert (issue.code, issue.path, issue.col) == ("E105", METHOD, 18)
    assert "fiches/methodes/carte.png" in issue.message


def test_an_editorial_page_is_checked_too(valid_repo: Path) -> None:
    add(valid_repo, HOME, "[Agenda](agenda.md)")
    assert [(i.code, i.path) for i in check(valid_repo).issues] == [("E105", HOME)]
    write(valid_repo, "content/agenda.md", "# Agenda\n")
    assert found(valid_repo) == []


def test_a_svg_beside_the_page_is_no_target(valid_repo: Path) -> None:
    """A file of a type that is not published does not exist for links either."""
    write(valid_repo, "fiches/logo.svg", "<svg/>")
    add(valid_repo, FICHE, "![logo](logo.svg)")
    assert {(i.code, i.path) for i in check(valid_repo).issues} == {("E004", "fiches/logo.svg"), ("E105", FICHE)}


def test_same_answer_with_the_cache(valid_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached check re-judges relative links: deleting the target of an unchanged entry's link is seen."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    write(valid_repo, "fiches/carte.png", b"png")
    add(valid_repo, FICHE, "![carte](carte.png)")
    assert check(valid_repo, catalogue=False, cache=True).issues == []
    (valid_repo / "fiches" / "carte.png").unlink()
    cached = check(valid_repo, catalogue=False, cache=True).issues
    assert [(i.code, i.path) for i in cached] == [("E105", FICHE)] == [(i.code, i.path) for i in check(valid_repo).issues]


def test_attachments_only_drafts_link_to_are_not_published(valid_repo: Path) -> None:
    """A draft publishes nothing: the image it alone shows stays out of the site's files; one a published page shows too goes in."""
    write(valid_repo, "fiches/brouillon-carte.png", b"png")
    write(valid_repo, "fiches/partagee.png", b"png")
    add(valid_repo, "fiches/brouillon.md", "![carte](brouillon-carte.png) ![autre](partagee.png)")
    add(valid_repo, FICHE, "![autre](partagee.png)")
    result = check(valid_repo)
    assert result.issues == []
    assert [asset.src_uri for asset in result.assets] == ["fiches/partagee.png"]


@pytest.mark.parametrize(
    ("link", "advice"),
    [
        (
            "[visite](/fiches/methodes/organiser-une-visite/)",
            "écrivez [[organiser-une-visite]] ou le lien relatif « methodes/organiser-une-visite.md »",
        ),
        ("[monographie](/monographies/visite-colombelles/#la-visite)", "« ../monographies/visite-colombelles.md#la-visite »"),
        ("[emploi](/themes/emploi/)", "écrivez le lien relatif au fichier « ../themes/emploi.md »"),
        ("![carte](/fiches/carte.png)", "« carte.png »"),
        ("[ailleurs](/nulle-part/)", "ou [[identifiant]] pour une entrée"),
    ],
)
def test_a_link_from_the_site_root_asks_for_the_relative_link(valid_repo: Path, link: str, advice: str) -> None:
    """`/fiches/x/` breaks when the site is published under a sub-path: E105 at the link, proposing what to write."""
    if "carte.png" in link:  # an attachment no page cites is an error of its own
        write(valid_repo, "fiches/carte.png", b"png")
    add(valid_repo, FICHE, "Voir " + link)
    (issue,) = check(valid_repo).issues
    assert (issue.code, issue.path, issue.col) == ("E105", FICHE, 6 + link.index("](") + 2)
    assert issue.message.startswith(
        f"lien absolu « {link[link.index('](') + 2 : -1]} » : il casse quand le site est publié sous un sous-chemin"
    )
    assert advice in issue.message


def test_a_root_link_on_an_editorial_page_is_reported_too(valid_repo: Path) -> None:
    add(valid_repo, HOME, "[fiches](/fiches/)")
    (issue,) = check(valid_repo).issues
    assert (issue.code, issue.path) == ("E105", HOME)
    assert "« fiches/index.md »" in issue.message


@pytest.mark.parametrize(
    ("link", "advice"),
    [
        ("[visite](organiser-une-visite.md)", "vouliez-vous dire « methodes/organiser-une-visite.md » ou [[organiser-une-visite]] ?"),
        (
            "[visite](methodes/organiser-une-visit.md)",
            "vouliez-vous dire « methodes/organiser-une-visite.md » ou [[organiser-une-visite]] ?",
        ),
        ("![carte](images/carte.png)", "vouliez-vous dire « carte.png » ?"),
        ("![photo](photo-recyclerie.jpg)", ": enregistrez l'image dans fiches/, à côté de la page, sous ce nom, ou corrigez le nom"),
        (
            "![photo](../images/photo.jpg)",
            ": corrigez le chemin, relatif à ce fichier (une image se range de préférence à côté de la page)",
        ),
        ("[plan](plan-de-la-visite.pdf)", ": corrigez le chemin, relatif à ce fichier"),
    ],
)
def test_a_missing_target_gets_what_to_write_instead(valid_repo: Path, link: str, advice: str) -> None:
    write(valid_repo, "fiches/carte.png", b"png")
    add(valid_repo, FICHE, "Voir " + link)
    (issue,) = [i for i in check(valid_repo).issues if i.code == "E105"]  # carte.png, cited by no page, is an E004 of its own
    assert (issue.code, issue.path) == ("E105", FICHE)
    assert advice in issue.message


def test_a_site_address_in_the_wrong_folder_still_finds_the_entry(valid_repo: Path) -> None:
    """The review's `/fiches/protocole-visite-apprenante/` for a method fiche filed under fiches/methodes/."""
    add(valid_repo, FICHE, "Voir [la visite](/fiches/organiser-une-visite/).")
    (issue,) = check(valid_repo).issues
    assert "écrivez [[organiser-une-visite]] ou le lien relatif « methodes/organiser-une-visite.md »" in issue.message


@pytest.mark.parametrize(
    ("link", "says"),
    [
        (
            '<img alt="carte" src="carte.png">',
            (
                "(fiches/initiative-solidaire/carte.png) : dans une balise HTML, "
                "un lien se lit depuis l'adresse de la page (/fiches/initiative-solidaire/) — écrivez « ../carte.png »"
            ),
        ),
        ('<a href="methodes/organiser-une-visite.md">visite</a>', "écrivez « ../methodes/organiser-une-visite/ »"),
        (
            '<img alt="" src="absente.png">',
            "absent (fiches/initiative-solidaire/absente.png) : corrigez le chemin, relatif à l'adresse de la page",
        ),
        ('<a href="../../monographies/absente/">x</a>', "absent (monographies/absente/)"),
        ('<a href="../brouillon/">x</a>', "vers un brouillon"),
        ('<a href="../../../../proc/self/environ">x</a>', "absent (hors du site)"),
    ],
)
def test_a_relative_link_in_raw_html_is_judged_where_it_leads(valid_repo: Path, link: str, says: str) -> None:
    """Same code and message as a Markdown link, read from the page's address; when the file's folder has the
    target, the message gives the address that reaches it."""
    write(valid_repo, "fiches/carte.png", b"png")
    add(valid_repo, FICHE, "Voir " + link + " ![](carte.png)")
    (issue,) = check(valid_repo).issues
    assert (issue.code, issue.path, issue.col) == ("E105", FICHE, 6 + link.rindex('="') + 2)
    assert issue.message.startswith(f"lien « {link.split(chr(34))[-2]} » vers ")
    assert says in issue.message


@pytest.mark.parametrize(
    "link",
    [
        '<img alt="carte" src="../carte.png">',
        '<a href="../methodes/organiser-une-visite/">v</a>',
        '<a href="../../monographies/">m</a>',
        '<a href="../../themes/emploi/">e</a>',
        '<a href="../../donnees/catalogue.csv">d</a>',
        '<a href="../../">accueil</a>',
        '<a href="./">ici</a>',
    ],
)
def test_a_raw_link_to_what_the_site_has_passes(valid_repo: Path, link: str) -> None:
    if "carte.png" in link:  # an attachment no page cites is an error of its own
        write(valid_repo, "fiches/carte.png", b"png")
    add(valid_repo, FICHE, "Voir " + link)
    assert found(valid_repo) == []


def test_an_attachment_no_page_links_to_is_named_and_not_published(valid_repo: Path) -> None:
    """Beside entries, a file no page cites (nor a draft) is an E004 with its path and stays out of the site;
    one cited by a raw HTML image is published; a file of `content/` outside a collection is the site's own."""
    write(valid_repo, "fiches/methodes/orpheline.png", b"png")
    write(valid_repo, "fiches/citee.png", b"png")
    write(valid_repo, "content/plan.pdf", b"%PDF")
    add(valid_repo, FICHE, '<img alt="" src="../citee.png">')
    result = check(valid_repo)
    (issue,) = result.issues
    assert (issue.code, issue.path, issue.line, issue.col) == ("E004", "fiches/methodes/orpheline.png", 1, 1)
    assert "qu'aucune page ne cite" in issue.message and "![description](orpheline.png)" in issue.message
    assert sorted(asset.src_uri for asset in result.assets) == ["fiches/citee.png", "plan.pdf"]
