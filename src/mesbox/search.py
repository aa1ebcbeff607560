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
    if text.isascii():
        return ""
    present = set(_WORD.findall(text.casefold()))
    extra = dict.fromkeys(word for word in _WORD.findall(fold(text)) if word not in present)
    return " ".join(extra)


def fold_search_index(index: dict[str, Any]) -> dict[str, Any]:
    """Append folded words to each document of a lunr-style `{"docs": [{title, text}]}` index."""
    for doc in index.get("docs", []):
        extra = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}")
        if extra:
            doc["text"] = f"{doc.get('text', '')} {extra}"
    return index
