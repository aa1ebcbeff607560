"""The département map: complete data, escaped names, named focusable links, nothing loaded from elsewhere."""

import re
import xml.etree.ElementTree as ET

from mesbox.render.francemap import MapMark, map_credit, map_data, render_france_map, shade

SVG = "{http://www.w3.org/2000/svg}"


def test_data_has_the_96_metropolitan_departements() -> None:
    codes = set(map_data()["departements"])
    expected = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"}
    assert codes == expected and map_data()["licence"] == "CC-BY-4.0"


def test_marks_are_named_links_with_shades() -> None:
    svg = render_france_map({
        "14": MapMark("14", "Calvados", 3, "calvados/"),
        "09": MapMark("09", "<script>x</script>", 20, "ariege/"),
        "99": MapMark("99", "Inconnu", 1, "x/"),
        "75": MapMark("75", "Paris", 0, "paris/"),
    })
    root = ET.fromstring(svg)
    links = root.findall(f"{SVG}a")
    assert [(a.get("href"), a.get("aria-label")) for a in links] == [("calvados/", "Calvados : 3 entrées"), ("ariege/", "<script>x</script> : 20 entrées")]
    assert "<script>x" not in svg
    classes = [a.find(f"{SVG}path").get("class") for a in links]
    assert classes == ["mesbox-map__dept mesbox-map__dept--3", "mesbox-map__dept mesbox-map__dept--5"]
    assert len(root.findall(f"{SVG}path")) == 94
    assert root.get("role") and root.find(f"{SVG}title") is not None


def test_svg_loads_nothing() -> None:
    svg = render_france_map({"14": MapMark("14", "Calvados", 1, "calvados/")})
    assert not re.search(r"(?:href|src)=\"(?:https?:)?//", svg)
    assert "@import" not in svg and "url(" not in svg


def test_shades_and_credit() -> None:
    assert [shade(n) for n in (1, 2, 3, 5, 9, 100)] == [1, 2, 3, 4, 5, 5]
    assert "CC BY 4.0" in map_credit() and "Victor Cazanave" in map_credit()
