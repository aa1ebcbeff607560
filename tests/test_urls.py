"""Relative links between directory-style pages."""

from mesbox.rendering.urls import absolute, relative, root_prefix


def test_relative_between_sections() -> None:
    assert relative("fiches/a/", "themes/x/") == "../../themes/x/"
    assert relative("themes/", "themes/x/") == "../themes/x/"
    assert relative("grilles/g/analyse/", "monographies/m/#dimension-d") == "../../../monographies/m/#dimension-d"
    assert relative("", "fiches/") == "fiches/"
    assert relative("fiches/", "") == "../"
    assert relative("", "") == "./"
    assert root_prefix("a/b/") == "../../"


def test_external_urls_untouched() -> None:
    assert relative("fiches/a/", "https://exemple.org/") == "https://exemple.org/"


def test_absolute() -> None:
    assert absolute("https://exemple.org/base/", "fiches/a/") == "https://exemple.org/base/fiches/a/"
    assert absolute("", "fiches/a/") == "/fiches/a/"
