"""Pydantic models of the contract: what a valid front-matter and a valid taxonomy term look like."""

from .entries import EntryMeta, FicheMeta, GridMeta, MonographMeta, StoryMeta
from .pages import PageMeta
from .terms import ActorTerm, Term, TerritoryTerm

__all__ = [
    "ActorTerm",
    "EntryMeta",
    "FicheMeta",
    "GridMeta",
    "MonographMeta",
    "PageMeta",
    "StoryMeta",
    "Term",
    "TerritoryTerm",
]
