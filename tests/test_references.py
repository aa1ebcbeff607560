"""Cross-entry rules: they run after everything is loaded and see invalid files too."""

from pathlib import Path

from conftest import ENTRY, found, replace, write


def test_references_of_an_invalid_file_are_checked_too(repo: Path) -> None:
    write(repo, "fiches/casse.md", ENTRY.replace("kind: outil", "kind: autre\nrelated: [introuvable]").replace("themes: [emploi]", "themes: [emplo]"))
    codes = {code for code, path, _ in found(repo) if path == "fiches/casse.md"}
    assert codes == {"E102", "E104", "E105"}


def test_a_draft_may_link_a_draft_and_a_published_entry(repo: Path) -> None:
    write(repo, "fiches/brouillon-2.md", ENTRY.replace("kind: outil", "kind: outil\ndraft: true\nrelated: [brouillon, seminaire]"))
    assert found(repo) == []


def test_grid_reference_must_be_a_grid(repo: Path) -> None:
    replace(repo, "monographies/visite-colombelles.md", "grid: grille-test", "grid: seminaire")
    assert ("E105", "monographies/visite-colombelles.md", 11) in found(repo)


def test_adapted_from_must_be_a_grid(repo: Path) -> None:
    replace(repo, "grids/grille-test.md", "date: 2026-01-10", "date: 2026-01-10\nadapted_from: grille-inconnue")
    assert ("E105", "grids/grille-test.md", 6) in found(repo)


def test_editorial_page_links_are_checked(repo: Path) -> None:
    write(repo, "content/a-propos.md", "# À propos\n\nVoir [[brouillon]] et [[seminaire]].\n")
    assert found(repo) == [("E105", "content/a-propos.md", 3)]


def test_actor_region_must_be_a_region(repo: Path) -> None:
    replace(repo, "taxonomies/actors.yml", "region: normandie", "region: calvados")
    assert found(repo) == [("E301", "taxonomies/actors.yml", 7)]


def test_unknown_method_message_agrees_in_gender(repo: Path) -> None:
    from mesbox.checker import check

    replace(repo, "fiches/methodes/seminaire.md", "methods: [seminaire-reflexif]", "methods: [seminaire-reflexf]")
    [issue] = check(repo).issues
    assert issue.message.startswith("méthode inconnue « seminaire-reflexf » — vouliez-vous dire « seminaire-reflexif » ?")
