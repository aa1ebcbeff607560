"""The catalogue's indexes: what the site and the exports read."""

from pathlib import Path

from conftest import ENTRY, write

from mesbox.checker import check


def test_drafts_are_kept_apart(repo: Path) -> None:
    catalogue = check(repo).catalogue
    assert "brouillon" in catalogue.drafts and "brouillon" not in catalogue.entries
    assert all("brouillon" not in [e.id for e in entries] for entries in catalogue.by_term["themes"].values())


def test_by_collection_and_fiche_order(repo: Path) -> None:
    write(repo, "fiches/deux-dix.md", ENTRY.replace("kind: outil", 'kind: outil\nnumber: "2.10"'))
    write(repo, "fiches/deux-neuf.md", ENTRY.replace("kind: outil", 'kind: outil\nnumber: "2.9"'))
    fiches = [e.id for e in check(repo).catalogue.by_collection["fiches"]]
    assert fiches[:3] == ["initiative-solidaire", "deux-neuf", "deux-dix"]
    assert fiches[3:] == ["seminaire"]


def test_french_title_order(repo: Path) -> None:
    for name, title in (("e1", "Emploi local"), ("e2", "Économie du territoire"), ("e3", "economie bis")):
        write(repo, f"content/recits/{name}.md", ENTRY.replace("Une fiche de test", title).replace("kind: outil", "format: texte\nterritories: [colombelles]"))
    titles = [e.title for e in check(repo).catalogue.by_collection["recits"]]
    assert titles.index("economie bis") < titles.index("Économie du territoire") < titles.index("Emploi local")


def test_territory_includes_descendants(repo: Path) -> None:
    catalogue = check(repo).catalogue
    ids = [e.id for e in catalogue.entries_for_term("territories", "normandie")]
    assert sorted(ids) == ["initiative-solidaire", "recit-colombelles", "visite-colombelles"]
    assert [e.id for e in catalogue.entries_for_term("territories", "calvados")] == ["recit-colombelles", "visite-colombelles"]
    assert [c.id for c in catalogue.terms["territories"]["calvados"].children] == ["colombelles"]


def test_cited_by_through_related_and_links(repo: Path) -> None:
    catalogue = check(repo).catalogue
    assert [e.id for e in catalogue.cited_by["initiative-solidaire"]] == ["visite-colombelles"]
    assert [e.id for e in catalogue.cited_by["seminaire"]] == ["initiative-solidaire"]
    assert [e.id for e in catalogue.cited_by["visite-colombelles"]] == ["recit-colombelles"]


def test_see_also_related_first_then_shared_terms_at_most_six(repo: Path) -> None:
    for n in range(8):
        write(repo, f"fiches/voisine-{n}.md", ENTRY.replace("themes: [emploi]", "themes: [emploi, economie-solidaire]\nmethods: [visite-apprenante]"))
    catalogue = check(repo).catalogue
    see_also = [e.id for e in catalogue.see_also(catalogue.entries["visite-colombelles"])]
    assert see_also[0] == "initiative-solidaire"
    assert len(see_also) == 6 and "visite-colombelles" not in see_also
    assert set(see_also[1:]) <= {f"voisine-{n}" for n in range(8)}


def test_monographs_by_grid(repo: Path) -> None:
    assert [e.id for e in check(repo).catalogue.monographs_by_grid["grille-test"]] == ["visite-colombelles"]


def test_unused_term_has_an_empty_index(repo: Path) -> None:
    assert check(repo).catalogue.by_term["themes"]["culture"] == []


def test_first_entry_of_a_duplicated_id_wins(repo: Path) -> None:
    write(repo, "monographies/seminaire.md", ENTRY)
    catalogue = check(repo).catalogue
    assert catalogue.entries["seminaire"].path == "fiches/methodes/seminaire.md"
