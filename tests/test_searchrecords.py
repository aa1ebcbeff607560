"""The readers' search records come from the catalogue: facets with territory parents, hubs, no contributor page."""

from __future__ import annotations

from pathlib import Path

from conftest import replace

from mesbox.checking.checker import check
from mesbox.rendering.searchrecords import FACETS, entry_record, search_records
from mesbox.rendering.searchtext import with_text


def _records(valid_repo: Path) -> dict[str, object]:
    result = check(valid_repo)
    assert result.ok, [str(i) for i in result.issues]
    return {
        record.url: record
        for record in search_records(result.catalogue, {"fiches/organiser-une-visite/": "Une visite se prépare avec la grille."})
    }


def test_entries_carry_their_facets_a_commune_also_under_its_departement_and_region(valid_repo: Path) -> None:
    records = _records(valid_repo)
    mono = records["monographies/visite-colombelles/"]
    assert mono.label == "Monographie" and not mono.hub  # type: ignore[attr-defined]
    assert mono.filters["Territoire"] == ["Colombelles", "Calvados", "Normandie"]  # type: ignore[attr-defined]
    assert mono.filters["Méthode"] == ["Visite apprenante"]  # type: ignore[attr-defined]
    sheet = records["fiches/initiative-solidaire/"]
    assert sheet.filters["Public"] == ["Élus et élues", "Citoyens et citoyennes"]  # type: ignore[attr-defined]
    assert sheet.filters["Type"] == ["Fiche thématique"] and sheet.filters["Année"]  # type: ignore[attr-defined]
    assert set(sheet.filters) <= set(FACETS)  # type: ignore[attr-defined]


def test_a_communes_entries_are_also_under_its_intercommunality(valid_repo: Path) -> None:
    """Colombelles inside Caen la Mer, inside the Calvados: the monograph on Colombelles is found under all three."""
    epci = (
        '- id: caen-la-mer\n  label: Communauté urbaine Caen la Mer\n  kind: intercommunalite\n  insee: "200065597"\n'
        "  parent: calvados\n  lat: 49.1829\n  lon: -0.3707\n"
    )
    replace(valid_repo, "taxonomies/territories.yml", "- id: colombelles\n", epci + "- id: colombelles\n")
    replace(valid_repo, "taxonomies/territories.yml", "  parent: calvados\n  lat: 49.2014", "  parent: caen-la-mer\n  lat: 49.2014")
    mono = _records(valid_repo)["monographies/visite-colombelles/"]
    assert mono.filters["Territoire"] == ["Colombelles", "Communauté urbaine Caen la Mer", "Calvados", "Normandie"]  # type: ignore[attr-defined]


def test_entry_text_is_its_description_and_rendered_body_without_its_title(valid_repo: Path) -> None:
    record = _records(valid_repo)["fiches/organiser-une-visite/"]
    assert record.title == "Organiser une visite apprenante"  # type: ignore[attr-defined]
    assert record.content.endswith("Une visite se prépare avec la grille.") and "Organiser une visite apprenante" not in record.content  # type: ignore[attr-defined]


def test_a_record_built_before_its_page_takes_the_pages_text_after_its_description(valid_repo: Path) -> None:
    """The plugin builds every record once (the Explorer's list) and adds each page's text when it is rendered."""
    catalogue = check(valid_repo).catalogue
    entry = catalogue.entries["organiser-une-visite"]
    record = entry_record(entry, catalogue)
    assert record.content == entry.meta.description and with_text(record, "") is record
    with_page = with_text(record, "Le texte de la page.")
    assert with_page.content == f"{entry.meta.description} Le texte de la page."
    assert (with_page.url, with_page.title, with_page.label, with_page.filters) == (record.url, record.title, record.label, record.filters)


def test_hubs_are_records_when_they_gather_entries_and_contributor_pages_never(valid_repo: Path) -> None:
    records = _records(valid_repo)
    calvados = records["territoires/calvados/"]
    assert calvados.hub and calvados.label == "Territoire" and calvados.title == "Calvados"  # type: ignore[attr-defined]
    assert records["publics/elus/"].label == "Public" and records["fiches/"].label == "Rubrique"  # type: ignore[attr-defined]
    assert "themes/culture/" not in records  # no entry carries it: an empty page is not a result
    assert "publics/chercheurs/" not in records
    assert not [url for url in records if url.startswith(("contribuer", "a-propos"))]
