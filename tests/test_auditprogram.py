"""The audit program: files named as they are written, then the rest of the site, every finding once."""

from __future__ import annotations

import sys
from pathlib import Path

import material  # type: ignore[import-untyped]
import pytest

from mesbox.publishing import auditprogram
from mesbox.publishing.audit import Known
from mesbox.publishing.auditprogram import AuditProgram, AuditProgramError
from mesbox.publishing.programs import start_low

TEMPLATES = [str(Path(material.__file__).parent / "templates")]
CLEAN = "<!doctype html><html><body><p>Bonjour</p></body></html>"
HOSTILE = CLEAN.replace("</body>", "<script>alert(1)</script></body>")


def site_with(tmp_path: Path, pages: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for rel, html in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(html, encoding="utf-8")
    return site


def test_named_files_and_the_rest_of_the_site_are_audited_each_once(tmp_path: Path) -> None:
    pages = {f"page-{n}/index.html": HOSTILE if n % 3 else CLEAN for n in range(7)}
    site = site_with(tmp_path, {**pages, "autre/index.html": HOSTILE, "assets/inconnu.js": "alert(1)"})
    program = AuditProgram(site, TEMPLATES)
    program.allow({"assets/javascripts/"}, "/")
    for rel in pages:
        program.written(rel)
    program.written("jamais-ecrite/index.html")  # MkDocs writes no file for an empty page: nothing to read
    findings = program.finish(Known(frozenset([*pages, "autre/index.html"])))
    paths = [finding.path for finding in findings]
    hostile = [rel for rel, html in pages.items() if html == HOSTILE]
    assert sorted(path for path in paths if path.startswith("page-")) == sorted(hostile)  # once each: not read again
    assert "autre/index.html" in paths  # never named: read by the pass over the site folder
    assert "assets/inconnu.js" in paths  # written by no known source
    assert program.seconds > 0


def test_a_file_rewritten_after_it_was_named_is_audited_as_it_ends(tmp_path: Path) -> None:
    """Whether the program read it before or after the change (test_audit checks the size rule that decides)."""
    site = site_with(tmp_path, {"index.html": CLEAN})
    program = AuditProgram(site, TEMPLATES)
    program.allow(set(), "/")
    program.written("index.html")
    (site / "index.html").write_text(HOSTILE, encoding="utf-8")  # another size: the pass over the folder reads it
    assert [finding.path for finding in program.finish(Known(frozenset({"index.html"})))] == ["index.html"]


def test_a_program_that_stops_fails_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auditprogram, "start_program", lambda module: start_low([sys.executable, "-c", "raise SystemExit(3)"]))
    program = AuditProgram(site_with(tmp_path, {"index.html": CLEAN}), TEMPLATES)
    program.allow(set(), "/")
    program.written("index.html")
    with pytest.raises(AuditProgramError, match="s'est arrêté sans répondre \\(code 3\\)"):
        program.finish(Known(frozenset({"index.html"})))


def test_a_folder_named_whole_is_audited_then_and_not_again(tmp_path: Path) -> None:
    """The search index's folder is named once its program has written it: its files are read then (their
    findings come before those of the pages named after), and not again at the end (same size: see the test
    above); files of types the audit does not read are left alone."""
    files = {"recherche/mots/1.json": '"\u202e"', "recherche/pages/2.json": "{}", "recherche/notes.bin": "<script>"}
    site = site_with(tmp_path, {"index.html": HOSTILE, **files})
    program = AuditProgram(site, TEMPLATES)
    program.allow(set(), "/")
    program.written_folder("recherche")
    program.written("index.html")
    findings = program.finish(Known(frozenset({"index.html"}), ("recherche/",)))
    assert [finding.path for finding in findings] == ["recherche/mots/1.json", "index.html"]
