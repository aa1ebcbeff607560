"""Characters refused in every front-matter key and string: they break pages, feeds and exports
or hide what a text really says (control characters, non-characters, bidi overrides)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from mesbox.contract.issues import Issue
from mesbox.reading.yamldata import Path_, YamlData

# C0 (tab and newline apart), DEL, C1, bidi embeddings, overrides and isolates, and the 66
# Unicode non-characters (U+FDD0–U+FDEF and the last two code points of each plane).
_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
_REFUSED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef{re.escape(_NONCHARACTERS)}]")
# What the engine can test fast (a bitmap of the Basic Multilingual Plane, then one range): the
# refused characters of that plane and every character beyond it, told apart by `first_refused`.
# The class above, with its 34 other-plane non-characters, costs ten times as much per character.
_CANDIDATE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]")
_LINE_BREAKS = re.compile("[\t\n]")
_VISIBLE = re.compile(f"{_REFUSED.pattern[:-1]}\t\n]")
# Long free texts where a YAML block scalar (`|`) may keep line breaks and tabs.
_MULTILINE_FIELDS = frozenset({"description", "questions"})


def character_name(char: str) -> str:
    """`U+202E (forçage de direction)`: the code point people can search for, and what it is."""
    point = ord(char)
    if point == 0:
        kind = "caractère nul"
    elif point in (0x09, 0x0A):
        kind = "tabulation" if point == 0x09 else "saut de ligne"
    elif point < 0x20 or 0x7F <= point <= 0x9F:
        kind = "caractère de contrôle"
    elif 0x202A <= point <= 0x202E or 0x2066 <= point <= 0x2069:
        kind = "contrôle de direction du texte"
    else:
        kind = "non-caractère Unicode"
    name = unicodedata.name(char, "")
    return f"U+{point:04X} ({kind}{', ' + name if name else ''})"


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


def first_refused(text: str) -> re.Match[str] | None:
    """The first refused character of `text` (what `_REFUSED.search` finds), in one fast pass."""
    position = 0
    while (match := _CANDIDATE.search(text, position)) is not None:
        if match.group() < "\U00010000" or ord(match.group()) & 0xFFFE == 0xFFFE:
            return match
        position = match.end()
    return None


def may_hold_refused(text: str) -> bool:
    """Cheap test on the YAML source: a refused character is either written as is or as an escape.

    Every refused character is "non-printable" for Python (categories Cc, Cf, Cn): once line
    breaks, tabs and the no-break spaces of French typography are set aside, `isprintable()` (in C,
    five times faster than the regex on French text) clears almost every file."""
    if "\\" in text:
        return True
    if text.replace("\n", "").replace("\t", "").replace("\xa0", "").replace("\u202f", "").isprintable():
        return False
    return first_refused(text) is not None


def check_text_fields(data: YamlData, rel: str, code: str = "E102", prefix: Path_ = ()) -> list[Issue]:
    """One issue per key or string holding a refused character, naming the first one and the field."""
    issues: list[Issue] = []
    for path, text, is_key in _strings(data.value, prefix):
        bad = first_refused(text) or (None if not is_key and _multiline(path) else _LINE_BREAKS.search(text))
        if bad is None:
            continue
        line, col = data.where(path, key=is_key)
        where = f"la clé « {_label(path)} »" if is_key else f"« {_label(path)} »"
        issues.append(Issue(rel, line, col, code, f"caractère {character_name(bad.group())} refusé dans {where} : retirez-le "
                            "(il est souvent collé depuis un autre logiciel et casse les pages et les exports)"))
    return issues
