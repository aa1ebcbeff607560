"""What each unchanged file contributed to the last `mesbox check`, kept between runs.

Reading, parsing and validating a file depends on that file alone: its issues are kept, keyed by
a hash of its bytes. The rules spanning files depend on more, so for each entry the cache also
keeps what other files need from it (id, collection, draft, fiche number and date, grid
dimensions: its "stub") and, when the rules found nothing wrong in it, the ids it points to. On the next run an
entry is settled without being read again only if its bytes are unchanged, it was clean, and
none of the ids it points to changed (appeared, vanished, or changed collection, draft state,
file or dimensions); anything else is loaded and checked as in a full check. Duplicate ids and
fiche numbers are judged again on every run, from the stubs.

The whole cache is dropped when mesbox, Python, PyYAML or pydantic, or any vocabulary file
changes. A file's hash is not recomputed when its size, times and inode are those recorded,
unless it was modified within two seconds of that record (file systems with coarse timestamps):
git's rule. The cache lives in the user's cache folder, never in the repository: a file written
by someone else is never unpickled.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mesbox import __version__
from mesbox.checking.references import SHARED_KEYS, referenced_ids, unique_entries
from mesbox.contract.issues import Issue
from mesbox.reading.documents import COLLECTIONS, TAXONOMIES, Candidate, Collection
from mesbox.reading.files import editorial_files
from mesbox.reading.loader import Loaded, PageLinks, entry_files, load_entries, load_page, load_taxonomies
from mesbox.reading.publication import content_files
from mesbox.reading.source import SourceError, read_text, split_front_matter
from mesbox.reading.workers import map_slices
from mesbox.reading.yamldata import YamlData

FORMAT = 4
RACY_NS = 2_000_000_000  # a file modified this close to the record may have changed within the same timestamp
Signature = tuple[int, int, int, int]
# What other files' rules need from an entry: id, collection, draft, and the values of SHARED_KEYS.
Stub = tuple[str, str, bool, dict[str, Any]]
# What a reference to an id sees of its target: collection, draft, file, grid dimension ids.
Target = tuple[str, bool, str, tuple[Any, ...] | None]


@dataclass
class Record:
    """One file as last checked: its bytes' hash, its own issues, its stub, and (when clean) the ids it points to."""

    signature: Signature
    digest: bytes
    issues: list[Issue] = field(default_factory=list)
    stub: Stub | None = None
    points_to: frozenset[str] | None = None  # None: the cross-file rules must run on it again
    page: PageLinks | None = None  # an editorial page's links, checked on every run


def cache_folder() -> Path:
    """`MESBOX_CACHE_DIR`, or the platform's user cache folder."""
    if os.environ.get("MESBOX_CACHE_DIR"):
        return Path(os.environ["MESBOX_CACHE_DIR"])
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "mesbox" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "mesbox"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mesbox"


def cache_file(root: Path) -> Path:
    """One file per repository, named after its absolute path."""
    name = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache_folder() / f"check-{name}.pickle"


def _code_digest() -> str:
    """mesbox's own sources and the versions of what parses and validates: any change drops the cache."""
    import pydantic
    import yaml

    digest = hashlib.blake2b(f"{FORMAT} {__version__} {sys.version} {yaml.__version__} {pydantic.VERSION}".encode(), digest_size=16)
    package = Path(__file__).parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _vocabulary_digest(root: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for taxonomy in TAXONOMIES.values():
        try:
            digest.update((root / taxonomy.file).read_bytes())
        except OSError:
            digest.update(b"\0absent\0")
        digest.update(b"\0")
    return digest.hexdigest()


def _signature(path: str | Path) -> Signature | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _digest(path: str | Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return hashlib.blake2b(handle.read(), digest_size=16).digest()
    except OSError:
        return b""  # never equal to a real hash: the file is loaded, and reports why it cannot be read


def _stub(candidate: Candidate) -> Stub:
    """Only what the rules read, in plain types (quick to store): a grid's dimensions by id, a date as
    ISO text (read back the same way by the number rule); a monograph's answers are not needed."""
    value = candidate.data.value if isinstance(candidate.data.value, dict) else {}
    shared = {key: value[key] for key in SHARED_KEYS if key in value}
    for key in ("date", "updated"):
        if type(shared.get(key)) is datetime.date:
            shared[key] = shared[key].isoformat()
    dimensions = shared.pop("dimensions", None)
    if isinstance(dimensions, list):
        shared["dimensions"] = [{"id": d.get("id")} for d in dimensions if isinstance(d, dict)]
    return (candidate.id, candidate.collection.id, candidate.draft, shared)


def _from_stub(stub: Stub, path: str, rel: str) -> Candidate:
    """A candidate holding only what other files' rules read; the places of its values are read again if ever needed."""
    entry_id, collection, draft, shared = stub
    return Candidate(entry_id, COLLECTIONS[collection], rel, YamlData(value=dict(shared), source=_FrontMatter(path, rel)), [], draft)


def _target(candidate: Candidate) -> Target:
    """What a reference sees of the entry it names; a grid's dimensions count (monographs answer them)."""
    value = candidate.data.value if isinstance(candidate.data.value, dict) else {}
    dimensions = value.get("dimensions")
    dimension_ids = tuple(d.get("id") for d in dimensions if isinstance(d, dict)) if isinstance(dimensions, list) else None
    return (candidate.collection.id, candidate.draft, candidate.path, dimension_ids)


class _FrontMatter:
    """Reads a file's front-matter again when a rule needs the place of a value (for an error only)."""

    def __init__(self, path: str, rel: str) -> None:
        self.path, self.rel = path, rel

    def __call__(self) -> tuple[str, str, int]:
        try:
            return split_front_matter(read_text(self.path, self.rel), self.rel).front_matter, self.rel, 2
        except SourceError:
            return "", self.rel, 2


class CheckCache:
    """One repository's cache: `load` before the rules, `save` after them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.file = cache_file(root)
        self.started = time.time_ns()
        self.key = ""
        self.written = 0
        self.old: dict[str, Record] = {}
        self.old_targets: dict[str, Target] = {}
        self.new: dict[str, Record] = {}
        self.targets: dict[str, Target] = {}
        self.dirty = False

    def _read(self) -> None:
        try:
            with open(self.file, "rb") as handle:
                saved = pickle.load(handle)  # the user's own cache folder, written only by `save`
            if isinstance(saved, dict) and saved.get("key") == self.key:
                self.old = {rel: Record(*fields) for rel, fields in saved["records"].items()}
                self.old_targets, self.written = saved["targets"], saved["written"]
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, KeyError, TypeError, ValueError):
            # absent, unreadable, truncated or from another format: start again
            self.old, self.old_targets = {}, {}

    def _unchanged(self, rel: str, path: str | Path) -> Record | None:
        """The record of a file whose bytes are those recorded (its signature trusted unless racy), else None."""
        record = self.old.get(rel)
        signature = _signature(path)
        if record is not None and signature is not None:
            if record.signature == signature and signature[1] < self.written - RACY_NS:
                return record
            if record.digest == _digest(path):
                if record.signature != signature or signature[1] < self.started - RACY_NS:
                    record.signature = signature
                    self.dirty = True  # written again, the record is trusted without hashing next time
                return record
        self.new[rel] = Record(signature or (0, 0, 0, 0), b"")  # hashed where it is loaded
        return None

    def load(self, jobs: int = 1) -> Loaded:
        """What `load(root, jobs, keep_entries=False)` returns, reading only what changed; `settled`
        names the entries whose cross-file rules are known to find nothing."""
        loaded = Loaded()
        published = content_files(self.root)  # cheap, never cached: links and types are judged afresh
        loaded.issues.extend(published.issues)
        loaded.assets = published.assets
        load_taxonomies(self.root, loaded)
        self.key = f"{_code_digest()} {_vocabulary_digest(self.root)}"
        self._read()
        files = entry_files(self.root)
        kept: dict[str, Record] = {}
        missed: list[tuple[str, str, Collection]] = []
        for path, rel, collection in files:
            record = self._unchanged(rel, path)
            if record is None:
                missed.append((path, rel, collection))
            else:
                kept[rel] = record
        candidates = self._load_entries(missed, jobs)
        for path, rel, _ in files:
            if rel in kept:
                stub = kept[rel].stub
                candidates[rel] = None if stub is None else _from_stub(stub, path, rel)
        by_id, _ = unique_entries(Loaded(candidates=[c for _, rel, _ in files if (c := candidates[rel]) is not None]))
        self.targets = {entry_id: _target(candidate) for entry_id, candidate in by_id.items()}
        changed = {i for i in self.old_targets.keys() | self.targets.keys() if self.old_targets.get(i) != self.targets.get(i)}
        unsettled = [file for file in files if file[1] in kept and kept[file[1]].stub is not None and not _settled(kept[file[1]], changed)]
        for _, rel, _ in unsettled:
            self.new[rel] = Record(kept[rel].signature, kept[rel].digest)
        candidates.update(self._load_entries(unsettled, jobs))
        for rel, record in kept.items():
            if self.new.setdefault(rel, record) is record and record.stub is not None:
                loaded.settled.add(rel)
        for _, rel, _ in files:
            record = self.new[rel]
            loaded.paths.append(rel)
            loaded.issues.extend(record.issues)
            if (candidate := candidates[rel]) is not None:
                loaded.candidates.append(candidate)
        self._load_pages(loaded)
        if missed or changed or self.new.keys() != self.old.keys():
            self.dirty = True  # re-read unsettled files give what was kept: alone they need no write
        return loaded

    def _load_pages(self, loaded: Loaded) -> None:
        """Editorial pages are few: only their reading is kept, their links are checked on every run."""
        for page_path, rel in editorial_files(self.root):
            record = self._unchanged(rel, page_path)
            if record is None:
                record = self.new[rel]
                record.digest = _digest(page_path)
                one = Loaded()
                load_page(page_path, rel, one)
                record.issues, record.page = one.issues, one.pages[0] if one.pages else None
            self.new[rel] = record
            loaded.paths.append(rel)
            loaded.issues.extend(record.issues)
            if record.page is not None:
                loaded.pages.append(record.page)

    def _load_entries(self, files: list[tuple[str, str, Collection]], jobs: int) -> dict[str, Candidate | None]:
        """Load files (records already made), sharing their issues and candidates out to the records."""
        found: dict[str, Candidate | None] = {rel: None for _, rel, _ in files}
        for part, digests in map_slices(_load_hashed, files, jobs):
            for rel, digest in digests.items():
                self.new[rel].digest = digest
            for issue in part.issues:
                self.new[issue.path].issues.append(issue)
            for candidate in part.candidates:
                found[candidate.path] = candidate
                self.new[candidate.path].stub = _stub(candidate)
        return found

    def save(self, loaded: Loaded, flagged: Iterable[str]) -> None:
        """Keep this run's records; `flagged` names the entries the cross-file rules found something in."""
        flagged = set(flagged)
        for candidate in loaded.candidates:
            record = self.new[candidate.path]
            if candidate.path not in loaded.settled:
                points_to = None if candidate.path in flagged else referenced_ids(candidate)
                if points_to != self.old.get(candidate.path, record).points_to or candidate.path not in self.old:
                    self.dirty = True
                record.points_to = points_to
        if not self.dirty:
            return
        # Plain tuples: a tenth of the time of pickling ten thousand dataclass instances.
        records = {rel: (r.signature, r.digest, r.issues, r.stub, r.points_to, r.page) for rel, r in self.new.items() if r.digest}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.file.with_name(f"{self.file.name}.{os.getpid()}.tmp")
            try:
                with open(temporary, "wb") as handle:
                    pickle.dump(
                        {"key": self.key, "written": self.started, "records": records, "targets": self.targets},
                        handle,
                        protocol=pickle.HIGHEST_PROTOCOL,
                    )
                os.replace(temporary, self.file)  # atomic: a concurrent check reads the old file or this one
            finally:
                temporary.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only costs time on the next run


def _load_hashed(files: Sequence[tuple[str, str, Collection]]) -> tuple[Loaded, dict[str, bytes]]:
    """Hash, then load, a slice of entry files in the process that loads them (in parallel on a cold cache)."""
    digests = {rel: _digest(path) for path, rel, _ in files}
    return load_entries(files, keep_entries=False), digests


def _settled(record: Record, changed: set[str]) -> bool:
    """Clean last time, and nothing it points to has changed since."""
    return record.points_to is not None and changed.isdisjoint(record.points_to)
