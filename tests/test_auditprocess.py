"""The pages' audit in a program of its own: the same findings as in the build's process, in order, and a loud failure."""

from __future__ import annotations

import pytest
from test_audit import ALLOWED, page

from mesbox.publishing.audit import audit_bytes
from mesbox.publishing.auditprocess import AuditFailed, AuditProcess


def test_the_program_finds_what_the_audit_finds_in_the_order_files_were_added() -> None:
    files = [
        (page(), "fiches/a/index.html"),  # the theme's scripts and the site's own: allowed
        (page('<p onclick="x">a</p>'), "fiches/b/index.html"),
        (page("<p>propre</p>"), "fiches/c/index.html"),
        (page('<a href="java&#9;script:x">a</a>'), "themes/d/index.html"),
        (page(), "a/index.html"),  # one folder up: the scripts' relative paths miss the site's
        ("<svg><script>alert(1)</script></svg>", "images/e.svg"),
    ]
    auditor = AuditProcess(ALLOWED)
    for text, rel in files:
        auditor.add(text.encode("utf-8"), rel)
    found = auditor.finish()
    expected = [finding for text, rel in files for finding in audit_bytes(text.encode("utf-8"), rel, ALLOWED)]
    assert found == expected
    assert sorted({finding.path for finding in found}) == ["a/index.html", "fiches/b/index.html", "images/e.svg", "themes/d/index.html"]
    assert 0 < auditor.seconds < 60  # the program's own processor time, which the build reports


def test_no_file_no_finding() -> None:
    assert AuditProcess(ALLOWED).finish() == []


def test_a_program_that_stops_fails_the_audit_loudly() -> None:
    auditor = AuditProcess(ALLOWED)
    auditor.add(page().encode("utf-8"), "fiches/a/index.html")
    auditor._process.kill()
    with pytest.raises(AuditFailed):
        auditor.finish()
