"""The readers' search index while previewing: written at the first build of `mkdocs serve`, then kept.

Writing the index reads every entry again; on a thousand entries it took most of a save's time.
A preview is for reading the pages being edited, which every save rebuilds: the search keeps the
entries as they were when the preview started (the Explorer page says so), and the published
site always gets a complete, fresh index. A build without `--dirty` empties the site folder:
the kept copy is put back. The copy is kept in memory (about 7 MB for 1 000 entries), so that
a preview stopped in any way leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path

from mesbox.publishing.searchindex import FOLDER


class PreviewSearch:
    """A copy of the session's first search index: its files' bytes by path inside its folder."""

    def __init__(self) -> None:
        self._kept: dict[str, bytes] | None = None

    @property
    def ready(self) -> bool:
        """Whether an index was written in this session (the next builds do not write one)."""
        return self._kept is not None

    def keep(self, site_dir: Path) -> None:
        """Copy the index just written to `site_dir`, for the rest of the session."""
        folder = site_dir / FOLDER
        self._kept = {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}

    def restore(self, site_dir: Path) -> None:
        """Put the kept index in `site_dir` if the folder was emptied since (a build without `--dirty`)."""
        folder = site_dir / FOLDER
        if self._kept is None or folder.is_dir():
            return
        for rel, content in self._kept.items():
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)

    def reset(self) -> None:
        """A new session (or its end): forget the kept copy."""
        self._kept = None
