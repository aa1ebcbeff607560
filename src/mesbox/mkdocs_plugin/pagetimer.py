"""A bound on the time the engine may spend converting one page's Markdown.

The check refuses the bodies known to make Python-Markdown recurse or take super-linear time
(E202); this is the backstop for anything it does not know: a page that takes longer stops the
build with its name instead of stalling CI and every preview. It uses `SIGALRM`, so it works in
the main thread of a POSIX process only (a `mkdocs build`); elsewhere no bound is set.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

from mkdocs.exceptions import PluginError


class PageTimer:
    """Armed when the engine is about to convert a page, disarmed when the HTML comes back."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.page = ""
        self.previous: signal.Handlers | None | object = None

    @property
    def usable(self) -> bool:
        return self.seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        raise PluginError(
            f"mesbox : la conversion de la page « {self.page} » dépasse {self.seconds:g} s : son texte est trop long ou trop "
            "imbriqué pour le moteur Markdown (mesbox check signale les structures connues, E202) ; découpez la page"
        )

    def start(self, page: str) -> None:
        if not self.usable:
            return
        self.page = page
        self.previous = signal.signal(signal.SIGALRM, self._expired)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def stop(self) -> None:
        if self.previous is None or not self.usable:
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)  # type: ignore[arg-type]
        self.previous = None
