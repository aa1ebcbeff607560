"""The Explorer's list for views without words: the search records' facets, in listing order, escaped."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import explorer_entries, replace

from mesbox.catalogue.catalogue import Catalogue
from mesbox.checking.checker import check
from mesbox.publishing.explorerdata import explorer_data, explorer_json
from mesbox.rendering.searchrecords import hub_records, search_records


def _catalogue(valid_repo: Path) -> Catalogue:
    result = check(valid_repo)
    assert result.ok, [str(i) for i in result.issues]
    return result.catalogue


def test_every_search_record_with_the_same_facet_values_as_the_index(valid_repo: Path) -> None:
    catalogue = _catalogue(valid_repo)
    listed = explorer_entries(explorer_data(search_records(catalogue)))
    records = {record.url: record for record in search_records(catalogue)}
    assert sorted(listed) == sorted(records)
    for url, record in records.items():
        assert listed[url][:2] == (record.title, record.label)
        assert listed[url][3] == record.filters, url
    assert listed["monographies/visite-colombelles/"][3]["Territoire"] == ["Colombelles", "Calvados", "Normandie"]


def test_each_value_is_written_once_and_numbered_by_its_place(valid_repo: Path) -> None:
    data = explorer_data(search_records(_catalogue(valid_repo)))
    pairs = [tuple(pair) for pair in data["values"]]
    assert len(pairs) == len(set(pairs)) and ("Public", "Élus et élues") in pairs
    assert all(0 <= number < len(pairs) for entry in data["entries"] for number in entry[4])


def test_hubs_first_then_entries_in_listing_order(valid_repo: Path) -> None:
    catalogue = _catalogue(valid_repo)
    urls = [entry[0] for entry in explorer_data(search_records(catalogue))["entries"]]
    hubs = [record.url for record in hub_records(catalogue)]
    assert urls[: len(hubs)] == hubs
    assert urls[len(hubs) :] == [entry.url for entry in catalogue.in_order(list(catalogue.entries.values()))]
    # Fiches by number first: the sheet numbered 2.1 comes before the monograph, whose title sorts before it.
    assert urls.index("fiches/initiative-solidaire/") < urls.index("monographies/visite-colombelles/")


def test_an_entrys_text_is_its_description_not_its_page(valid_repo: Path) -> None:
    listed = explorer_entries(explorer_data(search_records(_catalogue(valid_repo))))
    assert listed["fiches/organiser-une-visite/"][2] == "Préparer, conduire et restituer une visite d'apprentissage entre pairs."


def test_drafts_are_not_listed(valid_repo: Path) -> None:
    catalogue = _catalogue(valid_repo)
    assert catalogue.drafts
    listed = explorer_entries(explorer_data(search_records(catalogue)))
    assert not [draft for draft in catalogue.drafts.values() if draft.url in listed]


def test_markup_in_content_is_escaped_and_read_back_as_written(valid_repo: Path) -> None:
    title = '<img src=x onerror=alert(1)> & "co"'
    replace(valid_repo, "fiches/methodes/organiser-une-visite.md", "title: Organiser une visite apprenante", f"title: '{title}'")
    written = explorer_json(search_records(_catalogue(valid_repo)))
    assert b"<" not in written and b">" not in written and b"&" not in written
    assert explorer_entries(json.loads(written))["fiches/organiser-une-visite/"][0] == title
