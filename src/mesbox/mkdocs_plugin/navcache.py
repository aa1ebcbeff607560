"""Render the parts of the theme's page frame that do not depend on the page once per folder.

Material writes the whole navigation (tabs and sidebar) into every page, and around it
the same header controls, footer, styles, scripts and configuration. For a page outside
the nav (entries, term pages), that HTML depends only on the folder the page sits in,
through its relative links: thousands of entries share a handful of versions. The
theme's own partials and blocks still do the rendering, wrapped by a cache (the partials
through the template loader; the blocks `config`, `scripts` and `styles` through the
site's `overrides/main.html`, which asks for `mesbox_nav_cache` when the plugin is on);
a site that overrides them keeps its overrides (figures in `docs/decisions.md`).

Two fifths of that HTML are the indentation of the theme's templates: each run of
whitespace that holds a line break is written as one line break, which a browser
reads the same way (none of these parts holds a `pre`). Every page is then about 7 KB shorter
to write, to audit and to download, cache or not.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, DictLoader, Environment, PrefixLoader, pass_context
from jinja2.runtime import Context

ORIGINAL = "mesbox-theme"
# Theme partials that depend on the page only through its folder, when the page is not in the nav: the
# navigation; the footer (its links to the previous and next page are for pages of the nav); the header's
# logo, palette switch, search box and repository link; the "back to top" button. The cached-or-not test
# (`tests/test_navcache.py`) builds the site both ways: an override that shows something of the page fails it.
PARTIALS = (
    "partials/nav.html",
    "partials/tabs.html",
    "partials/footer.html",
    "partials/logo.html",
    "partials/palette.html",
    "partials/search.html",
    "partials/source.html",
    "partials/top.html",
)
_LAYOUT = re.compile(r"[ \t\r\n]*\n[ \t\r\n]*")


def compact(html: str) -> str:
    """`html` with each run of whitespace that holds a line break written as one line break (same type back:
    the theme's Markup stays Markup)."""
    return type(html)(_LAYOUT.sub("\n", html))


class NavCache:
    """The rendered partials of one build, keyed by partial and page folder (none kept when `keep` is false).

    `linked`: the URLs of the pages the cached parts link to (the nav's pages, the page the header's search
    box leads to). A link to the page being rendered is written `./`, to a sibling `../sibling/`: such a
    page, or one holding such a page in its folder, is rendered alone."""

    def __init__(self, linked: Iterable[str], keep: bool = True) -> None:
        self.linked = frozenset(linked)
        self.keep = keep
        self.store: dict[tuple[str, str], str] = {}
        self.keys: dict[str, str | None] = {}  # each page's key by URL: every cached part of a page asks for it

    def key(self, page: Any) -> str | None:
        """The page's folder, or None when the page must be rendered alone: a page the cached parts link to
        (a page of the nav marks itself active, a link to itself is `./`), or one whose folder holds such a page."""
        url = getattr(page, "url", None)
        if not isinstance(url, str):
            return None
        if url not in self.keys:
            self.keys[url] = self._folder(url)
        return self.keys[url]

    def _folder(self, url: str) -> str | None:
        if url in self.linked or url.startswith(("/", "http:", "https:")):
            return None
        if url and any(target.startswith(url) for target in self.linked):
            return None
        return posixpath.dirname(url.rstrip("/"))

    @pass_context
    def __call__(self, context: Context, name: str, caller: Callable[[], str]) -> str:
        folder = self.key(context.get("page")) if self.keep else None
        if folder is None:
            return compact(caller())
        html = self.store.get((name, folder))
        if html is None:
            html = self.store[(name, folder)] = compact(caller())
        return html


def install(env: Environment, cache: NavCache) -> None:
    """Put caching wrappers in front of the theme's partials; the originals stay reachable under a prefix."""
    original: BaseLoader | None = env.loader
    if original is None:
        return
    wrappers = {name: f'{{% call mesbox_nav_cache("{name}") %}}{{% include "{ORIGINAL}/{name}" %}}{{% endcall %}}' for name in PARTIALS}
    env.loader = ChoiceLoader([DictLoader(wrappers), PrefixLoader({ORIGINAL: original}), original])
    env.globals["mesbox_nav_cache"] = cache
    if env.cache is not None:
        env.cache.clear()
