"""The RSS feed: newest first, drafts out, text escaped."""

import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import replace

from mesbox.checker import check
from mesbox.feed import render_feed


def test_feed_items(repo: Path) -> None:
    replace(repo, "fiches/methodes/seminaire.md", "title: Le séminaire réflexif", "title: '<b>Le séminaire</b> & co'")
    rss = ET.fromstring(render_feed(check(repo).catalogue, "https://exemple.org/", "Flux", "Nouveautés"))
    items = rss.findall("channel/item")
    assert [i.findtext("title") for i in items] == ["Récit de Colombelles", "<b>Le séminaire</b> & co", "Visite à Colombelles", "Qu'est-ce qu'une initiative solidaire ?", "Grille de test"]
    assert items[1].findtext("link") == "https://exemple.org/fiches/seminaire/"
    assert items[1].findtext("pubDate") == "Sun, 01 Mar 2026 00:00:00 +0000"
    assert [c.text for c in items[3].findall("category")] == ["Économie solidaire", "Coopération"]
    assert rss.findtext("channel/language") == "fr"


def test_feed_limit() -> None:
    from mesbox.catalogue import Catalogue

    rss = ET.fromstring(render_feed(Catalogue.build([], {}), "", "Flux", ""))
    assert rss.findall("channel/item") == []
