"""Every page of the site, map included: the one call an engine adapter makes."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..models import TerritoryTerm
from .francemap import MapMark, map_credit, render_france_map
from .pages import PageSource, PlannedPage, SiteRenderer, SiteSettings
from .urls import relative


def departement_marks(catalogue: Catalogue) -> dict[str, MapMark]:
    """One mark per département term with an INSEE code: its entries, its own territories' included."""
    marks: dict[str, MapMark] = {}
    for term in catalogue.terms["territories"].values():
        data = term.term
        if isinstance(data, TerritoryTerm) and data.kind == "departement" and data.insee:
            count = len(catalogue.entries_for_term("territories", term.id))
            marks[data.insee] = MapMark(code=data.insee, label=term.label, count=count, href=relative("territoires/", term.url))
    return marks


def site_plan(catalogue: Catalogue, settings: SiteSettings | None = None) -> list[PlannedPage]:
    """Every page of the site, known before any is rendered (so an engine can register them first)."""
    return SiteRenderer(catalogue, settings).plan(lambda: (render_france_map(departement_marks(catalogue)), map_credit()))


def site_pages(catalogue: Catalogue, settings: SiteSettings | None = None) -> list[PageSource]:
    return [page.render() for page in site_plan(catalogue, settings)]
