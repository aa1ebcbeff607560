"""The preview's copy of the search index: kept outside the site folder, put back when the folder was emptied."""

from __future__ import annotations

import shutil
from pathlib import Path

from mesbox.mkdocs_plugin.previewsearch import PreviewSearch
from mesbox.publishing.searchindex import FOLDER


def test_the_index_is_kept_put_back_and_removed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / FOLDER / "pages").mkdir(parents=True)
    (site / FOLDER / "pages" / "0.json").write_bytes(b"premier")
    search = PreviewSearch()
    assert not search.ready
    search.keep(site)
    assert search.ready

    (site / FOLDER / "pages" / "0.json").write_bytes(b"autre")
    search.restore(site)  # the folder is there (a dirty build): left as it is
    assert (site / FOLDER / "pages" / "0.json").read_bytes() == b"autre"

    shutil.rmtree(site)  # a build without --dirty empties the site folder
    search.restore(site)
    assert (site / FOLDER / "pages" / "0.json").read_bytes() == b"premier"

    search.reset()
    assert not search.ready
    shutil.rmtree(site)
    search.restore(site)
    assert not site.exists()
