"""The per-folder cache of the theme's navigation partials."""

from __future__ import annotations

import filecmp
from dataclasses import dataclass
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment
from sitebuild import build, make_repo

from mesbox.mkdocs_plugin.navcache import NavCache, compact, install


@dataclass
class FakePage:
    url: str


def theme(calls: list[str]) -> Environment:
    """A theme whose nav partial records each real rendering and links relative to the page."""
    env = Environment(
        loader=DictLoader(
            {
                "main.html": '{% include "partials/nav.html" %}|{% include "partials/toc.html" %}',
                "partials/nav.html": "{{ record(page.url) }}nav for {{ page.url.rsplit('/', 2)[0] }}",
                "partials/toc.html": "toc of {{ page.url }}",
            }
        )
    )
    env.globals["record"] = lambda url: calls.append(url) or ""  # type: ignore[func-returns-value]
    return env


def test_pages_of_one_folder_share_one_rendering() -> None:
    calls: list[str] = []
    env = theme(calls)
    install(env, NavCache({"", "fiches/"}))
    first = env.get_template("main.html").render(page=FakePage("fiches/a/"))
    second = env.get_template("main.html").render(page=FakePage("fiches/b/"))
    assert first == "nav for fiches|toc of fiches/a/"
    assert second == "nav for fiches|toc of fiches/b/"  # the page's own parts are never shared
    assert calls == ["fiches/a/"]


def test_pages_of_the_nav_and_other_folders_render_alone() -> None:
    calls: list[str] = []
    env = theme(calls)
    install(env, NavCache({"", "fiches/"}))
    for url in ("fiches/", "fiches/", "recits/a/", "recits/b/", "themes/x/"):
        env.get_template("main.html").render(page=FakePage(url))
    assert calls == ["fiches/", "fiches/", "recits/a/", "themes/x/"]


def test_layout_whitespace_becomes_one_line_break_cached_or_not() -> None:
    env = Environment(
        loader=DictLoader(
            {
                "main.html": '{% include "partials/nav.html" %}',
                "partials/nav.html": '<ul>\n    <li title="a  b">\n      <span>  Fiches  </span>\n  \t\n    </li>\n</ul>',
            }
        )
    )
    install(env, NavCache({"fiches/"}, keep=False))
    compacted = '<ul>\n<li title="a  b">\n<span>  Fiches  </span>\n</li>\n</ul>'  # spaces within a line stay
    for url in ("fiches/", "fiches/a/", "recits/b/"):
        assert env.get_template("main.html").render(page=FakePage(url)) == compacted
    assert compact("a\r\n  \n b") == "a\nb" and compact("a b") == "a b"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("fiches/a/", "fiches"),
        ("themes/culture/", "themes"),
        ("a/b/c/", "a/b"),
        ("", None),  # the home page is in the nav
        ("fiches/", None),  # so is a listing
        ("apropos/", None),  # a nav page lives inside it: its links are relative to it
        ("/abs/", None),
        (None, None),
    ],
)
def test_key_is_the_folder_of_pages_outside_the_nav(url: str | None, key: str | None) -> None:
    cache = NavCache({"", "fiches/", "apropos/equipe/"})
    assert cache.key(FakePage(url) if url is not None else None) == key


def test_cached_site_is_byte_identical_to_the_uncached_one(tmp_path: Path) -> None:
    cached = make_repo(tmp_path / "cached")
    plain = make_repo(tmp_path / "plain")
    config = plain / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - mesbox:\n" in text
    config.write_text(text.replace("\n  - mesbox:\n", "\n  - mesbox:\n      cache_nav: false\n"), encoding="utf-8")
    for root in (cached, plain):
        done = build(root)
        assert done.returncode == 0, done.stderr
    pages = sorted(p.relative_to(cached / "site") for p in (cached / "site").rglob("*.html"))
    assert len(pages) > 30
    match, mismatch, errors = filecmp.cmpfiles(cached / "site", plain / "site", [str(p) for p in pages], shallow=False)
    assert (mismatch, errors) == ([], [])
    assert len(match) == len(pages)
