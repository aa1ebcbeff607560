"""`check`: load once, apply every rule, and hand back both the issues and the catalogue."""

from __future__ import annotations

import datetime
import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mesbox.catalogue.catalogue import Catalogue
from mesbox.checking.dates import check_future_dates
from mesbox.checking.filelinks import check_file_links, entry_paths, site_files, unpublished_assets
from mesbox.checking.references import (
    broken_terms,
    check_entry_references,
    check_numbers,
    check_page_links,
    check_taxonomies,
    check_terms,
    unique_entries,
)
from mesbox.contract.issues import Issue
from mesbox.reading.loader import EntryMemo, load
from mesbox.reading.publication import Asset


@dataclass
class CheckResult:
    """The outcome of one run: every issue, sorted, and the catalogue of what is valid."""

    catalogue: Catalogue
    issues: list[Issue] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    # Files published as they are, beside entries and in `content/` (allowlisted types only).
    assets: list[Asset] = field(default_factory=list)

    @property
    def files(self) -> int:
        """How many files were checked."""
        return len(self.paths)

    @property
    def ok(self) -> bool:
        return not self.issues

    def counts(self) -> Counter[str]:
        return Counter(issue.code for issue in self.issues)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading creates hundreds of thousands of small acyclic objects; the cyclic collector would
    rescan them again and again (measured: half the run time on 10 000 entries). Nothing here
    makes cycles that need collecting, so pause it for the run. On the way out the objects that
    survive (the catalogue) are frozen, so the next collections do not walk them either; those of
    an earlier run (a `mkdocs serve` rebuild) are unfrozen first, so they can still be collected."""
    enabled = gc.isenabled()
    gc.disable()
    gc.unfreeze()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def check(
    root: Path,
    jobs: int = 1,
    catalogue: bool = True,
    cache: bool = False,
    today: datetime.date | None = None,
    memo: EntryMemo | None = None,
) -> CheckResult:
    """Check a repository: taxonomies, then entries (shared by `jobs` processes, 0: one per core),
    then every rule that spans entries. With `catalogue=False` only the issues are wanted: the
    result's catalogue then holds the vocabularies but no entry; only then may `cache` reuse what
    unchanged files contributed to the previous check (same answer, see `checkcache`). Dates after
    `today` (default: the day of the run) are refused. A `memo` kept between checks in one process
    (a preview) spares parsing the entry files that did not change (same answer)."""
    with _collector_paused():
        return _check(root, jobs, catalogue, cache and not catalogue, today or datetime.date.today(), memo)


def _check(root: Path, jobs: int, keep_entries: bool, cache: bool, today: datetime.date, memo: EntryMemo | None = None) -> CheckResult:
    store = None
    if cache:
        from mesbox.checking.checkcache import CheckCache

        store = CheckCache(root)
        loaded = store.load(jobs)
    else:
        loaded = load(root, jobs, keep_entries, memo)
    issues = list(loaded.issues)
    by_id, duplicate_issues = unique_entries(loaded)
    issues.extend(duplicate_issues)
    issues.extend(check_taxonomies(loaded))
    catalogue = Catalogue.build(loaded.entries, loaded.terms)
    settled, flagged = loaded.settled, set[str]()
    broken = broken_terms(loaded)
    for entry in loaded.candidates:
        if entry.path in settled:
            continue
        found = check_terms(entry, catalogue.terms, broken) + check_entry_references(entry, by_id, catalogue.terms)
        if found:
            flagged.add(entry.path)
            issues.extend(found)
    published, drafts = site_files(loaded)
    entries = entry_paths(loaded)
    planned: set[str] = set()

    def generated() -> set[str]:
        """Pages mesbox writes (lists, terms, audiences…), planned only if a link is not found among the files."""
        if not planned:
            # Imported here: the site plan pulls in the page templates, which a one-file check rarely needs.
            from mesbox.rendering.site import site_plan

            planned.update(page.src_uri for page in site_plan(catalogue))
        return planned

    for entry in loaded.candidates:
        if entry.files:
            # Relative links point at paths, which the cache does not follow: such entries are never settled.
            flagged.add(entry.path)
            issues.extend(check_file_links(entry.path, entry.files, published, drafts, generated, entries))
    for page in loaded.pages:
        issues.extend(check_page_links(page, by_id, catalogue.terms))
        issues.extend(check_file_links(page.path, page.files, published, drafts, generated, entries))
    issues.extend(check_numbers(loaded.candidates))
    issues.extend(check_future_dates(loaded.candidates, today))
    if store is not None:
        store.save(loaded, flagged)
    hidden, unlinked = unpublished_assets(loaded)
    issues.extend(unlinked)
    issues.sort()
    return CheckResult(catalogue, issues, paths=loaded.paths, assets=[a for a in loaded.assets if a.src_uri not in hidden])
