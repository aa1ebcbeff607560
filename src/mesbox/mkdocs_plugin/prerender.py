"""MkDocs' own Markdown rendering of some entry pages, done in mesbox's second process.

Converting Markdown is most of what MkDocs does per page, on one core. The second
process (see `render/stream.py`) is idle most of a build, so it also converts entry
pages with MkDocs' own `Page.render` — same extensions, same link checks, same table
of contents — whenever it is far enough ahead of MkDocs, and sends the result back;
the plugin puts it in place of the page's content. What MkDocs logs while converting (a broken link) is sent back too
and logged again here, so `--strict` sees it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import meta as front_matter

from ..render.pages import PageSource


@dataclass
class Prerendered:
    """A page as `Page.render` left it, in a form that can cross processes."""

    html: str
    toc: TableOfContents
    anchors: set[str] | None
    # Links to anchors of other pages, by the other page's source path (MkDocs keys them by File).
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[tuple[str, int, str]] = field(default_factory=list)

    def replay(self) -> None:
        """Log again, in MkDocs' process, what MkDocs logged while converting the page."""
        for name, level, message in self.records:
            logging.getLogger(name).log(level, message)

    def apply(self, page: Page, files: Files) -> str:
        """Give the page what rendering would have given it; returns its content."""
        page.toc = self.toc
        page.present_anchor_ids = self.anchors
        if self.links_to_anchors is not None:
            found = ((files.get_file_from_path(path), anchors) for path, anchors in self.links_to_anchors.items())
            page.links_to_anchors = {file: anchors for file, anchors in found if file is not None}
        self.replay()
        return self.html


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class Prerenderer:
    """Called in the second process for the page sources it has time for: converts entry pages."""

    def __init__(self, config: MkDocsConfig, files: Files) -> None:
        self.config, self.files = config, files
        self.recorder: _Recorder | None = None

    def __call__(self, source: PageSource) -> Prerendered | None:
        if source.edit_path is None:  # listings and term pages: little Markdown to convert
            return None
        file = self.files.get_file_from_path(source.src_uri)
        if file is None:
            return None
        recorder = self._recorder()
        recorder.records = []
        page = Page(None, file, self.config)  # this process's copy only: the engine's page is untouched
        page.markdown, page.meta = front_matter.get_data(source.content)
        page.render(self.config, self.files)
        links: Any = page.links_to_anchors
        return Prerendered(
            page.content or "",
            page.toc,
            page.present_anchor_ids,
            {file.src_uri: anchors for file, anchors in links.items()} if links is not None else None,
            recorder.records,
        )

    def _recorder(self) -> _Recorder:
        """In the second process, MkDocs' log goes to a recorder, not to the terminal (it is replayed there)."""
        if self.recorder is None:
            self.recorder = _Recorder()
            logger = logging.getLogger("mkdocs")
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(self.recorder)
            logger.propagate = False
        return self.recorder


def safe_to_prerender(config: MkDocsConfig) -> bool:
    """Only when no other plugin changes a page's Markdown or page object before rendering: their
    hooks run in MkDocs' process, on the Markdown this process would not read."""
    events: dict[str, list[Any]] = config.plugins.events
    for event in ("pre_page", "page_read_source", "page_markdown"):
        for method in events.get(event, []):
            owner = getattr(method, "__self__", None)
            if type(owner).__module__.split(".")[0] != "mesbox":
                return False
    return True
