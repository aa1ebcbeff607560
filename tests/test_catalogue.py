"""The catalogue's indexes (docs/contrat.md §6): listings in French and number order, term pages, "Voir aussi", "Cité par", no drafts."""

from __future__ import annotations

from pathlib import Path

from conftest import ENTRY, catalogue_of, replace, write

from mesbox.catalogue.catalogue import SEE_ALSO_LIMIT
from mesbox.checking.checker import check


def ids(entries: list) -> list[str]:  # type: ignore[type-arg]
    return [e.id for e in entries]


def story(title: str, extra: str = "") -> str:
    return ENTRY.replace("Une fiche de test", title).replace("kind: outil", "format: texte\nterritories: [caen]" + extra)


def test_published_entries_and_drafts_are_kept_apart(valid_repo: Path) -> None:
    cat = catalogue_of(valid_repo)
    assert sorted(cat.entries) == [
        "grille-commune",
        "initiative-solidaire",
        "organiser-une-visite",
        "preparer-une-visite",
        "recit-plateau",
        "visite-colombelles",
    ]
    assert list(cat.drafts) == ["brouillon"]
    assert cat.resolve("brouillon") is None
    assert cat.resolve("recit-plateau").url == "recits/recit-plateau/"  # type: ignore[union-attr]


def test_by_collection_in_listing_order(valid_repo: Path) -> None:
    cat = catalogue_of(valid_repo)
    assert {c: ids(e) for c, e in cat.by_collection.items()} == {
        "fiches": ["initiative-solidaire", "organiser-une-visite"],
        "monographies": ["visite-colombelles"],
        "recits": ["recit-plateau"],
        "grilles": ["grille-commune"],
        "parcours": ["preparer-une-visite"],
    }
    assert [(heading, ids(group)) for heading, group in cat.grouped("fiches")] == [
        ("Fiches thématiques", ["initiative-solidaire"]),
        ("Fiches méthode", ["organiser-une-visite"]),
    ]
    assert cat.grouped("monographies") == []


def test_by_term_lists_each_term_even_unused(valid_repo: Path) -> None:
    """Every term has an index, possibly empty (its page invites a contribution); only the term itself here.
    Culture is carried by the draft alone: its index is empty too."""
    cat = catalogue_of(valid_repo)
    assert ids(cat.by_term["themes"]["cooperation"]) == [
        "initiative-solidaire",
        "organiser-une-visite",
        "preparer-une-visite",
        "visite-colombelles",
    ]
    assert ids(cat.by_term["themes"]["culture"]) == []
    assert ids(cat.by_term["themes"]["emploi"]) == ["recit-plateau", "visite-colombelles"]
    assert ids(cat.by_term["methods"]["seminaire-reflexif"]) == []
    assert ids(cat.by_term["territories"]["normandie"]) == ["initiative-solidaire"]
    assert ids(cat.by_term["actors"]["ardes"]) == ["visite-colombelles"]
    assert set(cat.by_term["territories"]) == {"normandie", "calvados", "colombelles", "caen", "plateau"}


def test_territory_page_includes_descendants(valid_repo: Path) -> None:
    """Normandie lists the entries of Colombelles and of its quartier, once each, in listing order."""
    cat = catalogue_of(valid_repo)
    assert ids(cat.entries_for_term("territories", "normandie")) == ["initiative-solidaire", "recit-plateau", "visite-colombelles"]
    assert ids(cat.entries_for_term("territories", "calvados")) == ["recit-plateau", "visite-colombelles"]
    assert ids(cat.entries_for_term("territories", "colombelles")) == ["recit-plateau", "visite-colombelles"]
    assert ids(cat.entries_for_term("territories", "plateau")) == ["recit-plateau"]
    assert ids(cat.entries_for_term("territories", "caen")) == []
    assert ids(cat.entries_for_term("themes", "emploi")) == ["recit-plateau", "visite-colombelles"]
    assert sorted(t.id for t in cat.terms["territories"]["calvados"].children) == ["caen", "colombelles"]


def test_entry_on_parent_and_child_is_listed_once(valid_repo: Path) -> None:
    replace(valid_repo, "content/recits/recit-plateau.md", "territories: [plateau]", "territories: [plateau, colombelles, normandie]")
    assert ids(catalogue_of(valid_repo).entries_for_term("territories", "normandie")) == [
        "initiative-solidaire",
        "recit-plateau",
        "visite-colombelles",
    ]


def test_drafts_are_in_no_index(valid_repo: Path) -> None:
    """The draft carries emploi, culture and colombelles and cites initiative-solidaire: none of it shows."""
    cat = catalogue_of(valid_repo)
    everywhere = [*cat.by_collection.values(), *(e for t in cat.by_term.values() for e in t.values()), *cat.cited_by.values()]
    everywhere += [cat.see_also(e) for e in cat.entries.values()]
    everywhere += [cat.entries_for_term("territories", t) for t in cat.terms["territories"]]
    assert all("brouillon" not in ids(listing) for listing in everywhere)
    assert "brouillon" not in cat.cited_by
    assert "brouillon" not in cat.rank


def test_cited_by_follows_related_and_wiki_links_of_published_entries(valid_repo: Path) -> None:
    """The home page and the draft also link to initiative-solidaire but are not entries of the site's "Cité par"."""
    cat = catalogue_of(valid_repo)
    assert {k: sorted(ids(v)) for k, v in cat.cited_by.items()} == {
        "initiative-solidaire": ["organiser-une-visite", "visite-colombelles"],
        "organiser-une-visite": ["initiative-solidaire"],
        "grille-commune": ["organiser-une-visite"],
        "visite-colombelles": ["recit-plateau"],
    }
    assert ids(cat.references(cat.entries["organiser-une-visite"])) == ["initiative-solidaire", "grille-commune"]


def test_citing_twice_counts_once(valid_repo: Path) -> None:
    replace(
        valid_repo, "content/recits/recit-plateau.md", "[[visite-colombelles]].", "[[visite-colombelles]] et [[visite-colombelles|encore]]."
    )
    replace(valid_repo, "content/recits/recit-plateau.md", "themes: [emploi]", "themes: [emploi]\nrelated: [visite-colombelles]")
    assert ids(catalogue_of(valid_repo).cited_by["visite-colombelles"]) == ["recit-plateau"]


def test_monographs_by_grid(valid_repo: Path) -> None:
    assert {k: ids(v) for k, v in catalogue_of(valid_repo).monographs_by_grid.items()} == {"grille-commune": ["visite-colombelles"]}


def test_see_also_related_then_shared_terms(valid_repo: Path) -> None:
    """visite-colombelles: its related entry, then organiser-une-visite (method + theme), then the path
    (one theme); recit-plateau shares a theme but cites it, so "Cité par" lists it and "Voir aussi" does not repeat it."""
    cat = catalogue_of(valid_repo)
    assert ids(cat.see_also(cat.entries["visite-colombelles"])) == ["initiative-solidaire", "organiser-une-visite", "preparer-une-visite"]
    assert ids(cat.cited_by["visite-colombelles"]) == ["recit-plateau"]


def test_see_also_leaves_out_entries_that_cite_the_page_even_related_ones(valid_repo: Path) -> None:
    """initiative-solidaire is cited by organiser-une-visite and visite-colombelles and is a step of the path:
    none is in its "Voir aussi" (the path has its own section), even when initiative-solidaire names one of them
    in `related`; an entry that shares a term and does not cite it stays."""
    replace(
        valid_repo,
        "fiches/initiative-solidaire.md",
        "audiences: [elus, citoyens]",
        "audiences: [elus, citoyens]\nrelated: [visite-colombelles]",
    )
    write(valid_repo, "content/recits/voisin.md", story("Voisin").replace("themes: [emploi]", "themes: [cooperation]"))
    cat = catalogue_of(valid_repo)
    assert ids(cat.see_also(cat.entries["initiative-solidaire"])) == ["voisin"]


def test_by_audience_lists_every_audience(valid_repo: Path) -> None:
    """Each audience of the contract has its list, empty or not, fiches and paths alike; drafts are not in it."""
    by_audience = catalogue_of(valid_repo).by_audience
    assert set(by_audience) == {"accompagnateurs", "elus", "techniciens", "acteurs-ess", "citoyens", "chercheurs"}
    assert ids(by_audience["elus"]) == ["initiative-solidaire"]
    assert ids(by_audience["citoyens"]) == ["initiative-solidaire", "preparer-une-visite"]
    assert by_audience["chercheurs"] == []


def test_see_also_ranks_by_shared_terms_and_stops_at_six(valid_repo: Path) -> None:
    """related first (even if it shares nothing), then most shared terms, ties in listing order, at most 6."""
    target = story("Cible", "\nmethods: [seminaire-reflexif]\nrelated: [grille-commune]").replace(
        "themes: [emploi]", "themes: [emploi, cooperation]"
    )
    write(valid_repo, "content/recits/cible.md", target)
    write(
        valid_repo,
        "content/recits/quatre.md",
        story("Zz quatre termes", "\nmethods: [seminaire-reflexif]").replace("themes: [emploi]", "themes: [emploi, cooperation]"),
    )
    write(valid_repo, "content/recits/deux.md", story("Zy deux termes"))
    for letter in "abcdefg":
        write(valid_repo, f"fiches/un-{letter}.md", ENTRY.replace("Une fiche de test", f"Un terme {letter}"))
    cat = catalogue_of(valid_repo)
    shown = ids(cat.see_also(cat.entries["cible"]))
    assert len(shown) == SEE_ALSO_LIMIT == 6
    # related; 4 shared (emploi, cooperation, seminaire-reflexif, caen); 2 shared, tie in listing order
    # (« Visite apprenante… » before « Zy deux… »); then 1 shared, in listing order (numbered fiches first).
    assert shown == ["grille-commune", "quatre", "visite-colombelles", "deux", "initiative-solidaire", "organiser-une-visite"]
    assert "cible" not in shown


def test_french_order_ignores_accents_and_case(valid_repo: Path) -> None:
    """« Économie » sorts with « economie », before « Emploi » (docs/contrat.md §6), for entries and for terms."""
    for name, title in [("a", "Emploi local"), ("b", "Économie du lien"), ("c", "economie circulaire"), ("d", "Zèbre"), ("e", "Élan")]:
        write(valid_repo, f"content/recits/{name}.md", story(title))
    cat = catalogue_of(valid_repo)
    assert [e.title for e in cat.by_collection["recits"]] == [
        "economie circulaire",
        "Économie du lien",
        "Élan",
        "Emploi local",
        "Récit du Plateau",
        "Zèbre",
    ]
    assert [t.label for t in cat.terms["themes"].values()] == ["Coopération", "Culture", "Économie solidaire", "Emploi"]


def test_fiches_in_number_order_then_title(valid_repo: Path) -> None:
    """2.9 before 2.10 (numbers, not text), sub-numbers after their parent, unnumbered fiches last by title."""
    for number in ["2.10", "10.1", "2.9", "2.9.1"]:
        write(valid_repo, f"fiches/n-{number.replace('.', '-')}.md", ENTRY.replace("kind: outil", f'kind: outil\nnumber: "{number}"'))
    write(valid_repo, "fiches/sans-b.md", ENTRY.replace("Une fiche de test", "Économie sans numéro"))
    write(valid_repo, "fiches/sans-a.md", ENTRY.replace("Une fiche de test", "Atelier sans numéro"))
    assert ids(catalogue_of(valid_repo).by_collection["fiches"]) == [
        "initiative-solidaire",
        "n-2-9",
        "n-2-9-1",
        "n-2-10",
        "organiser-une-visite",
        "n-10-1",
        "sans-a",
        "sans-b",
    ]


def test_first_file_of_an_id_wins(valid_repo: Path) -> None:
    """With a duplicate id (an E107), the catalogue keeps the first file rather than mixing the two."""
    write(valid_repo, "monographies/initiative-solidaire.md", ENTRY.replace("Une fiche de test", "Doublon"))
    entries = check(valid_repo).catalogue.entries
    assert entries["initiative-solidaire"].title == "Qu'est-ce qu'une initiative solidaire ?"


def test_unknown_territory_has_no_entries(valid_repo: Path) -> None:
    assert check(valid_repo).catalogue.entries_for_term("territories", "nulle-part") == []
