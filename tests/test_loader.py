"""`load`: one pass over taxonomies, the four collections and the editorial pages; what is valid, what is a candidate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import ENTRY, FICHE, HOME, METHOD, STORY, TERRITORIES, THEMES, line_of, replace, write

from mesbox.reading.loader import load
from mesbox.reading.placeholders import PLACEHOLDER


def places(root: Path) -> list[tuple[str, str, int, int]]:
    return [(i.code, i.path, i.line, i.col) for i in load(root).issues]


def test_valid_repository_loads_everything_once(valid_repo: Path) -> None:
    """Seven entries (draft included), every term in file order, five editorial pages, 16 files, no issue."""
    loaded = load(valid_repo)
    assert loaded.issues == []
    assert loaded.files == 4 + 7 + 5
    assert sorted(e.id for e in loaded.entries) == [
        "brouillon",
        "grille-commune",
        "initiative-solidaire",
        "organiser-une-visite",
        "preparer-une-visite",
        "recit-plateau",
        "visite-colombelles",
    ]
    assert [c.id for c in loaded.candidates] == [e.id for e in loaded.entries]
    assert [t.id for t in loaded.terms["territories"]] == ["normandie", "calvados", "colombelles", "caen", "plateau"]
    assert [t.line for t in loaded.terms["territories"]] == [
        line_of(valid_repo, TERRITORIES, f"id: {t}") for t in ("normandie", "calvados", "colombelles", "caen", "plateau")
    ]
    assert [(p.path, [link.target for link in p.links]) for p in loaded.pages] == [
        ("content/a-propos.md", []),
        ("content/contribuer.md", []),
        ("content/donnees.md", []),
        (HOME, ["initiative-solidaire"]),
        ("content/licences.md", []),
    ]


def test_entries_know_collection_body_line_and_links(valid_repo: Path) -> None:
    """Sub-folders do not change the id; the story folder is a collection, not an editorial page."""
    entries = {e.id: e for e in load(valid_repo).entries}
    method = entries["organiser-une-visite"]
    assert (method.collection.id, method.path) == ("fiches", METHOD)
    assert entries["recit-plateau"].collection.id == "recits"
    fiche = entries["initiative-solidaire"]
    assert fiche.body_line == 17  # the line after the closing `---` (line 16)
    assert [(link.target, link.text, link.line) for link in fiche.links] == [
        ("organiser-une-visite", "organiser une visite", line_of(valid_repo, FICHE, "[[organiser-une-visite"))
    ]
    assert entries["brouillon"].draft is True


def test_invalid_entry_is_a_candidate_but_not_an_entry(valid_repo: Path) -> None:
    """Cross-entry rules still look at a file whose fields are wrong, so every error shows in one run."""
    write(valid_repo, "fiches/casse.md", ENTRY.replace("kind: outil", "kind: autre\nrelated: [x]"))
    loaded = load(valid_repo)
    assert "casse" in [c.id for c in loaded.candidates]
    assert "casse" not in [e.id for e in loaded.entries]
    assert ("E102", "fiches/casse.md", 6, 7) in places(valid_repo)


def test_bad_file_name_is_e106_and_still_validated(valid_repo: Path) -> None:
    """`Économie Solidaire.md`: E106 proposing the slug, and its fields are still checked."""
    write(valid_repo, "fiches/Économie Solidaire.md", ENTRY.replace("kind: outil", "kind: autre"))
    loaded = load(valid_repo)
    found = [(i.code, i.path, i.line) for i in loaded.issues]
    assert ("E106", "fiches/Économie Solidaire.md", 1) in found
    assert ("E102", "fiches/Économie Solidaire.md", 6) in found
    assert "« economie-solidaire.md »" in next(i.message for i in loaded.issues if i.code == "E106")
    assert "Économie Solidaire" not in [c.id for c in loaded.candidates]


def test_file_name_with_a_newline_is_refused(valid_repo: Path) -> None:
    """A file named `abc\\n.md` would publish an id with a line break in its URL: E106."""
    write(valid_repo, "fiches/abc\n.md", ENTRY)
    loaded = load(valid_repo)
    assert "E106" in [i.code for i in loaded.issues]
    assert "abc\n" not in [e.id for e in loaded.entries]


def test_front_matter_that_is_not_a_mapping_is_e002(valid_repo: Path) -> None:
    write(valid_repo, "fiches/liste.md", "---\n- a\n- b\n---\nCorps\n")
    write(valid_repo, "fiches/texte.md", "---\nseulement du texte\n---\nCorps\n")
    found = places(valid_repo)
    assert ("E002", "fiches/liste.md", 2, 1) in found
    assert ("E002", "fiches/texte.md", 2, 1) in found


def test_empty_front_matter_reports_each_missing_field(valid_repo: Path) -> None:
    """`---` then `---`: every required field of a fiche is named (title, description, authors, date, themes, kind)."""
    write(valid_repo, "fiches/vide.md", "---\n---\n")
    missing = [i.message for i in load(valid_repo).issues if i.path == "fiches/vide.md"]
    assert len(missing) == 6
    for field in ("title", "description", "authors", "date", "themes", "kind"):
        assert any(f"« {field} »" in m for m in missing), field


def test_placeholders_left_by_mesbox_new_are_e101_where_they_are(valid_repo: Path) -> None:
    """Both in the front-matter and in the body, at their column."""
    text = ENTRY.replace("Une description", f"{PLACEHOLDER} une description").replace("Corps.", f"Texte : {PLACEHOLDER}.")
    write(valid_repo, "fiches/a-remplir.md", text)
    found = [p for p in places(valid_repo) if p[1] == "fiches/a-remplir.md"]
    assert found == [("E101", "fiches/a-remplir.md", 3, 14), ("E101", "fiches/a-remplir.md", 9, 9)]


def test_missing_taxonomy_file_is_e301(valid_repo: Path) -> None:
    (valid_repo / THEMES).unlink()
    assert ("E301", THEMES, 1, 1) in places(valid_repo)
    assert load(valid_repo).terms["themes"] == []


def test_taxonomy_yaml_problems_are_reported_as_e301(valid_repo: Path) -> None:
    """Syntax errors, anchors and tags in a vocabulary are all E301 (contract table)."""
    write(valid_repo, THEMES, "- id: emploi\n  label: &l Emploi\n- id: cooperation\n  label: !x Coopération\n")
    assert places(valid_repo)[:2] == [("E301", THEMES, 2, 10), ("E301", THEMES, 4, 10)]
    write(valid_repo, THEMES, "- id: [emploi\n")
    assert [p[0] for p in places(valid_repo) if p[1] == THEMES] == ["E301"]


def test_taxonomy_items_must_be_mappings(valid_repo: Path) -> None:
    write(valid_repo, THEMES, "- id: emploi\n  label: Emploi\n- cooperation\n")
    assert places(valid_repo) == [("E301", THEMES, 3, 3)]
    assert [t.id for t in load(valid_repo).terms["themes"]] == ["emploi"]


def test_duplicate_term_names_the_first_line(valid_repo: Path) -> None:
    """E107 on the second `id:`, saying where the first one is; the first is kept."""
    replace(valid_repo, THEMES, "- id: cooperation", "- id: emploi")
    loaded = load(valid_repo)
    issue = next(i for i in loaded.issues if i.code == "E107")
    assert (issue.path, issue.line, issue.col) == (THEMES, line_of(valid_repo, THEMES, "label: Coopération") - 1, 7)
    assert f"ligne {line_of(valid_repo, THEMES, 'id: emploi')}" in issue.message
    assert [t.id for t in loaded.terms["themes"]] == ["economie-solidaire", "emploi", "culture"]


def test_editorial_pages_are_scanned_for_links_and_unsafe_html(valid_repo: Path) -> None:
    """`content/*.md` pages are not entries, but their bodies obey the same rules, at file lines."""
    write(valid_repo, "content/a-propos.md", "---\ntitle: À propos\n---\n\nTexte <script>x</script> et [[a-propos-lien]].\n")
    loaded = load(valid_repo)
    assert [(i.code, i.path, i.line, i.col) for i in loaded.issues] == [("E201", "content/a-propos.md", 5, 7)]
    page = next(p for p in loaded.pages if p.path == "content/a-propos.md")
    assert [(link.target, link.line) for link in page.links] == [("a-propos-lien", 5)]
    assert "content/recits/recit-plateau.md" not in [p.path for p in loaded.pages]


def test_hidden_files_and_other_extensions_are_ignored(valid_repo: Path) -> None:
    """Editor backups and notes do not become entries."""
    write(valid_repo, "fiches/.brouillon.md", "pas un en-tête")
    write(valid_repo, "fiches/notes.txt", "pas un en-tête")
    write(valid_repo, "fiches/.cache/x.md", "pas un en-tête")
    assert load(valid_repo).issues == []


def test_crlf_and_bom_entries_load_with_the_same_positions(valid_repo: Path) -> None:
    """An entry saved with BOM and CRLF gives the same lines and columns as its LF twin."""
    text = (valid_repo / STORY).read_text(encoding="utf-8").replace("themes: [emploi]", "themes: [emploi, emploi]")
    write(valid_repo, STORY, text)
    lf = places(valid_repo)
    write(valid_repo, STORY, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert places(valid_repo) == lf == [("E102", STORY, 7, 18)]


def test_a_memo_gives_the_same_load_and_parses_only_changed_files(valid_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mesbox.reading import loader

    parsed: list[str] = []
    real = loader.load_entry

    def counted(path: str, rel: str, *args: Any) -> None:
        parsed.append(rel)
        real(path, rel, *args)

    memo = loader.EntryMemo()
    monkeypatch.setattr(loader, "load_entry", counted)
    assert summary(load(valid_repo, memo=memo)) == summary(load(valid_repo))
    parsed.clear()
    assert summary(load(valid_repo, memo=memo)) == summary(load(valid_repo))
    assert len(parsed) == 7 and len(set(parsed)) == 7, (
        "the memo parsed an unchanged file again"
    )  # only the plain loads parsed (every entry, the path too)

    parsed.clear()
    replace(valid_repo, FICHE, "title: ", "title: Nouveau ")
    (valid_repo / METHOD).rename(valid_repo / "fiches/methodes/visite-organisee.md")
    write(valid_repo, "fiches/cassee.md", "---\ntitle: [\n---\n")
    with_memo = summary(load(valid_repo, memo=memo))
    memo_parsed = list(parsed)
    assert with_memo == summary(load(valid_repo))
    assert sorted(memo_parsed) == ["fiches/cassee.md", FICHE, "fiches/methodes/visite-organisee.md"]
    assert "E" in "".join(code for code, *_ in with_memo[2])  # the broken file's issue is there
    assert sorted(key[0] for key in memo.store) == sorted(with_memo[3])  # the renamed file's old key is gone


def summary(loaded: Any) -> tuple[list[str], list[str], list[tuple[str, str, int, int]], list[str]]:
    """What a load found, comparable from one load to another."""
    return (
        [repr(e) for e in loaded.entries],
        [c.id for c in loaded.candidates],
        [(i.code, i.path, i.line, i.col) for i in loaded.issues],
        [c.path for c in loaded.candidates],
    )


def test_refused_characters_never_reach_a_page(valid_repo: Path) -> None:
    """Second layer behind E102/E301: an entry whose front-matter holds one is a candidate (links to it are judged)
    but never a page; a term keeps its place (entries cite it) with U+FFFD in its label and description."""
    replace(valid_repo, FICHE, "title: Qu'est-ce", "title: \"\\u202eQu'est-ce")
    replace(valid_repo, FICHE, "solidaire ?\n", 'solidaire ?"\n')
    replace(valid_repo, THEMES, "  label: Emploi", "  label: Emploi\u2066")
    loaded = load(valid_repo)
    assert ("E102", FICHE) in [(i.code, i.path) for i in loaded.issues] and ("E301", THEMES) in [(i.code, i.path) for i in loaded.issues]
    assert "initiative-solidaire" in [c.id for c in loaded.candidates]
    assert "initiative-solidaire" not in [e.id for e in loaded.entries]
    assert [t.term.label for t in loaded.terms["themes"] if t.id == "emploi"] == ["Emploi\ufffd"]
