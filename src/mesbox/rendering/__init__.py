"""Stage 4, rendering: turn the catalogue into page sources (Markdown + escaped HTML) and search records,
with no site engine: the plan of pages, the templates' data, URLs, JSON-LD, the map."""
