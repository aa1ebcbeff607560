"""`mesbox new` (`new_entry`): a file that fails the check until its placeholders are filled, then passes; never overwrites."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import frontmatter
import pytest
from conftest import ENTRY, write

from mesbox.checking.checker import check
from mesbox.cli.scaffold import ScaffoldError, new_entry
from mesbox.reading.documents import COLLECTIONS
from mesbox.reading.placeholders import PLACEHOLDER

TODAY = datetime.date(2026, 11, 22)

# What a contributor writes in place of each placeholder, by key.
VALUES = {
    "description": "Une vraie description de la nouvelle entrée.",
    "initiative": "Une initiative locale",
    "title": "Une dimension",
    "instruction": "Lire la fiche et en discuter",
}
IDS = {"entry": "initiative-solidaire", "themes": "[emploi]", "territories": "[colombelles]", "actors": "[ardes]", "id": "une-dimension"}
_KEYED = re.compile(r"^(\s*(?:- )?)([a-z_]+):\s*(.*)$")


def fill(text: str) -> str:
    """Replace every placeholder and `a-completer` id the way a contributor would."""
    lines = []
    for line in text.split("\n"):
        keyed = _KEYED.match(line)
        if line.startswith("#"):
            pass
        elif keyed and (PLACEHOLDER in line or "a-completer" in line):
            indent, key, _ = keyed.groups()
            line = f"{indent}{key}: {VALUES.get(key) or IDS[key]}"
        elif line.startswith("  - ") and PLACEHOLDER in line and "votre nom" in line:
            line = "  - Marie Le Gall"
        elif PLACEHOLDER in line and line.lstrip().startswith("- "):
            line = line[: line.index("- ") + 2] + "Une question ouverte ?"
        elif PLACEHOLDER in line:
            line = "Le texte de la page."
        lines.append(line)
    return "\n".join(lines)


# `mesbox new fiches` needs a kind; the fiche goes to that kind's folder.
KINDS = {"fiches": ("methode", "methodes/")}


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_new_entry_fails_until_filled_then_passes(valid_repo: Path, collection: str) -> None:
    """Every placeholder is an E101 at its own line; filled in, the entry is valid and published."""
    kind, sub = KINDS.get(collection, (None, ""))
    path = new_entry(valid_repo, collection, "Économie : l'essentiel", today=TODAY, kind=kind)
    rel = path.relative_to(valid_repo).as_posix()
    assert rel == f"{COLLECTIONS[collection].folder}/{sub}economie-l-essentiel.md"
    text = path.read_text(encoding="utf-8")
    placeholder_lines = [
        n for n, line in enumerate(text.split("\n"), start=1) if (PLACEHOLDER in line or "a-completer" in line) and not line.startswith("#")
    ]
    assert len(placeholder_lines) >= 3  # at least the description, the themes and the body
    issues = check(valid_repo).issues
    assert {i.path for i in issues} == {rel}
    # One E101 per placeholder, and nothing else: a placeholder is not also a wrong value.
    assert [(i.code, i.line) for i in issues] == [("E101", n) for n in placeholder_lines], [str(i) for i in issues]

    path.write_text(fill(text), encoding="utf-8")
    result = check(valid_repo)
    assert result.issues == [], [str(i) for i in result.issues]
    entry = result.catalogue.entries["economie-l-essentiel"]
    assert (entry.collection.id, entry.title, entry.meta.date) == (collection, "Économie : l'essentiel", TODAY)


def test_id_comes_from_the_title_and_folder_from_the_collection(valid_repo: Path) -> None:
    path = new_entry(valid_repo, "recits", "  Cœur de ville à Caen  ", today=TODAY)
    assert path == valid_repo / "content" / "recits" / "coeur-de-ville-a-caen.md"
    assert frontmatter.load(path)["title"] == "Cœur de ville à Caen"


@pytest.mark.parametrize(
    "title",
    [
        'Un titre "cité" : avec deux-points',
        "L'été à Caen",
        "# pas un commentaire",
        "- pas une liste",
        "[pas] {une} liste",
        "Barre \\ oblique",
        "50 % & *étoile* !important",
        "yes",
        "2026-01-01 à Caen",
    ],
)
def test_written_file_reads_alike_with_an_independent_parser(valid_repo: Path, title: str) -> None:
    """python-frontmatter (PyYAML) reads the same title and date: the file is plain, portable YAML."""
    path = new_entry(valid_repo, "fiches", title, today=TODAY, kind="outil")
    post = frontmatter.load(path)
    assert post["title"] == title
    assert post["date"] == TODAY
    assert PLACEHOLDER in post.content


@pytest.mark.parametrize("title", ["Première ligne\n---\nseconde ligne", "Titre avec\tune cloche \x07"])
def test_titles_with_line_breaks_or_control_characters_are_refused(valid_repo: Path, title: str) -> None:
    """A title holds on one line: a line break could close the front-matter early, a control character
    would be refused by the check anyway. Nothing is written."""
    before = sorted(p.relative_to(valid_repo) for p in valid_repo.rglob("*"))
    with pytest.raises(ScaffoldError, match="une seule ligne"):
        new_entry(valid_repo, "fiches", title, today=TODAY, kind="outil")
    assert sorted(p.relative_to(valid_repo) for p in valid_repo.rglob("*")) == before


def test_refuses_to_overwrite(valid_repo: Path) -> None:
    """A second `new` with the same title leaves the first file untouched."""
    path = new_entry(valid_repo, "fiches", "Nouvelle fiche", today=TODAY, kind="outil")
    path.write_text(ENTRY, encoding="utf-8")
    with pytest.raises(ScaffoldError, match="déjà pris"):
        new_entry(valid_repo, "fiches", "Nouvelle fiche", kind="projet")
    assert path.read_text(encoding="utf-8") == ENTRY


def test_refuses_an_id_taken_in_another_collection_or_sub_folder(valid_repo: Path) -> None:
    """Ids are unique across collections: `Initiative solidaire` is taken by a fiche, `Organiser une visite` by a sub-folder file."""
    before = sorted(valid_repo.rglob("*.md"))
    with pytest.raises(ScaffoldError, match="fiches/initiative-solidaire.md"):
        new_entry(valid_repo, "monographies", "Initiative solidaire")
    with pytest.raises(ScaffoldError, match="fiches/methodes/organiser-une-visite.md"):
        new_entry(valid_repo, "recits", "Organiser une visite")
    write(valid_repo, "grids/autre/grille-b.md", ENTRY)
    with pytest.raises(ScaffoldError, match="grids/autre/grille-b.md"):
        new_entry(valid_repo, "fiches", "Grille B", kind="outil")
    assert sorted(valid_repo.rglob("*.md")) == sorted([*before, valid_repo / "grids/autre/grille-b.md"])


@pytest.mark.parametrize(
    ("collection", "title", "says"),
    [
        ("blog", "Un titre", "collection « blog » inconnue"),
        ("fiches", "ab", "de 3 à 150 caractères"),
        ("fiches", "   ab   ", "de 3 à 150 caractères"),
        ("fiches", "x" * 151, "de 3 à 150 caractères"),
        ("fiches", "!!! ???", "au moins une lettre ou un chiffre"),
    ],
)
def test_refuses_bad_collection_or_title(valid_repo: Path, collection: str, title: str, says: str) -> None:
    """Unknown collection, title outside 3–150 characters, or a title with nothing to make an id of: said, and nothing written
    (a fiche would go to its kind's sub-folder, so the whole repository is compared)."""
    before = sorted(valid_repo.rglob("*"))
    with pytest.raises(ScaffoldError, match=says):
        new_entry(valid_repo, collection, title, kind="outil")
    assert sorted(valid_repo.rglob("*")) == before


def test_long_title_gives_an_id_within_80_characters(valid_repo: Path) -> None:
    title = "Coopérations économiques territoriales " * 3
    path = new_entry(valid_repo, "fiches", title.strip(), today=TODAY, kind="thematique")
    assert len(path.stem) <= 80
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert check(valid_repo).issues == []


@pytest.mark.parametrize(
    ("kind", "folder"), [("thematique", "thematiques"), ("methode", "methodes"), ("outil", "outils"), ("projet", "projets")]
)
def test_a_fiche_goes_to_its_kind_folder_with_its_kind_written(valid_repo: Path, kind: str, folder: str) -> None:
    path = new_entry(valid_repo, "fiches", "La recyclerie de Morlaix", today=TODAY, kind=kind)
    assert path == valid_repo / "fiches" / folder / "la-recyclerie-de-morlaix.md"
    assert frontmatter.load(path)["kind"] == kind


@pytest.mark.parametrize(
    ("collection", "kind", "says"),
    [("fiches", None, "ajoutez --kind"), ("fiches", "fiche", "« fiche » inconnu"), ("recits", "outil", "ne sert qu'aux fiches")],
)
def test_kind_is_required_for_fiches_only(valid_repo: Path, collection: str, kind: str | None, says: str) -> None:
    before = sorted(valid_repo.rglob("*.md"))
    with pytest.raises(ScaffoldError, match=says):
        new_entry(valid_repo, collection, "La recyclerie de Morlaix", kind=kind)
    assert sorted(valid_repo.rglob("*.md")) == before


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_no_author_is_pre_filled_and_the_check_names_the_field(valid_repo: Path, collection: str) -> None:
    """A contributor who leaves `authors` alone gets an E101 naming « authors », never a page signed by someone else."""
    path = new_entry(valid_repo, collection, "La recyclerie de Morlaix", today=TODAY, kind=KINDS.get(collection, (None,))[0])
    authors = frontmatter.load(path)["authors"]
    assert isinstance(authors, list) and len(authors) == 1 and PLACEHOLDER in authors[0]
    rel = path.relative_to(valid_repo).as_posix()
    messages = [i.message for i in check(valid_repo).issues if i.path == rel and i.code == "E101"]
    assert any("dans « authors »" in m for m in messages), messages
    assert any("dans « description »" in m for m in messages), messages


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_template_names_each_field_once(valid_repo: Path, collection: str) -> None:
    """A required field is not also listed as optional (the récit template listed `territories` twice)."""
    path = new_entry(valid_repo, collection, "La recyclerie de Morlaix", today=TODAY, kind=KINDS.get(collection, (None,))[0])
    text = path.read_text(encoding="utf-8")
    required = set(frontmatter.load(path).keys())
    optional = " ".join(
        line
        for line in text.split("\n")
        if line.startswith("# Facultatif") or (line.startswith("# ") and "identifiants" in line and ":" not in line[:3])
    )
    for field in required:
        assert not re.search(rf"(?<![\w-]){field}(?![\w-])", optional.split("Facultatif", 1)[-1]), (field, optional)


def test_template_says_where_images_go(valid_repo: Path) -> None:
    text = new_entry(valid_repo, "recits", "La recyclerie de Morlaix", today=TODAY).read_text(encoding="utf-8")
    assert "Une image se pose dans le même dossier que ce fichier" in text
