"""The RSS feed: well-formed, newest first, drafts out, every text escaped, links absolute when the site's address is known."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import replace

from mesbox.catalogue.catalogue import Catalogue
from mesbox.checking.checker import check
from mesbox.publishing.feed import render_feed

SITE = "https://exemple.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
# Newest first by `updated or date`: recit 03-05, seminaire updated 03-01, visite 02-01, fiche 01-15, grille 01-10.
NEWEST_FIRST = [
    "Récit de Colombelles",
    "Le séminaire réflexif",
    "Visite à Colombelles",
    "Qu'est-ce qu'une initiative solidaire ?",
    "Grille de test",
    "Préparer une visite de test",
]


def feed(repo: Path, site_url: str = SITE, **kwargs: object) -> bytes:
    return render_feed(check(repo).catalogue, site_url, "Flux du MES", "Nouveautés de la boîte à outils", **kwargs)  # type: ignore[arg-type]


def test_feed_channel(repo: Path) -> None:
    raw = feed(repo)
    assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    rss = ET.fromstring(raw)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Flux du MES" and channel.findtext("description") == "Nouveautés de la boîte à outils"
    assert channel.findtext("link") == "https://exemple.org/" and channel.findtext("language") == "fr"
    self_link = channel.find(f"{ATOM}link")
    assert self_link is not None and self_link.get("href") == "https://exemple.org/flux.xml" and self_link.get("rel") == "self"
    assert channel.findtext("lastBuildDate") == "Thu, 05 Mar 2026 00:00:00 +0000"


def test_items_newest_first_without_drafts(repo: Path) -> None:
    items = ET.fromstring(feed(repo)).findall("channel/item")
    assert [i.findtext("title") for i in items] == NEWEST_FIRST
    assert all("brouillon" not in (i.findtext("link") or "") for i in items)
    assert b"brouillon" not in feed(repo)


def test_item_fields(repo: Path) -> None:
    items = ET.fromstring(feed(repo)).findall("channel/item")
    seminaire = items[1]
    assert seminaire.findtext("link") == "https://exemple.org/fiches/seminaire/"
    guid = seminaire.find("guid")
    assert guid is not None and guid.text == "https://exemple.org/fiches/seminaire/#2026-03-01" and guid.get("isPermaLink") == "false"
    assert seminaire.findtext("pubDate") == "Sun, 01 Mar 2026 00:00:00 +0000"  # the update, not the first publication
    assert seminaire.findtext("description") == "Une fiche méthode de test sur le séminaire réflexif entre les visites."
    assert [c.text for c in items[3].findall("category")] == ["Économie solidaire", "Coopération"]
    assert items[4].findall("category") == []  # the grid has no theme


def test_hostile_text_is_escaped(repo: Path) -> None:
    replace(repo, "fiches/methodes/seminaire.md", "title: Le séminaire réflexif", "title: '<b>Le séminaire</b> & co ]]> <!--'")
    replace(
        repo,
        "fiches/methodes/seminaire.md",
        "description: Une fiche méthode de test sur le séminaire réflexif entre les visites.",
        'description: "<script>alert(1)</script> Une fiche méthode de test sur le séminaire réflexif entre les visites."',
    )
    raw = feed(repo)
    assert b"<b>" not in raw and b"<script>" not in raw and b"&lt;b&gt;Le s\xc3\xa9minaire&lt;/b&gt; &amp; co" in raw
    item = ET.fromstring(raw).findall("channel/item")[1]
    assert item.findtext("title") == "<b>Le séminaire</b> & co ]]> <!--"
    assert item.findtext("description") == "<script>alert(1)</script> Une fiche méthode de test sur le séminaire réflexif entre les visites."


def test_characters_xml_cannot_hold_never_reach_the_feed(repo: Path) -> None:
    """The check refuses them (E102) and such an entry is no page, so not in the feed; were one to reach it
    anyway, the feed drops them (defence in depth) and keeps the rest as text."""
    replace(repo, "fiches/methodes/seminaire.md", "description: Une fiche", 'description: "\\x01\\x0b Une fiche')
    replace(repo, "fiches/methodes/seminaire.md", "entre les visites.\n", 'entre les visites."\n')
    result = check(repo)
    assert [(i.code, i.path) for i in result.issues] == [("E102", "fiches/methodes/seminaire.md")]
    assert b"seminaire" not in feed(repo)
    replace(repo, "fiches/methodes/seminaire.md", '"\\x01\\x0b Une fiche', '"Une fiche')
    catalogue = check(repo).catalogue
    entry = catalogue.entries["seminaire"]
    entry.meta = entry.meta.model_copy(update={"description": "\x01\x0b Une fiche \ufffe méthode."})
    item = ET.fromstring(render_feed(catalogue, SITE, "Flux du MES", "Nouveautés")).findall("channel/item")[1]
    assert item.findtext("description") == " Une fiche  méthode."


def test_hostile_channel_title(repo: Path) -> None:
    rss = ET.fromstring(render_feed(check(repo).catalogue, SITE, "A & <B>", ""))
    assert rss.findtext("channel/title") == "A & <B>" and rss.findtext("channel/description") == "A & <B>"


def test_site_relative_links_without_site_url(repo: Path) -> None:
    channel = ET.fromstring(feed(repo, "")).find("channel")
    assert channel is not None and channel.find(f"{ATOM}link") is None
    item = channel.findall("item")[0]
    assert item.findtext("link") == "/recits/recit-colombelles/"
    guid = item.find("guid")
    assert guid is not None and guid.get("isPermaLink") == "false"


def test_limit(repo: Path) -> None:
    items = ET.fromstring(feed(repo, limit=2)).findall("channel/item")
    assert [i.findtext("title") for i in items] == NEWEST_FIRST[:2]
    assert ET.fromstring(feed(repo, limit=0)).findall("channel/item") == []


def test_the_same_bytes_in_every_process(repo: Path) -> None:
    """String hashing changes with PYTHONHASHSEED: two fresh interpreters with two seeds write the same feed."""
    code = (
        "import sys; from pathlib import Path; from mesbox.checking.checker import check; from mesbox.publishing.feed import render_feed; "
        "sys.stdout.buffer.write(render_feed(check(Path(sys.argv[1])).catalogue, sys.argv[2], 'Flux du MES', 'Nouveautés de la boîte à outils'))"
    )
    written = [
        subprocess.run([sys.executable, "-c", code, str(repo), SITE], env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, check=True).stdout
        for seed in ("1", "2")
    ]
    assert written[0] == written[1] == feed(repo)


def test_empty_catalogue() -> None:
    rss = ET.fromstring(render_feed(Catalogue.build([], {}), "", "Flux", ""))
    assert rss.findall("channel/item") == [] and rss.find("channel/lastBuildDate") is None
    assert rss.findtext("channel/link") == "/"


def test_guid_changes_when_an_entry_is_updated(repo: Path) -> None:
    def guids() -> dict[str, str]:
        items = ET.fromstring(feed(repo)).findall("channel/item")
        return {i.findtext("link") or "": i.findtext("guid") or "" for i in items}

    before = guids()
    replace(repo, "fiches/methodes/seminaire.md", "updated: 2026-03-01", "updated: 2026-03-20")
    after = guids()
    page = "https://exemple.org/fiches/seminaire/"
    assert before[page] == page + "#2026-03-01" and after[page] == page + "#2026-03-20"
    assert {link: guid for link, guid in after.items() if link != page} == {link: guid for link, guid in before.items() if link != page}
