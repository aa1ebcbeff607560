"""A page's text for the search index: tags, permalinks and white space out."""

from __future__ import annotations

from mesbox.rendering.searchtext import plain_text


def test_plain_text_drops_tags_and_permalinks() -> None:
    html = '<h2 id="x">Titre<a class="headerlink" href="#x" title="Lien">&para;</a></h2>\n<p>Un <em>mot</em>.</p>'
    assert plain_text(html) == "Titre Un mot."


def test_plain_text_is_one_line_with_single_spaces() -> None:
    """Every run of white space (new lines, tabs, no-break spaces) becomes one space; a tag's gap before a
    comma, a full stop or a closing bracket is closed up, and an opening bracket keeps its space."""
    html = "<ul>\n\t<li>Un\u00a0\u00a0<strong>lieu</strong> , (<em>partagé</em>) .</li>\n</ul>\n"
    assert plain_text(html) == "Un lieu, ( partagé)."
