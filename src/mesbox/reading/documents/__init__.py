"""Plain data classes of the catalogue: what the checker produces and the site consumes."""

from mesbox.reading.documents.collections import COLLECTIONS, Collection
from mesbox.reading.documents.entry import Candidate, Entry
from mesbox.reading.documents.taxonomies import TAXONOMIES, Taxonomy, TermEntry

__all__ = ["COLLECTIONS", "TAXONOMIES", "Candidate", "Collection", "Entry", "Taxonomy", "TermEntry"]
