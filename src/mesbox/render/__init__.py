"""Turn the catalogue into page sources (Markdown + escaped HTML): a pure function, no site engine needed."""
