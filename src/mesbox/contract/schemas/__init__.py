"""Pydantic models of the contract: what a valid front-matter and a valid taxonomy term look like."""

from mesbox.contract.schemas.entries import EntryMeta, FicheMeta, GridMeta, MonographMeta, StoryMeta
from mesbox.contract.schemas.pages import PageMeta
from mesbox.contract.schemas.terms import ActorTerm, Term, TerritoryTerm

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
