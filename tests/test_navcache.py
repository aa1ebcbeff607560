"""The per-folder cache of the theme's navigation partials."""

from __future__ import annotations

import filecmp
from dataclasses import dataclass
from pathlib import Path

import material  # type: ignore[import-untyped]
import pytest
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader
from sitebuild import build, make_repo

from mesbox.mkdocs_plugin.navcache import PARTIALS, NavCache, compact, install

OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"
MATERIAL = Path(material.__file__).parent / "templates"
# What the cache must cover: Material's blocks that the site wraps (`overrides/main.html`), and its partials.
FRAME_BLOCKS = ("config", "scripts", "styles")
FRAME_PARTIALS = tuple(f"partials/{name}.html" for name in ("nav", "tabs", "footer", "logo", "palette", "search", "source", "top"))


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


def site_theme(calls: list[str]) -> Environment:
    """The site's `main.html` over stand-ins of Material's `base.html` and partials that record each rendering of
    the blocks and partials the cache covers (the real ones need a whole MkDocs context)."""
    recorded = {name: f"{{{{ record('{name}') }}}}{name} for {{{{ page.url.rsplit('/', 2)[0] }}}}" for name in FRAME_PARTIALS}
    base = "".join(f"{{% block {block} %}}{{{{ record('{block}') }}}}{block}{{% endblock %}}|" for block in FRAME_BLOCKS)
    base += "".join(f'{{% include "{name}" %}}|' for name in FRAME_PARTIALS)
    env = Environment(loader=ChoiceLoader([DictLoader({"base.html": base, **recorded}), FileSystemLoader(OVERRIDES)]))
    env.globals["record"] = lambda name: calls.append(name) or ""  # type: ignore[func-returns-value]
    env.filters["url"] = str  # MkDocs' filter, used by blocks of main.html that the stand-in never renders
    return env


def test_the_site_frame_is_rendered_once_per_folder_with_the_plugin_and_the_same_without() -> None:
    calls: list[str] = []
    env = site_theme(calls)
    install(env, NavCache({"", "fiches/"}))
    # only the blocks and partials of the frame are rendered: `main.html` overrides others of base.html
    cached = [env.get_template("main.html").render(page=FakePage(url)) for url in ("fiches/a/", "fiches/b/")]
    assert sorted(calls) == sorted([*FRAME_BLOCKS, *FRAME_PARTIALS])  # once each for the two pages
    calls.clear()
    plain = site_theme(calls)  # no plugin: the theme renders everything for every page
    assert [plain.get_template("main.html").render(page=FakePage(url)) for url in ("fiches/a/", "fiches/b/")] == cached
    assert len(calls) == 2 * (len(FRAME_BLOCKS) + len(FRAME_PARTIALS))


@pytest.mark.parametrize("name", PARTIALS)
def test_the_cached_partials_are_the_themes(name: str) -> None:
    assert (MATERIAL / name).is_file()  # a partial Material renamed would silently stop being cached


@pytest.mark.parametrize("block", FRAME_BLOCKS)
def test_the_cached_blocks_are_the_themes(block: str) -> None:
    assert f"{{% block {block} %}}" in (MATERIAL / "base.html").read_text(encoding="utf-8")


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
    for root in (cached, plain):  # a page outside the nav beside the Explorer, in the site's root folder
        (root / "content" / "phase-2.md").write_text("# Phase 2\n\nUne page hors du menu.\n", encoding="utf-8")
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
