"""Ids of entries and terms: the one rule, the slug that fixes a bad id, the nearest-match hint."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX = 80


def is_valid_id(value: str) -> bool:
    """The contract's id rule (§2): lowercase ASCII words joined by single hyphens."""
    return len(value) <= ID_MAX and ID_RE.fullmatch(value) is not None


def slugify(text: str) -> str:
    """Turn a French title or a bad file name into a valid id (`Économie Solidaire` → `economie-solidaire`)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > ID_MAX:
        slug = slug[:ID_MAX].rsplit("-", 1)[0] or slug[:ID_MAX]
    return slug


def closest(value: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The nearest known values, for "vouliez-vous dire" hints."""
    pool = list(candidates)
    found = difflib.get_close_matches(value, pool, n=limit, cutoff=0.6)
    if not found and len(value) >= 4:
        lowered = value.lower()
        found = [c for c in pool if lowered in c or c in lowered][:limit]
    return found


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """A French hint sentence, empty when nothing is close."""
    found = closest(value, candidates)
    if not found:
        return ""
    return " — vouliez-vous dire " + " ou ".join(f"« {c} »" for c in found) + " ?"
