"""Accent folding of the search index."""

from mesbox.publishing.search import fold_search_index, folded_words


def test_folded_words_once_and_only_accented() -> None:
    assert folded_words("Économie solidaire, économie et Coopération") == "economie cooperation"


def test_fold_search_index_appends_to_text() -> None:
    index = {
        "config": {},
        "docs": [
            {"location": "a/", "title": "Économie", "text": "Les tiers-lieux"},
            {"location": "b/", "title": "Emploi", "text": "plain"},
        ],
    }
    folded = fold_search_index(index)
    assert folded["docs"][0]["text"] == "Les tiers-lieux economie"
    assert folded["docs"][1]["text"] == "plain"


def test_folded_words_inside_punctuation_and_ligatures() -> None:
    assert folded_words("« l’Œuvre » — à la fin, «écoles»") == "oeuvre a ecoles"


def test_folded_words_ignore_non_letter_symbols() -> None:
    assert folded_words("prix : 12 € « cité »") == "cite"
