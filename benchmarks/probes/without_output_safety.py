"""A measurement probe for `bench_safety.py --pairs`: the same build without sanitising and auditing.

Loaded as an MkDocs hook (`hooks:` in a copy of mkdocs.yml made by the benchmark, never in a site's own
configuration: it turns off two layers of the defence), it replaces the sanitiser by the identity and the
output audit by nothing, so that the difference between builds with and without them is what they add.
"""

from __future__ import annotations

from typing import Any

from mesbox.mkdocs_plugin import plugin


def _as_it_is(fragment: str) -> str:
    return fragment


def _nothing(*args: Any, **kwargs: Any) -> Any:
    return []


class _NoAudit:
    """Stands for the audit program: names nothing, finds nothing, starts no program."""

    seconds = 0.0

    def __init__(self, *args: Any) -> None:
        pass

    written = close = _nothing

    def finish(self, known: Any) -> list[Any]:
        return []


plugin.sanitize_html = _as_it_is
plugin._sanitize_toc = _nothing
plugin.AuditProgram = _NoAudit  # type: ignore[misc,assignment]
