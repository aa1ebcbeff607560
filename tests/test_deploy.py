"""The repository built as the deploy job builds it (MESBOX_SITE_URL, MESBOX_PUBLICATION=true, --strict):
a feed that readers and validators accept, a sitemap of every page, absolute JSON-LD ids and export URLs;
without an address, the same build stops."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from sitebuild import REPO, build

SITE_URL = "https://exemple.org/mesbox/"
DEPLOY = {"MESBOX_SITE_URL": SITE_URL, "MESBOX_PUBLICATION": "true"}
CONTENT = ("mkdocs.yml", "content", "fiches", "monographies", "grids", "taxonomies", "overrides")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def copy_repository(target: Path) -> Path:
    """What the deploy job builds: the repository's own content and settings."""
    target.mkdir(parents=True, exist_ok=True)
    for name in CONTENT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("deploy"))
    done = build(root, env=DEPLOY)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "non publiable" not in done.stderr
    return root


def parsed_feed(root: Path) -> feedparser.FeedParserDict:
    return feedparser.parse((root / "site" / "flux.xml").read_bytes())


def test_feed_is_valid_with_absolute_links_and_self_link(deployed: Path) -> None:
    feed = parsed_feed(deployed)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries, "the repository publishes entries"
    assert feed.feed.link == SITE_URL
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [SITE_URL + "flux.xml"]
    pages = {p.relative_to(deployed / "site").as_posix().removesuffix("index.html") for p in (deployed / "site").rglob("index.html")}
    for entry in feed.entries:
        assert entry.link.startswith(SITE_URL) and entry.link.removeprefix(SITE_URL) in pages, entry.link
        assert entry.id.startswith(entry.link + "#"), entry.id


def test_guid_changes_after_an_update(deployed: Path, tmp_path: Path) -> None:
    """The feed of the entry's earlier version (before its `updated` line was added) and the deployed one."""
    updated = {entry.link: entry.id for entry in parsed_feed(deployed).entries}
    root = copy_repository(tmp_path / "repo")
    for page in sorted(updated):
        path = next(root.rglob(page.rstrip("/").rsplit("/", 1)[1] + ".md"))
        text = path.read_text(encoding="utf-8")
        first = re.search(r"^date: *'?(\d{4}-\d{2}-\d{2})'?$", text, re.MULTILINE)
        if first and re.search(r"^updated:", text, re.MULTILINE) and not updated[page].endswith(first.group(1)):
            break
    else:
        pytest.fail("no entry of the repository has an update")
    path.write_text(re.sub(r"^updated:.*\n", "", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    done = build(root, env=DEPLOY)
    assert done.returncode == 0, done.stderr[-3000:]
    earlier = {entry.link: entry.id for entry in parsed_feed(root).entries}
    assert earlier[page] == f"{page}#{first.group(1)}" != updated[page]
    assert {k: v for k, v in earlier.items() if k != page} == {k: v for k, v in updated.items() if k != page}


def test_sitemap_lists_every_page(deployed: Path) -> None:
    site = deployed / "site"
    listed = [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    pages = {SITE_URL + p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")}
    assert len(listed) == len(set(listed)) and set(listed) == pages
    assert len(pages) > 100


def test_jsonld_ids_and_export_urls_are_absolute(deployed: Path) -> None:
    site = deployed / "site"
    ids = []
    for page in site.rglob("index.html"):
        for block in JSONLD.findall(page.read_text(encoding="utf-8")):
            data = json.loads(block)
            ids.append(data["@id"])
            assert data["@id"] == data["url"] == SITE_URL + page.parent.relative_to(site).as_posix() + "/"
    assert len(ids) >= 20
    records = json.loads((site / "donnees" / "catalogue.json").read_text(encoding="utf-8"))["entries"]
    assert records and all(record["url"].startswith(SITE_URL) for record in records)
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["id"] == SITE_URL + "donnees/datapackage.json" and package["homepage"] == SITE_URL


def test_deploy_build_without_address_stops(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "repo")
    done = build(root, env={"MESBOX_SITE_URL": "", "MESBOX_PUBLICATION": "true"})
    assert done.returncode != 0
    assert "site non publiable" in done.stderr and "publication: true" in done.stderr
    assert not (root / "site" / "index.html").exists()
