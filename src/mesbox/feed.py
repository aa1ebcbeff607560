"""The RSS 2.0 feed of published entries, newest first (`/flux.xml`)."""

from __future__ import annotations

import datetime
import email.utils
import xml.etree.ElementTree as ET

from .catalogue import Catalogue
from .render.urls import absolute


def _rfc822(day: datetime.date) -> str:
    return email.utils.format_datetime(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc))


def render_feed(catalogue: Catalogue, site_url: str, title: str, description: str, limit: int = 50) -> bytes:
    """Entries by `updated or date`, newest first; ElementTree escapes every text."""
    entries = sorted(catalogue.entries.values(), key=lambda e: (e.meta.updated or e.meta.date, e.id), reverse=True)[:limit]
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = absolute(site_url, "")
    ET.SubElement(channel, "description").text = description or title
    ET.SubElement(channel, "language").text = "fr"
    themes = catalogue.terms["themes"]
    for entry in entries:
        meta = entry.meta
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = meta.title
        link = absolute(site_url, entry.url)
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", isPermaLink="true" if site_url else "false").text = link
        ET.SubElement(item, "description").text = meta.description
        ET.SubElement(item, "pubDate").text = _rfc822(meta.updated or meta.date)
        for theme in meta.themes:
            if theme in themes:
                ET.SubElement(item, "category").text = themes[theme].label
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)
