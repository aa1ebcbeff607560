"""French order without a system locale (docs/contrat.md §6): accents and case do not change the order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesbox.catalogue.frenchsort import fold, sort_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Économie", "economie"),
        ("ÉCOLE Élémentaire", "ecole elementaire"),
        ("Cœur", "coeur"),
        ("Æsthétique", "aesthetique"),
        ("L’été", "l'ete"),
        ("Straße", "strasse"),
        ("ﬁche", "fiche"),
        ("Ça ira", "ca ira"),
        ("plain ascii", "plain ascii"),
        ("ᴭ ꟹ \U00010783", "ae oe ae"),  # modifier letters that decompose to a ligature
    ],
)
def test_fold(text: str, folded: str) -> None:
    """Accents, case, ligatures and the typographic apostrophe are folded for comparisons and search."""
    assert fold(text) == folded


def test_economie_sorts_with_economie_before_emploi() -> None:
    """The contract's own example, plus the neighbours a plain code-point sort gets wrong."""
    titles = ["Zèbre", "Emploi", "Économie", "economie", "Élan", "eau", "Œuvre", "Ouvrir"]
    assert sorted(titles, key=sort_key) == ["eau", "economie", "Économie", "Élan", "Emploi", "Œuvre", "Ouvrir", "Zèbre"]
    assert sorted(titles) != sorted(titles, key=sort_key)  # code-point order puts É and Œ after Z


@pytest.mark.parametrize(
    "titles", [["Économie", "economie", "ECONOMIE"], ["economie", "ECONOMIE", "Économie"], ["ECONOMIE", "Économie", "economie"]]
)
def test_ties_are_broken_whatever_the_input_order(titles: list[str]) -> None:
    """Titles equal once folded get one order, unaccented before accented and capitals first,
    whatever order they came in (a stable sort alone would keep the input order)."""
    assert sorted(titles, key=sort_key) == ["ECONOMIE", "economie", "Économie"]


def test_leading_articles_are_ignored() -> None:
    """A French index files « La Voisinerie » under V and « L'Atelier » under A; words that
    merely begin like an article (« Lecture », « Unique », « Laboratoire ») are not cut."""
    titles = [
        "Le séminaire réflexif",
        "La recherche-action",
        "L’atelier",
        "Les visites",
        "Un territoire",
        "Une coopérative",
        "Des communs",
        "Lecture",
        "Unique",
        "Laboratoire",
        "Accompagner",
    ]
    assert sorted(titles, key=sort_key) == [
        "Accompagner",
        "L’atelier",
        "Des communs",
        "Une coopérative",
        "Laboratoire",
        "Lecture",
        "La recherche-action",
        "Le séminaire réflexif",
        "Un territoire",
        "Unique",
        "Les visites",
    ]


def test_an_article_alone_still_sorts() -> None:
    """A title that is only an article keeps a key (nothing is cut to an empty string)."""
    assert sort_key("Le")[0] == "le" and sorted(["Les", "La"], key=sort_key) == ["La", "Les"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_fold_is_idempotent_and_ignores_case(text: str) -> None:
    """Folding twice changes nothing; upper and lower case (of ASCII and French letters) fold alike."""
    once = fold(text)
    assert fold(once) == once
    french = "".join(c for c in text if c.isascii() or c in "éèêëàâäçîïôöùûüÿœæÉÈÊËÀÂÄÇÎÏÔÖÙÛÜŸŒÆ")
    assert fold(french.upper()) == fold(french.lower())


# The same words without accents, spelled out here rather than taken from `fold` (which `sort_key` uses).
_UNACCENTED = str.maketrans(
    {"é": "e", "è": "e", "ê": "e", "ë": "e", "à": "a", "â": "a", "ç": "c", "î": "i", "ï": "i", "ô": "o", "ù": "u", "û": "u", "œ": "oe"}
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdeéèêëàâçîïôùûœ", max_size=12), max_size=12))
def test_order_of_french_words_follows_their_unaccented_form(words: list[str]) -> None:
    """For French letters, the order is the order of the words written without accents; a word before the
    same word with accents (« economie » before « économie »)."""
    assert sorted(words, key=sort_key) == sorted(words, key=lambda word: (word.translate(_UNACCENTED), word))
