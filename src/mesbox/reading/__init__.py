"""Stage 2, reading: from files on disk to checked documents, one file at a time (in worker processes when
there are many). YAML with positions, front-matter validation, body scans, the document classes.
"""
