"""French sort order without a system locale: accents and case do not change the order."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "’": "'"})


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[str, str]:
    """`Économie` sorts with `economie`, before `Emploi`; ties are broken by the exact text."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return base, text


def fold(text: str) -> str:
    """Text without accents or case, for search and comparisons."""
    return sort_key(text)[0]
