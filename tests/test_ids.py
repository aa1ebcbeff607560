"""Ids: the rule, the slug that fixes a bad name, the nearest-match hint."""

from mesbox.ids import closest, did_you_mean, is_valid_id, slugify


def test_valid_ids() -> None:
    assert is_valid_id("economie-solidaire")
    assert is_valid_id("2-1-fiche")
    for bad in ("Economie", "économie", "a--b", "-a", "a-", "a_b", "a b", "", "x" * 81):
        assert not is_valid_id(bad), bad


def test_slugify_french_titles() -> None:
    assert slugify("Économie Solidaire") == "economie-solidaire"
    assert slugify("Qu'est-ce qu'une initiative ?") == "qu-est-ce-qu-une-initiative"
    assert slugify("Cœur de l'Œuvre") == "coeur-de-l-oeuvre"
    long = slugify("mot " * 40)
    assert len(long) <= 80 and is_valid_id(long)


def test_closest_and_hint() -> None:
    assert closest("cooperaton", ["cooperation", "emploi"]) == ["cooperation"]
    assert did_you_mean("cooperaton", ["cooperation"]) == " — vouliez-vous dire « cooperation » ?"
    assert did_you_mean("zzz", ["cooperation"]) == ""
