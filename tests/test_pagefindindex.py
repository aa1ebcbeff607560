"""The records as Pagefind reads them: escaped, hubs weighted, facets as filters; the index written in one call."""

from __future__ import annotations

from pathlib import Path

import pytest

from mesbox.publishing.pagefindindex import HUB_WEIGHT, record_html, write_index
from mesbox.rendering.searchrecords import SearchRecord


def test_record_page_is_escaped_with_title_label_and_filters() -> None:
    record = SearchRecord("fiches/x/", '<script>alert("x")</script>', "Fiche outil", "Texte & <b>gras</b>", {"Thème": ["Coopération, économie"]})
    html = record_html(record)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;gras" in html
    assert '<h1 data-pagefind-meta="title">' in html and "data-pagefind-weight" not in html
    assert '<span data-pagefind-filter="Thème">Coopération, économie</span>' in html  # a comma stays in its value
    assert '<div data-pagefind-ignore><span data-pagefind-meta="label">Fiche outil</span>' in html


def test_hub_title_weighs_more() -> None:
    html = record_html(SearchRecord("themes/x/", "Emploi", "Thème", "", {"Type": ["Thème"]}, hub=True))
    assert f'data-pagefind-weight="{HUB_WEIGHT}"' in html and '<span data-pagefind-meta="hub">1</span>' in html


def test_write_index_writes_the_bundle_there_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Into the site's folder, never into the folder the build runs from (Pagefind's default)."""
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    records = [SearchRecord(f"fiches/f{i}/", f"Fiche {i}", "Fiche outil", "Coopération entre acteurs", {"Type": ["Fiche outil"]}) for i in range(3)]
    assert write_index(records, tmp_path / "site") == 3
    bundle = tmp_path / "site" / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert list((bundle / "filter").iterdir()) and list((bundle / "fragment").iterdir())
    assert list(here.iterdir()) == []
