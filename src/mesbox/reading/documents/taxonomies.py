"""The terms of the vocabularies the registry declares, with their place in the catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field

from mesbox.contract.registry import ACTOR_KINDS, TAXONOMIES, TERRITORY_KINDS, Taxonomy
from mesbox.contract.schemas import Term

__all__ = ["ACTOR_KINDS", "TAXONOMIES", "TERRITORY_KINDS", "Taxonomy", "TermEntry"]


@dataclass
class TermEntry:
    """A term of a vocabulary with its place in the catalogue."""

    taxonomy: Taxonomy
    term: Term
    line: int
    index: int
    children: list[TermEntry] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.term.id

    @property
    def label(self) -> str:
        return self.term.label

    @property
    def url(self) -> str:
        return f"{self.taxonomy.url_segment}/{self.term.id}/"
