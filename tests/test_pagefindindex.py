"""The records as Pagefind reads them: escaped, hubs weighted, facets as filters; the index written in one call."""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

import pytest

from mesbox.publishing.pagefindindex import HUB_WEIGHT, NICENESS, SearchIndexer, SearchIndexError, _start_low, record_html, write_index
from mesbox.rendering.searchrecords import SearchRecord


def test_record_page_is_escaped_with_title_label_and_filters() -> None:
    record = SearchRecord(
        "fiches/x/", '<script>alert("x")</script>', "Fiche outil", "Texte & <b>gras</b>", {"Thème": ["Coopération, économie"]}
    )
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
    records = [
        SearchRecord(f"fiches/f{i}/", f"Fiche {i}", "Fiche outil", "Coopération entre acteurs", {"Type": ["Fiche outil"]}) for i in range(3)
    ]
    assert write_index(records, tmp_path / "site") == 3
    bundle = tmp_path / "site" / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert list((bundle / "filter").iterdir()) and list((bundle / "fragment").iterdir())
    assert list(here.iterdir()) == []


def fragments(bundle: Path) -> dict[str, dict]:
    """Each page Pagefind indexed (URL, text, meta, filters), by URL, read back from its fragment files."""
    pages = {}
    for fragment in (bundle / "fragment").iterdir():
        page = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[page["url"]] = page
    return pages


def test_records_fed_one_by_one_in_any_order_give_the_same_pages(tmp_path: Path) -> None:
    """Pages render in MkDocs' order, not the catalogue's: the index holds the same pages, facets and text."""
    records = [
        SearchRecord("themes/emploi/", "Emploi", "Thème", "Les entrées sur l'emploi.", {"Type": ["Thème"]}, hub=True),
        *(
            SearchRecord(
                f"fiches/f{i}/",
                f"Fiche {i}",
                "Fiche outil",
                f"Coopération n° {i} à Chenôve",
                {"Type": ["Fiche outil"], "Année": [str(2020 + i)]},
            )
            for i in range(5)
        ),
    ]
    assert write_index(records, tmp_path / "batch") == 6
    indexer = SearchIndexer()
    for record in reversed(records):
        indexer.add(record)
    assert indexer.write(tmp_path / "streamed") == 6
    batch, streamed = fragments(tmp_path / "batch" / "pagefind"), fragments(tmp_path / "streamed" / "pagefind")
    assert batch == streamed and sorted(batch) == sorted(f"/{record.url}" for record in records)
    assert streamed["/fiches/f3/"]["filters"] == {"Type": ["Fiche outil"], "Année": ["2023"]}
    assert streamed["/themes/emploi/"]["meta"] == {"title": "Emploi", "label": "Thème", "hub": "1"}


def test_a_refused_message_fails_with_pagefind_s_words(tmp_path: Path) -> None:
    """Pagefind's own error reaches the build's message; nothing is written."""
    indexer = SearchIndexer()
    indexer._index += 1  # an index that does not exist in this service
    indexer.add(SearchRecord("fiches/x/", "X", "Fiche outil", "texte"))
    with pytest.raises(SearchIndexError) as raised:
        indexer.write(tmp_path / "site")
    assert "Pagefind a refusé" in str(raised.value)
    assert not (tmp_path / "site").exists()


# A program that says the priority of its main thread, then of a thread it starts afterwards.
SAYS_PRIORITY = """
import os, threading
print(os.getpriority(os.PRIO_PROCESS, 0), flush=True)
input()
worker = threading.Thread(target=lambda: print(os.getpriority(os.PRIO_PROCESS, 0), flush=True))
worker.start()
worker.join()
"""


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="Unix priorities")
def test_pagefind_runs_below_mkdocs_priority_threads_included() -> None:
    """The index is written on the core MkDocs leaves free: Pagefind's threads, the later ones too, yield to it."""
    own = os.getpriority(os.PRIO_PROCESS, 0)
    process = _start_low([sys.executable, "-c", SAYS_PRIORITY])
    assert process.stdin is not None and process.stdout is not None
    main = int(process.stdout.readline())
    process.stdin.write(b"\n")
    process.stdin.close()
    later = int(process.stdout.readline())
    process.wait(timeout=30)
    assert main == later == min(own + NICENESS, 19) > own


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="Unix priorities")
def test_pagefind_gets_a_process_group_of_its_own() -> None:
    """Its priority is set through its group, so the group must be its own, never MkDocs'."""
    process = _start_low([sys.executable, "-c", "input()"])
    try:
        assert os.getpgid(process.pid) == process.pid != os.getpgid(0)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)
