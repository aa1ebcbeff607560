"""`parse_yaml`: plain data with the place of every value; refused YAML features are issues, never exceptions."""

from __future__ import annotations

import datetime
import time

import pytest

from mesbox.yamldata import MAX_DEPTH, _parse_events, parse_yaml


def issues_of(text: str, code: str = "E002") -> list[tuple[str, int, int]]:
    return [(i.code, i.line, i.col) for i in parse_yaml(text, "f.md", 2, code)[1]]


def test_plain_values_resolve_like_yaml_safe_schema() -> None:
    """Dates, numbers, booleans and null are typed; quoted values stay text; keys stay as written."""
    data, issues = parse_yaml(
        'date: 2026-01-15\nn: 12\nx: 2.5\nb: true\nq: "2026-01-15"\nnul:\n1: un\nmot: oui\n', "f.md", 2
    )
    assert issues == []
    assert data.value == {
        "date": datetime.date(2026, 1, 15), "n": 12, "x": 2.5, "b": True, "q": "2026-01-15", "nul": None, "1": "un", "mot": "oui",
    }


def test_impossible_date_stays_text_for_the_model_to_refuse() -> None:
    """`2026-02-30` looks like a date but is none: it is kept as text (then E102), never an exception."""
    data, issues = parse_yaml("date: 2026-02-30\n", "f.md", 2)
    assert issues == []
    assert data.value == {"date": "2026-02-30"}


def test_positions_of_keys_values_and_list_items() -> None:
    """Lines are file lines (offset by the `---` line); columns are 1-based; unknown paths fall back to an ancestor."""
    text = "title: Une fiche\nthemes:\n  - emploi\n  - cooperation\nvisit: {start: 2022-03-01, end: 2022-03-02}\n"
    data, issues = parse_yaml(text, "f.md", 2)
    assert issues == []
    assert data.where(("title",)) == (2, 8)
    assert data.where(("title",), key=True) == (2, 1)
    assert data.where(("themes", 1)) == (5, 5)
    assert data.where(("visit", "end")) == (6, 33)
    assert data.where(("visit", "end"), key=True) == (6, 28)
    assert data.where(("visit", "absent")) == (6, 8)
    assert data.where(("nulle-part", 3)) == (2, 1)


def test_positions_honour_the_line_offset() -> None:
    """Taxonomy files start at line 1, front-matter at line 2: the offset is the text's first file line."""
    data, _ = parse_yaml("- id: a\n- id: b\n", "t.yml", 1)
    assert data.where((1, "id")) == (2, 7)
    data, _ = parse_yaml("- id: a\n- id: b\n", "t.yml", 10)
    assert data.where((1, "id")) == (11, 7)


@pytest.mark.parametrize(
    "text",
    [
        "title: x\nthemes: [a, b]\nvisit:\n  start: 2022-03-01\n  end: 2022-03-02\n",
        "- id: a\n  label: A\n- id: b\n  parent: a\n  lat: 49.2\n",
        "a: yes\nb: ~\nc: 0x1F\nd: 1_000\ne: .5\nf: -.inf\ng: 2026-01-01 10:00:00\nh: '<<'\n",
        "",
        "# rien\n",
    ],
)
def test_fast_and_careful_paths_give_the_same_data(text: str) -> None:
    """The libyaml fast path is only an optimisation: the careful event walk must read the same values."""
    fast, fast_issues = parse_yaml(text, "f.md", 2)
    careful, careful_issues = _parse_events(text, "f.md", 2, "E002")
    assert fast_issues == careful_issues == []
    assert fast.value == careful.value


def test_anchor_and_alias_are_e003_at_their_place() -> None:
    """Anchors and aliases are refused (contract §4) and the alias is not resolved."""
    data, issues = parse_yaml("a: &x [1, 2]\nb: *x\n", "f.md", 2)
    assert [(i.code, i.line, i.col) for i in issues] == [("E003", 2, 4), ("E003", 3, 4)]
    assert "« &x »" in issues[0].message and "« *x »" in issues[1].message
    assert data.value["b"] is None


def test_billion_laughs_is_refused_without_expanding() -> None:
    """Nine levels of nine aliases would be 387 million items: refused quickly, nothing expanded."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 10):
        prev, name = chr(96 + n), chr(97 + n)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    data, issues = parse_yaml("\n".join(lines) + "\n", "f.md", 2)
    assert time.perf_counter() - started < 1
    assert issues and {i.code for i in issues} == {"E003"}
    assert len(issues) == 10 + 9 * 9  # every anchor and every alias named
    assert data.value["j"] == [None] * 9


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("kind: !!python/object/apply:os.system [touch pwned]\n", "python/object/apply:os.system"),
        ("kind: !mine thematique\n", "!mine"),
        ("kind: !!str thematique\n", "tag:yaml.org,2002:str"),
        ("kind: ! thematique\n", "« ! »"),
    ],
)
def test_tags_are_e003_and_never_constructed(text: str, shown: str) -> None:
    """No tag is honoured, not even harmless ones: front-matter is plain data."""
    data, issues = parse_yaml(text, "f.md", 2)
    assert [(i.code, i.line, i.col) for i in issues] == [("E003", 2, 7)]
    assert shown in issues[0].message
    assert not isinstance(data.value["kind"], bytes | type)


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("kind: a\nkind: b\n", 3, 1),
        ("visit:\n  start: 1\n  start: 2\n", 4, 3),
        ("a: {x: 1, x: 2}\n", 2, 11),
        ("- id: a\n  id: b\n", 3, 3),
        ("title: x\n\"title\": y\n", 3, 1),
    ],
)
def test_duplicate_keys_are_e003_on_the_second_key(text: str, line: int, col: int) -> None:
    """A duplicate key silently losing data is exactly what the contract forbids."""
    _, issues = parse_yaml(text, "f.md", 2)
    assert [(i.code, i.line, i.col) for i in issues] == [("E003", line, col)]
    assert "en double" in issues[0].message


def test_duplicate_key_keeps_the_first_value() -> None:
    """The report says which line to remove; the data read meanwhile is the first line's."""
    data, _ = parse_yaml("kind: thematique\nkind: outil\n", "f.md", 2)
    assert data.value == {"kind": "thematique"}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("kind: [thematique\n", 3),
        ("title: \"ouvert\n", 3),
        ("title: a: b\n", 2),
        ("\ttitle: x\n", 2),
        ("a:\n  - x\n y: 1\n", 4),
    ],
)
def test_syntax_errors_are_e002_in_french_with_a_line(text: str, line: int) -> None:
    """libyaml's English problem is translated; the place is a file line."""
    issues = parse_yaml(text, "f.md", 2)[1]
    assert [(i.code, i.line) for i in issues] == [("E002", line)]
    assert issues[0].message.startswith("YAML invalide : ")
    assert "vérifiez" in issues[0].message


def test_syntax_errors_in_a_taxonomy_use_the_given_code() -> None:
    """Taxonomy files report their syntax errors as E301 (contract: same sub-rules, reported with this code)."""
    assert issues_of("- id: [a\n", code="E301") == [("E301", 3, 1)]


def test_a_second_document_is_refused() -> None:
    """`...` or a stray `---` would hide fields: one document only."""
    issues = issues_of("a: 1\n...\n---\nb: 2\n")
    assert issues and issues[0][0] == "E002"


def test_complex_key_is_refused() -> None:
    """A list or mapping used as a key (usually bad indentation) is E002, not a crash on an unhashable key."""
    assert [c for c, _, _ in issues_of("? [a, b]\n: 1\n")] == ["E002"]
    assert [c for c, _, _ in issues_of("? {a: 1}\n: 1\n")] == ["E002"]


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_flow_nesting_10000_deep_is_bounded(opening: str) -> None:
    """`[[[[…` 10 000 deep must not crash libyaml's recursive composer: E002 at the level past the bound."""
    started = time.perf_counter()
    data, issues = parse_yaml("title: " + opening * 10_000 + "\n", "f.md", 2)
    assert time.perf_counter() - started < 2
    assert [(i.code, i.line) for i in issues] == [("E002", 2)]
    assert str(MAX_DEPTH) in issues[0].message
    assert data.value is None


def test_block_sequence_nesting_on_one_line_is_bounded() -> None:
    """`- - - - x` nests as deep as brackets do."""
    assert issues_of("themes:\n  " + "- " * 10_000 + "x\n")[0][0] == "E002"


def test_nesting_within_the_bound_is_data() -> None:
    """Reasonable nesting is fine: the bound is for hostile input only."""
    data, issues = parse_yaml("a: " + "[" * 10 + "x" + "]" * 10 + "\n", "f.md", 2)
    assert issues == []
    value = data.value["a"]
    for _ in range(10):
        value = value[0]
    assert value == "x"


def test_deep_block_indentation_never_raises() -> None:
    """Nesting by indentation alone (1 200 levels, 0.7 MB: a taxonomy file may be 2 MiB) must give an issue, not RecursionError."""
    text = "".join(" " * i + f"k{i}:\n" for i in range(1200)) + " " * 1200 + "x\n"
    _, issues = parse_yaml(text, "taxonomies/themes.yml", 1, "E301")
    assert issues, "1 200 levels are far past the nesting bound"
    assert {i.code for i in issues} == {"E301"}


def test_empty_or_comment_only_text_is_none() -> None:
    """An empty front-matter parses to nothing (the model then reports the missing fields)."""
    assert parse_yaml("", "f.md", 2)[0].value is None
    assert parse_yaml("# seulement un commentaire\n", "f.md", 2)[0].value is None
