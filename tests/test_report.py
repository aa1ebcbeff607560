"""Reports (docs/contrat.md §8): readable text, GitHub annotations with correct escaping, and a stable JSON shape."""

from __future__ import annotations

import io
import json
import re

import pytest

from mesbox.contract.issues import Issue
from mesbox.contract.report import FORMATS, SUMMARY_ROWS, WRITERS, summary, write_github, write_github_summary, write_json, write_text

ISSUES = [
    Issue("fiches/a.md", 4, 10, "E104", "thème inconnu « cooperaton » — vouliez-vous dire « cooperation » ?"),
    Issue("fiches/a.md", 7, 1, "E103", "champ inconnu « themse »"),
    Issue("monographies/b.md", 2, 1, "E101", "champ obligatoire « title » manquant : ajoutez-le"),
]


def output(writer, issues: list[Issue], files: int = 12) -> str:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    writer(issues, files, stream)
    return stream.getvalue()


def test_formats_are_the_contract_ones() -> None:
    assert FORMATS == ("text", "github", "json")
    assert set(WRITERS) == set(FORMATS)


def test_summary_counts_errors_files_and_codes() -> None:
    assert summary(ISSUES, 12) == "3 erreurs dans 2 fichiers sur 12 (E101 ×1, E103 ×1, E104 ×1)."
    assert summary(ISSUES[:1], 1) == "1 erreur dans 1 fichier sur 1 (E104 ×1)."
    assert summary([], 12) == "Aucune erreur : 12 fichiers vérifiés."
    assert summary([], 1) == "Aucune erreur : 1 fichier vérifié."


def test_text_report_one_line_per_issue_then_legend_and_summary() -> None:
    """`file:line:col: CODE message` lines (no colour codes when not a terminal), the codes explained, the summary."""
    text = output(write_text, ISSUES)
    lines = text.splitlines()
    assert lines[:3] == [str(i) for i in ISSUES]
    assert "\x1b[" not in text
    assert any(line.strip().startswith("E104 terme de vocabulaire inconnu") for line in lines)
    assert lines[-1] == summary(ISSUES, 12)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_report_in_a_terminal_has_colours_and_the_same_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a terminal rich adds styles; without one the same lines come out plain (rich not needed)."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    issues = [*ISSUES, Issue("fiches/[x].md", 1, 1, "E102", "valeur « [bold]x[/bold] » non permise")]
    terminal = _Terminal()
    write_text(issues, 12, terminal)
    coloured = terminal.getvalue()
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == output(write_text, issues)


def test_text_report_does_not_interpret_markup_in_content() -> None:
    """A message quoting `[bold]` or a path with brackets is printed as written (rich markup escaped)."""
    issue = Issue("fiches/[x].md", 1, 1, "E102", "valeur « [bold]x[/bold] » non permise")
    assert str(issue) in output(write_text, [issue])


def test_text_report_shows_terminal_escapes_as_written() -> None:
    """A YAML key or file name carrying `ESC[2J` (clear screen) or a bidi override is printed as text, never raw."""
    issue = Issue("fiches/\u202eevil.md", 2, 1, "E102", "caractère refusé dans la clé « \x1b[2J\x1b[31mrouge\x07 »")
    text = output(write_text, [issue], 1)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "fiches/\\u202eevil.md:2:1: E102" in text
    assert "« \\x1b[2J\\x1b[31mrouge\\x07 »" in text
    github = output(write_github, [issue], 1)
    assert "\x1b" not in github and "\u202e" not in github and "\\x1b[2J" in github


def test_github_annotations_escape_properties_and_message() -> None:
    """Workflow-command escaping: `%`, CR, LF everywhere; also `:` and `,` in property values (the file)."""
    issue = Issue("fiches/a,b:c%.md", 3, 5, "E102", "50 % trop long,\nvoir: ici\r")
    text = output(write_github, [issue], 1)
    first = text.splitlines()[0]
    assert first == "::error file=fiches/a%2Cb%3Ac%25.md,line=3,col=5,title=E102::E102 50 %25 trop long,%0Avoir: ici%0D"
    assert text.splitlines()[1] == summary([issue], 1)


def test_github_one_annotation_per_issue() -> None:
    lines = output(write_github, ISSUES).splitlines()
    assert [line.split("::")[1] for line in lines[:3]] == [
        "error file=fiches/a.md,line=4,col=10,title=E104",
        "error file=fiches/a.md,line=7,col=1,title=E103",
        "error file=monographies/b.md,line=2,col=1,title=E101",
    ]
    assert len(lines) == 4


@pytest.mark.parametrize("issues", [ISSUES, []])
def test_json_shape(issues: list[Issue]) -> None:
    """ok, files, counts by code, and one object per error with file, line, col, code, message; UTF-8 kept."""
    text = output(write_json, issues)
    data = json.loads(text)
    assert set(data) == {"ok", "files", "counts", "errors"}
    assert data["ok"] is (not issues)
    assert data["files"] == 12
    assert data["counts"] == ({"E101": 1, "E103": 1, "E104": 1} if issues else {})
    assert data["errors"] == [{"file": i.path, "line": i.line, "col": i.col, "code": i.code, "message": i.message} for i in issues]
    if issues:
        assert "« cooperaton »" in text  # not \u00ab escapes


def _table_rows(text: str) -> list[list[str]]:
    """The body rows of the summary's Markdown table, split on unescaped pipes."""
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| Fichier")]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def test_github_summary_lists_every_error_beyond_ten() -> None:
    """GitHub shows 10 annotations per step: the summary's table has all 25 errors, in order."""
    issues = [Issue(f"fiches/f{n:02}.md", n, 3, "E104", f"thème inconnu « t{n} »") for n in range(1, 26)]
    text = output(write_github_summary, issues, 40)
    rows = _table_rows(text)
    assert len(rows) == 25
    assert rows[0] == ["fiches/f01.md", "1", "3", "E104", "thème inconnu « t1 »"]
    assert rows[-1][:2] == ["fiches/f25.md", "25"]
    assert summary(issues, 40) in text and "- **E104** terme de vocabulaire inconnu" in text
    assert "dix premières annotations" in text


def test_github_summary_of_a_clean_check_has_no_table() -> None:
    text = output(write_github_summary, [], 12)
    assert "Aucune erreur : 12 fichiers vérifiés." in text and "| Fichier" not in text


def test_github_summary_escapes_markup_from_content() -> None:
    """A term or file name cannot break the table or inject HTML or links."""
    issue = Issue("fiches/a|b.md", 2, 1, "E104", "thème « <img src=x> | [lien](http://x) *gras* »\nsuite")
    text = output(write_github_summary, [issue], 1)
    rows = _table_rows(text)
    assert len(rows) == 1 and len(rows[0]) == 5
    assert "<img" not in text and "&lt;img src=x&gt;" in text and "\\[lien\\]" in text and "\\*gras\\*" in text
    assert "\nsuite" not in text


def test_github_summary_says_how_many_rows_were_left_out() -> None:
    issues = [Issue("fiches/a.md", n, 1, "E103", "champ inconnu") for n in range(1, SUMMARY_ROWS + 6)]
    text = output(write_github_summary, issues, 1)
    assert len(_table_rows(text)) == SUMMARY_ROWS and "… et 5 erreurs de plus" in text
