"""Property tests: whatever bytes or YAML-ish text arrive, the checker answers with issues, never raises, never hangs.

Each example has a 2 s deadline; a failure here is an input a contributor (or an attacker) could commit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import write_valid_repo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mesbox.checking.checker import check
from mesbox.contract.issues import Issue
from mesbox.reading.bodies import scan_body
from mesbox.reading.source import SourceError, read_text, split_front_matter
from mesbox.reading.yamldata import _parse_events, parse_yaml

CODE = re.compile(r"^E\d{3}$")
TOKENS = [
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!tag ",
    "!!python/object/apply:os.system ",
    "!!str ",
    ": ",
    ":",
    "- ",
    "? ",
    "'",
    '"',
    "\n",
    "  ",
    "    ",
    "\t",
    ", ",
    "<<: ",
    "title",
    "themes",
    "kind",
    "x",
    "é",
    "---",
    "...",
    "#",
    "|",
    ">",
    "2026-01-01",
    "0x1F",
    "~",
    "null",
    "yes",
    "%YAML 1.1\n",
    "\\",
    "\\x",
    "\r\n",
    "\ufeff",
]
yamlish = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)
FAST = settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
REPO = settings(max_examples=120, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
ENTRY_FILE = "fiches/hasard.md"


def assert_sound(issues: list[Issue], lines: int | None = None) -> None:
    """Every issue has a contract-shaped code, a place inside the file and a message."""
    for issue in issues:
        assert CODE.match(issue.code), issue
        assert issue.line >= 1 and issue.col >= 1, issue
        if lines is not None:
            assert issue.line <= lines, issue
        assert issue.message.strip(), issue


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One valid repository for the whole module; each example overwrites the same entry file."""
    return write_valid_repo(tmp_path_factory.mktemp("proprietes"))


@FAST
@given(yamlish)
def test_parse_yaml_never_raises_on_yamlish_text(text: str) -> None:
    """Issues only, placed inside the text; accepted text has every value placed inside it too."""
    data, issues = parse_yaml(text, "f.md", 2)
    last = 2 + sum(text.count(c) for c in ("\n", "\r", "\x85", "\u2028", "\u2029"))
    assert_sound(issues, lines=last + 1)  # an unexpected end is reported on the closing `---` line
    if not issues:
        for path in [(), *data.values, *data.keys]:
            line, col = data.where(path)
            assert 1 <= line <= last + 1 and col >= 1, (path, line, col)  # an empty value at the end sits on `---`


@FAST
@given(yamlish)
def test_fast_path_reads_what_the_careful_path_reads(text: str) -> None:
    """The libyaml fast path is an optimisation only: when it accepts a text, the event walk agrees."""
    fast, fast_issues = parse_yaml(text, "f.md", 2)
    careful, careful_issues = _parse_events(text, "f.md", 2, "E002")
    if not fast_issues:
        assert careful_issues == []
        assert fast.value == careful.value
    else:
        assert [i.code for i in fast_issues] == [i.code for i in careful_issues]


@FAST
@given(st.text(max_size=400))
def test_parse_yaml_never_raises_on_any_text(text: str) -> None:
    _, issues = parse_yaml(text, "f.md", 2)
    assert_sound(issues)


@FAST
@given(st.text(max_size=300))
def test_split_front_matter_raises_only_its_own_error_and_places_the_body(text: str) -> None:
    """Either an E001/E002 issue at line 1 or 2, or a body whose first line is `body_line` of the file."""
    try:
        source = split_front_matter(text, "f.md")
    except SourceError as error:
        assert error.issue.code in ("E001", "E002") and error.issue.line in (1, 2)
    else:
        assert source.body_line >= 3
        if source.body:
            assert "\n".join(text.split("\n")[source.body_line - 1 :]) == source.body


@FAST
@given(st.binary(max_size=600))
def test_read_text_gives_clean_text_or_e001(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    """Decoded text never keeps a BOM or a carriage return; undecodable bytes are E001 inside the file."""
    path = tmp_path_factory.getbasetemp() / "octets.md"
    path.write_bytes(data)
    try:
        text = read_text(path, "octets.md")
    except SourceError as error:
        assert error.issue.code == "E001"
        assert 1 <= error.issue.line <= data.count(b"\n") + 1
    else:
        assert "\r" not in text and not text.startswith("\ufeff")


@FAST
@given(
    st.lists(
        st.sampled_from([*"[]|<>=\"' \n:/()&#;abjsvdtiocnrpe-", "javascript:", "<script", "[[", "]]", "data:", "onclick="]), max_size=200
    ).map("".join)
)
def test_scan_body_never_raises_and_places_inside_the_body(text: str) -> None:
    links, issues = scan_body(text, "f.md", 7)
    last = 7 + text.count("\n")
    assert {i.code for i in issues} <= {"E201"}
    assert all(7 <= i.line <= last and i.col >= 1 for i in issues)
    assert all(7 <= link.line <= last and link.col >= 1 for link in links)


@REPO
@given(st.binary(max_size=600))
def test_check_answers_random_bytes_with_issues(shared_repo: Path, data: bytes) -> None:
    """Random bytes as an entry file: never an exception, always at least one issue on that file, all well formed."""
    (shared_repo / ENTRY_FILE).write_bytes(data)
    issues = check(shared_repo).issues
    assert_sound(issues)
    assert any(i.path == ENTRY_FILE for i in issues)


@REPO
@given(yamlish, st.text(max_size=200))
def test_check_answers_random_front_matter_with_issues(shared_repo: Path, front: str, body: str) -> None:
    """YAML-ish front-matter and any body: the file is reported (it has no valid title), nothing else breaks."""
    (shared_repo / ENTRY_FILE).write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    issues = check(shared_repo).issues
    assert_sound(issues)
    assert any(i.path == ENTRY_FILE for i in issues)
    assert {i.path for i in issues} == {ENTRY_FILE}, "breaking one file must not make the others invalid"


@REPO
@given(st.text(max_size=300))
def test_check_answers_random_text_in_front_matter(shared_repo: Path, front: str) -> None:
    (shared_repo / ENTRY_FILE).write_text("---\n" + front + "\n---\nCorps.\n", encoding="utf-8")
    issues = check(shared_repo).issues
    assert_sound(issues)
    assert any(i.path == ENTRY_FILE for i in issues)
