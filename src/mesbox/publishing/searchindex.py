"""The readers' search index: mesbox's own static files, written from the search records.

A browser reads only what a query needs, so the index is cut in small JSON files under `recherche/`:
- `mots/<n>.json`, `SHARDS` shards: a term is in the one its first three characters choose (their FNV-1a
  hash), so a one-word query reads one shard, and so does the last word typed taken as a prefix; every
  shard is written, empty or not, so that no word is ever a missing file.
  `{"tag": t, "docs": n, "terms": {term: [doc, score, gap, score, ...]}}`: each posting's document number
  as the gap from the previous one, and an integer score (BM25 on the text, plus a fixed weight when the
  term is in the title, more for a hub's name so that a hub comes first for its name); the Explorer
  multiplies it by the term's rarity (IDF), from the postings' count and the number of documents.
- `pages/<n>.json`, the texts of `PAGES_PER_FILE` documents in a row (document d in file d // PAGES_PER_FILE,
  at place d % PAGES_PER_FILE of its list): URL (site-relative), title, label and text, read for the
  results shown (as `pages/<n>.json?v=<tag>`: never a fragment of another index from a browser's cache).
- `index.json`, the manifest: `{"tag": t, "docs": n, "values": [[facet, value], ...], "facets": [[value, ...], ...]}`,
  each document's facet values by number, read to count the facets and to apply filters to words.
Words are folded (lower case, no accents, œ and æ spelled out) and lightly stemmed (one final s or x
dropped from a word of more than three letters), exactly as `content/assets/explorer.js` does.

The files are written by a program of their own (`python -m mesbox.publishing.searchindex`), started at
a lower priority and fed the records on its input while MkDocs converts the pages: the index costs
MkDocs' thread only the encoding of each record as one line of JSON. Same records, same bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import operator
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from queue import SimpleQueue
from typing import IO, Any, NamedTuple

from mesbox.contract.characters import REFUSED, first_refused
from mesbox.publishing.programs import start_program
from mesbox.rendering.searchtext import SearchRecord, plain_text, with_text

FOLDER = "recherche"
# A term of the title weighs this much beyond its text's score (at most BM25's 1 + K1, 2.2): a title beats any text.
TITLE_WEIGHT = 3.0
# A hub's name weighs more than any title or word of an entry: it comes first for its name.
HUB_WEIGHT = 10.0
# BM25's saturation of repeated words and normalisation by length (the usual values).
K1 = 1.2
B = 0.75
# Scores are written as integers: hundredths.
SCALE = 100
# A term's first characters choose its shard, one of `SHARDS` (the same numbers in the Explorer's script).
SHARD_KEY = 3
SHARDS = 256
# Documents' texts are written this many to a file: creating a file in the site folder while MkDocs writes its
# pages costs the measuring machine 0.3 to 0.6 ms of system time (2 000 entries: 532 files instead of 2 127; on
# one core, a build of 15.2-15.8 s instead of 15.3-17.0 s), and a result shown reads four texts (about 24 KB).
PAGES_PER_FILE = 4
# Records go to the program's input by batches of about this many bytes: one wake-up of the writing thread
# per batch rather than per record.
BATCH_BYTES = 1 << 16
# Combining marks left by NFD (the same ranges in the Explorer's script).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"[^\W_]+")


class SearchIndexError(RuntimeError):
    """The index program could not start, stopped, or could not write its files."""


class Doc(NamedTuple):
    """A record as the index program receives it: one line of JSON."""

    url: str
    title: str
    label: str
    content: str
    filters: dict[str, list[str]]
    hub: bool


def fold(text: str) -> str:
    """Lower case without accents: « Économie » and « economie » are one word."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).lower().replace("œ", "oe").replace("æ", "ae")


def stem(word: str) -> str:
    """A plural and its singular are one term (« territoires », « réseaux »); kept tiny, as in the Explorer."""
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def terms(text: str) -> list[str]:
    """The terms of a text, in order: folded words, split on anything that is not a letter or a digit, stemmed."""
    return [stem(word) for word in _WORD.findall(fold(text))]


def term_counts(text: str, stems: Stems | None = None) -> Counter[str]:
    """How many times each term is in a text. Each word is stemmed through `stems`, a lookup in C once
    a word has been seen: a site's thousands of pages share one vocabulary."""
    return Counter(map((Stems() if stems is None else stems).__getitem__, _WORD.findall(fold(text))))


class Stems(dict[str, str]):
    """Each word's term (`stem`), computed the first time the word is looked up."""

    def __missing__(self, word: str) -> str:
        term = self[word] = stem(word)
        return term


def shard(term: str) -> int:
    """The number of the term's shard: FNV-1a (32 bits) of its first characters' code points, modulo `SHARDS`."""
    hashed = 0x811C9DC5
    for char in term[:SHARD_KEY]:
        hashed = ((hashed ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return hashed % SHARDS


def _json(data: Any) -> bytes:
    """Compact UTF-8 JSON where `<`, `>`, `&` and the characters the check refuses are escaped: inert in a page, clean for the audit."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    if first_refused(text) is not None:  # rare: the fast search first, the slow class only then
        text = REFUSED.sub(lambda match: json.dumps(match.group())[1:-1], text)
    return text.encode("utf-8")


def index_files(docs: Iterable[Doc]) -> dict[str, bytes]:
    """Every file of the index by path under `recherche/`. Documents are numbered hubs first, then by URL
    (a score's ties keep that order); a URL given twice keeps its last record."""
    ordered = sorted({doc.url: doc for doc in docs}.values(), key=lambda doc: (not doc.hub, doc.url))
    texts = [html.unescape(doc.content) for doc in ordered]  # the pages' text keeps HTML's entities
    grouped: dict[str, list[dict[str, str]]] = {}
    for number, (doc, text) in enumerate(zip(ordered, texts, strict=True)):
        page = {"url": doc.url, "title": doc.title, "label": doc.label, "text": text}
        grouped.setdefault(f"pages/{number // PAGES_PER_FILE}.json", []).append(page)
    pages = {rel: _json(group) for rel, group in grouped.items()}
    values: dict[tuple[str, str], int] = {}
    facets = [[values.setdefault((name, value), len(values)) for name, found in doc.filters.items() for value in found] for doc in ordered]
    manifest = {"docs": len(ordered), "values": [list(pair) for pair in values], "facets": facets}
    # The pages and the facets say everything the shards are made of: a new index, a new tag.
    digest = hashlib.sha256(_json([manifest, [doc.hub for doc in ordered]]))
    for content in pages.values():
        digest.update(content)
    tag = digest.hexdigest()[:16]
    shards = _shards(ordered, texts)
    files = {f"mots/{number}.json": _json({"tag": tag, "docs": len(ordered), "terms": shards[number]}) for number in range(SHARDS)}
    files["index.json"] = _json({"tag": tag, **manifest})
    files.update(pages)
    return files


def _shards(ordered: list[Doc], texts: list[str]) -> list[dict[str, list[int]]]:
    """Every term's postings (gap, score, gap, score, ...) by shard, terms in order.

    One pass over each document's terms in Python, the rest in C: a score is looked up by the term's count,
    the gaps are taken at the end."""
    stems = Stems()
    bodies = [term_counts(text, stems) for text in texts]
    lengths = [body.total() for body in bodies]
    average = (sum(lengths) / len(lengths) if lengths else 0.0) or 1.0
    postings: defaultdict[str, list[int]] = defaultdict(list)  # document number, score, number, score, ...
    for number, (doc, body, length) in enumerate(zip(ordered, bodies, lengths, strict=True)):
        norm = K1 * (1 - B + B * length / average)
        by_count = [math.ceil(count * (K1 + 1) / (count + norm) * SCALE) for count in range(max(body.values(), default=0) + 1)]
        for term, count in body.items():
            postings[term] += (number, by_count[count])
        weight = HUB_WEIGHT if doc.hub else TITLE_WEIGHT
        for term in set(terms(doc.title)):
            count = body.get(term, 0)
            score = math.ceil((count * (K1 + 1) / (count + norm) + weight) * SCALE)
            if count:
                postings[term][-1] = score
            else:
                postings[term] += (number, score)
    shards: list[dict[str, list[int]]] = [{} for _ in range(SHARDS)]
    for term in sorted(postings):
        flat = postings[term]
        numbers = flat[0::2]
        flat[0::2] = map(operator.sub, numbers, [0, *numbers[:-1]])
        shards[shard(term)][term] = flat
    return shards


def write_files(files: dict[str, bytes], folder: Path) -> None:
    """The index alone in `folder`: an earlier build's shards and pages would be read by nobody."""
    shutil.rmtree(folder, ignore_errors=True)
    for rel in ("mots", "pages"):
        (folder / rel).mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        (folder / rel).write_bytes(content)


def record_line(record: SearchRecord, html: str = "") -> bytes:
    """A record as the index program reads it: one line of JSON, with its page's HTML if it has one (the
    program takes the text out of it: MkDocs' thread only encodes it)."""
    fields = [record.url, record.title, record.label, record.content, record.filters, record.hub, html]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def read_record(fields: list[Any]) -> Doc:
    """A record line as the index program reads it: its page's text after its description (`with_text`)."""
    url, title, label, content, filters, hub, html = fields
    record = SearchRecord(url, title, label, content, filters, hub)
    if html:
        record = with_text(record, plain_text(html))
    return Doc(record.url, record.title, record.label, record.content, record.filters, record.hub)


class SearchIndexer:
    """The index program, fed records as they come; `write_soon` has it write the files once it has them
    all, `written` says whether it has, `finish` waits for that. A thread of this process writes the
    batches to its input, so that handing over a record never waits for the program; another reads its
    answer, so that the engine can learn the index is written without waiting for it."""

    def __init__(self) -> None:
        try:
            self._process = start_program(__name__)
        except OSError as error:
            raise SearchIndexError(f"le programme d'index ne démarre pas : {error}") from None
        self._outbox: SimpleQueue[bytes | None] = SimpleQueue()
        self._batch: list[bytes] = []
        self._batched = 0
        self._asked = False
        self._answer = b""  # the program's answer line, once `_answered` is set
        self._answered = threading.Event()
        assert self._process.stdin is not None
        threading.Thread(target=_write_batches, args=(self._outbox, self._process.stdin), name="search-index-in", daemon=True).start()

    def add(self, record: SearchRecord, html: str = "") -> None:
        """Queue one record (its URL relative to the site's root) and its page's HTML; the program indexes it meanwhile."""
        line = record_line(record, html)
        self._batch.append(line)
        self._batched += len(line)
        if self._batched >= BATCH_BYTES:
            self._flush()

    def write(self, site_dir: Path) -> int:
        """Write the index under `site_dir/recherche/` once every record is in; the number of pages indexed."""
        self.write_soon(site_dir)
        return self.finish()

    def write_soon(self, site_dir: Path) -> None:
        """No more records: the program writes the index under `site_dir/recherche/` while this process goes on."""
        if not self._asked:
            self._asked = True
            threading.Thread(target=self._read_answer, name="search-index-out", daemon=True).start()
            self._batch.append(json.dumps({"write": str(Path(site_dir) / FOLDER)}).encode("utf-8") + b"\n")
            self._flush()

    @property
    def written(self) -> bool:
        """The program has written the index (the files are on disk) and said so."""
        return self._answered.is_set() and self._answer.startswith(b'{"pages"')

    def _read_answer(self) -> None:
        assert self._process.stdout is not None
        try:
            self._answer = self._process.stdout.readline()
        except (OSError, ValueError):
            pass  # no answer: `finish` says the program stopped
        self._answered.set()

    def finish(self) -> int:
        """Wait until the index is written, stop the program; the number of pages indexed."""
        try:
            if not self._asked:
                raise SearchIndexError("l'index n'a pas été écrit")
            self._answered.wait()
            answer = json.loads(self._answer) if self._answer.strip() else {}
            if "pages" in answer:
                return int(answer["pages"])
            if "error" in answer:
                raise SearchIndexError(f"le programme d'index n'a pas pu écrire l'index : {answer['error']}")
            raise SearchIndexError(f"le programme d'index s'est arrêté sans écrire l'index (code {self._process.wait()})")
        finally:
            self.close()

    def close(self) -> None:
        """Stop the program (after `finish`, or when the build fails)."""
        self._outbox.put(None)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _flush(self) -> None:
        if self._process.poll() is not None:
            raise SearchIndexError(f"le programme d'index s'est arrêté pendant l'indexation (code {self._process.returncode})")
        self._outbox.put(b"".join(self._batch))
        self._batch, self._batched = [], 0


def _write_batches(outbox: SimpleQueue[bytes | None], stream: IO[bytes]) -> None:
    try:
        while (batch := outbox.get()) is not None:
            stream.write(batch)
            if outbox.empty():
                stream.flush()
    except OSError:
        pass  # the program has stopped: `finish` says so
    finally:
        try:
            stream.close()
        except OSError:
            pass


def serve(lines: IO[bytes], answers: IO[bytes]) -> int:
    """The index program: records read one per line until `{"write": folder}`, then the files written and
    `{"pages": n}` answered (or `{"error": …}`, and 1 returned)."""
    docs: list[Doc] = []
    try:
        for line in lines:
            item = json.loads(line)
            if isinstance(item, dict):
                write_files(index_files(docs), Path(item["write"]))
                answers.write(json.dumps({"pages": len({doc.url for doc in docs})}).encode("utf-8") + b"\n")
                answers.flush()
                return 0
            docs.append(read_record(item))
        raise ValueError("les enregistrements se sont arrêtés avant la demande d'écriture")
    except (OSError, ValueError, TypeError) as error:
        answers.write(json.dumps({"error": str(error)}, ensure_ascii=False).encode("utf-8") + b"\n")
        answers.flush()
        return 1


if __name__ == "__main__":
    raise SystemExit(serve(sys.stdin.buffer, sys.stdout.buffer))
