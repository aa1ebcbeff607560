"""`[[id]]` links in bodies become ordinary links; their text is always escaped."""

from __future__ import annotations

from pathlib import Path

from conftest import catalogue_of

from mesbox.rendering.wikilinks import render_wikilinks


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
