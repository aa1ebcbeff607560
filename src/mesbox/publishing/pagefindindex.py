"""The readers' search index, written by Pagefind from mesbox's own records.

Pagefind (PyPI `pagefind[bin]`, its binary bundled) splits the index in small fragments that a
browser fetches only for the words searched: nothing is loaded before someone searches, and a
one-word query reads a few kilobytes whatever the size of the site. Words are matched without
their accents, both ways; excerpts are cut from the text as written.

Each record is handed to Pagefind as a tiny HTML page (title, label and facets as Pagefind's data
attributes) while MkDocs renders the others: Pagefind's service runs as its own program, so it
indexes on another core, and writes its files when asked (as soon as the last page is converted,
while MkDocs writes the pages). mesbox speaks
the service's messages itself (the ones Pagefind's Python API sends) because that API reads one
answer every tenth of a second: 2 000 records would wait 200 s. No file is written for a record.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import threading
from html import escape
from pathlib import Path
from queue import SimpleQueue
from typing import IO, Any

from mesbox.rendering.searchrecords import SearchRecord

FOLDER = "pagefind"
# A hub's name weighs more than any title or word of an entry: it comes first for its name.
HUB_WEIGHT = 10
LANGUAGE = "fr"
# Pagefind's scheduling priority (Unix `nice`): it indexes and writes on the core MkDocs leaves free, and
# yields it whenever MkDocs' rendering, which every page waits for, needs it.
NICENESS = 10
# Messages go to Pagefind's input by batches of about this many bytes: one wake-up of the writing thread
# per batch rather than per record, so that it takes the interpreter from MkDocs as seldom as possible.
BATCH_BYTES = 1 << 16


class SearchIndexError(RuntimeError):
    """Pagefind could not start, refused a record or could not write its files."""


def record_html(record: SearchRecord) -> str:
    """A record as the page Pagefind reads: body, title, label and facets; everything escaped."""
    weight = f' data-pagefind-weight="{HUB_WEIGHT}"' if record.hub else ""
    facets = "".join(
        f'<span data-pagefind-filter="{escape(name)}">{escape(value)}</span>' for name, values in record.filters.items() for value in values
    )
    hub = '<span data-pagefind-meta="hub">1</span>' if record.hub else ""
    return (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{escape(record.title)}</title></head>'
        f'<body><main data-pagefind-body><h1 data-pagefind-meta="title"{weight}>{escape(record.title)}</h1>'
        f'<div data-pagefind-ignore><span data-pagefind-meta="label">{escape(record.label)}</span>{hub}{facets}</div>'
        f"<p>{escape(record.content)}</p></main></body></html>"
    )


class SearchIndexer:
    """One Pagefind service fed records as they come; `write_soon` has it write the index once they are
    all indexed, `finish` waits for that.

    Two threads of this process talk to it, so that handing over a record never waits for Pagefind:
    one writes the queued messages to its input, one reads its answers.
    """

    def __init__(self) -> None:
        from pagefind.service import get_executable  # public: the binary bundled by `pagefind[bin]`

        executable = get_executable()
        if executable is None:
            raise SearchIndexError("le programme Pagefind est introuvable : installez mesbox avec ses dépendances (pagefind[bin])")
        try:
            self._process = _start_low([str(executable), "--service"])
        except OSError as error:
            raise SearchIndexError(f"Pagefind ne démarre pas : {error}") from None
        self._outbox: SimpleQueue[bytes | None] = SimpleQueue()
        self._answered = threading.Condition()
        self._answers: dict[int, dict[str, Any]] = {}  # kept for the messages someone waits for
        self._waited: set[int] = set()
        self._sent = self._received = self._pages = 0
        self._errors: list[str] = []
        self._ended = False
        self._writing: threading.Thread | None = None
        self._batch: list[bytes] = []
        self._batched = 0
        self._failure: SearchIndexError | None = None
        assert self._process.stdin is not None and self._process.stdout is not None
        threading.Thread(target=self._write_messages, args=(self._process.stdin,), name="pagefind-in", daemon=True).start()
        threading.Thread(target=self._read_answers, args=(self._process.stdout,), name="pagefind-out", daemon=True).start()
        self._index = int(self._request({"type": "NewIndex", "config": {"force_language": LANGUAGE}})["index_id"])

    def add(self, record: SearchRecord) -> None:
        """Queue one record (its URL relative to the site's root); Pagefind indexes it meanwhile."""
        self._send(
            {"type": "AddFile", "index_id": self._index, "url": "/" + record.url, "file_path": None, "file_contents": record_html(record)}
        )

    def write(self, site_dir: Path) -> int:
        """Write the index under `site_dir/pagefind/` once every record is in, stop Pagefind; the number of pages indexed."""
        self.write_soon(site_dir)
        return self.finish()

    def write_soon(self, site_dir: Path) -> None:
        """No more records: the index is written under `site_dir/pagefind/` once Pagefind has them all,
        while this process goes on (a thread waits for Pagefind)."""
        with self._answered:
            self._flush()
        if self._writing is None:
            self._writing = threading.Thread(target=self._write, args=(Path(site_dir) / FOLDER,), name="pagefind-write", daemon=True)
            self._writing.start()

    def finish(self) -> int:
        """Wait until the index is written, stop Pagefind; the number of pages indexed."""
        try:
            if self._writing is None:
                raise SearchIndexError("l'index n'a pas été écrit")
            self._writing.join()
            if self._failure is not None:
                raise self._failure
            return self._pages
        finally:
            self.close()

    def _write(self, out_dir: Path) -> None:
        try:
            with self._answered:
                self._answered.wait_for(lambda: self._received >= self._sent or self._ended)
            self._raise_errors()
            self._request({"type": "WriteFiles", "index_id": self._index, "output_path": str(out_dir)})
            self._raise_errors()
        except SearchIndexError as failure:
            self._failure = failure

    def close(self) -> None:
        """Stop Pagefind (after `write`, or when the build fails)."""
        self._outbox.put(None)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _send(self, payload: dict[str, Any], waited: bool = False) -> int:
        with self._answered:
            if self._ended:
                raise SearchIndexError("Pagefind s'est arrêté pendant l'indexation" + self._said())
            self._sent += 1
            number = self._sent
            if waited:
                self._waited.add(number)
            message = base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode("utf-8")) + b","
            self._batch.append(message)
            self._batched += len(message)
            if waited or self._batched >= BATCH_BYTES:  # someone waits for this answer: send it now
                self._flush()
        return number

    def _flush(self) -> None:
        """Hand the batched messages to the writing thread (the caller holds the lock)."""
        if self._batch:
            self._outbox.put(b"".join(self._batch))
            self._batch, self._batched = [], 0

    def _request(self, payload: dict[str, Any]) -> dict[str, Any]:
        number = self._send(payload, waited=True)
        with self._answered:
            self._answered.wait_for(lambda: number in self._answers or self._ended)
            if number not in self._answers:
                raise SearchIndexError(f"Pagefind s'est arrêté sans répondre à « {payload['type']} »" + self._said())
            answer = self._answers.pop(number)
        if answer.get("type") == "Error":
            raise SearchIndexError(f"Pagefind a refusé « {payload['type']} » :" + self._said())
        return answer

    def _raise_errors(self) -> None:
        if self._errors:
            raise SearchIndexError("Pagefind a refusé l'index :" + self._said())

    def _said(self) -> str:
        return "".join(f"\n  {error}" for error in self._errors[:10])

    def _write_messages(self, stream: IO[bytes]) -> None:
        try:
            while (messages := self._outbox.get()) is not None:
                stream.write(messages)
                if self._outbox.empty():
                    stream.flush()
        except OSError:
            pass  # Pagefind has stopped: the reader says so to whoever waits
        finally:
            try:
                stream.close()
            except OSError:
                pass

    def _read_answers(self, stream: IO[bytes]) -> None:
        pending = b""
        while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]  # a BufferedReader
            *messages, pending = (pending + chunk).split(b",")
            with self._answered:
                for message in messages:
                    self._take(json.loads(base64.b64decode(message)))
                self._answered.notify_all()
        with self._answered:
            self._ended = True
            self._answered.notify_all()

    def _take(self, answer: dict[str, Any]) -> None:
        """One answer of Pagefind, counted; an error is kept with what it was about."""
        self._received += 1
        payload = answer.get("payload") or {}
        if payload.get("type") == "Error":
            self._errors.append(str(payload.get("message", "erreur inconnue")))
        elif payload.get("type") == "IndexedFile":
            self._pages += 1
        number = answer.get("message_id")
        if number in self._waited:
            self._waited.discard(number)
            self._answers[number] = payload


def _start_low(command: list[str]) -> subprocess.Popen[bytes]:
    """Start `command` at a lower priority than this process (`NICENESS`), all of its threads included.

    On Unix it gets a process group of its own, whose priority is lowered at once (Linux sets it thread
    by thread: the group's covers the threads already started, and later ones inherit it); nothing runs
    in this process between the fork and the program (no `preexec_fn`), which other plugins may have
    made multi-threaded. On Windows, the priority class below normal."""
    if os.name == "nt":
        below_normal = subprocess.BELOW_NORMAL_PRIORITY_CLASS  # type: ignore[attr-defined]  # Windows only
        return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, creationflags=below_normal)
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, process_group=0)
    try:
        os.setpriority(os.PRIO_PGRP, process.pid, min(os.getpriority(os.PRIO_PROCESS, 0) + NICENESS, 19))
    except OSError:
        pass  # a priority that cannot be lowered (a sandbox refusing it) leaves Pagefind as it is: slower builds, same index
    return process


def write_index(records: list[SearchRecord], site_dir: Path) -> int:
    """Write the index of `records` and Pagefind's scripts under `site_dir/pagefind/`; returns how many pages it holds."""
    indexer = SearchIndexer()
    for record in records:
        indexer.add(record)
    return indexer.write(site_dir)
