"""Refused characters in front-matter keys and strings, and in bodies: found wherever they hide, named by code point and field or line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesbox.reading.textfields import (
    MAX_BODY_REPORTS,
    character_name,
    check_body_text,
    check_text_fields,
    first_refused,
    may_hold_refused,
)
from mesbox.reading.yamldata import parse_yaml


def issues(yaml_text: str, code: str = "E102") -> list[tuple[int, int, str, str]]:
    data, problems = parse_yaml(yaml_text, "fiches/x.md", 2)
    assert problems == []
    return [(i.line, i.col, i.code, i.message) for i in check_text_fields(data, "fiches/x.md", code)]


@pytest.mark.parametrize(
    ("escape", "point"),
    [
        ("\\0", "U+0000"),
        ("\\x07", "U+0007"),
        ("\\e", "U+001B"),
        ("\\x7f", "U+007F"),
        ("\\x85", "U+0085"),
        ("\\x9f", "U+009F"),
        ("\\u202a", "U+202A"),
        ("\\u202e", "U+202E"),
        ("\\u2066", "U+2066"),
        ("\\u2069", "U+2069"),
        ("\\ufdd0", "U+FDD0"),
        ("\\ufdef", "U+FDEF"),
        ("\\ufffe", "U+FFFE"),
        ("\\U0010FFFF", "U+10FFFF"),
        ("\\U0001FFFE", "U+1FFFE"),
    ],
)
def test_each_refused_character_is_named_with_its_field(escape: str, point: str) -> None:
    (found,) = issues(f'title: "Un{escape} titre"\n')
    assert found[:3] == (2, 8, "E102")
    assert point in found[3] and "« title »" in found[3]


@pytest.mark.parametrize("text", ["Économie « solidaire » — 2 %", "Ελληνικά 日本語 😀", "مرحبا\u200f", "tab\u00a0insécable"])
def test_ordinary_text_passes(text: str) -> None:
    assert issues(f'title: "{text}"\n') == []


def test_nested_values_and_list_items_point_at_their_line() -> None:
    found = issues('title: ok\nsources:\n  - title: "a\\u202eb"\n    url: https://x.org\nauthors:\n  - Alice\n  - "B\\x00b"\n')
    assert [(line, col) for line, col, _, _ in found] == [(4, 12), (8, 5)]
    assert "« sources[1].title »" in found[0][3] and "« authors[2] »" in found[1][3]


def test_line_breaks_only_in_long_free_text() -> None:
    """Descriptions, grid questions and monograph syntheses may come from a `|` block; a title or a name may not."""
    assert issues("description: |\n  Deux\n  lignes\tet une tabulation.\n") == []
    assert issues("dimensions:\n  - id: a\n    questions:\n      - |\n        Une\n        question ?\n") == []
    assert issues("dimensions:\n  gouvernance: |\n    Une synthèse\n    sur deux lignes.\n") == []
    (found,) = issues('title: "a\\nb"\n')
    assert "saut de ligne" in found[3]
    (found,) = issues('dimensions:\n  - id: a\n    title: "a\\tb"\n')
    assert "tabulation" in found[3] and "dimensions[1].title" in found[3]


def test_keys_are_checked_and_shown_escaped() -> None:
    """A key with a terminal escape is reported on the key, and the message never carries the raw character."""
    (found,) = issues('"\\e[31mrouge": x\n')
    assert found[:2] == (2, 1)
    assert "\x1b" not in found[3] and "<U+001B>[31mrouge" in found[3]


def test_code_is_the_callers() -> None:
    assert issues('label: "a\\u202eb"\n', code="E301")[0][2] == "E301"


def test_quick_test_on_the_source() -> None:
    """Skipping the walk is safe: a refused character is in the source as is, or as a backslash escape."""
    assert not may_hold_refused("title: Un titre ordinaire\nauthors: [A, B]\n")
    assert may_hold_refused('title: "a\\x07"')
    assert may_hold_refused("title: a\u202eb")


def test_character_name_says_what_it_is() -> None:
    assert character_name("\u202e") == "U+202E (contrôle de direction du texte, RIGHT-TO-LEFT OVERRIDE)"
    assert character_name("\x00").startswith("U+0000 (caractère nul")
    assert character_name("\ufdd0") == "U+FDD0 (non-caractère Unicode)"


def refused_reference(char: str) -> bool:
    """The rule spelled out code point by code point: C0 but tab and newline, DEL and C1, bidi controls, non-characters."""
    point = ord(char)
    return (
        (point < 0x20 and char not in "\t\n")
        or 0x7F <= point <= 0x9F
        or 0x202A <= point <= 0x202E
        or 0x2066 <= point <= 0x2069
        or 0xFDD0 <= point <= 0xFDEF
        or point & 0xFFFE == 0xFFFE
    )


# Ordinary text mixed with every kind of neighbour of the rule's bounds, in and beyond the first plane.
NEAR_BOUNDS = st.sampled_from(
    [
        "\t",
        "\n",
        "\x1f",
        " ",
        "\x7e",
        "\x7f",
        "\x9f",
        "\xa0",
        "\u2029",
        "\u202a",
        "\u202e",
        "\u202f",
        "\u2065",
        "\u2066",
        "\u2069",
        "\u206a",
        "\ufdcf",
        "\ufdd0",
        "\ufdef",
        "\ufdf0",
        "\ufffd",
        "\ufffe",
        "\uffff",
        "\U00010000",
        "\U0001f600",
        "\U0001fffd",
        "\U0001fffe",
        "\U0001ffff",
        "\U00020000",
        "\U0010fffd",
        "\U0010fffe",
        "\U0010ffff",
        "é",
        "a",
    ]
)
MIXED_TEXT = st.lists(st.one_of(st.text(max_size=8), NEAR_BOUNDS), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(MIXED_TEXT)
def test_first_refused_is_the_first_character_the_rule_refuses(text: str) -> None:
    expected = next((index for index, char in enumerate(text) if refused_reference(char)), None)
    found = first_refused(text)
    assert (found.start() if found else None) == expected
    if found:
        assert found.group() == text[found.start()]


@pytest.mark.parametrize("text", ["Économie 😀 solidaire \U0001fffd", "\U00010000" * 50, ""])
def test_characters_beyond_the_first_plane_pass_unless_non_characters(text: str) -> None:
    assert first_refused(text) is None
    found = first_refused(text + "\U0010fffe")
    assert found is not None and found.start() == len(text)


def test_every_refused_character_of_a_body_is_placed_code_included() -> None:
    """Line and column of each one, counted from the body's first line; tabs and ordinary text pass."""
    body = "Titre\tok\n\nTexte \x00 et\u202e\n```\ncode\x85\n```\n😀 \U0001ffff"
    found = [(i.line, i.col, i.code) for i in check_body_text(body, "fiches/x.md", 9)]
    assert found == [(11, 7, "E102"), (11, 11, "E102"), (13, 5, "E102"), (15, 3, "E102")]
    assert check_body_text("Économie\u00a0« solidaire »\t😀 مرحبا\u200f\n", "f.md", 1) == []


def test_a_body_full_of_refused_characters_gets_a_bounded_report() -> None:
    found = check_body_text("a\x01" * 1000, "f.md", 1)
    assert len(found) == MAX_BODY_REPORTS + 1
    assert "d'autres suivent" in found[-1].message and found[-1].col == 2 * MAX_BODY_REPORTS + 2
