"""Let a search without accents find accented words (`economie` finds `Économie`).

The theme's client-side index stems French words but keeps their accents; we add
the unaccented form of every accented word to each document's text, once.
"""

from __future__ import annotations

import re
from typing import Any

from mesbox.catalogue.frenchsort import fold

_WORD = re.compile(r"\w+")


def folded_words(text: str) -> str:
    """The unaccented forms of the accented words of `text`, each once, in order of appearance.

    Only the few non-ASCII tokens are looked at (`str.split` and `isascii` run at C speed):
    a regular expression over the whole text would cost four times more on a large index.
    """
    if text.isascii():
        return ""
    tokens = " ".join(dict.fromkeys(token for token in text.split() if not token.isascii()))
    accented = dict.fromkeys(word for word in _WORD.findall(tokens) if not word.isascii())
    if not accented:
        return ""
    folded = dict.fromkeys(word for word in fold(" ".join(accented)).split() if word not in accented)
    return " ".join(folded)


def fold_search_index(index: dict[str, Any]) -> dict[str, Any]:
    """Append folded words to each document of a lunr-style `{"docs": [{title, text}]}` index."""
    for doc in index.get("docs", []):
        extra = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}")
        if extra:
            doc["text"] = f"{doc.get('text', '')} {extra}"
    return index
