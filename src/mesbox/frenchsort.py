"""French sort order without a system locale: accents and case do not change the order."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "’": "'"})


def fold(text: str) -> str:
    """Text without accents or case, for search and comparisons."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[str, str]:
    """`Économie` sorts with `economie`, before `Emploi`; ties are broken by the exact text."""
    return fold(text), text
