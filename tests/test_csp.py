"""The Content-Security-Policy: the theme's inline scripts by hash, read from its templates; nothing else inline."""

from __future__ import annotations

import re
from pathlib import Path

import material  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st

from mesbox.publishing.csp import _PAGE_SCRIPT, ThemeScripts, page_policy, source_hash, with_policy

THEME = ThemeScripts.from_templates([Path(material.__file__).parent / "templates"])
PALETTE = (
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
)


def scope(base: str) -> str:
    return (
        f'__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
    )


def test_theme_scripts_are_known_at_any_depth_and_nothing_else() -> None:
    """A template's `{{ base_url }}` stands for a path: any depth matches, a quote never does."""
    assert THEME.known(scope(".")) and THEME.known(scope("../..")) and THEME.known(PALETTE)
    assert not THEME.known("alert(1)")
    assert not THEME.known(scope('",alert(1),"'))


def test_policy_hashes_the_theme_scripts_of_the_page_only() -> None:
    html = (
        f"<html><head><script>{scope('..')}</script><script>alert(1)</script>"
        '<script type="application/ld+json">{}</script></head>'
        "<body><style>p{}</style></body></html>"
    )
    policy = page_policy(html, THEME)
    assert source_hash(scope("..")) in policy and source_hash("alert(1)") not in policy and source_hash("{}") not in policy
    assert "style-src 'self';" in policy and source_hash("p{}") not in policy
    assert "unsafe-" not in policy and "object-src 'none'" in policy and "base-uri 'none'" in policy


def test_policy_is_the_first_element_of_head() -> None:
    html = with_policy('<!doctype html><html><head>\n<meta charset="utf-8"><script>x</script></head></html>', THEME)
    assert html.startswith(
        "<!doctype html><html><head>\n"
        "    <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self';"
    )
    assert with_policy("<svg></svg>", THEME) == "<svg></svg>"


def test_a_script_ends_at_the_first_closing_tag_whatever_comes_before() -> None:
    html = f"<head><script>{PALETTE}</script ><script>if(a<b)x='</scrip';</script\n></head>"
    assert [code for _, code in _PAGE_SCRIPT.findall(html)] == [PALETTE, "if(a<b)x='</scrip';"]
    assert source_hash(PALETTE) in page_policy(html, THEME)


# The plain statement of what a page's script is: from its start tag to the first end tag after it.
_LAZY = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL)
_PIECES = st.sampled_from(
    ["<script>", '<script type="module">', "<scripts>", "</script>", "</script \n>", "</scrip", "<", "/", ">", "a", "\n"]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_scripts_are_found_as_the_lazy_reading_finds_them(html: str) -> None:
    assert _PAGE_SCRIPT.findall(html) == _LAZY.findall(html)
