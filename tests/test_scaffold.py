"""`mesbox new`: a file that fails until its placeholders are filled, then passes; never overwrites."""

import datetime
from pathlib import Path

import frontmatter
import pytest

from mesbox.checker import check
from mesbox.scaffold import PLACEHOLDER, ScaffoldError, new_entry
from mesbox.structure import COLLECTIONS

FILL = {
    "fiches": [(f"kind: {PLACEHOLDER}", "kind: methode")],
    "monographies": [(f'initiative: "{PLACEHOLDER} : l\'initiative phare étudiée"', "initiative: Une initiative"),
                     ("territories: [a-completer]", "territories: [colombelles]"), ("actors: [a-completer]", "actors: [ardes]")],
    "recits": [("territories: [a-completer]", "territories: [colombelles]")],
    "grilles": [("  - id: a-completer", "  - id: une-dimension"), (f'    title: "{PLACEHOLDER} : le nom de la dimension"', "    title: Une dimension"),
                (f'      - "{PLACEHOLDER} : une question ouverte ?"', "      - Une question ?")],
}


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_new_entry_fails_until_filled_then_passes(repo: Path, collection: str) -> None:
    path = new_entry(repo, collection, "Économie : l'essentiel", today=datetime.date(2026, 11, 22))
    assert path.name == "economie-l-essentiel.md"
    assert path.parent == repo / COLLECTIONS[collection].folder
    issues = check(repo).issues
    assert issues and all(i.path.endswith("economie-l-essentiel.md") for i in issues)
    assert "E101" in {i.code for i in issues}
    text = path.read_text(encoding="utf-8")
    text = text.replace(f'"{PLACEHOLDER} : une ou deux phrases (20 à 300 caractères) qui disent de quoi parle la page."', "Une vraie description de la nouvelle entrée.")
    text = text.replace("themes: [a-completer]", "themes: [emploi]").replace(f"{PLACEHOLDER} : le texte de la page, en Markdown.", "Le texte.")
    for old, new in FILL[collection]:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    assert check(repo).issues == []


def test_written_file_is_read_alike_by_an_independent_parser(repo: Path) -> None:
    path = new_entry(repo, "fiches", 'Un titre "cité" : avec deux-points', today=datetime.date(2026, 11, 22))
    post = frontmatter.load(path)
    assert post["title"] == 'Un titre "cité" : avec deux-points'
    assert str(post["date"]) == "2026-11-22"


def test_refuses_to_overwrite_or_reuse_an_id(repo: Path) -> None:
    with pytest.raises(ScaffoldError, match="déjà pris"):
        new_entry(repo, "monographies", "Séminaire")
    new_entry(repo, "fiches", "Nouvelle fiche")
    with pytest.raises(ScaffoldError):
        new_entry(repo, "fiches", "Nouvelle fiche")


@pytest.mark.parametrize(("collection", "title"), [("blog", "Titre"), ("fiches", "ab"), ("fiches", "!!!")])
def test_refuses_bad_input(repo: Path, collection: str, title: str) -> None:
    with pytest.raises(ScaffoldError):
        new_entry(repo, collection, title)
