"""The RSS feed: well-formed, newest first, drafts out, every text escaped, links absolute when the site's address is known."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import METHOD, replace

from mesbox.catalogue.catalogue import Catalogue
from mesbox.checking.checker import check
from mesbox.publishing.feed import render_feed

SITE = "https://exemple.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
# Newest first by `updated or date`: story 2026-04-01, monograph 03-10, method sheet updated 03-01,
# thematic sheet 01-15, path 01-05, grid 2025-09-01.
NEWEST_FIRST = [
    "Récit du Plateau",
    "Visite apprenante à Colombelles",
    "Organiser une visite apprenante",
    "Qu'est-ce qu'une initiative solidaire ?",
    "Préparer une visite apprenante",
    "Grille commune de questionnement",
]


def feed(valid_repo: Path, site_url: str = SITE, **kwargs: object) -> bytes:
    return render_feed(check(valid_repo).catalogue, site_url, "Flux du MES", "Nouveautés de la boîte à outils", **kwargs)  # type: ignore[arg-type]


def test_feed_channel(valid_repo: Path) -> None:
    raw = feed(valid_repo)
    assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    rss = ET.fromstring(raw)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Flux du MES" and channel.findtext("description") == "Nouveautés de la boîte à outils"
    assert channel.findtext("link") == "https://exemple.org/" and channel.findtext("language") == "fr"
    self_link = channel.find(f"{ATOM}link")
    assert self_link is not None and self_link.get("href") == "https://exemple.org/flux.xml" and self_link.get("rel") == "self"
    assert channel.findtext("lastBuildDate") == "Wed, 01 Apr 2026 00:00:00 +0000"


def test_items_newest_first_without_drafts(valid_repo: Path) -> None:
    items = ET.fromstring(feed(valid_repo)).findall("channel/item")
    assert [i.findtext("title") for i in items] == NEWEST_FIRST
    assert all("brouillon" not in (i.findtext("link") or "") for i in items)
    assert b"brouillon" not in feed(valid_repo)


def test_item_fields(valid_repo: Path) -> None:
    items = ET.fromstring(feed(valid_repo)).findall("channel/item")
    method = items[2]
    assert method.findtext("link") == "https://exemple.org/fiches/organiser-une-visite/"
    guid = method.find("guid")
    assert (
        guid is not None
        and guid.text == "https://exemple.org/fiches/organiser-une-visite/#2026-03-01"
        and guid.get("isPermaLink") == "false"
    )
    assert method.findtext("pubDate") == "Sun, 01 Mar 2026 00:00:00 +0000"  # the update, not the first publication
    assert method.findtext("description") == "Préparer, conduire et restituer une visite d'apprentissage entre pairs."
    assert [c.text for c in items[3].findall("category")] == ["Économie solidaire", "Coopération"]
    assert items[5].findall("category") == []  # the grid has no theme


def test_hostile_text_is_escaped(valid_repo: Path) -> None:
    replace(valid_repo, METHOD, "title: Organiser une visite apprenante", "title: '<b>Organiser</b> & co ]]> <!--'")
    replace(
        valid_repo,
        METHOD,
        "description: Préparer, conduire et restituer une visite d'apprentissage entre pairs.",
        'description: "<script>alert(1)</script> Préparer, conduire et restituer une visite d\'apprentissage entre pairs."',
    )
    raw = feed(valid_repo)
    assert b"<b>" not in raw and b"<script>" not in raw and b"&lt;b&gt;Organiser&lt;/b&gt; &amp; co" in raw
    item = ET.fromstring(raw).findall("channel/item")[2]
    assert item.findtext("title") == "<b>Organiser</b> & co ]]> <!--"
    assert (
        item.findtext("description") == "<script>alert(1)</script> Préparer, conduire et restituer une visite d'apprentissage entre pairs."
    )


def test_characters_xml_cannot_hold_never_reach_the_feed(valid_repo: Path) -> None:
    """The check refuses them (E102) and such an entry is no page, so not in the feed; were one to reach it
    anyway, the feed drops them (defence in depth) and keeps the rest as text."""
    replace(valid_repo, METHOD, "description: Préparer", 'description: "\\x01\\x0b Préparer')
    replace(valid_repo, METHOD, "entre pairs.\n", 'entre pairs."\n')
    result = check(valid_repo)
    assert [(i.code, i.path) for i in result.issues] == [("E102", METHOD)]
    assert b"fiches/organiser-une-visite/" not in feed(valid_repo)
    replace(valid_repo, METHOD, '"\\x01\\x0b Préparer', '"Préparer')
    catalogue = check(valid_repo).catalogue
    entry = catalogue.entries["organiser-une-visite"]
    entry.meta = entry.meta.model_copy(update={"description": "\x01\x0b Une fiche \ufffe méthode."})
    item = ET.fromstring(render_feed(catalogue, SITE, "Flux du MES", "Nouveautés")).findall("channel/item")[2]
    assert item.findtext("description") == " Une fiche  méthode."


def test_hostile_channel_title(valid_repo: Path) -> None:
    rss = ET.fromstring(render_feed(check(valid_repo).catalogue, SITE, "A & <B>", ""))
    assert rss.findtext("channel/title") == "A & <B>" and rss.findtext("channel/description") == "A & <B>"


def test_site_relative_links_without_site_url(valid_repo: Path) -> None:
    channel = ET.fromstring(feed(valid_repo, "")).find("channel")
    assert channel is not None and channel.find(f"{ATOM}link") is None
    item = channel.findall("item")[0]
    assert item.findtext("link") == "/recits/recit-plateau/"
    guid = item.find("guid")
    assert guid is not None and guid.get("isPermaLink") == "false"


def test_limit(valid_repo: Path) -> None:
    items = ET.fromstring(feed(valid_repo, limit=2)).findall("channel/item")
    assert [i.findtext("title") for i in items] == NEWEST_FIRST[:2]
    assert ET.fromstring(feed(valid_repo, limit=0)).findall("channel/item") == []


def test_the_same_bytes_in_every_process(valid_repo: Path) -> None:
    """String hashing changes with PYTHONHASHSEED: two fresh interpreters with two seeds write the same feed."""
    code = (
        "import sys; from pathlib import Path; from mesbox.checking.checker import check; from mesbox.publishing.feed import render_feed; "
        "sys.stdout.buffer.write(render_feed(check(Path(sys.argv[1])).catalogue, sys.argv[2], "
        "'Flux du MES', 'Nouveautés de la boîte à outils'))"
    )
    written = [
        subprocess.run(
            [sys.executable, "-c", code, str(valid_repo), SITE], env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, check=True
        ).stdout
        for seed in ("1", "2")
    ]
    assert written[0] == written[1] == feed(valid_repo)


def test_empty_catalogue() -> None:
    rss = ET.fromstring(render_feed(Catalogue.build([], {}), "", "Flux", ""))
    assert rss.findall("channel/item") == [] and rss.find("channel/lastBuildDate") is None
    assert rss.findtext("channel/link") == "/"


def test_guid_changes_when_an_entry_is_updated(valid_repo: Path) -> None:
    def guids() -> dict[str, str]:
        items = ET.fromstring(feed(valid_repo)).findall("channel/item")
        return {i.findtext("link") or "": i.findtext("guid") or "" for i in items}

    before = guids()
    replace(valid_repo, METHOD, "updated: 2026-03-01", "updated: 2026-03-20")
    after = guids()
    page = "https://exemple.org/fiches/organiser-une-visite/"
    assert before[page] == page + "#2026-03-01" and after[page] == page + "#2026-03-20"
    assert {link: guid for link, guid in after.items() if link != page} == {link: guid for link, guid in before.items() if link != page}
