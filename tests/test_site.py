"""The site as one list of pages: planned before rendering, the map shaded from the territory index."""

from __future__ import annotations

from pathlib import Path

from conftest import catalogue_of

from mesbox.rendering.site import departement_marks, site_pages, site_plan, territory_points


def test_a_departement_counts_the_entries_of_its_communes(valid_repo: Path) -> None:
    # The monograph is tagged Colombelles, a commune of the Calvados, and the story Le Plateau, a quartier of
    # Colombelles; the region is not a département.
    marks = departement_marks(catalogue_of(valid_repo))
    assert list(marks) == ["14"]
    mark = marks["14"]
    assert (mark.label, mark.count, mark.href) == ("Calvados", 2, "../territoires/calvados/")


def test_a_departement_without_entries_is_still_drawn_with_zero(valid_repo: Path) -> None:
    with (valid_repo / "taxonomies" / "territories.yml").open("a", encoding="utf-8") as territories:
        territories.write('- id: ariege\n  label: Ariège\n  kind: departement\n  insee: "09"\n')
    marks = departement_marks(catalogue_of(valid_repo))
    assert marks["09"].count == 0 and marks["14"].count == 2


def test_dots_for_territories_with_entries_of_their_own(valid_repo: Path) -> None:
    """Colombelles holds the monograph and the story: a dot linking to its page, placed in the Calvados; Le Plateau,
    a quartier of it a little further, holds the story: its own dot. A commune without entries (Caen), and a
    territory at the same place as Colombelles with fewer entries, get no dot."""
    with (valid_repo / "taxonomies" / "territories.yml").open("a", encoding="utf-8") as territories:
        territories.write(
            '- id: agglo\n  label: Agglo\n  kind: intercommunalite\n  insee: "200065597"\n'
            "  parent: calvados\n  lat: 49.2014\n  lon: -0.2975\n"
        )
    story = valid_repo / "content" / "recits" / "recit-plateau.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("territories: [plateau]", "territories: [plateau, colombelles, agglo]"), encoding="utf-8"
    )
    points = territory_points(catalogue_of(valid_repo))
    assert [(p.id, p.count, p.href, p.departement) for p in points] == [
        ("colombelles", 2, "../territoires/colombelles/", "14"),
        ("plateau", 1, "../territoires/plateau/", "14"),
    ]


def test_territory_list_and_included_territories_leave_out_places_without_entries(valid_repo: Path) -> None:
    """Caen, a commune of the Calvados, has no entry."""
    pages = {page.url: page.inline() for page in site_pages(catalogue_of(valid_repo))}
    assert "territoires/caen/" in pages  # its page exists (contract §5) and invites contributions
    assert "Caen" not in pages["territoires/"].split("</svg>", 1)[1] and "Caen" not in pages["territoires/calvados/"]
    assert "Colombelles" in pages["territoires/calvados/"]


def test_every_page_is_planned_once_with_a_unique_url_and_source(valid_repo: Path) -> None:
    catalogue = catalogue_of(valid_repo)
    plan = site_plan(catalogue)
    urls = [page.url for page in plan]
    assert len(urls) == len(set(urls)) and len({page.src_uri for page in plan}) == len(plan)
    # Entries stay out of the navigation; listings and overviews are in it.
    in_nav = {page.url for page in plan if page.in_nav}
    assert "fiches/" in in_nav and "territoires/" in in_nav
    assert not in_nav & {entry.url for entry in catalogue.entries.values()}
    assert [page.url for page in site_pages(catalogue)] == urls


def test_the_map_is_drawn_only_on_the_territories_overview(valid_repo: Path) -> None:
    pages = {page.url: page.inline() for page in site_pages(catalogue_of(valid_repo))}
    with_map = [url for url, text in pages.items() if "<svg" in text]
    assert with_map == ["territoires/"]
