"""Page sources rendered by a second process while the engine renders the pages before them.

An engine renders pages one by one, on one core, several times slower than mesbox writes
their sources. So the sources can be written ahead by a forked process (it inherits the
catalogue, nothing is copied up front) and sent back in publishing order; the engine
asks for each page when it reaches it. Without `fork`, or if that process dies, the
pages are rendered here, on demand: the pages are the same either way.

The engine's extra work (`Ahead`) is done there only while that process is far enough
ahead of the engine: when both share a busy machine it falls back to writing sources,
which is quick, and the engine never waits long for a page.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, Protocol

from .pages import PageSource, PlannedPage

# What an engine adapter may compute ahead, in the second process, from a rendered page source.
Ahead = Callable[[PageSource], Any]


class Counter(Protocol):
    """A number shared by both processes: how many pages the engine has taken."""

    value: int


# Pages sent together: fewer, larger messages through the pipe.
BATCH = 32
# How many pages the second process must be ahead of the engine to take on extra work:
# two batches, so the engine finds the next batch sent when it gets there.
LEAD = 64


def _render_all(planned: Sequence[PlannedPage], sender: Connection, extra: Ahead | None, taken: Counter) -> None:
    """In the forked process: render every page in order and send them in batches; the engine's
    `extra` work is done for a page only while the engine has taken fewer than LEAD pages before it."""
    batch: list[tuple[PageSource, Any]] = []
    for index, page in enumerate(planned):
        source = page.render()
        work = None
        if extra is not None and index - taken.value >= LEAD:
            work = extra(source)
        batch.append((source, work))
        if len(batch) == BATCH:
            sender.send(batch)
            batch = []
    sender.send(batch)
    sender.close()


class PageStream:
    """The rendered source of each planned page, on request; ahead of time in a second process when `ahead`."""

    def __init__(self, planned: Sequence[PlannedPage], ahead: bool, extra: Ahead | None = None) -> None:
        self.planned = {page.src_uri: page for page in planned}
        self.extra = extra
        self.ready: dict[str, tuple[PageSource, Any]] = {}
        self.taken: Counter | None = None
        self.receiver: Connection | None = None
        self.process: multiprocessing.process.BaseProcess | None = None
        self.ahead = False  # whether a second process was started
        if ahead and "fork" in multiprocessing.get_all_start_methods():
            self._start(planned)

    def _start(self, planned: Sequence[PlannedPage]) -> None:
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        taken: Counter = context.RawValue("q", 0)  # written here, read there, no lock: a stale count only delays extra work
        try:
            process = context.Process(target=_render_all, args=(planned, sender, self.extra, taken), daemon=True, name="mesbox-pages")
            process.start()
        except OSError:  # no process to spare: render here
            receiver.close()
            sender.close()
            return
        sender.close()  # only the child writes: the pipe ends (EOF) when it exits
        self.receiver, self.process, self.ahead, self.taken = receiver, process, True, taken

    def get(self, src_uri: str) -> tuple[PageSource, Any]:
        """The page and what `extra` made of it in the second process (None when rendered here),
        waiting for the second process if it has not sent the page yet."""
        if self.taken is not None:
            self.taken.value += 1
        self._receive(wait=False)
        page = self.ready.pop(src_uri, None)
        while page is None and self.receiver is not None:
            self._receive(wait=True)
            page = self.ready.pop(src_uri, None)
        return page if page is not None else (self.planned[src_uri].render(), None)

    def _receive(self, wait: bool) -> None:
        """Take every batch already sent (and at least one when `wait`): a pipe left full would
        stop the second process until the engine needs its next page, and it would never get ahead."""
        try:
            while self.receiver is not None and (wait or self.receiver.poll()):
                for received in self.receiver.recv():
                    self.ready[received[0].src_uri] = received
                wait = False
        except (EOFError, OSError):  # finished or died: anything still missing is rendered here
            self.close()

    def close(self) -> None:
        """Stop the second process (at the end of a build, or when a build fails half-way)."""
        if self.receiver is not None:
            self.receiver.close()
            self.receiver = None
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self.process.join(timeout=5)
            self.process = None
