"""The collections, as the registry declares them (docs/contrat.md §1)."""

from __future__ import annotations

from mesbox.contract.registry import AUDIENCES, COLLECTIONS, FICHE_KINDS, STORY_FORMATS, Collection

__all__ = ["AUDIENCES", "COLLECTIONS", "FICHE_KINDS", "STORY_FORMATS", "Collection"]
