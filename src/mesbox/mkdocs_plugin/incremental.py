"""Rebuild only what an edit touches, under `mkdocs serve --dirty` (or `mkdocs build --dirty`).

In a dirty build MkDocs skips every page whose `File.is_modified()` is false. A generated page
answers from its fingerprint (`render.dependencies`: what it shows changed since the last build
that succeeded); editorial pages and the listings of the menu are always rebuilt (a handful, and
they hold what every page shows). What a dirty build would leave different from a full one is put
right here: files the last build wrote and this one no longer has are removed, and the search
index gets back the entries of the pages not rebuilt, in the order a full build writes them.
The audit reads again only the files written since it last found them clean.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File

from mesbox.publishing.audit import Allowed, Finding, audit_bytes, site_files

SearchEntries = list[dict[str, Any]]


class GeneratedPage(File):
    """A page file whose `is_modified()` is decided by the preview (MkDocs asks only in dirty builds)."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


def rebuilt(file: File) -> GeneratedPage:
    """The same page of the docs folder, always rebuilt by a dirty build."""
    return GeneratedPage(
        file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=file.dest_uri, inclusion=file.inclusion
    )


def stamp(paths: Iterable[str]) -> str:
    """A digest of files' names, sizes and modification times (what the engine's own files look like)."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(paths):
        try:
            info = os.stat(path)
        except OSError:
            continue
        hasher.update(f"{path}\x00{info.st_size}\x00{info.st_mtime_ns}\x00".encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


def tree(folder: str | None) -> list[str]:
    """Every file under `folder` (a theme's override folder), none if it is not set."""
    if not folder or not os.path.isdir(folder):
        return []
    return [os.path.join(top, name) for top, _, names in os.walk(folder) for name in names]


class Incremental:
    """What the last successful build left: page fingerprints, written files, search entries by page."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget the last build: the next one rebuilds everything."""
        self.shared = ""
        self.pages: dict[str, str] = {}
        self.outputs: set[str] = set()
        self.search: dict[str, SearchEntries] = {}
        self._pending: tuple[str, dict[str, str]] = ("", {})
        self._pending_search: dict[str, SearchEntries] = {}

    def changed(self, shared: str, fingerprints: dict[str, str]) -> set[str]:
        """The pages (by source path) whose fingerprint differs from the last build's, or all of them
        when what every page shares changed; pages without a fingerprint are always rebuilt."""
        self._pending = (shared, fingerprints)
        if shared != self.shared:
            return set(fingerprints)
        return {src for src, value in fingerprints.items() if self.pages.get(src) != value}

    def merge_search(self, fresh: SearchEntries, pages: list[tuple[str, bool]]) -> SearchEntries:
        """The search entries of a full build: this build's for the pages it rebuilt (`pages`: URL,
        rebuilt), the last build's for the others, page after page in the site's order."""
        by_page: dict[str, SearchEntries] = {}
        for entry in fresh:
            by_page.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
        kept = {url: by_page.get(url, []) if again else self.search.get(url, []) for url, again in pages}
        self._pending_search = kept
        return [entry for url, _ in pages for entry in kept[url]]

    def rewrite_search(self, index: Path, entries: SearchEntries) -> None:
        """Write the search index's documents as the search plugin writes them in a full build."""
        data = json.loads(index.read_text(encoding="utf-8"))
        data["docs"] = entries
        index.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")

    def commit(self, site_dir: str, outputs: set[str]) -> None:
        """The build succeeded: remove what the last one wrote and this one did not, keep this one's state."""
        for path in sorted(self.outputs - outputs, reverse=True):
            if not path.startswith(site_dir + os.sep):
                continue  # written into another folder (`-d` changed): not this site's to clean
            try:
                os.remove(path)
            except OSError:
                continue
            folder = os.path.dirname(path)
            while folder.startswith(site_dir + os.sep):
                try:
                    os.rmdir(folder)
                except OSError:
                    break
                folder = os.path.dirname(folder)
        self.shared, self.pages = self._pending
        self.outputs = outputs
        self.search = self._pending_search


class AuditedFiles:
    """The site's files the audit found clean, by size, modification time and inode: a dirty build
    leaves most files as they were, and only the others are read and audited again."""

    def __init__(self) -> None:
        self.allowed: Allowed | None = None
        self.clean: dict[str, tuple[int, int, int]] = {}

    def audit(self, site_dir: Path, allowed: Allowed) -> list[Finding]:
        """The findings a full audit of `site_dir` gives, in the same order; unchanged clean files are skipped."""
        if allowed != self.allowed:  # another theme or site address: what was clean may not be
            self.allowed, self.clean = allowed, {}
        findings: list[Finding] = []
        clean: dict[str, tuple[int, int, int]] = {}
        for rel, path in site_files(site_dir):
            info = path.stat()
            key = (info.st_size, info.st_mtime_ns, info.st_ino)
            if self.clean.get(rel) != key:
                found = audit_bytes(path.read_bytes(), rel, allowed)
                if found:
                    findings.extend(found)
                    continue
            clean[rel] = key
        self.clean = clean
        return findings
