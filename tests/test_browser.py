"""The built site in Debian's Chromium, driven by Playwright: what a reader does, offline."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest
from sitebuild import CHROMIUM, build, make_repo, served

if TYPE_CHECKING:
    from mesbox.rendering.searchtext import SearchRecord

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_repo(tmp_path_factory.mktemp("browser") / "repo")
    done = build(root)
    assert done.returncode == 0, done.stderr
    with served(root / "site") as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : .ci/run l'installe avec apt-get")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture()
def page(browser: object, base_url: str) -> Iterator[object]:
    context = browser.new_context(locale="fr-FR")  # type: ignore[attr-defined]
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))  # type: ignore[attr-defined]
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))  # type: ignore[attr-defined]
    yield page
    hosts = {urlparse(url).hostname for url in page.requests if not url.startswith(("data:", "blob:"))}  # type: ignore[attr-defined]
    assert hosts <= {"127.0.0.1"}, f"requêtes hors de localhost : {hosts}"
    assert page.console_errors == [], page.console_errors  # type: ignore[attr-defined]
    context.close()


def test_home_theme_entry_backlink(page: object, base_url: str) -> None:
    p = page
    p.goto(base_url)  # type: ignore[attr-defined]
    p.locator("article").get_by_role("link", name="thèmes").first.click()  # type: ignore[attr-defined]
    p.wait_for_url("**/themes/")  # type: ignore[attr-defined]
    p.locator("article").get_by_role("link", name="Emploi", exact=True).click()  # type: ignore[attr-defined]
    p.wait_for_url("**/themes/emploi/")  # type: ignore[attr-defined]
    p.locator("article").get_by_role("link", name="Visite apprenante à Colombelles").first.click()  # type: ignore[attr-defined]
    p.wait_for_url("**/monographies/visite-colombelles/")  # type: ignore[attr-defined]
    assert p.locator("h1").inner_text() == "Visite apprenante à Colombelles"  # type: ignore[attr-defined]
    cited_by = p.locator(".mesbox-cited-by")  # type: ignore[attr-defined]
    cited_by.get_by_role("link", name="Récit du Plateau").click()
    p.wait_for_url("**/recits/recit-plateau/")  # type: ignore[attr-defined]


def _explore(p: object, base_url: str, query: str = "") -> list[tuple[str, str, str]]:
    """Results of the Explorer page at `query` (an address's query string), as (title, label, href)."""
    p.goto(base_url + "explorer/" + query)  # type: ignore[attr-defined]
    status = p.locator(".mesbox-explorer__status")  # type: ignore[attr-defined]
    status.filter(has_text="résultat").wait_for(timeout=15000)
    cards = p.locator(".mesbox-explorer__results .mesbox-card")  # type: ignore[attr-defined]
    return [
        (
            c.locator(".mesbox-card__title").text_content(),
            c.locator(".mesbox-card__type").text_content(),
            c.locator(".mesbox-card__title").get_attribute("href"),
        )
        for c in cards.all()
    ]


def test_header_search_leads_to_the_explorer_and_finds_accented_words_without_accents(page: object, base_url: str) -> None:
    """Typed without accents, « prepare » finds the method sheet (« Une visite se prépare »); the excerpt shows the words as written;
    titles show their apostrophes, not entities; no page loads the index before someone searches."""
    p = page
    p.goto(base_url + "fiches/initiative-solidaire/")  # type: ignore[attr-defined]
    p.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert not [url for url in p.requests if "/recherche/" in url or "search_index" in url]  # type: ignore[attr-defined]
    p.get_by_label("Rechercher dans la boîte à outils").fill("prepare")  # type: ignore[attr-defined]
    p.get_by_label("Rechercher dans la boîte à outils").press("Enter")  # type: ignore[attr-defined]
    p.wait_for_url("**/explorer/?q=prepare")  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__status", has_text="résultat").wait_for(timeout=15000)  # type: ignore[attr-defined]
    card = p.locator(".mesbox-explorer__results .mesbox-card", has_text="Organiser une visite apprenante").first  # type: ignore[attr-defined]
    assert card.is_visible() and card.locator(".mesbox-card__type").text_content() == "Fiche méthode"
    assert "prépar" in card.locator("mark").first.inner_text().lower()
    titles = [title for title, _, _ in _explore(p, base_url, "?q=initiative")]
    assert any(t.startswith(("Qu’est-ce", "Qu'est-ce")) for t in titles) and not any("&#39;" in t or "&amp;" in t for t in titles)


def test_search_is_accent_insensitive_both_ways_and_hubs_come_first(page: object, base_url: str) -> None:
    """« Économie » and « economie » find the same pages; a term's page comes first for its own name."""
    accented = _explore(page, base_url, "?q=%C3%89conomie")
    plain = _explore(page, base_url, "?q=economie")
    assert accented and sorted(accented) == sorted(plain)
    assert accented[0][:2] == ("Économie solidaire", "Thème") and accented[0][2].endswith("themes/economie-solidaire/")
    first = _explore(page, base_url, "?q=calvados")[0]
    assert first[:2] == ("Calvados", "Territoire")


def test_every_hub_comes_first_for_its_own_name_typed_without_accents(page: object, base_url: str) -> None:
    """Every term, audience and section page in the index, searched by its name lower-cased and without accents."""
    from urllib.parse import quote

    from sitebuild import FIXTURE

    from mesbox.catalogue.frenchsort import fold
    from mesbox.checking.checker import check
    from mesbox.rendering.searchrecords import hub_records

    hubs = hub_records(check(FIXTURE).catalogue)
    assert len(hubs) >= 10 and any(" " in hub.title for hub in hubs)
    for hub in hubs:
        first = _explore(page, base_url, "?q=" + quote(fold(hub.title)))[0]
        assert first[:2] == (hub.title, hub.label) and first[2].endswith(hub.url), (hub.title, first)


def test_facets_combine_with_counts_from_the_catalogue_and_the_address_restores_the_view(page: object, base_url: str) -> None:
    """A commune's entries count under its département and région; two facets combine; the address keeps the view."""
    from sitebuild import FIXTURE

    from mesbox.checking.checker import check

    catalogue = check(FIXTURE).catalogue
    expected = {entry.title for entry in catalogue.entries_for_term("territories", "normandie")}
    p = page
    found = _explore(p, base_url, "?Territoire=Normandie")
    assert {title for title, _, _ in found} == expected and len(found) == len(expected) == 3
    count = (
        p.locator(".mesbox-explorer__facet", has_text="Territoire")  # type: ignore[attr-defined]
        .locator("label", has_text="Normandie")
        .locator(".mesbox-count")
        .inner_text()
    )
    assert count == f"({len(expected)})"
    p.locator(".mesbox-explorer__facet", has_text="Type").get_by_label("Monographie").check()  # type: ignore[attr-defined]
    p.wait_for_url("**/explorer/?Type=Monographie&Territoire=Normandie")  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__status", has_text="1 résultat").wait_for(timeout=15000)  # type: ignore[attr-defined]
    address = p.url  # type: ignore[attr-defined]
    p.goto("about:blank")  # type: ignore[attr-defined]
    p.goto(address)  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__status", has_text="1 résultat").wait_for(timeout=15000)  # type: ignore[attr-defined]
    assert p.locator(".mesbox-explorer__results .mesbox-card__title").all_inner_texts() == ["Visite apprenante à Colombelles"]  # type: ignore[attr-defined]
    assert p.locator(".mesbox-explorer__facet", has_text="Type").get_by_label("Monographie").is_checked()  # type: ignore[attr-defined]


def _shown_facets(p: object) -> dict[str, dict[str, int]]:
    """The Explorer's filters as drawn, once counted: {facet: {value: count}}."""
    p.locator(".mesbox-explorer__facet legend", has_text="Année").wait_for(timeout=15000)  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__facets:not([aria-busy=true])").wait_for(timeout=15000)  # type: ignore[attr-defined]
    shown: dict[str, dict[str, int]] = {}
    for facet in p.locator(".mesbox-explorer__facet").all():  # type: ignore[attr-defined]
        values = shown.setdefault(facet.locator("legend").inner_text(), {})
        for label in facet.locator("label").all():
            values[label.locator("input").get_attribute("value") or ""] = int(label.locator(".mesbox-count").inner_text().strip("()"))
    return shown


def test_every_facet_counts_the_entries_the_catalogue_gives_it(page: object, base_url: str) -> None:
    """Type (with the sheet's kind), theme, territory (with the entries of the places inside it), method, actor,
    audience and year: every count is the number of entries the catalogue files under that value."""
    from collections import Counter
    from urllib.parse import urlencode

    from sitebuild import FIXTURE

    from mesbox.checking.checker import check
    from mesbox.reading.documents import TAXONOMIES
    from mesbox.reading.documents.collections import AUDIENCES
    from mesbox.rendering.pages import type_label

    catalogue = check(FIXTURE).catalogue
    entries = list(catalogue.entries.values())
    assert not [e for e in entries if getattr(e.meta, "period", None)]  # each entry's year is its publication's
    expected: dict[str, dict[str, int]] = {
        "Type": dict(Counter(type_label(e) for e in entries)),
        "Année": dict(Counter(str(e.meta.date.year) for e in entries)),
    }
    for taxonomy_id, taxonomy in TAXONOMIES.items():
        counts = {term.label: len(catalogue.entries_for_term(taxonomy_id, term.id)) for term in catalogue.terms[taxonomy_id].values()}
        expected[taxonomy.singular] = {label: count for label, count in counts.items() if count}
    expected["Public"] = {AUDIENCES[a]: len(found) for a, found in catalogue.by_audience.items() if found}
    assert len(expected["Type"]) >= 4 and expected["Public"] and expected["Territoire"]["Normandie"] == 3
    # Every year ticked: every entry and no hub (hubs have no year), so the counts are the entries' own.
    _explore(page, base_url, "?" + urlencode([("Année", year) for year in expected["Année"]]))
    assert _shown_facets(page) == {name: values for name, values in expected.items() if values}


def _disjunctive_counts(records: list[SearchRecord], chosen: dict[str, list[str]]) -> dict[str, dict[str, int]]:
    """What a faceted catalogue offers: each value of facet F counted over the records that pass every
    chosen facet but F (OR within a facet, AND between facets); a value with no record is not offered
    unless it is ticked."""
    from collections import Counter

    def passes(record: SearchRecord, names: list[str]) -> bool:
        return all(set(record.filters.get(name, ())) & set(chosen[name]) for name in names)

    counts: dict[str, dict[str, int]] = {}
    for name in {n for r in records for n in r.filters} | set(chosen):
        others = [other for other in chosen if other != name]
        found = Counter(value for r in records if passes(r, others) for value in r.filters.get(name, ()))
        offered = {value: found.get(value, 0) for value in {*found, *chosen.get(name, ())}}
        if offered:
            counts[name] = offered
    return counts


def _all_results(p: object) -> list[str]:
    """Every result's address, the « more » button pressed until all are drawn."""
    more = p.locator(".mesbox-explorer__more")  # type: ignore[attr-defined]
    while more.is_visible():
        drawn = p.locator(".mesbox-explorer__results .mesbox-card").count()  # type: ignore[attr-defined]
        more.click()
        p.wait_for_function(f"document.querySelectorAll('.mesbox-explorer__results .mesbox-card').length > {drawn}")  # type: ignore[attr-defined]
    return p.locator(".mesbox-explorer__results .mesbox-card__title").evaluate_all("links => links.map(a => a.getAttribute('href'))")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("words", "other"),
    [("", ("Type", ["Monographie", "Récit de territoire"])), ("colombelles", ("Année", ["2026"]))],
    ids=["filtres-seuls", "avec-mots"],
)
def test_a_facet_with_a_ticked_value_offers_its_other_values_with_what_they_would_add(
    page: object, base_url: str, words: str, other: tuple[str, list[str]]
) -> None:
    """« Le Plateau » ticked (with a filter of another facet, and words or not): the other territories stay
    offered, each with its count under the other facets' filters and the words, not under its own;
    ticking « Colombelles » as well gives the union. Every facet is counted so; no facet box is empty."""
    from urllib.parse import urlencode

    from sitebuild import FIXTURE

    from mesbox.checking.checker import check
    from mesbox.rendering.searchrecords import search_records

    catalogue = check(FIXTURE).catalogue
    records = search_records(catalogue)
    p = page
    if words:  # the words' results come from the engine, what they are filed under from the catalogue
        _explore(p, base_url, "?" + urlencode({"q": words}))
        found = _all_results(p)
        without_words = _disjunctive_counts(records, {other[0]: other[1], "Territoire": ["Le Plateau"]})
        records = [r for r in records if "/" + r.url in found]
    chosen = {other[0]: other[1], "Territoire": ["Le Plateau"]}
    expected = _disjunctive_counts(records, chosen)
    assert not words or expected != without_words  # the words change the counts
    alone = {value for r in records for value in r.filters.get("Territoire", ())}
    assert {"Colombelles", "Normandie", "Le Plateau"} <= alone  # the view below is not an empty one
    words_only = [("q", words)] * bool(words)
    _explore(p, base_url, "?" + urlencode([*words_only, ("Territoire", "Le Plateau")]))  # one facet ticked, no other
    assert _shown_facets(p) == _disjunctive_counts(records, {"Territoire": ["Le Plateau"]})
    _explore(p, base_url, "?" + urlencode([*words_only, *((name, value) for name, values in chosen.items() for value in values)]))
    shown = _shown_facets(p)
    assert shown == expected and all(shown.values())
    assert shown["Territoire"]["Colombelles"] > shown["Territoire"]["Le Plateau"] and shown["Territoire"]["Normandie"] > 1
    p.locator(".mesbox-explorer__facet", has_text="Territoire").get_by_label("Colombelles").check()  # type: ignore[attr-defined]
    chosen["Territoire"].append("Colombelles")
    union = ["/" + r.url for r in records if all(set(r.filters.get(name, ())) & set(values) for name, values in chosen.items())]
    assert len(union) == expected["Territoire"]["Colombelles"] > expected["Territoire"]["Le Plateau"]  # Le Plateau is in Colombelles
    p.locator(".mesbox-explorer__status", has_text=f"{len(union)} résultats").wait_for(timeout=15000)  # type: ignore[attr-defined]
    assert sorted(_all_results(p)) == sorted(union)
    assert _shown_facets(p) == _disjunctive_counts(records, chosen)


def test_filters_without_words_are_answered_without_the_word_index(page: object, base_url: str) -> None:
    """« Everything in Normandie that is a monograph or a story »: the cards in listing order with their
    descriptions and the facets' counts, from the Explorer's own list; nothing of the search index is
    fetched. Cleared, the filters count as the index's manifest counts them."""
    from urllib.parse import quote

    from sitebuild import FIXTURE

    from mesbox.checking.checker import check
    from mesbox.rendering.searchrecords import entry_record, search_records

    catalogue = check(FIXTURE).catalogue
    kinds = ["Monographie", "Récit de territoire"]
    matched = [
        entry
        for entry in catalogue.in_order(catalogue.entries_for_term("territories", "normandie"))
        if entry_record(entry, catalogue).label in kinds
    ]
    assert len(matched) == 2  # two types (either one) and a territory (both)
    p = page
    found = _explore(p, base_url, "?" + "&".join(f"Type={quote(kind)}" for kind in kinds) + "&Territoire=Normandie")
    assert not [url for url in p.requests if "/recherche/" in url]  # type: ignore[attr-defined]
    assert found == [(entry.title, entry_record(entry, catalogue).label, "/" + entry.url) for entry in matched]
    descriptions = p.locator(".mesbox-explorer__results .mesbox-card__description").all_inner_texts()  # type: ignore[attr-defined]
    assert descriptions == [entry.meta.description for entry in matched]
    records = search_records(catalogue)
    assert _shown_facets(p) == _disjunctive_counts(records, {"Type": kinds, "Territoire": ["Normandie"]})
    assert not [url for url in p.requests if "/recherche/" in url]  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__reset").click()  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__status", has_text="Tapez des mots").wait_for(timeout=15000)  # type: ignore[attr-defined]
    from_list = _shown_facets(p)
    assert not [url for url in p.requests if "/recherche/" in url]  # type: ignore[attr-defined]
    p.goto(base_url + "explorer/")  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__status", has_text="Tapez des mots").wait_for(timeout=15000)  # type: ignore[attr-defined]
    assert _shown_facets(p) == from_list and from_list["Territoire"]["Normandie"] == 3
    assert [url for url in p.requests if "/recherche/index.json" in url] and not [url for url in p.requests if "/recherche/mots/" in url]  # type: ignore[attr-defined]


def test_filters_without_words_still_answer_when_the_explorers_list_is_missing(page: object, base_url: str) -> None:
    """A host that drops explorer/filtres.json: the index's manifest and fragments answer the same view,
    and count the facets as the list does."""
    from sitebuild import FIXTURE

    from mesbox.checking.checker import check
    from mesbox.rendering.searchrecords import search_records

    catalogue = check(FIXTURE).catalogue
    records = search_records(catalogue)
    p = page
    p.route("**/explorer/filtres.json", lambda route: route.fulfill(status=404, body="absent"))  # type: ignore[attr-defined]
    found = _explore(p, base_url, "?Territoire=Normandie")
    assert len(found) == 3 and [url for url in p.requests if "/recherche/pages/" in url]  # type: ignore[attr-defined]
    assert _shown_facets(p) == _disjunctive_counts(records, {"Territoire": ["Normandie"]})
    _explore(p, base_url, "?Type=Monographie&Type=R%C3%A9cit%20de%20territoire&Territoire=Le%20Plateau")
    assert _shown_facets(p) == _disjunctive_counts(records, {"Type": ["Monographie", "Récit de territoire"], "Territoire": ["Le Plateau"]})
    assert [url for url in p.requests if url.endswith("/explorer/filtres.json")]  # type: ignore[attr-defined]
    p.console_errors[:] = [error for error in p.console_errors if "404" not in error]  # type: ignore[attr-defined]


def test_words_added_to_filters_are_searched_in_the_index(page: object, base_url: str) -> None:
    """From a view of filters alone, words typed then asked for are searched in the index, with the filters."""
    p = page
    assert [title for title, _, _ in _explore(p, base_url, "?Territoire=Normandie")] != []
    p.get_by_label("Mots à chercher").fill("habitants")  # type: ignore[attr-defined]
    p.get_by_label("Mots à chercher").press("Enter")  # type: ignore[attr-defined]
    p.wait_for_url("**/explorer/?q=habitants&Territoire=Normandie")  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__status", has_text="1 résultat").wait_for(timeout=15000)  # type: ignore[attr-defined]
    assert p.locator(".mesbox-explorer__results .mesbox-card__title").all_inner_texts() == ["Récit du Plateau"]  # type: ignore[attr-defined]
    assert [url for url in p.requests if "/recherche/mots/" in url]  # type: ignore[attr-defined]


def test_contributor_pages_are_not_among_the_results(page: object, base_url: str) -> None:
    for words in ("contribuer", "page contribuer", "licences"):
        found = _explore(page, base_url, f"?q={words}")
        assert not [href for _, _, href in found if "contribuer/" in href or "licences/" in href], (words, found)


# For each département of the map's inset (Paris and its neighbours): whether a 24 px square, sampled
# every 2 px, fits inside its shape somewhere (its bounding box alone would pass a thin crescent).
INSET_SQUARES = """paths => paths.map(path => {
  const unit = 1 / path.getScreenCTM().a, side = 24 * unit, box = path.getBBox(), cuts = 12;
  for (let x = box.x; x + side <= box.x + box.width; x += unit)
    for (let y = box.y; y + side <= box.y + box.height; y += unit) {
      let inside = true;
      for (let i = 0; i <= cuts && inside; i++)
        for (let j = 0; j <= cuts && inside; j++) inside = path.isPointInFill(new DOMPoint(x + side * i / cuts, y + side * j / cuts));
      if (inside) return true;
    }
  return false;
})"""


def _inset_targets(p: object) -> list[bool]:
    return p.locator("svg .mesbox-map__inset path").evaluate_all(INSET_SQUARES)  # type: ignore[attr-defined,no-any-return]


def test_territory_map_marks_are_named_focusable_links(page: object, base_url: str) -> None:
    p = page
    p.goto(base_url + "territoires/")  # type: ignore[attr-defined]
    mark = p.locator("svg a[aria-label^='Calvados']")  # type: ignore[attr-defined]
    assert mark.count() == 1
    mark.focus()
    shown = p.locator("svg .mesbox-map__name--shown")  # type: ignore[attr-defined]
    assert shown.count() == 1 and shown.is_visible() and shown.text_content() == "Calvados : 2 entrées"  # the name, on focus
    dot = p.locator("svg a[aria-label^='Colombelles']")  # type: ignore[attr-defined]
    box = dot.bounding_box()
    assert box is not None and min(box["width"], box["height"]) >= 24  # a target a finger can hit
    dot.focus()
    assert shown.text_content() == "Colombelles : 1 entrée"  # its own: the story has the dot of Le Plateau
    reachable = p.locator("svg a:not([tabindex='-1'])")  # type: ignore[attr-defined]
    assert reachable.count() >= 2
    for link in reachable.all():
        box = link.bounding_box()
        assert box is not None and min(box["width"], box["height"]) >= 24, link.get_attribute("aria-label")
    assert _inset_targets(p) == [True] * 4  # Paris and its three neighbours, each a target a finger can hit
    mark.focus()
    mark.press("Enter")
    p.wait_for_url("**/territoires/calvados/")  # type: ignore[attr-defined]
    assert "Visite apprenante à Colombelles" in p.locator("article").inner_text()  # type: ignore[attr-defined]


def test_map_targets_on_a_phone_are_24_px_or_repeated_in_the_list_under_the_map(browser: object, base_url: str) -> None:
    """At 375 px the drawing shrinks: points keep a 24 px target, and so do Paris and its neighbours in the inset;
    a smaller shape has the same link in the list."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-FR")  # type: ignore[attr-defined]
    p = context.new_page()
    p.goto(base_url + "territoires/")
    listed = set(p.locator(".mesbox-terms a").evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    points = p.locator("svg a.mesbox-map__link--point")
    assert points.count() >= 1
    for link in p.locator("svg a:not([tabindex='-1'])").all():
        box = link.bounding_box()
        assert box is not None
        small = min(box["width"], box["height"]) < 24
        assert not small or ("point" not in (link.get_attribute("class") or "") and link.get_attribute("href") in listed), (
            link.get_attribute("aria-label")
        )
    assert _inset_targets(p) == [True] * 4
    context.close()


def test_no_serious_accessibility_violation(browser: object, base_url: str) -> None:
    """Whole pages (header, tabs, search box, footer), in the light and the dark palette. A fresh browser
    per palette: the theme keeps the first palette it showed (in local storage) for the next pages."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for scheme in ("light", "dark"):
        context = browser.new_context(locale="fr-FR", color_scheme=scheme)  # type: ignore[attr-defined]
        page = context.new_page()
        for path in (
            "",
            "fiches/initiative-solidaire/",
            "territoires/",
            "grilles/grille-commune/analyse/",
            "publics/",
            "publics/elus/",
            "territoires/colombelles/",
            "methodes/visite-apprenante/",
            "404.html",
            "donnees/",
            "explorer/?q=prepare",
        ):
            page.goto(base_url + path)
            if path.startswith("explorer/"):
                page.locator(".mesbox-explorer__facet").first.wait_for(timeout=15000)  # results and filters drawn
            palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert palette == {"light": "default", "dark": "slate"}[scheme], (path, palette)
            results = axe.run(page)
            serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == [], (scheme, path, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in serious])
        assert page.locator(".md-search").count() == 0 and page.get_by_label("Rechercher dans la boîte à outils").count() == 1
        context.close()


def _pdf_text(page: object, path: Path) -> str:
    """The page printed to A4 by Chromium, read back by pdftotext (Debian's poppler-utils)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext introuvable : .ci/run installe poppler-utils avec apt-get")
    page.pdf(path=str(path), format="A4")  # type: ignore[attr-defined]
    return subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_printed_sheet_is_a_handout(page: object, base_url: str, tmp_path: Path) -> None:
    """On paper: title, address and citation on page 1; navigation aids and their headings left out."""
    page.goto(base_url + "fiches/initiative-solidaire/")  # type: ignore[attr-defined]
    assert page.locator("h2", has_text="Cité par").is_visible()  # type: ignore[attr-defined]  # on screen it is there
    text = _pdf_text(page, tmp_path / "fiche.pdf")
    first = text.split("\f", 1)[0]
    assert "Qu’est-ce qu’une initiative solidaire" in first.replace("'", "’")
    assert "Les traits communs des initiatives d’économie solidaire sur un territoire." in " ".join(first.replace("'", "’").split())
    assert "http://127.0.0.1/fiches/initiative-solidaire/" in first and "Pour citer" in first
    assert "Cité par" not in text and "Voir aussi" not in text and "Accueil" not in text
    assert "(https://creativecommons.org/licenses/by-sa/4.0/deed.fr)" in "".join(text.split())  # external link targets are printed


def test_printed_analysis_has_every_dimension(page: object, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "grilles/grille-commune/analyse/")  # type: ignore[attr-defined]
    titles = page.locator("thead th").all_inner_texts()[1:]  # type: ignore[attr-defined]
    assert len(titles) == 2
    text = " ".join(_pdf_text(page, tmp_path / "analyse.pdf").split())
    for title in titles:
        assert " ".join(title.split()) in text
    assert "http://127.0.0.1/grilles/grille-commune/analyse/" in text


def test_analysis_table_shows_that_it_scrolls_and_scrolls_from_the_keyboard(browser: object, base_url: str) -> None:
    """Wider than the screen, the table scrolls inside a named frame reached with Tab; the text says so,
    and the frame's edge shadows are drawn in the page's foreground colour, so they show in both palettes.
    The fixture's grid has two dimensions: the text is enlarged (as a reader may) to make it too wide."""
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 760, "height": 900}, locale="fr-FR", color_scheme=scheme)  # type: ignore[attr-defined]
        p = context.new_page()
        p.goto(base_url + "grilles/grille-commune/analyse/")
        p.evaluate("document.documentElement.style.fontSize = '200%'")
        frame = p.get_by_role("region", name="Analyse croisée")
        assert frame.evaluate("f => f.scrollWidth > f.clientWidth + 50")
        assert "défile sur le côté" in p.locator("article").inner_text()
        shadow = frame.evaluate("f => getComputedStyle(f).backgroundImage")
        foreground = p.evaluate("getComputedStyle(document.body).getPropertyValue('--md-default-fg-color--lighter').trim()")
        assert shadow.count("radial-gradient") == 2 and foreground, shadow
        assert _css_colour(p, foreground) in shadow
        frame.focus()
        p.keyboard.press("ArrowRight")
        p.wait_for_function("() => document.querySelector('.mesbox-analysis__table').scrollLeft > 0")
        context.close()


def _css_colour(p: object, value: str) -> str:
    """A CSS colour as the browser writes it in computed styles (rgba(…))."""
    return str(
        p.evaluate(  # type: ignore[attr-defined]
            "v => { const e = document.createElement('i'); e.style.color = v; document.body.append(e); "
            "const c = getComputedStyle(e).color; e.remove(); return c; }",
            value,
        )
    )


def test_analysis_on_a_phone_reads_one_dimension_at_a_time(browser: object, base_url: str) -> None:
    """At 390 px the table gives way to one block per dimension; nothing overflows the screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")  # type: ignore[attr-defined]
    p = context.new_page()
    p.goto(base_url + "grilles/grille-commune/analyse/")
    assert not p.locator(".mesbox-analysis__table").is_visible()
    assert p.locator(".mesbox-analysis__dimension h3").count() == 2 and p.locator(".mesbox-analysis__dimension h3").first.is_visible()
    assert p.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_not_found_page_searches_the_toolbox(page: object, base_url: str) -> None:
    """The 404 page's search box opens the site's search with the words typed, accents or not."""
    p = page
    p.goto(base_url + "404.html")  # type: ignore[attr-defined]
    p.get_by_label("Chercher dans la boîte à outils", exact=True).fill("prepare")  # type: ignore[attr-defined]
    p.locator("article").get_by_role("button", name="Rechercher").click()  # type: ignore[attr-defined]
    p.wait_for_url("**/explorer/?q=prepare")  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__results .mesbox-card", has_text="Organiser une visite apprenante").first.wait_for(timeout=15000)  # type: ignore[attr-defined]


def test_explorer_fetches_each_index_file_once_and_the_words_while_they_are_typed(page: object, base_url: str) -> None:
    """The empty view reads the manifest alone; typing fetches the shard of the words before the search is
    asked, and the search reads it from memory; no file of the index is fetched twice."""
    p = page
    p.goto(base_url + "explorer/")  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__facet").first.wait_for(timeout=15000)  # type: ignore[attr-defined]

    def fetched(part: str) -> list[str]:
        return [url for url in p.requests if "/recherche/" in url and part in url]  # type: ignore[attr-defined]

    assert len(fetched("/index.json")) == 1 and not fetched("/mots/")
    with p.expect_request(lambda request: "/recherche/mots/" in request.url):  # type: ignore[attr-defined]
        p.get_by_label("Mots à chercher").press_sequentially("cooperation")  # type: ignore[attr-defined]
    assert p.locator(".mesbox-explorer__results .mesbox-card").count() == 0  # type: ignore[attr-defined]
    shards = len(fetched("/mots/"))
    p.get_by_label("Mots à chercher").press("Enter")  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__status", has_text="résultat").wait_for(timeout=15000)  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__facets[aria-busy=false]").wait_for(timeout=15000)  # type: ignore[attr-defined]
    assert p.locator(".mesbox-explorer__results .mesbox-card").count() > 0  # type: ignore[attr-defined]
    assert len(fetched("/mots/")) == shards and fetched("/pages/")
    assert len(set(fetched(""))) == len(fetched(""))


def test_the_explorer_cuts_words_as_the_index_writer_does(page: object, base_url: str) -> None:
    """Folding, splitting, stem and shard numbers: the same on both sides, or a word would never be found."""
    from mesbox.publishing.searchindex import shard, terms

    words = [
        "Économie",
        "coopérations",
        "réseaux",
        "Œuvres",
        "cæcum",
        "l’été",
        "aujourd'hui",
        "Ça",
        "NOËL",
        "maïs",
        "bus",
        "jeux",
        "Saint-Étienne",
        "2026",
        "élu·es",
        "naïveté",
        "ÉLUS",
        "façade",
        "où",
        "straße",
        "tiers-lieux",
        "e\u0301te\u0301",  # accents as separate marks
    ]
    p = page
    p.goto(base_url + "explorer/")  # type: ignore[attr-defined]
    p.locator(".mesbox-explorer__status", has_text="Tapez des mots").wait_for(timeout=15000)  # type: ignore[attr-defined]
    cutting = "words => words.map(w => { const t = window.mesboxIndex.terms(w); return [t, t.map(window.mesboxIndex.shardOf)]; })"
    cut = p.evaluate(cutting, words)  # type: ignore[attr-defined]
    expected = [[terms(word), [shard(term) for term in terms(word)]] for word in words]
    assert cut == expected and expected[1][0] == ["cooperation"]


def test_explorer_on_a_phone_folds_the_filters_above_the_results(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")  # type: ignore[attr-defined]
    p = context.new_page()
    p.goto(base_url + "explorer/?q=prepare")
    p.locator(".mesbox-explorer__status", has_text="résultat").wait_for(timeout=15000)
    assert p.locator(".mesbox-explorer__filters").get_attribute("open") is None
    assert p.locator(".mesbox-explorer__results .mesbox-card").first.is_visible()
    assert p.evaluate("document.documentElement.scrollWidth") <= 390
    p.locator(".mesbox-explorer__filters > summary").click()
    assert p.locator(".mesbox-explorer__facet legend", has_text="Type").is_visible()
    context.close()
