"""YAML to plain data with the place of every value; refused features become issues."""

import datetime

import pytest

from mesbox.yamldata import MAX_DEPTH, parse_yaml


def test_values_and_positions() -> None:
    data, issues = parse_yaml("title: Titre\nthemes: [a, b]\nsources:\n  - title: S\n    year: 2022\n", "f.md", 2)
    assert issues == []
    assert data.value == {"title": "Titre", "themes": ["a", "b"], "sources": [{"title": "S", "year": 2022}]}
    assert data.where(("themes", 1)) == (3, 13)
    assert data.where(("sources", 0, "year")) == (6, 11)
    assert data.where(("sources", 0, "year"), key=True) == (6, 5)
    assert data.where(("absent",)) == (2, 1)


def test_fast_and_careful_paths_agree() -> None:
    text = "a: 1\nb: 2026-01-01\nc: yes\nd: '2'\ne: [x, 'y']\nf: ~\ng: 1.5\n"
    fast, _ = parse_yaml(text, "f.md", 2)
    careful, _ = parse_yaml(text + "h: '&'\n", "f.md", 2)
    assert fast.source is not None and careful.source is None
    assert {k: v for k, v in careful.value.items() if k != "h"} == fast.value
    assert fast.value["b"] == datetime.date(2026, 1, 1) and fast.value["c"] is True and fast.value["d"] == "2"


def test_keys_are_text_as_written() -> None:
    data, _ = parse_yaml("on: 1\n3: x\n", "f.md", 2)
    assert set(data.value) == {"on", "3"}


@pytest.mark.parametrize(
    ("text", "line", "word"),
    [
        ("a: &x 1\n", 2, "ancre"),
        ("a: 1\nb: *x\n", 3, "alias"),
        ("a: !!python/name:os.system\n", 2, "étiquette"),
        ("a: !perso x\n", 2, "étiquette"),
        ("a: 1\nb: 2\na: 3\n", 4, "en double"),
    ],
)
def test_refused_features(text: str, line: int, word: str) -> None:
    _, issues = parse_yaml(text, "f.md", 2)
    assert [(i.code, i.line) for i in issues][0] == ("E003", line)
    assert word in issues[0].message


def test_depth_is_bounded_without_crash() -> None:
    _, issues = parse_yaml("a: " + "[" * 100000, "f.md", 2)
    assert issues[0].code == "E002" and str(MAX_DEPTH) in issues[0].message


def test_syntax_error_in_french_with_place() -> None:
    _, issues = parse_yaml("title: a: b\n", "f.md", 2)
    assert issues[0].code == "E002" and issues[0].line == 2 and "guillemets" in issues[0].message


def test_taxonomy_code() -> None:
    _, issues = parse_yaml("- [", "t.yml", 1, code="E301")
    assert issues[0].code == "E301"


def test_second_document_refused() -> None:
    _, issues = parse_yaml("a: 1\n---\nb: 2\n", "f.md", 2)
    assert issues and issues[0].code == "E002"
