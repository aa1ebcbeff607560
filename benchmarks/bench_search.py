"""Readers' search on a large site, in Chromium with an empty cache: what a one-word query costs.

Usage: python benchmarks/bench_search.py [--entries 4000] [--seed 1] [--site DIR] [--filters-only]

Builds the generated corpus with the repository's mkdocs.yml (or reuses a built `--site`), serves it
locally, then for each of ten one-word queries opens the Explorer at `explorer/?q=WORD` in a fresh
browser context and measures:
- the bytes of the search index's requests (`/recherche/`) finished before the first result is drawn,
  as a static host sends them: JSON gzip-compressed (read from the site's files);
- the time from the first of those requests to the first result drawn, and where it goes: the word's
  shard (up to its arrival), the search itself (up to the request for the first result's fragment),
  then the fragments and the Explorer's drawing;
and, once, an entry page's weight on first load, every response gzip-compressed as a static host
would send it. Then three views of filters without words (the issue's examples: everything for elected
officials, accompaniment in Occitanie, monographs on tiers-lieux), each in a fresh context: the bytes
and requests of the search data (the index's files, the Explorer's list) until the results and the
filters' counts are drawn, how many of them are shards of the word index, and the time from the
first of those requests (`--filters-only` measures only these views and the next ones). Then two views of words
with ticked filters: the first result (the manifest is read before it), then how much later the facets are
counted and what was fetched meanwhile. Prints medians against the
issue's goals (≤ 300 KB, ≤ 300 ms, ≤ 150 KB) and the load average before and after: on a shared
machine the times say as much about the load as about the site.
A measurement, not a test: exits 0 whatever the figures, 2 only if it cannot measure.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import write_site_files
from timing import corpus

# Filters without words: the views the issue names.
FILTER_VIEWS = (
    "Public=%C3%89lus%20et%20%C3%A9lues",
    "Th%C3%A8me=Accompagnement%20des%20initiatives&Territoire=Occitanie",
    "Type=Monographie&Th%C3%A8me=Tiers-lieux",
)
# Words with filters: one facet ticked, then two.
WORDS_FILTER_VIEWS = (
    "q=coop%C3%A9ration&Territoire=Occitanie",
    "q=coop%C3%A9ration&Type=Monographie&Territoire=Occitanie&Territoire=Normandie",
)
# Times on the page's clock: the first card drawn, and the facets once counted (the box no longer busy).
COUNTED = """
window.mesboxTimes = {};
new MutationObserver(function () {
  var times = window.mesboxTimes;
  if (!times.card && document.querySelector(".mesbox-explorer__results .mesbox-card")) times.card = performance.now();
  var counted = document.querySelector(".mesbox-explorer__facets[aria-busy=false] .mesbox-explorer__facet");
  if (times.card && counted) times.counted = performance.now();
}).observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ["aria-busy"]});
"""
# What the Explorer reads to search: the index's files and its own list.
INDEX = "/recherche/"
SHARDS = "/recherche/mots/"
FRAGMENTS = "/recherche/pages/"
SEARCH_DATA = (INDEX, "/explorer/filtres.json")
WORDS = ("coopération", "territoire", "accompagnement", "economie", "habitants", "réseau", "visite", "solidaire", "projet", "acteurs")
GOALS = {"query_kb": 300, "first_ms": 300, "entry_kb": 150}
CHROMIUM = "/usr/bin/chromium"
# Calls back as soon as the first result card enters the page (the requests are timed on this side,
# as the browser reports them).
FIRST_CARD = """
new MutationObserver(function (records, observer) {
  if (document.querySelector(".mesbox-explorer__results .mesbox-card")) {
    observer.disconnect();
    window.mesboxDrawn();
  }
}).observe(document, {childList: true, subtree: true});
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build(entries: int, seed: int) -> Path:
    root = corpus(entries, seed)
    write_site_files(root)
    site = Path(f"/tmp/mesbox-bench-search-site-{entries}")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
        raise SystemExit(2)
    print(f"site de {entries} entrées construit en {time.perf_counter() - started:.1f} s : {site}", flush=True)
    return site


def _sent_bytes(site: Path, url: str) -> int:
    """What a static host sends for a file of the site: scripts and JSON gzip-compressed, the rest as it is."""
    path = urlparse(url).path.lstrip("/")
    body = (site / path).read_bytes()
    return len(gzip.compress(body, 6)) if path.endswith((".js", ".json")) else len(body)


def measure_filters(browser: object, base: str, site: Path) -> None:
    """Each view of filters without words in a fresh context: the search data read until its results and counts are drawn."""
    for view in FILTER_VIEWS:
        context = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
        requested: list[tuple[float, str]] = []
        finished: list[int] = []
        page = context.new_page()

        def on_request(request: object, requested: list[tuple[float, str]] = requested) -> None:
            if any(part in request.url for part in SEARCH_DATA):  # type: ignore[attr-defined]
                requested.append((time.perf_counter(), request.url))  # type: ignore[attr-defined]

        def on_finished(request: object, finished: list[int] = finished) -> None:
            if any(part in request.url for part in SEARCH_DATA):  # type: ignore[attr-defined]
                finished.append(_sent_bytes(site, request.url))  # type: ignore[attr-defined]

        page.on("request", on_request)
        page.on("requestfinished", on_finished)
        page.goto(base + f"explorer/?{view}")
        page.locator(".mesbox-explorer__status", has_text="résultat").wait_for(timeout=120000)
        page.locator(".mesbox-explorer__facet legend", has_text="Année").wait_for(timeout=120000)
        drawn = time.perf_counter()
        status = page.locator(".mesbox-explorer__status").inner_text()
        page.wait_for_timeout(500)  # let the last events arrive
        chunks = len([url for _, url in requested if SHARDS in url])
        print(
            f"filtres sans mot ?{unquote(view)} : {status} {sum(finished) / 1024:.0f} Kio en {len(requested)} requêtes "
            f"(dont {chunks} morceaux de l'index des mots), affichés {(drawn - requested[0][0]) * 1000:.0f} ms "
            "après la première",
            flush=True,
        )
        context.close()


def measure_words_filters(browser: object, base: str) -> None:
    """Each view of words and ticked filters in a fresh context: the first result, then the facets counted
    (for each facet with a ticked value, under the other facets' filters), and what was fetched between."""
    for view in WORDS_FILTER_VIEWS:
        context = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
        context.add_init_script(COUNTED)
        page = context.new_page()
        page.goto(base + f"explorer/?{view}")
        page.locator(".mesbox-explorer__facets[aria-busy=false] .mesbox-explorer__facet").first.wait_for(timeout=120000)
        page.wait_for_timeout(500)  # let the last events arrive
        times = page.evaluate("window.mesboxTimes")
        requests = page.evaluate(
            f"performance.getEntriesByType('resource').filter(e => e.name.includes('{INDEX}')).map(e => [e.startTime, e.name])"
        )
        first = min(at for at, _ in requests)
        after = [name for at, name in requests if at > times["card"]]
        print(
            f"mots et filtres ?{unquote(view)} : premier résultat {times['card'] - first:.0f} ms après la première requête, "
            f"filtres comptés {times['counted'] - times['card']:.0f} ms plus tard ; entre les deux {len(after)} requêtes "
            f"(dont {len([name for name in after if SHARDS in name])} morceaux de l'index des mots)",
            flush=True,
        )
        context.close()


def measure(site: Path, filters_only: bool = False) -> None:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    load_before = os.getloadavg()
    if filters_only:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"])
            measure_filters(browser, base, site)
            measure_words_filters(browser, base)
            browser.close()
        server.shutdown()
        _print_load(load_before)
        return
    sizes: list[float] = []
    delays: list[float] = []
    stages: dict[str, list[float]] = {"shard": [], "search": [], "draw": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"])
        for word in WORDS:
            context = browser.new_context()
            context.add_init_script(FIRST_CARD)
            started: list[float] = []
            firsts: dict[str, float] = {}
            finished: list[tuple[float, int, str]] = []
            drawn: list[float] = []
            context.expose_binding("mesboxDrawn", lambda source, drawn=drawn: drawn.append(time.perf_counter()))
            page = context.new_page()

            def on_request(request: object, started: list[float] = started, firsts: dict[str, float] = firsts) -> None:
                url = request.url  # type: ignore[attr-defined]
                if INDEX in url:
                    started.append(time.perf_counter())
                    if FRAGMENTS in url:
                        firsts.setdefault(FRAGMENTS, started[-1])

            def on_finished(request: object, finished: list[tuple[float, int, str]] = finished) -> None:
                url = request.url  # type: ignore[attr-defined]
                if INDEX in url:
                    finished.append((time.perf_counter(), _sent_bytes(site, url), url))

            page.on("request", on_request)
            page.on("requestfinished", on_finished)
            page.goto(base + f"explorer/?q={word}")
            page.locator(".mesbox-explorer__results .mesbox-card").first.wait_for(timeout=30000)
            page.wait_for_timeout(500)  # let the last events arrive
            sizes.append(sum(size for at, size, _ in finished if at <= drawn[0]) / 1024)
            delays.append((drawn[0] - min(started)) * 1000)
            fragment = firsts[FRAGMENTS]
            shard = max(at for at, _, url in finished if SHARDS in url and at <= fragment)
            stages["shard"].append((shard - min(started)) * 1000)
            stages["search"].append((fragment - shard) * 1000)
            stages["draw"].append((drawn[0] - fragment) * 1000)
            context.close()
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "fiches/")  # the first fiche of the listing
        href = page.locator("article a.mesbox-row__title").first.get_attribute("href")
        context.close()
        context = browser.new_context()
        page = context.new_page()
        bodies: list[bytes] = []
        page.on("response", lambda response: bodies.append(response.body()) if response.status == 200 else None)
        page.goto(base + "fiches/" + (href or ""), wait_until="networkidle")
        entry_kb = sum(len(gzip.compress(body, 6)) for body in bodies) / 1024
        context.close()
        measure_filters(browser, base, site)
        measure_words_filters(browser, base)
        browser.close()
    server.shutdown()
    print(
        f"requête d'un mot, index lu jusqu'au premier résultat : médiane {statistics.median(sizes):.0f} Kio "
        f"(de {min(sizes):.0f} à {max(sizes):.0f}) ; objectif ≤ {GOALS['query_kb']} Kio"
    )
    print(
        f"premier résultat après le début du chargement de l'index : médiane {statistics.median(delays):.0f} ms "
        f"(de {min(delays):.0f} à {max(delays):.0f}) ; objectif ≤ {GOALS['first_ms']} ms"
    )
    print(
        f"  dont, en médiane : morceau de l'index du mot reçu {statistics.median(stages['shard']):.0f} ms, "
        f"recherche {statistics.median(stages['search']):.0f} ms, "
        f"fragments et affichage {statistics.median(stages['draw']):.0f} ms"
    )
    print(f"page d'entrée au premier chargement (gzip) : {entry_kb:.0f} Kio ; objectif ≤ {GOALS['entry_kb']} Kio")
    _print_load(load_before)


def _print_load(load_before: tuple[float, float, float]) -> None:
    load_after = os.getloadavg()
    print(
        f"charge moyenne de la machine (1 min) : {load_before[0]:.1f} avant, {load_after[0]:.1f} après, pour {os.cpu_count()} processeurs"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--site", type=Path, help="un site déjà construit (sinon le corpus est construit)")
    parser.add_argument("--filters-only", action="store_true", help="ne mesurer que les vues de filtres sans mot")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"Chromium introuvable ({CHROMIUM})", file=sys.stderr)
        return 2
    site = args.site or build(args.entries, args.seed)
    measure(site, args.filters_only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
