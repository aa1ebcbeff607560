"""The readers' search index of a large site: what writing it costs MkDocs' thread, in process or in its own program.

Usage: python benchmarks/bench_searchindex.py [--entries 2000] [--seed 1] [--site DIR] [--runs 3]

Reads the generated corpus's records (`search_records`), each entry with its page's text as the built
site's index holds it (`--site`, or the site `bench_search.py` builds), then, `--runs` times each:
- in process: `index_files` and `write_files` on this thread (processor seconds of this thread: what
  MkDocs would wait for if the plugin built the index itself);
- in its own program (`SearchIndexer`, as the plugin runs it): this thread's processor seconds to hand
  over every record (`add`, then `write_soon`), the wait in `finish` once nothing else is left to do
  (an upper bound: MkDocs writes its pages meanwhile), and the program's own processor seconds.
Prints medians and the load average. A measurement, not a test: exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import build
from timing import corpus

from mesbox.checking.checker import check
from mesbox.publishing.searchindex import SearchIndexer, index_files, read_record, record_line, write_files
from mesbox.rendering.searchrecords import SearchRecord, search_records, with_text


def records(entries: int, seed: int, site: Path) -> list[SearchRecord]:
    """The corpus's records, each entry with the text its page gave the built site's index."""
    texts = {}
    for page in (site / "recherche" / "pages").iterdir():
        data = json.loads(page.read_bytes())
        texts[data["url"]] = data["text"]
    found = search_records(check(corpus(entries, seed)).catalogue)
    return [record if record.hub else _with_page(record, texts.get(record.url, "")) for record in found]


def _with_page(record: SearchRecord, text: str) -> SearchRecord:
    """The record as the plugin hands it over: its description, then its page's text (the index holds both)."""
    return with_text(record, text.removeprefix(record.content).strip())


def children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--site", type=Path, help="un site déjà construit du même corpus (sinon il est construit)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    site = args.site or build(args.entries, args.seed)
    found = records(args.entries, args.seed, site)
    megabytes = sum(len(record_line(record)) for record in found) / 1e6
    print(f"{len(found)} enregistrements, {megabytes:.1f} Mo de JSON", flush=True)
    load_before = os.getloadavg()
    inside: list[float] = []
    handing: list[float] = []
    waiting: list[float] = []
    program: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(args.runs):
            started = time.thread_time()
            write_files(index_files(read_record(json.loads(record_line(record))) for record in found), Path(scratch) / "a")
            inside.append(time.thread_time() - started)
            before = children_seconds()
            started = time.thread_time()
            indexer = SearchIndexer()
            for record in found:
                indexer.add(record)
            indexer.write_soon(Path(scratch) / "b")
            handing.append(time.thread_time() - started)
            started = time.perf_counter()
            indexer.finish()
            waiting.append(time.perf_counter() - started)
            program.append(children_seconds() - before)
    print(f"dans le processus de MkDocs : {statistics.median(inside):.2f} s de processeur de son fil")
    print(
        f"dans son propre programme : {statistics.median(handing):.3f} s de processeur du fil de MkDocs pour tout lui remettre, "
        f"puis {statistics.median(waiting):.2f} s d'attente au plus (si MkDocs n'avait plus rien à faire), "
        f"{statistics.median(program):.2f} s de processeur du programme (sur l'autre cœur, à priorité basse)"
    )
    load_after = os.getloadavg()
    print(f"charge moyenne (1 min) : {load_before[0]:.1f} avant, {load_after[0]:.1f} après, pour {os.cpu_count()} processeurs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
