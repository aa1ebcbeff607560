"""Stage 1, the contract: what a repository may hold and how problems are told. The registry of collections
and vocabularies, the pydantic schemas, ids, periods, the allowlist of what content may put in a page, the
error codes and the report that prints them. Imports no other stage.
"""
