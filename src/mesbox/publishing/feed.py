"""The RSS 2.0 feed of published entries, newest first (`/flux.xml`, written by the site plugin).

Items are ordered by `updated or date`, newest first (ties by id), at most `limit` of them. Every
text goes through ElementTree, which escapes it; characters XML 1.0 cannot carry at all (C0
controls other than tab and newlines, a YAML `"\\x01"` for instance) are dropped first, so the
feed stays well-formed whatever a front-matter holds. Output is deterministic: `lastBuildDate`
is the newest item's date, not the time of the build.

An item's guid is its page address followed by the day of its last version (`…/fiches/x/#2026-03-01`):
readers show an entry again when its `updated` date changes, which the open-data page promises.
With the site's address, every link is absolute and the channel names its own address
(`atom:link rel="self"`), as feed validators require.
"""

from __future__ import annotations

import datetime
import email.utils
import re
import xml.etree.ElementTree as ET

from mesbox.catalogue.catalogue import Catalogue
from mesbox.contract.registry import SUBJECTS
from mesbox.rendering.urls import absolute

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_PATH = "flux.xml"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    """A string XML 1.0 can hold: characters it forbids are removed (ElementTree escapes the rest)."""
    return _NOT_XML.sub("", value)


def _rfc822(day: datetime.date) -> str:
    """RFC 822 date (with a four-digit year, as RSS 2.0 readers expect), midnight UTC."""
    return email.utils.format_datetime(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC))


def _add(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = _text(text)
    return element


def render_feed(catalogue: Catalogue, site_url: str, title: str, description: str, limit: int = 50) -> bytes:
    """The feed as UTF-8 bytes: links are absolute when `site_url` is set, else site-relative."""
    entries = sorted(catalogue.entries.values(), key=lambda e: (e.meta.updated or e.meta.date, e.id), reverse=True)[: max(limit, 0)]
    # The Atom namespace is declared by hand: registering a prefix would change ElementTree for everyone.
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS})
    channel = ET.SubElement(rss, "channel")
    _add(channel, "title", title)
    _add(channel, "link", absolute(site_url, ""))
    _add(channel, "description", description or title)
    _add(channel, "language", "fr")
    _add(channel, "generator", "mesbox")
    if site_url:
        ET.SubElement(channel, "atom:link", href=_text(absolute(site_url, FEED_PATH)), rel="self", type="application/rss+xml")
    if entries:
        _add(channel, "lastBuildDate", _rfc822(entries[0].meta.updated or entries[0].meta.date))
    subjects = catalogue.terms.get(SUBJECTS.id, {})
    for entry in entries:
        meta = entry.meta
        item = ET.SubElement(channel, "item")
        _add(item, "title", meta.title)
        link = absolute(site_url, entry.url)
        _add(item, "link", link)
        version = meta.updated or meta.date
        _add(item, "guid", f"{link}#{version.isoformat()}", isPermaLink="false")
        _add(item, "description", meta.description)
        _add(item, "pubDate", _rfc822(version))
        for subject in getattr(meta, SUBJECTS.key):
            if subject in subjects:
                _add(item, "category", subjects[subject].label)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)
