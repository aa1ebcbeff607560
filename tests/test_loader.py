"""One pass over the repository: vocabularies, entries, candidates for cross checks, editorial pages."""

from pathlib import Path

from conftest import ENTRY, write

from mesbox.files import collection_files, editorial_files
from mesbox.loader import load
from mesbox.structure import COLLECTIONS


def test_loads_entries_terms_and_pages(repo: Path) -> None:
    loaded = load(repo)
    assert loaded.issues == []
    assert sorted(e.id for e in loaded.entries) == ["brouillon", "grille-test", "initiative-solidaire", "recit-colombelles", "seminaire", "visite-colombelles"]
    assert [t.id for t in loaded.terms["territories"]] == ["normandie", "calvados", "colombelles"]
    assert sorted(p.path for p in loaded.pages) == ["content/a-propos.md", "content/contribuer.md", "content/donnees.md", "content/index.md", "content/licences.md"]
    assert loaded.files == 4 + 6 + 5


def test_subfolders_do_not_change_the_id(repo: Path) -> None:
    entry = next(e for e in load(repo).entries if e.id == "seminaire")
    assert entry.path == "fiches/methodes/seminaire.md" and entry.url == "fiches/seminaire/"


def test_invalid_entry_is_still_a_candidate(repo: Path) -> None:
    write(repo, "fiches/casse.md", ENTRY.replace("kind: outil", "kind: autre\nrelated: [x]"))
    loaded = load(repo)
    assert "casse" not in {e.id for e in loaded.entries}
    candidate = next(c for c in loaded.candidates if c.id == "casse")
    assert candidate.refs("related") == ["x"]


def test_stories_are_not_editorial_pages(repo: Path) -> None:
    rels = [rel for _, rel in editorial_files(repo)]
    assert not any(rel.startswith("content/recits/") for rel in rels)
    assert [rel for _, rel in collection_files(repo, COLLECTIONS["recits"])] == ["content/recits/recit-colombelles.md"]


def test_placeholders_left_by_new_are_errors(repo: Path) -> None:
    write(repo, "fiches/a-remplir.md", ENTRY.replace("Corps.", "À COMPLÉTER : le texte."))
    issues = [(i.code, i.line) for i in load(repo).issues]
    assert ("E101", 9) in issues


def test_missing_taxonomy_file(repo: Path) -> None:
    (repo / "taxonomies" / "actors.yml").unlink()
    assert [(i.code, i.path) for i in load(repo).issues] == [("E301", "taxonomies/actors.yml")]
