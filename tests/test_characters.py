"""The refused characters: found in one fast pass wherever they are, replaced by U+FFFD in what is published."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mesbox.contract.characters import first_refused, printable, replace_refused


@given(st.text(alphabet=st.sampled_from(["a", "\n", "\t", "\x00", "\x85", "\u202e", "\ufdd0", "\U0010ffff", "é", "😀"]), max_size=60))
@settings(max_examples=200)
def test_replacing_leaves_nothing_refused_and_keeps_the_rest(text: str) -> None:
    replaced = replace_refused(text)
    assert first_refused(replaced) is None
    assert len(replaced) == len(text)
    assert [c for c in replaced if c != "\ufffd"] == [c for c in text if first_refused(c) is None]


def test_printable_text_is_cleared_without_a_search() -> None:
    assert printable("Économie\u00a0« solidaire »\t😀\n") and not printable("a\u00adb")
    assert replace_refused("a\u00adb\u200d") == "a\u00adb\u200d"  # soft hyphen, joiner: not refused


@given(
    st.text(
        alphabet=st.sampled_from(["a", " ", "\n", "\t", "\xa0", "\u202f", "\x00", "\x0b", "\x85", "\u202e", "\ufdd0", "é"]), max_size=40
    )
)
@settings(max_examples=300)
def test_printable_never_clears_a_refused_character_with_or_without_tabs_and_no_break_spaces(text: str) -> None:
    if printable(text):
        assert first_refused(text) is None
    else:
        assert first_refused(text) is not None  # in this alphabet, only a refused character is not printable
