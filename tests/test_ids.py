"""Ids (docs/contrat.md §2): the one rule, the slug proposed for a bad name, the "vouliez-vous dire" hint."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesbox.contract.ids import ID_MAX, closest, did_you_mean, is_valid_id, slugify


@pytest.mark.parametrize("value", ["a", "emploi", "economie-solidaire", "pes-21", "2026", "a1-b2-c3", "x" * ID_MAX])
def test_valid_ids(value: str) -> None:
    """Lowercase ASCII words and digits joined by single hyphens, up to 80 characters."""
    assert is_valid_id(value)


@pytest.mark.parametrize(
    "value",
    ["", "Emploi", "économie", "economie_solidaire", "a--b", "-a", "a-", "a b", "a.b", "x" * (ID_MAX + 1), "ａ", "١٢"],
)
def test_invalid_ids(value: str) -> None:
    """Capitals, accents, underscores, double or edge hyphens, spaces, dots, overlong, non-ASCII look-alikes are refused."""
    assert not is_valid_id(value)


def test_an_id_with_a_trailing_newline_is_invalid() -> None:
    """`$` in a Python regex also matches before a final newline: `abc\\n` must still be refused (a file named so)."""
    assert not is_valid_id("abc\n")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Économie Solidaire", "economie-solidaire"),
        ("Cœur de ville", "coeur-de-ville"),
        ("  L'été à Caen !  ", "l-ete-a-caen"),
        ("PES 21 — Générateur", "pes-21-generateur"),
        ("Économie Solidaire.md"[:-3], "economie-solidaire"),
        ("!!!", ""),
    ],
)
def test_slugify_examples(text: str, slug: str) -> None:
    """The slug the messages propose: accents folded, ligatures spelled out, punctuation to single hyphens."""
    assert slugify(text) == slug


def test_slugify_cuts_long_titles_at_a_word_boundary() -> None:
    """An 80-character limit: the cut falls between words, never leaving a trailing hyphen."""
    slug = slugify("coopération " * 20)
    assert len(slug) <= ID_MAX
    assert is_valid_id(slug)
    assert slug.split("-") == ["cooperation"] * len(slug.split("-"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_slugify_always_gives_a_valid_id_or_nothing(text: str) -> None:
    """Whatever the title, `mesbox new` and the E106 message can only propose a valid id (or say there is none)."""
    slug = slugify(text)
    assert slug == "" or is_valid_id(slug), slug


def test_closest_finds_typos_and_containment() -> None:
    """Near spellings first; failing that, a known id containing what was typed."""
    pool = ["cooperation", "economie-solidaire", "emploi"]
    assert closest("cooperaton", pool) == ["cooperation"]
    assert closest("solidaire", pool) == ["economie-solidaire"]
    assert closest("zzz", pool) == []


def test_did_you_mean_is_french_or_empty() -> None:
    """The hint sentence appended to E103/E104/E105 messages, empty when nothing is close."""
    assert did_you_mean("themse", ["themes", "methods"]) == " — vouliez-vous dire « themes » ?"
    assert did_you_mean("qqqqq", ["themes", "methods"]) == ""
    two = did_you_mean("emplo", ["emploi", "emplois", "zzz"])
    assert two == " — vouliez-vous dire « emploi » ou « emplois » ?"
