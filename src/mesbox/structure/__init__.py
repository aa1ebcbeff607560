"""Plain data classes of the catalogue: what the checker produces and the site consumes."""

from .collections import COLLECTIONS, Collection
from .entry import Candidate, Entry
from .taxonomies import TAXONOMIES, Taxonomy, TermEntry

__all__ = ["COLLECTIONS", "TAXONOMIES", "Candidate", "Collection", "Entry", "Taxonomy", "TermEntry"]
