"""The licence table the pages and JSON-LD read: exactly the contract's open licences, each with its deed."""

from __future__ import annotations

from pathlib import Path

from mesbox.contract.schemas.fields import OPEN_LICENCES
from mesbox.rendering.licences import LICENCES

REPO = Path(__file__).parent.parent


def test_one_entry_per_accepted_licence() -> None:
    assert set(LICENCES) == set(OPEN_LICENCES) == {"CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0", "etalab-2.0"}
    assert all(info.id == key for key, info in LICENCES.items())


def test_deeds_are_https_and_in_french_where_one_exists() -> None:
    for info in LICENCES.values():
        assert info.url.startswith("https://"), info
    creative_commons = [i for i in LICENCES.values() if "creativecommons.org" in i.url]
    assert len(creative_commons) == 3 and all(i.url.endswith("/deed.fr") for i in creative_commons)


def test_licences_page_names_every_licence_the_site_shows() -> None:
    page = (REPO / "content" / "licences.md").read_text(encoding="utf-8")
    for info in LICENCES.values():
        assert info.id in page or info.url in page, info.id
