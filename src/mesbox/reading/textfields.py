"""Characters refused in every front-matter key and string, and in bodies: they break pages, feeds
and exports or hide what a text really says (control characters, non-characters, bidi overrides)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mesbox.contract.characters import REFUSED, character_name, first_refused, printable, refused_characters
from mesbox.contract.issues import Issue
from mesbox.reading.yamldata import Path_, YamlData

_LINE_BREAKS = re.compile("[\t\n]")
_VISIBLE = re.compile(f"{REFUSED.pattern[:-1]}\t\n]")
# Long free texts where a YAML block scalar (`|`) may keep line breaks and tabs.
_MULTILINE_FIELDS = frozenset({"description", "questions"})


def _label(path: Path_) -> str:
    """`sources[2].url`, with any refused character of a key shown as its code point, never raw."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return _VISIBLE.sub(lambda match: f"<U+{ord(match.group()):04X}>", text) or "en-tête"


def _multiline(path: Path_) -> bool:
    """Descriptions, grid questions and a monograph's syntheses (`dimensions.<id>`)."""
    named = [part for part in path if isinstance(part, str)]
    if named and named[-1] in _MULTILINE_FIELDS:
        return True
    return len(path) == 2 and path[0] == "dimensions" and isinstance(path[1], str)


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str, bool]]:
    """Every key (flag True) and string value under `value`, with its path."""
    if isinstance(value, str):
        yield path, value, False
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield (*path, key), key, True
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def may_hold_refused(text: str) -> bool:
    """Cheap test on the YAML source: a refused character is either written as is or as an escape."""
    if "\\" in text:
        return True
    return not printable(text) and first_refused(text) is not None


def check_text_fields(data: YamlData, rel: str, code: str = "E102", prefix: Path_ = ()) -> list[Issue]:
    """One issue per key or string holding a refused character, naming the first one and the field."""
    issues: list[Issue] = []
    for path, text, is_key in _strings(data.value, prefix):
        bad = first_refused(text) or (None if not is_key and _multiline(path) else _LINE_BREAKS.search(text))
        if bad is None:
            continue
        line, col = data.where(path, key=is_key)
        where = f"la clé « {_label(path)} »" if is_key else f"« {_label(path)} »"
        issues.append(
            Issue(
                rel,
                line,
                col,
                code,
                f"caractère {character_name(bad.group())} refusé dans {where} : retirez-le "
                "(il est souvent collé depuis un autre logiciel et casse les pages et les exports)",
            )
        )
    return issues


# Past this many refused characters in one body, the rest is counted in one last message.
MAX_BODY_REPORTS = 20


def check_body_text(body: str, rel: str, first_line: int) -> list[Issue]:
    """One issue (E102) per refused character of a body, code and fences included (the sanitiser
    replaces them on the page, but a contributor must see where they are), at its line and column."""
    if printable(body):
        return []
    issues: list[Issue] = []
    line, line_start, counted = first_line, 0, 0
    for match in refused_characters(body):
        offset = match.start()
        newlines = body.count("\n", counted, offset)
        if newlines:
            line += newlines
            line_start = body.rfind("\n", counted, offset) + 1
        counted = offset
        if len(issues) == MAX_BODY_REPORTS:
            issues.append(
                Issue(
                    rel,
                    line,
                    offset - line_start + 1,
                    "E102",
                    f"plus de {MAX_BODY_REPORTS} caractères refusés dans ce texte, "
                    "d'autres suivent : retirez ceux-ci, puis relancez la vérification",
                )
            )
            break
        issues.append(
            Issue(
                rel,
                line,
                offset - line_start + 1,
                "E102",
                f"caractère {character_name(match.group())} refusé dans le texte : "
                "retirez-le (souvent collé depuis un autre logiciel, il casse les pages et les exports ou cache ce que dit le texte)",
            )
        )
    return issues
