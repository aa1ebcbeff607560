"""Every page of the site, map included: the one call an engine adapter makes."""

from __future__ import annotations

from mesbox.catalogue.catalogue import Catalogue
from mesbox.contract.registry import PLACES
from mesbox.contract.schemas import TerritoryTerm
from mesbox.rendering.francemap import MapMark, MapPoint, legend, map_credit, render_france_map
from mesbox.rendering.pages import PageSource, PlannedPage, SiteRenderer, SiteSettings
from mesbox.rendering.urls import relative


def departement_marks(catalogue: Catalogue) -> dict[str, MapMark]:
    """One mark per département term with an INSEE code: its entries, its own territories' included."""
    marks: dict[str, MapMark] = {}
    for term in catalogue.terms[PLACES.id].values():
        data = term.term
        if isinstance(data, TerritoryTerm) and data.kind == "departement" and data.insee:
            count = len(catalogue.entries_for_term(PLACES.id, term.id))
            marks[data.insee] = MapMark(code=data.insee, label=term.label, count=count, href=relative("territoires/", term.url))
    return marks


# Territories drawn as dots: below the département, where entries are written about one place.
POINT_KINDS = ("commune", "intercommunalite", "pays", "quartier")


def territory_points(catalogue: Catalogue) -> list[MapPoint]:
    """A dot per territory below the département that has entries of its own and coordinates;
    of several at the same place (a city and its intercommunality), the one with more entries."""
    territories = catalogue.terms[PLACES.id]
    found: dict[tuple[float, float], MapPoint] = {}
    for term in territories.values():
        data = term.term
        own = len(catalogue.by_term[PLACES.id].get(term.id, []))
        if not isinstance(data, TerritoryTerm) or data.kind not in POINT_KINDS or not own or data.lat is None or data.lon is None:
            continue
        departement, seen = term, {term.id}
        while isinstance(departement.term, TerritoryTerm) and departement.term.kind != "departement":
            parent = departement.term.parent
            if parent not in territories or parent in seen:
                break
            seen.add(parent)
            departement = territories[parent]
        code = departement.term.insee if isinstance(departement.term, TerritoryTerm) and departement.term.kind == "departement" else None
        point = MapPoint(term.id, term.label, own, relative("territoires/", term.url), data.lat, data.lon, code or "")
        key = (round(data.lat, 2), round(data.lon, 2))
        if key not in found or found[key].count < own:
            found[key] = point
    return list(found.values())


def site_plan(catalogue: Catalogue, settings: SiteSettings | None = None) -> list[PlannedPage]:
    """Every page of the site, known before any is rendered (so an engine can register them first)."""
    return SiteRenderer(catalogue, settings).plan(
        lambda: (render_france_map(departement_marks(catalogue), territory_points(catalogue)) + legend(), map_credit())
    )


def site_pages(catalogue: Catalogue, settings: SiteSettings | None = None) -> list[PageSource]:
    return [page.render() for page in site_plan(catalogue, settings)]
