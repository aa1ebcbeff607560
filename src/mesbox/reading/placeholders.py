"""The `mesbox new` placeholder: text a contributor must replace before her entry is valid (E101).

The check names the field that still holds it (« description », « authors »…), or says it is
in the text of the page, so she knows where to look without reading line numbers.
"""

from __future__ import annotations

import re

from mesbox.contract.issues import Issue
from mesbox.contract.registry import TAXONOMIES

PLACEHOLDER = "À COMPLÉTER"
# The id `mesbox new` writes where an identifier is expected (`themes: [a-completer]`).
PLACEHOLDER_ID = "a-completer"
_PLACEHOLDER_ID = re.compile(r"(?<![\w-])a-completer(?![\w-])")

# What replaces the placeholder id, per field: the vocabularies say it.
_ID_HINTS = {taxonomy.key: taxonomy.fill_hint for taxonomy in TAXONOMIES.values()}

_KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*)\s*:(?:\s|$)")
_ITEM = re.compile(r"^(\s*)-(?:\s|$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def field_at(lines: list[str], index: int) -> str | None:
    """The YAML key whose value holds line `index`: the key on that line, or the nearest one above it
    that is less indented (a list item `  - …` belongs to the `authors:` above it)."""
    own = _KEY.match(lines[index])
    if own:
        return own.group(2)
    depth = _indent(lines[index])
    for above in range(index - 1, -1, -1):
        line = lines[above]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key = _KEY.match(line)
        if key and _indent(line) < depth or (key and _ITEM.match(lines[index]) and _indent(line) <= depth):
            return key.group(2)
    return None


def find_in_yaml(text: str, first_line: int, rel: str) -> list[Issue]:
    """Placeholders left in YAML (an entry's front-matter or a vocabulary file), each named by its field."""
    if PLACEHOLDER not in text and PLACEHOLDER_ID not in text:
        return []
    found: list[Issue] = []
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            continue
        col = line.find(PLACEHOLDER)
        field = field_at(lines, index) if col >= 0 or PLACEHOLDER_ID in line else None
        where = f"dans « {field} »" if field else "dans l'en-tête"
        if col >= 0:
            found.append(_text_left(rel, first_line + index, col + 1, where))
            continue
        same_id = _PLACEHOLDER_ID.search(line)
        if same_id:
            hint = _ID_HINTS.get(field or "", "un identifiant en minuscules sans accents, avec des tirets")
            found.append(
                Issue(
                    rel,
                    first_line + index,
                    same_id.start() + 1,
                    "E101",
                    f"identifiant « {PLACEHOLDER_ID} » laissé tel quel {where} : remplacez-le par {hint}",
                )
            )
    return found


def find_in_body(text: str, first_line: int, rel: str) -> list[Issue]:
    """Placeholders left in the Markdown text of a page."""
    if PLACEHOLDER not in text:
        return []
    found: list[Issue] = []
    for index, line in enumerate(text.split("\n")):
        col = line.find(PLACEHOLDER)
        if col >= 0:
            found.append(_text_left(rel, first_line + index, col + 1, "dans le texte de la page"))
    return found


def _text_left(rel: str, line: int, col: int, where: str) -> Issue:
    """E101 for the placeholder text the scaffold writes, wherever it was left."""
    return Issue(rel, line, col, "E101", f"texte « {PLACEHOLDER} » laissé tel quel {where} : remplacez-le par le vrai contenu")
