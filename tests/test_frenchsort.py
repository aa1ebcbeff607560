"""French order without a locale."""

from mesbox.frenchsort import fold, sort_key


def test_accents_and_case_do_not_change_the_order() -> None:
    words = ["Emploi", "Économie", "culture", "Coopération", "écologie", "œuvre", "Zèbre"]
    assert sorted(words, key=sort_key) == ["Coopération", "culture", "écologie", "Économie", "Emploi", "œuvre", "Zèbre"]


def test_fold() -> None:
    assert fold("Économie Œuvrée") == "economie oeuvree"
