"""Stage 3, the catalogue: published entries and terms with every index the later stages need, in French order."""
