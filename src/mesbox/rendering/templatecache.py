"""Compiled Jinja templates kept in memory, for processes that build more than once.

Each Jinja environment compiles its templates on first use: about a second for Material's, a
fraction for mesbox's own, each time. `mkdocs serve` builds on every save, and MkDocs makes a new
environment for each build, as mesbox does for each catalogue. Jinja's bytecode cache hands the
next environments the compiled code; Jinja checks each template's source against the cached
code's checksum, so an edited template is compiled again.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates by Jinja's key (template name and file), in memory."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.store.clear()
