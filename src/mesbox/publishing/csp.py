"""The Content-Security-Policy of every page: only the site's own scripts and stylesheets apply.

The theme writes a few inline scripts (Material's `partials/javascripts/*.html`); they are
allowed by their SHA-256 hash, never by `'unsafe-inline'`. Which inline scripts are the
theme's is read from the theme's template files, not from the pages: a template's script
becomes a pattern whose Jinja holes (`{{ base_url }}`) match URL characters only, so a
script that content managed to put in a page is never taken for the theme's. The same
list serves the output audit (`audit.py`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# An inline script of a template: `<script>` without attributes (with `src` or a data type, it is not inline code).
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
# What a Jinja expression may stand for inside a theme script: a URL or a path, no quote, no bracket.
_HOLE = r"[A-Za-z0-9./:_#?=&%~+-]*"
# Script types browsers do not run: data blocks (the theme's configuration, JSON-LD).
DATA_TYPES = frozenset({"application/json", "application/ld+json"})

# The theme writes its tags in lower case: a search that starts with the whole `<script` is fast.
# A script up to the first `</script>` after it: `[^<]` runs, and each `<` that does not close it (the lazy
# `.*?` of the same meaning tries the end at every character: twice slower on 2 000 pages).
_PAGE_SCRIPT = re.compile(r"<script\b([^>]*)>([^<]*+(?:<(?!/script\s*>)[^<]*+)*+)</script\s*>")
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
# Scripts whose verdict or hash is kept (pages repeat the theme's few; content cannot fill memory).
_SEEN_AT_MOST = 1024


@dataclass(frozen=True)
class ThemeScripts:
    """The inline scripts the theme's templates write, as patterns over a script's whole text."""

    patterns: tuple[re.Pattern[str], ...]
    # Every page holds the same few scripts: each text is matched against the patterns once.
    _seen: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_templates(cls, folders: Iterable[str | Path]) -> ThemeScripts:
        """Every inline script of the `.html` templates under `folders` (the theme's and its overrides)."""
        found: dict[str, re.Pattern[str]] = {}
        for folder in folders:
            for path in sorted(Path(folder).rglob("*.html")):
                text = path.read_text(encoding="utf-8", errors="replace")
                if "<script>" not in text:
                    continue
                for match in _TEMPLATE_SCRIPT.finditer(text):
                    literal = _JINJA.split(match.group(1))
                    found.setdefault(match.group(1), re.compile(_HOLE.join(re.escape(part) for part in literal), re.DOTALL))
        return cls(tuple(found.values()))

    def known(self, script: str) -> bool:
        found = self._seen.get(script)
        if found is None:
            found = any(pattern.fullmatch(script) for pattern in self.patterns)
            if len(self._seen) < _SEEN_AT_MOST:
                self._seen[script] = found
        return found


@lru_cache(maxsize=_SEEN_AT_MOST)
def source_hash(text: str) -> str:
    """A CSP hash source for an inline script or style, as browsers compute it (UTF-8 bytes)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def runs(attributes: str) -> bool:
    """Whether a `<script>` with these attributes (as written) is code a browser runs, not a data block."""
    declared = _TYPE.search(attributes)
    return declared is None or declared.group(1).lower() not in DATA_TYPES


def page_policy(html: str, theme: ThemeScripts) -> str:
    """The policy of one page: its theme scripts by hash, nothing else inline (no inline style either)."""
    scripts = sorted(
        {
            source_hash(code)
            for attributes, code in _PAGE_SCRIPT.findall(html)
            if not _SRC.search(attributes) and runs(attributes) and theme.known(code)
        }
    )
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *scripts]),
            "style-src 'self'",
            "img-src 'self' data:",  # the theme's icons are data: SVG in its stylesheet
            "font-src 'self'",
            "connect-src 'self'",
            "frame-src 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


def with_policy(html: str, theme: ThemeScripts) -> str:
    """The page with its policy as the first element of `<head>`, before any script (no `<head>`: unchanged)."""
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{page_policy(html, theme)}">'
    return html[: head.end()] + "\n    " + meta + html[head.end() :]
