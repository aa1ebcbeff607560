"""Let a search without accents find accented words (`economie` finds `Économie`).

The theme's client-side index stems French words but keeps their accents; we add
the unaccented form of every accented word to each document's text, once.
"""

from __future__ import annotations

import re
from typing import Any

from .frenchsort import fold

_WORD = re.compile(r"\w+")


def folded_words(text: str) -> str:
    """The unaccented forms of the accented words of `text`, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text):
        if not word.isascii():
            plain = fold(word)
            if plain != word.casefold():
                seen.setdefault(plain, None)
    return " ".join(seen)


def fold_search_index(index: dict[str, Any]) -> dict[str, Any]:
    """Append folded words to each document of a lunr-style `{"docs": [{title, text}]}` index."""
    for doc in index.get("docs", []):
        extra = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}")
        if extra:
            doc["text"] = f"{doc.get('text', '')} {extra}"
    return index
