"""The readers' search index (Pagefind) while previewing: written at the first build of `mkdocs serve`, then kept.

Writing the index reads every entry again; on a thousand entries it took most of a save's time.
A preview is for reading the pages being edited, which every save rebuilds: the search keeps the
entries as they were when the preview started (the Explorer page says so), and the published
site always gets a complete, fresh index. A build without `--dirty` empties the site folder:
the kept copy is put back.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mesbox.publishing.pagefindindex import FOLDER


class PreviewSearch:
    """A copy of the session's first Pagefind index, outside the site folder."""

    def __init__(self) -> None:
        self._kept: tempfile.TemporaryDirectory[str] | None = None

    @property
    def ready(self) -> bool:
        """Whether an index was written in this session (the next builds do not write one)."""
        return self._kept is not None

    def keep(self, site_dir: Path) -> None:
        """Copy the index just written to `site_dir`, for the rest of the session."""
        self.reset()
        kept = tempfile.TemporaryDirectory(prefix="mesbox-preview-search-")
        shutil.copytree(site_dir / FOLDER, Path(kept.name) / FOLDER)
        self._kept = kept

    def restore(self, site_dir: Path) -> None:
        """Put the kept index in `site_dir` if the folder was emptied since (a build without `--dirty`)."""
        if self._kept is not None and not (site_dir / FOLDER).is_dir():
            shutil.copytree(Path(self._kept.name) / FOLDER, site_dir / FOLDER)

    def reset(self) -> None:
        """A new session (or its end): forget and remove the kept copy."""
        if self._kept is not None:
            self._kept.cleanup()
            self._kept = None
