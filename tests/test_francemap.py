"""The département map: complete data, escaped names, named focusable links, nothing loaded from elsewhere."""

import json
import re
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import pytest

from mesbox.rendering.francemap import INSET, MapMark, MapPoint, legend, map_credit, map_data, place, project, render_france_map, shade

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
METROPOLE = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"}


def _links(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}a"))


def test_data_file_loads_with_the_96_metropolitan_departements() -> None:
    data = map_data()
    assert set(data["departements"]) == METROPOLE  # the package draws no overseas département
    assert "20" not in data["departements"]
    assert data["licence"] == "CC-BY-4.0"
    assert "Victor Cazanave" in data["attribution"] and "MapSVG" in data["attribution"]
    assert re.fullmatch(r"0 0 \d+ \d+", data["viewBox"])
    names = {code: dept["name"] for code, dept in data["departements"].items()}
    assert (names["14"], names["2A"], names["2B"], names["75"], names["90"]) == (
        "Calvados",
        "Corse-du-Sud",
        "Haute-Corse",
        "Paris",
        "Territoire de Belfort",
    )
    for dept in data["departements"].values():
        assert re.fullmatch(r"[mz0-9.\- ]+", dept["d"]) and dept["d"].startswith("m")


def test_data_file_has_its_licence_next_to_it() -> None:
    licence = files("mesbox").joinpath("assets/france-departements.json.license").read_text(encoding="utf-8")
    assert "SPDX-License-Identifier: CC-BY-4.0" in licence and "SPDX-FileCopyrightText:" in licence
    raw = json.loads(files("mesbox").joinpath("assets/france-departements.json").read_text(encoding="utf-8"))
    assert raw["licence"] == "CC-BY-4.0"


def test_every_departement_is_drawn_and_the_svg_is_named() -> None:
    root = ET.fromstring(render_france_map({}))
    assert len(list(root.iter(f"{SVG}path"))) == 96 + len(INSET)  # Paris and its neighbours again in the inset
    assert not list(root.iter(f"{SVG}a"))
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
    assert root.get("role") == "group"  # not "img": an img's children are presentational, the links would vanish
    assert "départements" in (title.text or "")


def test_marks_are_named_links_with_their_href() -> None:
    svg = render_france_map(
        {
            "14": MapMark("14", "Calvados", 3, "calvados/"),
            "2A": MapMark("2A", "Corse-du-Sud", 1, "../corse-du-sud/"),
            "75": MapMark("75", "Paris", 1, "paris/"),
        }
    )
    links = [a for a in _links(svg) if a.get("tabindex") != "-1"]
    # In the drawing's order (INSEE order, Corsica between 19 and 21), the inset's Paris last.
    assert [(a.get("href"), a.get("aria-label")) for a in links] == [
        ("calvados/", "Calvados : 3 entrées"),
        ("../corse-du-sud/", "Corse-du-Sud : 1 entrée"),
        ("paris/", "Paris : 1 entrée"),
    ]
    for a in links:
        title = a.find(f"{SVG}title")
        assert title is not None and title.text == a.get("aria-label")
        assert a.find(f"{SVG}path") is not None
    # Paris's small twin on the main map takes the pointer only: out of the tab order and of the accessibility tree.
    (twin,) = [a for a in _links(svg) if a.get("tabindex") == "-1"]
    assert twin.get("href") == "paris/" and twin.get("aria-hidden") == "true" and twin.get("aria-label") is None
    assert len(list(ET.fromstring(svg).iter(f"{SVG}path"))) == 96 + len(INSET)  # marked ones are drawn once, inside their link


def test_each_link_has_a_name_to_show_on_focus() -> None:
    """The name is drawn after every shape (no neighbour covers it), hidden until its link has the pointer or the focus."""
    svg = render_france_map(
        {"14": MapMark("14", "Calvados", 3, "calvados/")},
        [MapPoint("colombelles", "Colombelles", 2, "colombelles/", 49.2003, -0.2978, "14")],
    )
    root = ET.fromstring(svg)
    keys = [a.get("data-mesbox-key") for a in root.iter(f"{SVG}a")]
    names = {t.get("data-mesbox-for"): t.text for t in root.iter(f"{SVG}text") if t.get("class") == "mesbox-map__name"}
    assert names == {"d14": "Calvados : 3 entrées", "pcolombelles": "Colombelles : 2 entrées"} and set(keys) == set(names)
    assert svg.index('class="mesbox-map__names"') > svg.index('class="mesbox-map__points"') > svg.index('class="mesbox-map__marks"')


def test_points_link_to_their_territory_inside_their_departement() -> None:
    """Dots are links with a name and a 24 px target; the fitted projection puts Colombelles in the Calvados,
    and a dot that falls just across a border (Saint-Ouen, beside Paris) is pulled inside its own département."""
    colombelles = MapPoint("colombelles", "Colombelles", 2, "colombelles/", 49.2003, -0.2978, "14")
    saint_ouen = MapPoint("saint-ouen", "Saint-Ouen", 1, "saint-ouen/", 48.912, 2.334, "93")
    svg = render_france_map(
        {},
        [
            colombelles,
            saint_ouen,
            MapPoint("x", "Sans entrée", 0, "x/", 45.0, 2.0, "63"),
            MapPoint("y", "Ailleurs", 1, "https://exemple.org/", 45.0, 2.0, "63"),
        ],
    )
    links = _links(svg)
    assert [(a.get("href"), a.get("aria-label")) for a in links] == [
        ("colombelles/", "Colombelles : 2 entrées"),
        ("saint-ouen/", "Saint-Ouen : 1 entrée"),
    ]
    hit = links[0].find(f"{SVG}circle")
    assert hit is not None and float(hit.get("r", 0)) * 720 / 613 * 2 >= 24  # at the map's width on screen
    from mesbox.rendering.francemap import _inside

    assert _inside(*project(49.2003, -0.2978), "14")
    assert not _inside(*project(48.912, 2.334), "93") and _inside(*place(saint_ouen), "93")


def test_legend_explains_every_shade_and_the_dots() -> None:
    text = re.sub(r"<[^>]+>", " ", legend())
    for words in ("1 entrée", "2 entrées", "3 à 4", "5 à 8", "9 et plus", "commune, intercommunalité ou pays"):
        assert words in text
    assert [int(n) for n in re.findall(r"mesbox-map__swatch--(\d)", legend())] == [1, 2, 3, 4, 5]


def test_hostile_label_and_href_are_escaped() -> None:
    svg = render_france_map(
        {
            "09": MapMark("09", '<script>alert("x")</script> & Cie', 2, 'ariege/?a=1&b="2"'),
        }
    )
    assert "<script" not in svg and "&lt;script&gt;" in svg
    (link,) = _links(svg)
    assert link.get("aria-label") == '<script>alert("x")</script> & Cie : 2 entrées'
    assert link.get("href") == 'ariege/?a=1&b="2"'


@pytest.mark.parametrize(("count", "step"), [(1, 1), (2, 2), (3, 3), (4, 3), (5, 4), (8, 4), (9, 5), (250, 5)])
def test_shading_class_depends_on_count(count: int, step: int) -> None:
    assert shade(count) == step
    (link,) = _links(render_france_map({"14": MapMark("14", "Calvados", count, "calvados/")}))
    path = link.find(f"{SVG}path")
    assert path is not None
    assert path.get("class") == f"mesbox-map__dept mesbox-map__dept--{step}"


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_shade_stands_out_from_unshaded_departements_in_both_palettes() -> None:
    """The site's stylesheet gives each shade a colour at least 3:1 against an unshaded département (WCAG 1.4.11),
    in the light and the dark palette; the SVG itself carries no style (nothing inline for a content security policy)."""
    css = (Path(__file__).resolve().parent.parent / "content" / "assets" / "mesbox.css").read_text(encoding="utf-8")
    palettes = re.findall(r"(?::root|\[data-md-color-scheme=\"slate\"\]) \{([^}]*--mesbox-map-base[^}]*)\}", css)
    assert len(palettes) == 2
    for block in palettes:
        colours = dict(re.findall(r"--mesbox-map-([a-z0-9]+): (#[0-9a-f]{6})", block))
        base = _luminance(colours["base"])
        for step in "12345":
            shade_l = _luminance(colours[step])
            ratio = (max(base, shade_l) + 0.05) / (min(base, shade_l) + 0.05)
            assert ratio >= 3, (step, colours[step], round(ratio, 2))
        assert f".mesbox-map__dept--{step}" in css
    svg = render_france_map({})
    assert "<style" not in svg and "style=" not in svg


def test_svg_loads_nothing() -> None:
    svg = render_france_map(
        {
            "14": MapMark("14", "Calvados", 1, "calvados/"),
            "29": MapMark("29", "Finistère", 1, "https://example.org/"),
            "35": MapMark("35", "Ille-et-Vilaine", 1, "//example.org/"),
            "56": MapMark("56", "Morbihan", 1, "javascript:alert(1)"),
        }
    )
    root = ET.fromstring(svg)
    for element in root.iter():
        for attribute in ("href", "src", f"{XLINK}href"):
            value = element.get(attribute)
            assert value is None or not re.match(r"\s*([a-z][a-z0-9+.\-]*:|//)", value, re.IGNORECASE), value
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ["calvados/"]
    assert "http" not in re.sub(r'xmlns="http://www\.w3\.org/2000/svg"', "", svg)
    assert "@import" not in svg and "url(" not in svg and "<image" not in svg and "<script" not in svg


def test_unknown_codes_and_empty_marks_are_ignored() -> None:
    svg = render_france_map(
        {
            "99": MapMark("99", "Inconnu", 4, "inconnu/"),
            "971": MapMark("971", "Guadeloupe", 2, "guadeloupe/"),  # overseas: not drawn by the package
            "": MapMark("", "Vide", 1, "vide/"),
            "75": MapMark("75", "Paris", 0, "paris/"),
            "2b": MapMark("2B", "Haute-Corse", 1, "haute-corse/"),  # code case does not matter
        }
    )
    assert [a.get("href") for a in _links(svg)] == ["haute-corse/"]
    assert "Inconnu" not in svg and "Guadeloupe" not in svg


def test_credit_names_source_authors_and_licence() -> None:
    credit = map_credit()
    assert "MapSVG" in credit and "Victor Cazanave" in credit and "CC BY 4.0" in credit
    assert 'href="https://creativecommons.org/licenses/by/4.0/' in credit
    assert "<img" not in credit and "<script" not in credit
