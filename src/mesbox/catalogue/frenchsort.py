"""French sort order without a system locale: accents, case and a leading article do not change the order."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "’": "'"}


@lru_cache(maxsize=4096)
def _strip(char: str) -> str:
    """One character without its accents; a ligature written out, also when it comes out of the
    decomposition (the modifier letter ᴭ decomposes to Æ)."""
    decomposed = unicodedata.normalize("NFKD", _LIGATURES.get(char, char))
    return "".join(_LIGATURES.get(c, c) for c in decomposed if not unicodedata.combining(c))


# Latin letters with accents (Latin-1 and Latin Extended-A) folded by one `str.translate`:
# C speed on whole texts, where a character-by-character loop would be slow.
_TABLE = str.maketrans({chr(code): _strip(chr(code)) for code in range(0xC0, 0x250)} | {"’": "'"})


_OTHER = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Text without accents or case, for search and comparisons."""
    folded = text.translate(_TABLE)
    if not folded.isascii():  # punctuation, other scripts, rare marks: one character at a time
        folded = _OTHER.sub(lambda match: _strip(match.group()), folded)
    return folded.casefold()


# Leading articles a French index skips: « La Voisinerie » is filed under V, « L'Atelier » under A.
_ARTICLE = re.compile(r"(?:(?:les|le|la|un|une|des)\s+|l'\s*)(?=\w)")


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[str, str, str]:
    """`Économie` sorts with `economie`, before `Emploi`; « Le séminaire » sorts under S;
    ties are broken by the folded then the exact text."""
    folded = fold(text).lstrip()
    article = _ARTICLE.match(folded)
    return folded[article.end() :] if article else folded, folded, text
