"""Print issues for people (text), for GitHub annotations, or for programs (JSON)."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from typing import TextIO

from mesbox.contract.issues import CODES, Issue

FORMATS = ("text", "github", "json")


# Control characters (terminal escape sequences start with ESC) and bidi controls, from a file
# name or a YAML key, would act on the terminal or reorder the line instead of being read.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`\\x1b[31m` shown as written, never sent raw to a terminal or a CI log."""
    return _UNPRINTABLE.sub(
        lambda match: f"\\x{ord(match.group()):02x}" if ord(match.group()) < 0x100 else f"\\u{ord(match.group()):04x}", text
    )


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def summary(issues: list[Issue], files: int) -> str:
    """One line: how many errors, in how many files, and how many of each code."""
    if not issues:
        return f"Aucune erreur : {plural(files, 'fichier')} vérifié{'s' if files > 1 else ''}."
    counts = Counter(issue.code for issue in issues)
    by_code = ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items()))
    touched = len({issue.path for issue in issues})
    return f"{plural(len(issues), 'erreur')} dans {plural(touched, 'fichier')} sur {files} ({by_code})."


def _coloured(stream: TextIO) -> bool:
    """A terminal, or colours asked for (FORCE_COLOR, as rich understands it)."""
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def write_text(issues: list[Issue], files: int, stream: TextIO) -> None:
    """Readable at a glance: place in bold, code in colour when the stream is a terminal. Otherwise
    the same lines as plain text, without importing rich (a fifth of a one-file check's time)."""
    if not _coloured(stream):
        stream.writelines(f"{visible(str(issue))}\n" for issue in issues)
        if issues:
            stream.write("\n")
            stream.writelines(f"  {code} {CODES.get(code, '')}\n" for code in sorted({issue.code for issue in issues}))
        stream.write(summary(issues, files) + "\n")
        return
    from rich.console import Console  # imported here: JSON, GitHub and plain output do not need it
    from rich.markup import escape

    console = Console(file=stream, highlight=False, soft_wrap=True)
    for issue in issues:
        console.print(
            f"[bold]{escape(visible(issue.path))}[/]:{issue.line}:{issue.col}: [red bold]{issue.code}[/] {escape(visible(issue.message))}"
        )
    if issues:
        console.print()
        for code in sorted({issue.code for issue in issues}):
            console.print(f"  [red]{code}[/] {escape(CODES.get(code, ''))}")
    style = "red bold" if issues else "green bold"
    console.print(f"[{style}]{escape(summary(issues, files))}[/]")


def _github_escape(text: str, property_value: bool = False) -> str:
    text = visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def write_github(issues: list[Issue], files: int, stream: TextIO) -> None:
    """Workflow commands that GitHub turns into annotations on the pull request's lines."""
    stream.writelines(
        f"::error file={_github_escape(issue.path, True)},line={issue.line},col={issue.col},"
        f"title={issue.code}::{_github_escape(issue.code + ' ' + issue.message)}\n"
        for issue in issues
    )
    stream.write(summary(issues, files) + "\n")


# GitHub refuses a step summary over 1 MiB: beyond this many rows, the table says how many are left out.
SUMMARY_ROWS = 2000
_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]|#~!"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": " ", "\r": " "})


def _cell(text: str) -> str:
    """Content as plain text in a Markdown table cell: no markup, no HTML, no line break."""
    return text.translate(_MARKDOWN_SPECIAL)


def write_github_summary(issues: list[Issue], files: int, stream: TextIO) -> None:
    """The job summary: every error in one table (GitHub shows at most 10 annotations per step)."""
    stream.write(f"## Vérification du contenu\n\n{_cell(summary(issues, files))}\n")
    if not issues:
        return
    stream.write(
        "\nGitHub n'affiche que les dix premières annotations sur la pull request : voici toutes les erreurs.\n\n"
        "| Fichier | Ligne | Colonne | Code | Message |\n|---|---:|---:|---|---|\n"
    )
    stream.writelines(
        f"| {_cell(issue.path)} | {issue.line} | {issue.col} | {issue.code} | {_cell(issue.message)} |\n" for issue in issues[:SUMMARY_ROWS]
    )
    if len(issues) > SUMMARY_ROWS:
        stream.write(f"\n… et {plural(len(issues) - SUMMARY_ROWS, 'erreur')} de plus : lancez `mesbox check` pour toutes les voir.\n")
    stream.write("\n" + "".join(f"- **{code}** {_cell(CODES.get(code, ''))}\n" for code in sorted({issue.code for issue in issues})))


def write_json(issues: list[Issue], files: int, stream: TextIO) -> None:
    payload = {
        "ok": not issues,
        "files": files,
        "counts": dict(sorted(Counter(issue.code for issue in issues).items())),
        "errors": [issue.as_dict() for issue in issues],
    }
    json.dump(payload, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


WRITERS = {"text": write_text, "github": write_github, "json": write_json}
