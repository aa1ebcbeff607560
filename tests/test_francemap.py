"""The département map: complete data, escaped names, named focusable links, nothing loaded from elsewhere."""

import json
import re
import xml.etree.ElementTree as ET
from importlib.resources import files

import pytest

from mesbox.render.francemap import MapMark, map_credit, map_data, render_france_map, shade

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
    assert len(list(root.iter(f"{SVG}path"))) == 96
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
    links = _links(svg)
    # In the drawing's order (INSEE order, Corsica between 19 and 21).
    assert [(a.get("href"), a.get("aria-label")) for a in links] == [
        ("calvados/", "Calvados : 3 entrées"),
        ("../corse-du-sud/", "Corse-du-Sud : 1 entrée"),
        ("paris/", "Paris : 1 entrée"),
    ]
    for a in links:
        title = a.find(f"{SVG}title")
        assert title is not None and title.text == a.get("aria-label")
        assert a.find(f"{SVG}path") is not None
    assert len(list(ET.fromstring(svg).iter(f"{SVG}path"))) == 96  # marked ones are drawn once, inside their link


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


def test_every_shade_has_a_fill_from_the_theme_palette() -> None:
    svg = render_france_map({})
    for step in range(1, 6):
        assert re.search(rf"\.mesbox-map__dept--{step}\{{fill:var\(--md-primary-fg-color", svg)
    assert ":focus .mesbox-map__dept{stroke:" in svg  # a visible focus style


def test_style_is_scoped_to_the_map() -> None:
    # An inline SVG's <style> applies to the whole page: no rule may reach the site's own links.
    style = re.search(r"<style>(.*)</style>", render_france_map({}), re.DOTALL)
    assert style is not None
    body = re.sub(r"@media[^{]*\{", "", style.group(1))
    for selectors in re.findall(r"([^{}]+)\{", body):
        for selector in selectors.split(","):
            assert selector.strip().startswith(".mesbox-map__svg "), selector


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
