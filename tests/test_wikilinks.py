"""`[[id]]` links in bodies become ordinary links; their text is always escaped."""

from __future__ import annotations

from pathlib import Path

import markdown
from conftest import catalogue_of

from mesbox.rendering.wikilinks import link_tokens, render_wikilinks, with_links


def link(url: str) -> str:
    return "/site/" + url


def test_bare_link_takes_the_entry_title(valid_repo: Path) -> None:
    html = render_wikilinks("Voir [[grille-commune]].", catalogue_of(valid_repo), link)
    assert html == 'Voir <a href="/site/grilles/grille-commune/">Grille commune de questionnement</a>.'


def test_link_with_text_keeps_the_text_and_trims_spaces(valid_repo: Path) -> None:
    html = render_wikilinks("[[ organiser-une-visite | une visite ]]", catalogue_of(valid_repo), link)
    assert html == '<a href="/site/fiches/organiser-une-visite/">une visite</a>'


def test_text_and_titles_are_escaped(valid_repo: Path) -> None:
    catalogue = catalogue_of(valid_repo)
    assert render_wikilinks("[[initiative-solidaire|<b>gras</b> & co]]", catalogue, link) == (
        '<a href="/site/fiches/initiative-solidaire/">&lt;b&gt;gras&lt;/b&gt; &amp; co</a>'
    )
    # The title itself holds an apostrophe: escaped as any front-matter text.
    assert "Qu&#x27;est-ce" in render_wikilinks("[[initiative-solidaire]]", catalogue, link)


def test_a_draft_or_unknown_target_stays_visible_as_text(valid_repo: Path) -> None:
    catalogue = catalogue_of(valid_repo)
    assert render_wikilinks("[[brouillon]]", catalogue, link) == '<span class="mesbox-broken-link">brouillon</span>'
    assert render_wikilinks("[[inconnue|texte]]", catalogue, link) == '<span class="mesbox-broken-link">texte</span>'


def test_several_links_on_a_line_and_plain_brackets_untouched(valid_repo: Path) -> None:
    html = render_wikilinks("[[grille-commune|a]] et [[recit-plateau|b]], mais [pas ceci](x) ni [ceci]", catalogue_of(valid_repo), link)
    assert html.count("<a ") == 2
    assert '<a href="/site/recits/recit-plateau/">b</a>' in html
    assert "[pas ceci](x) ni [ceci]" in html


def _rendered(body: str, valid_repo: Path) -> str:
    """A body as an entry page renders it: tokens through Markdown, then the links put in."""
    tokens, links = link_tokens(body, catalogue_of(valid_repo), link)
    assert "[[" not in tokens.replace("`[[", "")  # every link outside a heading is a token
    return with_links(markdown.markdown(tokens, extensions=["attr_list", "toc"]), links)


def test_tokens_become_the_same_links_as_inline_html(valid_repo: Path) -> None:
    body = "Voir [[grille-commune]] et [[inconnue|texte]].\n\n- [[recit-plateau|<b>b</b>]]"
    direct = markdown.markdown(render_wikilinks(body, catalogue_of(valid_repo), link))
    assert _rendered(body, valid_repo) == direct
    assert '<a href="/site/grilles/grille-commune/">Grille commune de questionnement</a>' in direct
    assert "&lt;b&gt;b&lt;/b&gt;" in direct


def test_a_link_in_a_heading_stays_html_so_the_anchor_is_named_after_its_text(valid_repo: Path) -> None:
    for body in ("## Voir [[grille-commune]]\n", "Voir [[grille-commune]]\n-----\n"):
        tokens, links = link_tokens(body, catalogue_of(valid_repo), link)
        assert links == [] and '<a href="/site/grilles/grille-commune/">' in tokens
        assert 'id="voir-grille-commune-de-questionnement"' in _rendered(body, valid_repo)


def test_a_token_in_code_shows_the_link_as_typed_and_in_an_attribute_its_text(valid_repo: Path) -> None:
    html = _rendered("`[[grille-commune]]` et ![image [[grille-commune|g]]](x.png)", valid_repo)
    assert "<code>[[grille-commune]]</code>" in html
    assert 'alt="image g"' in html and html.count("<a ") == 0
