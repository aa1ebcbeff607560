"""Page sources of the whole site, from the catalogue alone (docs/contrat.md §6).

Each page is Markdown with a JSON front-matter and HTML blocks rendered by Jinja
with autoescape on, so every value taken from front-matter is escaped. Links are
relative, so the same sources serve any base URL and any engine that renders Markdown.
"""

from __future__ import annotations

import datetime
import heapq
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, TypeVar

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from mesbox.catalogue.catalogue import Catalogue, term_order
from mesbox.contract.ids import slugify
from mesbox.contract.marks import BLOCKS_CLASS, LATE_BLOCK
from mesbox.contract.period import MONTHS, french_period
from mesbox.contract.registry import ACTOR_KINDS, ANALYSED, AUDIENCES, PLACES, STORY_FORMATS, TERRITORY_KINDS, TYPE_GROUPS, Taxonomy
from mesbox.contract.schemas import ActorTerm, GridMeta, MonographMeta, TerritoryTerm
from mesbox.reading.documents import COLLECTIONS, TAXONOMIES, Entry, TermEntry
from mesbox.rendering.jsonld import entry_jsonld, script_json
from mesbox.rendering.licences import LICENCES
from mesbox.rendering.templatecache import MemoryBytecodeCache
from mesbox.rendering.urls import absolute, relative, root_prefix
from mesbox.rendering.wikilinks import Link, link_tokens, with_links

# References whose field is keyed by the parts of the entry named (a monograph's answers by its grid's
# dimensions): each entry of the target collection gets a cross-analysis page (registry `ANALYSED`).
ANSWERS = tuple((c, r) for c in COLLECTIONS.values() for r in c.references if r.keys_field and r.target)
AUDIENCES_URL = "publics/"
EXPLORER_URL = "explorer/"
# What the Explorer filters and counts without words (`publishing.explorerdata`), beside its page.
EXPLORER_DATA = EXPLORER_URL + "filtres.json"
# What a territory's official code is, in the words of the public services that publish it.
CODE_LABELS = {
    "commune": "Code officiel de la commune (Insee)",
    "departement": "Numéro du département",
    "region": "Code officiel de la région (Insee)",
    "intercommunalite": "Numéro SIREN de l’intercommunalité",
}


@dataclass(frozen=True)
class TypeGroup:
    """Entries of one kind on a hub page; `lead` groups come first and are drawn as cards."""

    id: str
    title: str
    entries: list[Entry]
    lead: bool = False


def type_key(entry: Entry) -> str:
    """The value of a grouped collection's field (a fiche's kind), or any other entry's collection: the keys of TYPE_GROUPS."""
    grouping = entry.collection.grouping
    return str(getattr(entry.meta, grouping.field)) if grouping else entry.collection.id


# The anchor of each kind's heading on hub pages, which entry pages' breadcrumbs link to.
TYPE_ANCHORS = {key: slugify(title) for key, title in TYPE_GROUPS.items()}


def type_groups(entries: list[Entry], leads: tuple[str, ...] = ()) -> list[TypeGroup]:
    """Entries grouped by kind, listing order kept inside each group: `leads` first, then the rest."""
    found: dict[str, list[Entry]] = {}
    for entry in entries:
        found.setdefault(type_key(entry), []).append(entry)
    order = [*leads, *(key for key in TYPE_GROUPS if key not in leads)]
    return [TypeGroup(TYPE_ANCHORS[key], TYPE_GROUPS[key], found[key], key in leads) for key in order if key in found]


@dataclass(frozen=True)
class LatestEntry:
    """An entry as the home page's "Nouveautés" shows it: plain text, escaped by the template."""

    title: str
    url: str
    kind: str
    date: str
    when: str
    description: str


def latest_entries(catalogue: Catalogue, count: int = 6) -> list[LatestEntry]:
    """The `count` entries published or updated last, newest first, ties in listing order."""
    rank = catalogue.rank
    newest = heapq.nsmallest(count, catalogue.entries.values(), key=lambda e: (-(e.meta.updated or e.meta.date).toordinal(), rank[e.id]))
    return [
        LatestEntry(
            e.title,
            e.url,
            type_label(e),
            (e.meta.updated or e.meta.date).isoformat(),
            f"{'Mise à jour' if e.meta.updated else 'Publication'} : {french_date(e.meta.updated or e.meta.date)}",
            e.meta.description,
        )
        for e in newest
    ]


def audience_url(audience: str) -> str:
    return f"{AUDIENCES_URL}{audience}/"


# A breadcrumb: the pages above this one, from the home page down, as (label, site URL).
Trail = list[tuple[str, str]]
HOME: tuple[str, str] = ("Accueil", "")


def parent_trail(term: TermEntry, terms: dict[str, TermEntry]) -> Trail:
    """The terms of a hierarchical vocabulary that contain `term`, largest first (a cycle, refused by
    the check, stops the walk)."""
    chain: Trail = []
    seen = {term.id}
    parent = getattr(term.term, "parent", None)
    while parent in terms and parent not in seen:
        seen.add(parent)
        above = terms[parent]
        chain.append((above.label, above.url))
        parent = getattr(above.term, "parent", None)
    return chain[::-1]


@dataclass(frozen=True)
class SiteSettings:
    """What pages need to know of the site: its public address and where contributors edit files."""

    site_url: str = ""
    edit_url_base: str = ""


# Generated blocks never go through Markdown, which spends a tenth of a millisecond on each raw HTML
# block: the first run of a page's blocks goes before its HTML, each other run after the heading that
# carries its mark, a class (`mesbox-blocks-2`) that `fill` removes. A late block waits in the rendered
# page under a comment, `<!--mesbox:block:2-->`.
_MARKED = re.compile(rf'<(h[1-6])([^>]*?) class="{re.escape(BLOCKS_CLASS)}([0-9]+)"([^>]*)>(.*?)</\1>', re.DOTALL)
_MARKED_MARKDOWN = re.compile(rf"^(#{{1,6}} .*?) \{{: \.{re.escape(BLOCKS_CLASS)}([0-9]+) ?(.*?)\}}$", re.MULTILINE)
_LATE = re.compile(re.escape(LATE_BLOCK).replace(r"\{\}", "([0-9]+)"))


# ASCII punctuation that some Markdown extension may read as syntax in a heading's text.
_MARKDOWN_SYNTAX = re.compile(r"[!\"#$%&()*+\-./:;<=>?@\[\\\]^_`{|}~]")


def markdown_text(text: str) -> str:
    """Front-matter text as literal Markdown inline text, on one line: its punctuation written as
    character references, which no extension reads as syntax (a backslash escape depends on them)."""
    return _MARKDOWN_SYNTAX.sub(lambda match: f"&#{ord(match.group())};", " ".join(text.split()))


@lru_cache(maxsize=1024)  # a few dozen headings ("Sources", "Voir aussi", each dimension of a grid) repeat on thousands of pages
def markdown_heading(level: int, title: str, anchor: str = "", searched: bool = True, run: int = 0) -> str:
    """A Markdown heading, so the `toc` extension numbers its anchor, adds its permalink and lists it
    (and MkDocs' anchor validation sees it). `anchor` fixes the id (attr_list); a heading not
    `searched` is kept out of Material's search index (`data-search-exclude`); `run` (from 1) marks the
    heading that the page's run of blocks of that number follows."""
    parts = (f".{BLOCKS_CLASS}{run}" if run else "", f"#{anchor}" if anchor else "", "" if searched else "data-search-exclude")
    attributes = " ".join(part for part in parts if part)
    return f"{'#' * level} {markdown_text(title)}" + (f" {{: {attributes} }}" if attributes else "")


@dataclass
class PageSource:
    """One page to publish: its source path, its URL, its metadata and Markdown, and the repository file
    behind it. An engine gets `meta` as the page's metadata (MkDocs: `page.meta`), so that it parses no
    front matter; `inline()` writes it as front matter for an engine that reads it from the page.

    Generated HTML does not need Markdown: `runs` lists the `blocks` that go before the page's HTML (run
    0) and after each marked heading (run k follows the heading marked `mesbox-blocks-k`), and `links`
    the links that the body's `[[id]]` tokens stand for (`wikilinks`): an engine renders the Markdown,
    puts the links in (`linked`), sanitises, then puts the blocks in (`fill`); MkDocs does all three in
    `on_page_content`. `inline()` gives the same page as plain Markdown for any other engine.
    """

    src_uri: str
    url: str
    content: str
    title: str
    edit_path: str | None = None
    in_nav: bool = False
    meta: dict[str, Any] = field(default_factory=dict)
    blocks: list[str] = field(default_factory=list)
    runs: list[list[int]] = field(default_factory=list)
    late: frozenset[int] = frozenset()
    links: list[Link] = field(default_factory=list)

    def inline(self) -> str:
        def after(match: re.Match[str]) -> str:
            rest = match.group(3).strip()
            return f"{match.group(1)}{f' {{: {rest} }}' if rest else ''}\n\n{self._run(int(match.group(2)), inline=True)}"

        content = _MARKED_MARKDOWN.sub(after, self.content)
        if self.runs and self.runs[0]:
            content = f"{self._run(0, inline=True)}\n\n{content}"
        return front_matter(self.meta) + with_links(content, self.links, markdown=True)

    def linked(self, html: str) -> str:
        """Rendered Markdown with the body's links in place of their tokens, ready for the sanitiser."""
        return with_links(html, self.links)

    def fill(self, html: str, late: bool = False) -> str:
        """Rendered (and sanitised) HTML with the blocks put in place; `late` ones (navigation aids such
        as "Voir aussi") can be put in after the search index has read the page."""
        if late:  # one pass over the page (a replace per block copied the whole page each time)
            return _LATE.sub(lambda m: self.blocks[int(m[1])] if int(m[1]) in self.late else m[0], html)
        if len(self.runs) > 1:
            html = self._after_headings(html)
        return self._run(0) + "\n" + html if self.runs and self.runs[0] else html

    def _after_headings(self, html: str) -> str:
        """Each run after the last heading marked with its number: mesbox's headings follow the body, so a
        mark a body managed to write (a character reference that the sanitiser decoded) comes before and
        is only removed. A run whose heading is missing (an HTML block left open at the end of the body
        took the headings in as text) goes at the end of the page, never dropped."""
        marked = list(_MARKED.finditer(html))
        last = {int(match[3]): match for match in marked}
        parts, start = [], 0
        for match in marked:
            parts += [html[start : match.start()], f"<{match[1]}{match[2]}{match[4]}>{match[5]}</{match[1]}>"]
            if last[int(match[3])] is match:
                parts.append("\n" + self._run(int(match[3])))
            start = match.end()
        parts.append(html[start:])
        parts += ["\n" + self._run(number) for number in range(1, len(self.runs)) if number not in last]
        return "".join(parts)

    def _run(self, number: int, inline: bool = False) -> str:
        if number >= len(self.runs):
            return ""
        if inline:
            return "\n\n".join(self.blocks[i] for i in self.runs[number])
        return "\n".join(LATE_BLOCK.format(i) if i in self.late else self.blocks[i] for i in self.runs[number])


@dataclass(frozen=True)
class PlannedPage:
    """A page known before it is rendered: what an engine needs to register it, and how to render it."""

    src_uri: str
    url: str
    in_nav: bool
    render: Callable[[], PageSource]


def entry_src_uri(entry: Entry) -> str:
    """Source path of an entry page: its collection's id, the sub-folders it sits in, its id."""
    folder = posixpath.dirname(entry.path[len(entry.collection.folder) + 1 :])
    return posixpath.join(entry.collection.id, folder, f"{entry.id}.md")


class _Blocks:
    """Collects a page's HTML blocks in runs: the blocks given before any heading go before the page,
    a block given with a heading follows it, and a block given without one joins the run before it
    (nothing is written between them)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.late: set[int] = set()
        self.runs: list[list[int]] = [[]]

    def __call__(self, html: str, late: bool = False, heading: str = "", level: int = 2, anchor: str = "") -> str:
        """The Markdown that stands for `html`: its `heading` (a late block's heading is left out of the
        search index like its block), or nothing."""
        index = len(self.items)
        self.items.append(html)
        if late:
            self.late.add(index)
        if not heading:
            self.runs[-1].append(index)
            return ""
        self.runs.append([index])
        return markdown_heading(level, heading, anchor=anchor, searched=not late, run=len(self.runs) - 1)


def french_date(day: datetime.date) -> str:
    return f"{day.day}{'er' if day.day == 1 else ''} {MONTHS[day.month - 1]} {day.year}"


def count_label(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count <= 1 else plural}"


def type_label(entry: Entry) -> str:
    """What an entry is: its group's label in a grouped collection (« Fiche méthode »), else its collection's."""
    collection = entry.collection
    if collection.grouping:
        return collection.labels[collection.grouping.field][type_key(entry)]
    return collection.singular


# mesbox's templates, compiled once per process (a preview makes a renderer for each save).
COMPILED = MemoryBytecodeCache()


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("mesbox", "templates"),
        bytecode_cache=COMPILED,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["slug"] = slugify
    env.globals.update(
        french_date=french_date,
        french_period=french_period,
        count_label=count_label,
        type_label=type_label,
        audiences=AUDIENCES,
        audience_url=audience_url,
        formats=STORY_FORMATS,
        joined=joined,
    )
    return env


Listed = TypeVar("Listed")


def joined(entries: Iterable[Listed], item: Callable[[Listed], Markup | str]) -> Markup:
    """The `item` (card or row) of each entry, one after the other: a listing's items joined in Python,
    which costs a fraction of a template loop calling a helper per entry. Anything not `Markup` is escaped
    (`Markup.join` copies every item to escape it: only done when one of them is not `Markup`)."""
    items = list(map(item, entries))
    if all(type(html) is Markup for html in items):
        return Markup("".join(items))
    return Markup("").join(items)


def _html_block(html: str) -> str:
    """A raw HTML block for Markdown: no blank line inside, so it is passed through untouched."""
    return "\n".join(filter(str.strip, str(html).splitlines()))


# `json.dumps` with any argument makes a new encoder per call: one for every page.
_FRONT_MATTER_JSON = json.JSONEncoder(ensure_ascii=False)


def _shown(values: dict[str, Any]) -> dict[str, Any]:
    """A page's metadata as the engine gets it. Themes write `title` and `description` into HTML unescaped
    (in <title>, <meta>, the nav and search results), so both are HTML-escaped here; they still display
    as written."""
    return {k: str(escape(v)) if k in ("title", "description") else v for k, v in values.items()}


def front_matter(meta: dict[str, Any]) -> str:
    """`meta` as a page's front matter, for an engine that reads it from the page: JSON is valid YAML, so
    no user YAML reaches the engine."""
    return "---\n" + _FRONT_MATTER_JSON.encode(meta) + "\n---\n\n"


class SiteRenderer:
    """Renders every page of the site from one catalogue."""

    def __init__(self, catalogue: Catalogue, settings: SiteSettings | None = None) -> None:
        self.catalogue = catalogue
        self.settings = settings or SiteSettings()
        self.env = _environment()
        self.env.globals["terms"] = catalogue.terms
        self._cards: dict[tuple[str, str], Markup] = {}
        self._rows: dict[tuple[str, str], Markup] = {}
        self._chips: dict[tuple[str, str, str], Markup] = {}
        self._entry_blocks: Any = self.env.get_template("entry.html").module
        self._macros: Any = self.env.get_template("_macros.html").module

    def _print_head(self, url: str, citation: Markup | str = "") -> str:
        """What a printed page needs to lead back to the site: its address (and how to cite it).
        Without a known site address, the page's script writes the address it was printed from."""
        return _html_block(self._macros.print_head(absolute(self.settings.site_url, url), not self.settings.site_url, citation))

    def _breadcrumb(self, url: str, trail: Trail) -> str:
        """Where the page sits, written by mesbox itself: entries and terms stay out of the theme's nav."""
        return _html_block(self._macros.breadcrumb([(label, relative(url, target)) for label, target in (HOME, *trail)]))

    def _render(self, template: str, url: str, **context: Any) -> str:
        link, card, row = self._links(url)
        return _html_block(self.env.get_template(template).render(link=link, card=card, row=row, **context))

    def _links(self, url: str) -> tuple[Callable[[str], str], Callable[[Entry], Markup], Callable[[Entry], Markup]]:
        """The page's `link`, `card` and `row` helpers, as the templates call them."""
        prefix = root_prefix(url)
        return (
            lambda target: relative(url, target),
            self._cached(self._macros.card, self._cards, prefix),
            self._cached(self._macros.row, self._rows, prefix),
        )

    def _cached(self, macro: Callable[..., Markup], cache: dict[tuple[str, str], Markup], prefix: str) -> Callable[[Entry], Markup]:
        """A page's `card` or `row` helper: an entry's item rendered once per page depth (listings repeat them many times)."""
        link: Callable[[str], str] = lambda target: prefix + target

        def item(entry: Entry) -> Markup:
            html = cache.get((entry.id, prefix))
            if html is None:
                html = cache[entry.id, prefix] = macro(entry, link)
            return html

        return item

    def _vocabularies(self, entry: Entry, prefix: str) -> list[tuple[Taxonomy, Markup]]:
        """Each vocabulary the entry names terms of, in declaration order, with the links to those terms."""
        return [
            (taxonomy, self._terms(taxonomy.id, ids, prefix))
            for taxonomy in TAXONOMIES.values()
            if (ids := getattr(entry.meta, taxonomy.key))
        ]

    def _terms(self, taxonomy: str, ids: list[str], prefix: str) -> Markup:
        """An entry's terms of one vocabulary as links (unknown ids left out), each rendered once per page depth."""
        terms = self.catalogue.terms[taxonomy]
        chips = []
        for term_id in ids:
            if term_id in terms:
                key = (taxonomy, term_id, prefix)
                chip = self._chips.get(key)
                if chip is None:
                    term = terms[term_id]
                    chip = self._chips[key] = self._macros.chip(term, prefix + term.url)
                chips.append(chip)
        return Markup(" ".join(chips))  # each chip is Markup, from its macro

    def _page(
        self,
        src_uri: str,
        url: str,
        title: str,
        html: str,
        description: str = "",
        wide: bool = False,
        trail: Trail | None = None,
        **extra: Any,
    ) -> PageSource:
        meta: dict[str, Any] = {"title": title, "description": description} if description else {"title": title}
        # Listings repeat what the entries say: left out of the search index, results point at entries.
        meta["search"] = {"exclude": True}
        if wide:
            meta["hide"] = ["navigation", "toc"]
        blocks = _Blocks()
        # The whole page is one block, title included: no Markdown to convert.
        crumbs = self._breadcrumb(url, trail) + "\n" if trail is not None else ""
        blocks(f"{crumbs}<h1>{escape(title)}</h1>\n{self._print_head(url)}\n{html}")
        return PageSource(src_uri, url, "", title, meta=_shown(meta), blocks=blocks.items, runs=blocks.runs, **extra)

    # Entries -----------------------------------------------------------------

    def entry_page(self, entry: Entry) -> PageSource:
        catalogue, meta, url = self.catalogue, entry.meta, entry.url
        grid = catalogue.resolve(meta.grid) if isinstance(meta, MonographMeta) and meta.grid else None
        licence = LICENCES[meta.licence]
        blocks = self._entry_blocks
        link, card, row = self._links(url)
        block = _Blocks()
        trail: Trail = [(entry.collection.plural, entry.collection.url)]
        if entry.collection.grouping:
            key = type_key(entry)
            trail.append((TYPE_GROUPS[key], f"{entry.collection.url}#{TYPE_ANCHORS[key]}"))
        parts = [
            # Way-finding, not content: joins the page after indexing, like the card below.
            block(self._breadcrumb(url, trail), late=True),
            block(f"<h1>{escape(meta.title)}</h1>\n" + _html_block(blocks.header(entry, link))),
            # Printed only: the page's address and how to cite it, on the first page of a handout.
            block(self._print_head(url, blocks.citation(entry, licence)), late=True),
            # The metadata card is for reading, not for finding: it joins the page after indexing.
            block(_html_block(blocks.card(entry, grid, licence, link, self._vocabularies(entry, root_prefix(url)))), late=True),
        ]
        body, links = link_tokens(entry.body.strip(), catalogue, link)
        parts.append(body)
        parts.append(self._entry_sections(entry, grid, link, block))
        if entry.collection.section:  # the collection's own section (a path's steps), from its macro
            section = getattr(blocks, f"section_{entry.collection.id}")(entry, catalogue.resolve, card, link)
            parts.append(block(_html_block(section), heading=entry.collection.section))
        if meta.sources:
            parts.append(block(_html_block(blocks.sources(meta.sources)), heading="Sources"))
        for heading, holders in catalogue.backlinks(entry):  # the paths this entry is a step of…
            parts.append(block(_html_block(blocks.held_by(catalogue.in_order(holders), card)), late=True, heading=heading))
        see_also = catalogue.see_also(entry)
        if see_also:
            parts.append(block(_html_block(blocks.see_also(see_also, card)), late=True, heading="Voir aussi"))
        cited_by = catalogue.in_order(catalogue.cited_by.get(entry.id, []))
        if cited_by:  # no empty section: an empty heading costs a printed page and says nothing
            parts.append(block(_html_block(blocks.cited_by(cited_by, row)), late=True, heading="Cité par"))
        front = {
            "title": meta.title,
            "description": meta.description,
            "mesbox_jsonld": script_json(entry_jsonld(entry, catalogue, self.settings.site_url)),
            "mesbox_licence_url": licence.url,
            "mesbox_licence": licence.id,
        }
        content = "\n\n".join(p for p in parts if p) + "\n"
        return PageSource(
            entry_src_uri(entry),
            url,
            content,
            meta.title,
            edit_path=entry.path,
            meta=_shown(front),
            blocks=block.items,
            runs=block.runs,
            late=frozenset(block.late),
            links=links,
        )

    def _entry_sections(self, entry: Entry, grid: Entry | None, link: Callable[[str], str], block: _Blocks) -> str:
        """A grid's dimensions with their questions, or a monograph's answers to its grid: one Markdown
        sub-heading per dimension (`#dimension-<id>`, the anchor the cross-analysis links to)."""
        meta, blocks = entry.meta, self._entry_blocks
        if isinstance(meta, MonographMeta) and meta.dimensions and grid is not None and isinstance(grid.meta, GridMeta):
            title, analysis, more = (
                "Lecture selon la grille",
                f"{grid.url}analyse/",
                "Comparer avec les autres monographies selon cette grille",
            )
            items = [(d, blocks.dimension_answer(meta.dimensions[d.id])) for d in grid.meta.dimensions if d.id in meta.dimensions]
        elif isinstance(meta, GridMeta):
            title, analysis, more = (
                "Dimensions et questions",
                f"{entry.url}analyse/",
                "Voir l’analyse croisée des monographies selon cette grille",
            )
            items = [(d, blocks.dimension_questions(d)) for d in meta.dimensions]
        else:
            return ""
        link_html = _html_block(blocks.analysis_link(link(analysis), more))
        if not items:  # the link follows the section's heading
            return block(link_html, heading=title)
        parts = [markdown_heading(2, title)]
        for dimension, html in items:
            parts.append(block(_html_block(html), heading=dimension.title, level=3, anchor=f"dimension-{dimension.id}"))
        block(link_html)  # after the last dimension's block
        return "\n\n".join(parts)

    # Listings ----------------------------------------------------------------

    def collection_page(self, collection_id: str) -> PageSource:
        collection = COLLECTIONS[collection_id]
        entries = self.catalogue.by_collection[collection_id]
        groups = self.catalogue.grouped(collection_id)
        analyses = []
        for source, reference in ANSWERS:  # both sides list the analyses; the analysed side, even empty ones
            if collection_id in (source.id, reference.target):
                for grid in self.catalogue.by_collection[str(reference.target)]:
                    count = len(self.catalogue.monographs_by_grid.get(grid.id, []))
                    if count or collection_id == reference.target:
                        analyses.append((grid, f"{grid.url}analyse/", count))
        html = self._render("collection.html", collection.url, collection=collection, entries=entries, groups=groups, analyses=analyses)
        return self._page(f"{collection_id}/index.md", collection.url, collection.plural, html, in_nav=True)

    def analysis_page(self, grid: Entry) -> PageSource:
        assert isinstance(grid.meta, GridMeta)
        url = f"{grid.url}analyse/"
        answering, reference = next((source, reference) for source, reference in ANSWERS if reference.target == grid.collection.id)
        # Each monograph with its link and its answers by dimension, which the table and each dimension's list repeat.
        monographs = [
            (entry, relative(url, entry.url), getattr(entry.meta, str(reference.keys_field)))
            for entry in self.catalogue.monographs_by_grid.get(grid.id, [])
        ]
        html = self._render("analysis.html", url, grid=grid, dimensions=grid.meta.dimensions, monographs=monographs, answering=answering)
        title = f"Analyse croisée : {grid.title}"
        return self._page(
            f"{grid.collection.id}/{grid.id}/analyse.md",
            url,
            title,
            html,
            f"Les monographies comparées selon les dimensions de la grille « {grid.title} ».",
            wide=True,
            trail=[(grid.collection.plural, grid.collection.url), (grid.title, grid.url)],
        )

    # Taxonomies --------------------------------------------------------------

    def taxonomy_page(self, taxonomy_id: str, map_svg: str = "", map_credit: str = "") -> PageSource:
        taxonomy = TAXONOMIES[taxonomy_id]
        groups = term_rows(self.catalogue, taxonomy)
        html = self._render("taxonomy.html", taxonomy.url, groups=groups, map_svg=Markup(map_svg), map_credit=Markup(map_credit))
        return self._page(f"{taxonomy.url_segment}/index.md", taxonomy.url, taxonomy.plural, html, in_nav=True)

    def term_page(self, term: TermEntry) -> PageSource:
        taxonomy = term.taxonomy
        entries = self.catalogue.entries_for_term(taxonomy.id, term.id)
        groups = type_groups(entries, taxonomy.leads)
        facts, kind_label = self._term_facts(term)
        children = [c for c in sorted(term.children, key=term_order) if self.catalogue.entries_for_term(taxonomy.id, c.id)]
        html = self._render(
            "term.html", term.url, term=term, groups=groups, total=len(entries), facts=facts, kind_label=kind_label, children=children
        )
        description = (
            term.term.description or f"{taxonomy.singular} « {term.label} » : les entrées de la boîte à outils qui s’y rattachent."
        )
        trail = [(taxonomy.plural, taxonomy.url), *parent_trail(term, self.catalogue.terms[taxonomy.id])]
        return self._page(f"{taxonomy.url_segment}/{term.id}.md", term.url, term.label, html, description[:300], trail=trail)

    def _term_facts(self, term: TermEntry) -> tuple[list[tuple[str, str, str | None]], str]:
        data = term.term
        facts: list[tuple[str, str, str | None]] = []
        if isinstance(data, TerritoryTerm):
            territories = self.catalogue.terms[PLACES.id]
            if data.insee:
                facts.append((CODE_LABELS.get(data.kind, "Code officiel"), data.insee, None))
            if data.parent in territories:
                parent = territories[data.parent]
                facts.append(("Fait partie de", parent.label, parent.url))
            return facts, TERRITORY_KINDS[data.kind]
        if isinstance(data, ActorTerm):
            regions = self.catalogue.terms[PLACES.id]
            if data.region in regions:
                facts.append(("Région", regions[data.region].label, regions[data.region].url))
            if data.website:
                facts.append(("Site web", data.website, data.website))
            if data.siren:
                facts.append(("SIREN", data.siren, None))
            if data.rna:
                facts.append(("Numéro RNA", data.rna, None))
            return facts, ACTOR_KINDS[data.kind]
        return facts, ""

    # Explorer ------------------------------------------------------------------

    def explorer_page(self) -> PageSource:
        """The page where readers search and combine facets; the site's script does the searching."""
        from mesbox.rendering.searchrecords import FACETS, hub_records  # the records module builds on this one

        # The hubs' names: a query that is a hub's name shows that hub first, whatever the engine's scores.
        hubs = [[record.title, record.label, record.url] for record in hub_records(self.catalogue)]
        html = self._render("explorer.html", EXPLORER_URL, facets=list(FACETS), hubs=hubs, data=EXPLORER_DATA)
        description = "Chercher dans la boîte à outils et combiner les filtres : type, thème, territoire, méthode, acteur, public, année."
        return self._page(f"{EXPLORER_URL}index.md", EXPLORER_URL, "Explorer la boîte à outils", html, description, wide=True)

    # Audiences -----------------------------------------------------------------

    def audiences_page(self) -> PageSource:
        rows = [(audience_url(a), label, len(self.catalogue.by_audience[a])) for a, label in AUDIENCES.items()]
        html = self._render("audiences.html", AUDIENCES_URL, rows=[row for row in rows if row[2]])
        description = "Les fiches de la boîte à outils rangées selon le public pour lequel elles sont écrites."
        return self._page(f"{AUDIENCES_URL}index.md", AUDIENCES_URL, "Publics", html, description, in_nav=True)

    def audience_page(self, audience: str) -> PageSource:
        url, label = audience_url(audience), AUDIENCES[audience]
        entries = self.catalogue.by_audience[audience]
        html = self._render("audience.html", url, label=label, groups=type_groups(entries), total=len(entries))
        description = f"Les entrées de la boîte à outils écrites pour ce public : {label.lower()}."
        return self._page(f"{url.rstrip('/')}.md", url, label, html, description, trail=[("Publics", AUDIENCES_URL)])

    # The whole site ----------------------------------------------------------

    def plan(self, france_map: MapMaker = lambda: ("", "")) -> list[PlannedPage]:
        """Every generated page, in publishing order, before any is rendered: one planner per kind of
        page (`PLANNERS`). `france_map` gives the map of places and its credit."""
        return [page for planner in PLANNERS for page in planner(self, france_map)]

    def pages(self, france_map: MapMaker = lambda: ("", "")) -> list[PageSource]:
        """Every generated page, rendered."""
        return [page.render() for page in self.plan(france_map)]


# Vocabulary overviews: rows as (heading or None, [(term, entries, depth)]) ------------------------

TermRows = list[tuple[str | None, list[tuple[TermEntry, int, int]]]]


def term_rows(catalogue: Catalogue, taxonomy: Taxonomy) -> TermRows:
    """An overview's rows as its vocabulary's declaration asks: a tree, groups under a field's labels, or a flat list."""
    rows = tree_rows if taxonomy.hierarchical else grouped_rows if taxonomy.group_by else flat_rows
    return rows(catalogue, taxonomy)


def tree_rows(catalogue: Catalogue, taxonomy: Taxonomy) -> TermRows:
    """A hierarchical vocabulary as a tree, each term below its parent; terms without entries are left out."""
    terms = catalogue.terms[taxonomy.id]
    parent = lambda t: getattr(t.term, "parent", None)
    roots = [t for t in terms.values() if parent(t) not in terms or parent(t) == t.id]
    rows: list[tuple[TermEntry, int, int]] = []
    stack = [(t, 0) for t in sorted(roots, key=term_order, reverse=True)]
    seen: set[str] = set()
    while stack:
        term, depth = stack.pop()
        if term.id in seen:
            continue
        seen.add(term.id)
        found = len(catalogue.entries_for_term(taxonomy.id, term.id))
        if not found:  # a place without entries leads to an empty page: kept out of the list
            continue
        rows.append((term, found, depth))
        stack.extend((child, depth + 1) for child in sorted(term.children, key=term_order, reverse=True))
    return [(None, rows)]


def grouped_rows(catalogue: Catalogue, taxonomy: Taxonomy) -> TermRows:
    """Terms grouped by the declared field (actors by kind), under that field's labels made plural."""
    field_name = str(taxonomy.group_by)
    groups: TermRows = []
    for value, label in taxonomy.labels[field_name].items():
        group = [
            (t, len(catalogue.entries_for_term(taxonomy.id, t.id)), 0)
            for t in catalogue.terms[taxonomy.id].values()
            if getattr(t.term, field_name, None) == value
        ]
        if group:
            groups.append((label + ("x" if label.endswith("eau") else "s"), group))
    return groups


def flat_rows(catalogue: Catalogue, taxonomy: Taxonomy) -> TermRows:
    return [(None, [(t, len(catalogue.entries_for_term(taxonomy.id, t.id)), 0) for t in catalogue.terms[taxonomy.id].values()])]


# Planners: one per kind of generated page, in publishing order ----------------------------------

MapMaker = Callable[[], tuple[str, str]]
Planner = Callable[[SiteRenderer, MapMaker], Iterator[PlannedPage]]


def plan_entries(site: SiteRenderer, france_map: MapMaker) -> Iterator[PlannedPage]:
    for entry in site.catalogue.entries.values():
        yield PlannedPage(entry_src_uri(entry), entry.url, False, partial(site.entry_page, entry))


def plan_listings(site: SiteRenderer, france_map: MapMaker) -> Iterator[PlannedPage]:
    """One listing per collection, in the menu."""
    for collection in COLLECTIONS.values():
        yield PlannedPage(f"{collection.id}/index.md", collection.url, True, partial(site.collection_page, collection.id))


def plan_analyses(site: SiteRenderer, france_map: MapMaker) -> Iterator[PlannedPage]:
    """A cross-analysis per entry that others answer part by part (a grid)."""
    for target in ANALYSED:
        for entry in site.catalogue.by_collection[target]:
            yield PlannedPage(f"{target}/{entry.id}/analyse.md", f"{entry.url}analyse/", False, partial(site.analysis_page, entry))


def plan_vocabularies(site: SiteRenderer, france_map: MapMaker) -> Iterator[PlannedPage]:
    """Each vocabulary's overview (in the menu; the places' one with the map), then a page per term."""
    for taxonomy in TAXONOMIES.values():
        overview = partial(site.taxonomy_page, taxonomy.id)
        if taxonomy.places:
            overview = partial(lambda t: site.taxonomy_page(t, *france_map()), taxonomy.id)
        yield PlannedPage(f"{taxonomy.url_segment}/index.md", taxonomy.url, True, overview)
        for term in site.catalogue.terms[taxonomy.id].values():
            yield PlannedPage(f"{taxonomy.url_segment}/{term.id}.md", term.url, False, partial(site.term_page, term))


def plan_audiences(site: SiteRenderer, france_map: MapMaker) -> Iterator[PlannedPage]:
    """The audiences' overview (in the menu), then a page per audience."""
    yield PlannedPage(f"{AUDIENCES_URL}index.md", AUDIENCES_URL, True, site.audiences_page)
    for audience in AUDIENCES:
        yield PlannedPage(f"{audience_url(audience).rstrip('/')}.md", audience_url(audience), False, partial(site.audience_page, audience))


def plan_explorer(site: SiteRenderer, france_map: MapMaker) -> Iterator[PlannedPage]:
    yield PlannedPage(f"{EXPLORER_URL}index.md", EXPLORER_URL, False, site.explorer_page)


PLANNERS: tuple[Planner, ...] = (plan_entries, plan_listings, plan_analyses, plan_vocabularies, plan_audiences, plan_explorer)
