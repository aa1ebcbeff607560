"""Pydantic models of the contract: what a valid front-matter and a valid taxonomy term look like."""

from .entries import COLLECTION_MODELS, EntryMeta, FicheMeta, GridMeta, MonographMeta, StoryMeta
from .terms import TAXONOMY_MODELS, ActorTerm, Term, TerritoryTerm

__all__ = [
    "COLLECTION_MODELS",
    "TAXONOMY_MODELS",
    "ActorTerm",
    "EntryMeta",
    "FicheMeta",
    "GridMeta",
    "MonographMeta",
    "StoryMeta",
    "Term",
    "TerritoryTerm",
]
