"""`check`: load once, apply every rule, and hand back both the issues and the catalogue."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Catalogue
from .issues import Issue
from .loader import load
from .references import check_entry_references, check_numbers, check_taxonomies, check_terms, unique_entries


@dataclass
class CheckResult:
    """The outcome of one run: every issue, sorted, and the catalogue of what is valid."""

    catalogue: Catalogue
    issues: list[Issue] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.issues

    def counts(self) -> Counter[str]:
        return Counter(issue.code for issue in self.issues)


def check(root: Path) -> CheckResult:
    """Check a repository: taxonomies, then entries, then every rule that spans entries."""
    loaded = load(root)
    issues = list(loaded.issues)
    by_id, duplicate_issues = unique_entries(loaded)
    issues.extend(duplicate_issues)
    issues.extend(check_taxonomies(loaded))
    catalogue = Catalogue.build(loaded.entries, loaded.terms)
    for entry in loaded.candidates:
        issues.extend(check_terms(entry, catalogue.terms))
        issues.extend(check_entry_references(entry, by_id))
    issues.extend(check_numbers(loaded.candidates))
    issues.sort()
    return CheckResult(catalogue, issues, files=loaded.files)
