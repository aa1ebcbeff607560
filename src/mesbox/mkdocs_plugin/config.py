"""Typed options of the `mesbox` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class MesboxConfig(base.Config):
    """`root`: the repository holding fiches/, monographies/, grids/, taxonomies/ (default: mkdocs.yml's folder)."""

    root = c.Optional(c.Type(str))
    edit_branch = c.Type(str, default="main")
    exports = c.Type(bool, default=True)
    feed = c.Type(bool, default=True)
    feed_title = c.Type(str, default="Boîte à outils du MES : nouvelles entrées")
    fold_search = c.Type(bool, default=True)
    # Render the theme's navigation once per folder for pages outside the nav (same HTML, less time).
    cache_nav = c.Type(bool, default=True)
    # Write page sources ahead in a second process while MkDocs renders (not while serving).
    render_ahead = c.Type(bool, default=True)
