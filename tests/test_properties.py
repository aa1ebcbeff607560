"""Property-based tests: whatever bytes or YAML-ish text arrive, the loader answers with error codes, never raises, never hangs."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mesbox.checker import check
from mesbox.issues import Issue
from mesbox.source import SourceError, split_front_matter
from mesbox.yamldata import parse_yaml

CODE = re.compile(r"^E\d{3}$")
TOKENS = ["[", "]", "{", "}", "&a ", "*a", "!tag ", "!!python/object:os.system ", ": ", "- ", "? ", "'", '"', "\n", "  ", "<<: ",
          "title", "themes", "x", "é", "---", "...", "#", "|", ">", ",", "2026-01-01", "0x1F", "~", "\t", "%YAML 1.1\n", "\\"]
yamlish = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)
SETTINGS = settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def assert_issues(issues: list[Issue]) -> None:
    for issue in issues:
        assert CODE.match(issue.code), issue
        assert issue.line >= 1 and issue.col >= 1, issue
        assert issue.message


@SETTINGS
@given(yamlish)
def test_parse_yaml_never_raises_on_yamlish_text(text: str) -> None:
    data, issues = parse_yaml(text, "f.md", 2)
    assert_issues(issues)
    if not issues:
        # Every path it can place lies inside the text.
        assert data.where(()) >= (1, 1)


@SETTINGS
@given(st.text(max_size=400))
def test_parse_yaml_never_raises_on_any_text(text: str) -> None:
    _, issues = parse_yaml(text, "f.md", 2)
    assert_issues(issues)


@SETTINGS
@given(st.text(max_size=300))
def test_split_front_matter_raises_only_its_own_error(text: str) -> None:
    try:
        source = split_front_matter(text, "f.md")
    except SourceError as error:
        assert_issues([error.issue])
    else:
        assert source.body_line >= 3


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600))
def test_check_answers_random_bytes_with_codes(tmp_path_factory: object, data: bytes) -> None:
    root = Path(tmp_path_factory.mktemp("prop"))  # type: ignore[attr-defined]
    (root / "fiches").mkdir()
    (root / "fiches" / "hasard.md").write_bytes(data)
    issues = check(root).issues
    assert issues, "random bytes never make a valid repository (the vocabularies are missing)"
    assert_issues(issues)


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(yamlish, st.text(max_size=200))
def test_check_answers_random_front_matter_with_codes(tmp_path_factory: object, front: str, body: str) -> None:
    root = Path(tmp_path_factory.mktemp("prop"))  # type: ignore[attr-defined]
    (root / "fiches").mkdir()
    (root / "fiches" / "hasard.md").write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    issues = check(root).issues
    assert_issues(issues)
    assert any(i.path == "fiches/hasard.md" for i in issues)
