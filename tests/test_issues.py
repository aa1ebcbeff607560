"""One shape for every problem: stable codes, documented in the contract, printed as file:line:col."""

from __future__ import annotations

import re
from pathlib import Path

from mesbox.contract.issues import CODES, Issue

CONTRIBUTOR_GUIDE = Path(__file__).parent.parent / "content" / "contribuer.md"


def test_printed_like_a_compiler_error() -> None:
    issue = Issue("fiches/a.md", 4, 10, "E104", "thème inconnu « x »")
    assert str(issue) == "fiches/a.md:4:10: E104 thème inconnu « x »"
    assert issue.as_dict() == {"file": "fiches/a.md", "line": 4, "col": 10, "code": "E104", "message": "thème inconnu « x »"}


def test_sorted_by_file_then_line_then_column() -> None:
    issues = [
        Issue("b.md", 1, 1, "E101", "m"),
        Issue("a.md", 10, 1, "E101", "m"),
        Issue("a.md", 2, 5, "E101", "m"),
        Issue("a.md", 2, 3, "E103", "m"),
    ]
    assert [(i.path, i.line, i.col) for i in sorted(issues)] == [("a.md", 2, 3), ("a.md", 2, 5), ("a.md", 10, 1), ("b.md", 1, 1)]


def test_contributor_guide_explains_every_code() -> None:
    """The contract's codes (§8, error codes) are the ones a contributor can look up in the site's guide."""
    assert set(CODES) == {
        "E001",
        "E002",
        "E003",
        "E101",
        "E102",
        "E103",
        "E104",
        "E105",
        "E106",
        "E107",
        "E108",
        "E109",
        "E201",
        "E202",
        "E301",
        "E004",
    }
    documented = set(re.findall(r"^\| (E\d{3}) \|", CONTRIBUTOR_GUIDE.read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert documented == set(CODES)
