"""`parse_yaml`: plain data with the place of every value; refused YAML features are issues, never exceptions."""

from __future__ import annotations

import datetime
import re
import time

import pytest
import yaml

from mesbox.reading import yamldata
from mesbox.reading.yamldata import MAX_DEPTH, _parse_events, parse_yaml


def issues_of(text: str, code: str = "E002") -> list[tuple[str, int, int]]:
    return [(i.code, i.line, i.col) for i in parse_yaml(text, "f.md", 2, code)[1]]


def test_plain_values_resolve_like_yaml_safe_schema() -> None:
    """Dates, numbers, booleans and null are typed; quoted values stay text; keys stay as written."""
    data, issues = parse_yaml('date: 2026-01-15\nn: 12\nx: 2.5\nb: true\nq: "2026-01-15"\nnul:\n1: un\nmot: oui\n', "f.md", 2)
    assert issues == []
    assert data.value == {
        "date": datetime.date(2026, 1, 15),
        "n": 12,
        "x": 2.5,
        "b": True,
        "q": "2026-01-15",
        "nul": None,
        "1": "un",
        "mot": "oui",
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
    """Anchors and aliases are refused (docs/contrat.md §4) and the alias is not resolved."""
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
        ('title: x\n"title": y\n', 3, 1),
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
        ("kind: [thematique\n", 2),  # where the bracket or quote was opened
        ('title: "ouvert\n', 2),
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
    """Taxonomy files report their syntax errors as E301 (docs/contrat.md: same sub-rules, reported with this code)."""
    assert issues_of("- id: [a\n", code="E301") == [("E301", 2, 7)]  # the unclosed bracket


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


# Every libyaml problem met by writing YAML by hand, with the file line and column it must point to
# (front-matter starting on line 2) and a piece of the French text. Long inputs are built, not written.
LIBYAML_CASES = [
    ("a:\n\tb: 1\n", 3, 1, "tabulation"),  # tab-indent
    ("a: `b`\n", 2, 4, "caractère inattendu"),  # backquote
    ("a: @b\n", 2, 4, "caractère inattendu"),  # at-sign
    ("a: b: c\n", 2, 5, "« : » inattendu"),  # colon-in-value
    ("a: 1\nb\nc: 2\n", 4, 1, "« : » attendu"),  # missing-colon
    ("a:\n  b: 1\n c: 2\n", 4, 2, "clé attendue"),  # bad-indent
    ("a: [b, ]\nc: [,]\n", 3, 5, "valeur attendue"),  # empty-flow-item
    ('a: "b\nc: 1\n', 2, 4, "guillemet ouvert ici, pas fermé avant la ligne 4"),  # unclosed-double-quote
    ("a: 'b\n", 2, 4, "guillemet"),  # unclosed-single-quote
    (
        "title: 'La recyclerie de Morlaix\ndescription: \"Une recyclerie portée par l'ensemble du territoire.\"\n",
        2,
        8,
        "guillemet « ' » ouvert ligne 2 non refermé sur sa ligne (le texte se poursuit jusqu'à la ligne 3)",
    ),  # quote-closed-by-apostrophe
    (
        'title: "La recyclerie\ndescription: elle dit "oui" souvent\n',
        2,
        8,
        'guillemet « " » ouvert ligne 2 non refermé',
    ),  # quote-closed-later
    ("a: [b, c\nd: 1\n", 2, 4, "crochet « [ » ouvert ici, pas fermé avant la ligne 3"),  # unclosed-list
    ("a: {b: c\nd: 1\n", 2, 4, "accolade « { » ouvert"),  # unclosed-mapping
    ("a: {b: c d: e, f}\n", 2, 11, "« } »"),  # flow-mapping-separator
    ('a: "\\q"\n', 2, 5, "échappement"),  # unknown-escape
    ("a: [b, c:d:]\n", 2, 11, "« : » inattendu"),  # colon-in-flow
    ("- a\nb: 1\n", 3, 1, "« - » attendu"),  # list-then-key
    ("a: &\n", 2, 5, "ancre"),  # anchor-name
    ("a: * \n", 2, 5, "ancre"),  # alias-name
    ("a:\n  - b\n\t- c\n", 4, 1, "tabulation"),  # tab-in-list
    ("a: - b\n", 2, 4, "« - » mal placé"),  # dash-after-key
    ("a: ? b\n", 2, 4, "« ? »"),  # question-mark
    ("a: 1\n...\nb: 2\n", 4, 1, "texte en trop"),  # document-end
    ("%YAML 1.1\na: 1\n", 3, 1, "texte en trop"),  # directive-without-document
    ("%FOO\n--- \na: 1\n", 2, 5, "directive"),  # unknown-directive
    ("% \n--- \na: 1\n", 2, 2, "directive"),  # directive-name
    ("%YAML 1.1\n%YAML 1.1\n--- \na: 1\n", 3, 1, "directive"),  # duplicate-directive
    ("%YAML 2.0\n--- \na: 1\n", 2, 1, "directive"),  # yaml-2
    ("%YAML x\n--- \na: 1\n", 2, 7, "directive"),  # bad-version
    ("%YAML 1.1111111111\n--- \na: 1\n", 2, 18, "directive"),  # long-version
    ("%TAG ! \n--- \na: 1\n", 2, 8, "directive"),  # tag-directive
    ("%TAG !a x\n--- \na: 1\n", 2, 8, "directive"),  # tag-directive-handle
    ("%TAG !a!x y\n--- \na: 1\n", 2, 9, "directive"),  # tag-directive-space
    ("%TAG !a! x\n%TAG !a! y\n--- \na: 1\n", 3, 1, "directive"),  # duplicate-tag-directive
    ("%YAML 1.1x\n--- \na: 1\n", 2, 10, "directive"),  # directive-junk
    ("a: !x!y z\n", 2, 4, "étiquette"),  # undefined-tag-handle
    ("a: !<x\n", 2, 7, "étiquette"),  # unclosed-verbatim-tag
    ("a: !x%zz b\n", 2, 6, "étiquette"),  # tag-escape
    ("a: !<> b\n", 2, 6, "étiquette"),  # empty-verbatim-tag
    ("a: !<x>b\n", 2, 8, "étiquette"),  # tag-then-text
    ('a: "\\xzz"\n', 2, 7, "incomplète"),  # hex-escape
    ('a: "\\UFFFFFFFF"\n', 2, 7, "numéro de caractère"),  # unicode-escape
    ('a: "\\ud800"\n', 2, 7, "numéro de caractère"),  # surrogate-escape
    ("a: |0\n  x\n", 2, 5, "indentation 0"),  # indentation-zero
    ("a: | x\n  y\n", 2, 6, "fin de ligne"),  # block-scalar-junk
    ("a: |\n\tx\n", 3, 1, "tabulation"),  # block-scalar-tab
    ('a: "x\n--- y"\n', 3, 1, "« --- »"),  # document-marker-in-quotes
    ("a: 'x\n... y'\n", 3, 1, "« --- »"),  # end-marker-in-quotes
    ("a" * 1100 + ": b\n", 2, 1101, "« : » inattendu"),  # long-key
    ('"a\nb": c\n', 3, 3, "« : » inattendu"),  # key-on-two-lines
    ("a: ]\n", 2, 4, "valeur attendue"),  # closing-bracket
    ("[a, b]]\n", 2, 7, "texte en trop"),  # extra-bracket
    ("a: b\x01\n", 2, 5, "U+0001"),  # control-character
    ("a: é\x7f\n", 2, 5, "U+007F"),  # delete-character
    ("a: b\x85c\x86\n", 2, 7, "U+0086"),  # c1-character
    ("a: b\ufffe\n", 2, 5, "U+FFFE"),  # non-character
    ("a: " + "[" * 2000 + "]" * 2000 + "\n", 2, 1003, "imbrication"),  # deep-flow
]
# Words of the parsers' English messages: none may reach a contributor.
ENGLISH = re.compile(
    r"\b(found|expected|allowed|could|find|while|scanning|parsing|context|stream|token|character|mapping|values|"
    r"entries|indicator|unexpected|unknown|invalid|undefined|escape|octet|tab|sequence|nesting|depth|exceeded|but|got)\b"
)


@pytest.mark.parametrize(("text", "line", "col", "french"), LIBYAML_CASES, ids=[case[0][:24] for case in LIBYAML_CASES])
def test_every_libyaml_problem_in_french_at_its_place(text: str, line: int, col: int, french: str) -> None:
    issues = parse_yaml(text, "f.md", 2)[1]
    assert [(i.code, i.line, i.col) for i in issues] == [("E002", line, col)]
    assert french in issues[0].message
    assert ENGLISH.search(issues[0].message) is None, issues[0].message


# What PyYAML's own parser accepts although libyaml refuses it (it ignores unknown directives, for one).
PURE_PYTHON_ACCEPTS = {"a: [b, c:d:]\n", "%FOO\n--- \na: 1\n", "%YAML 1.1111111111\n--- \na: 1\n", 'a: "\\ud800"\n'}


@pytest.mark.parametrize(("text", "line", "col", "french"), LIBYAML_CASES, ids=[case[0][:24] for case in LIBYAML_CASES])
def test_pure_python_parser_problems_in_french_too(monkeypatch: pytest.MonkeyPatch, text: str, line: int, col: int, french: str) -> None:
    """PyYAML built without libyaml words its problems differently: still French, still a line of the text."""
    monkeypatch.setattr(yamldata, "_FAST", False)
    monkeypatch.setattr(yamldata, "_Loader", yaml.SafeLoader)
    issues = parse_yaml(text, "f.md", 2)[1]
    if text in PURE_PYTHON_ACCEPTS:
        assert issues == []
        return
    assert [i.code for i in issues] == ["E002"]
    assert 2 <= issues[0].line <= 2 + text.count("\n")
    assert ENGLISH.search(issues[0].message) is None, issues[0].message
    assert "syntaxe incorrecte" not in issues[0].message  # each problem has its own French text


def test_reader_errors_in_a_vocabulary_file_are_e301() -> None:
    issues = parse_yaml("- id: a\n  label: b\x0c\n", "taxonomies/themes.yml", 1, code="E301")[1]
    assert [(i.code, i.line, i.col) for i in issues] == [("E301", 2, 11)]
    assert "U+000C" in issues[0].message


# libyaml 0.2.5's scanner and parser problems (scanner.c, parser.c), including those the cases above cannot reach.
LIBYAML_PROBLEMS = [
    "block sequence entries are not allowed in this context",
    "could not find expected ':'",
    "could not find expected directive name",
    "did not find URI escaped octet",
    "did not find expected '!'",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "did not find expected '-' indicator",
    "did not find expected <document start>",
    "did not find expected alphabetic or numeric character",
    "did not find expected comment or line break",
    "did not find expected digit or '.' character",
    "did not find expected hexdecimal number",
    "did not find expected key",
    "did not find expected node content",
    "did not find expected tag URI",
    "did not find expected version number",
    "did not find expected whitespace",
    "did not find expected whitespace or line break",
    "did not find the expected '>'",
    "exceeded maximum nesting depth",
    "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected",
    "found an indentation indicator equal to 0",
    "found character that cannot start any token",
    "found duplicate %TAG directive",
    "found duplicate %YAML directive",
    "found extremely long version number",
    "found incompatible YAML document",
    "found invalid Unicode character escape code",
    "found undefined tag handle",
    "found unexpected ':'",
    "found unexpected document indicator",
    "found unexpected end of stream",
    "found unknown directive name",
    "found unknown escape character",
    "mapping keys are not allowed in this context",
    "mapping values are not allowed in this context",
]


@pytest.mark.parametrize("problem", LIBYAML_PROBLEMS)
def test_every_libyaml_problem_has_its_french_text(problem: str) -> None:
    assert yamldata._french_problem(problem) != "syntaxe incorrecte"
