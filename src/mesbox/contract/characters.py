"""The characters no text of the content may hold, in front-matter or body: they break pages, feeds
and exports (NUL, control characters, non-characters) or hide what a text really says (bidi
overrides). The check refuses them (`reading.textfields`); what is published replaces them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# C0 (tab and newline apart), DEL, C1, bidi embeddings, overrides and isolates, and the 66
# Unicode non-characters (U+FDD0–U+FDEF and the last two code points of each plane).
_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
REFUSED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef{re.escape(_NONCHARACTERS)}]")
# What the engine can test fast (a bitmap of the Basic Multilingual Plane, then one range): the
# refused characters of that plane and every character beyond it, told apart by `first_refused`.
# The class above, with its 34 other-plane non-characters, costs ten times as much per character.
_CANDIDATE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]")


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


def refused_characters(text: str, position: int = 0) -> Iterator[re.Match[str]]:
    """Every refused character of `text` from `position` (what `REFUSED.finditer` finds), in one fast pass."""
    while (match := _CANDIDATE.search(text, position)) is not None:
        if match.group() < "\U00010000" or ord(match.group()) & 0xFFFE == 0xFFFE:
            yield match
        position = match.end()


def first_refused(text: str) -> re.Match[str] | None:
    """The first refused character of `text`, or None."""
    return next(refused_characters(text), None)


def printable(text: str) -> bool:
    """Whether `text` surely holds no refused character: true for almost every text, found in C.

    Every refused character is "non-printable" for Python (categories Cc, Cf, Cn): once line
    breaks, tabs and the no-break spaces of French typography are set aside, `isprintable()` (five
    times faster than the regex on French text) clears almost every text. A text with line breaks only
    (most HTML) needs one copy instead of four."""
    if "\t" in text or "\xa0" in text or "\u202f" in text:
        return text.replace("\n", "").replace("\t", "").replace("\xa0", "").replace("\u202f", "").isprintable()
    return text.replace("\n", " ").isprintable()


def replace_refused(text: str) -> str:
    """`text` with each refused character replaced by U+FFFD (what a browser shows for a character it cannot use)."""
    if printable(text) or first_refused(text) is None:
        return text
    return REFUSED.sub("\ufffd", text)
