"""Stage 5, checking: the rules between files (references, links to files and to planned pages, dates),
the cache of settled files and the whole check, which hands back the issues and the catalogue.
"""
