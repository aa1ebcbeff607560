"""Bodies the Markdown engine would recurse on or convert in super-linear time are refused (E202), at their line;
ordinary Markdown, however rich, passes."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mesbox.reading import complexity
from mesbox.reading.complexity import (
    MAX_BLOCK_BYTES,
    MAX_BRACKETS,
    MAX_DEFINITIONS,
    MAX_EMPHASIS_RUN,
    MAX_HTML_DEPTH,
    MAX_INDENT,
    MAX_OPEN_TAGS,
    MAX_QUOTE_DEPTH,
    check_structure,
)

ORDINARY = """\
## Un titre

Un paragraphe avec **gras**, *italique*, `code`, [un lien](https://exemple.org "titre") et [[une-entree]].
Une image ![carte](carte.png){ loading=lazy } et une note[^1].

- une liste
    - imbriquée
        1. trois niveaux

> une citation
> > dans une citation

!!! note "Encadré"

    Du texte dans l'encadré.

    ??? tip "Dépliable"

        Encore du texte.

| a | b |
|---|---|
| [x] | <kbd>Ctrl</kbd> |

Terme
:   sa définition

<div markdown="1">
**dans un bloc HTML**
</div>

***

```python
data = [[[[[[[[[[[[1]]]]]]]]]]]]  # code: never parsed as Markdown
                                                                                  deep = "indentation"
<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a
```

[^1]: La note.
"""


def found(body: str, first_line: int = 5) -> list[tuple[int, int, str]]:
    return [(i.line, i.col, i.message) for i in check_structure(body, "fiches/x.md", first_line) if i.code == "E202"]


def test_ordinary_rich_markdown_passes() -> None:
    assert found(ORDINARY) == []
    assert found(ORDINARY * 200) == []


@pytest.mark.parametrize(
    ("body", "line", "says"),
    [
        ("a\n\n" + "".join("    " * i + "- x\n" for i in range(MAX_INDENT // 4 + 2)), 2 + MAX_INDENT // 4 + 1, "trop imbriquée"),
        ("".join("    " * i + "!!! note\n\n" for i in range(40)), 2 * (MAX_INDENT // 4 + 1), "trop imbriquée"),
        ("x\n" + ">" * (MAX_QUOTE_DEPTH + 1) + " x\n", 1, "citations"),
        ("x\n" + "> " * 300 + "x\n", 1, "citations"),
        ("*" * (MAX_EMPHASIS_RUN + 1) + "a" + "*" * (MAX_EMPHASIS_RUN + 1), 0, "« * »"),
        ("\n" + "_" * 5000 + "mot", 1, "« _ »"),
        ('<div markdown="1">\n' * (MAX_HTML_DEPTH + 1) + "x\n", MAX_HTML_DEPTH, "« markdown »"),
        ("texte\n" + "[" * 20_000, 1, "crochets"),
        ("[[[[[[[[[" + "a" + "]" * 9, 0, "crochets"),
        ("x\n\n" + "[a " * (MAX_BRACKETS + 1), 2, "crochets"),
        ("<a" * (MAX_OPEN_TAGS + 1), 0, "« < »"),
        ("<http://" * 5000, 0, "« < »"),
        ("a\n: " * (MAX_DEFINITIONS + 1), MAX_DEFINITIONS + 1, "définitions"),
        ("x\n\n" + "mot " * (MAX_BLOCK_BYTES // 4 + 1), 2, "Kio"),
        ("Texte <!--mesbox:blocks:0--> fin", 0, "<!--mesbox:"),
        ("\n\n<!-- MESBOX:block:3 -->", 2, "<!--mesbox:"),
        ("## Titre {: .mesbox-blocks-1 }", 0, "mesbox-blocks-"),
        ("Texte \ue0000\ue001 fin", 0, "U+E000"),
        ("x\n\ue001", 1, "U+E001"),
    ],
)
def test_each_family_is_refused_at_its_line(body: str, line: int, says: str) -> None:
    issues = found(body)
    assert issues, body[:40]
    assert (5 + line) in [place for place, _, _ in issues]
    assert any(says in message for _, _, message in issues)


def test_limits_are_inclusive() -> None:
    """Exactly at each limit is still fine: the limits are far above real pages, not on them."""
    assert found("".join("    " * i + "- x\n" for i in range(MAX_INDENT // 4 + 1))) == []
    assert found(">" * MAX_QUOTE_DEPTH + " x\n") == []
    assert found("*" * MAX_EMPHASIS_RUN + "a" + "*" * MAX_EMPHASIS_RUN) == []
    assert found("[" * MAX_BRACKETS + "a" + "]" * MAX_BRACKETS) == []
    assert found("[a] " * 10_000) == []
    assert found("<b>x</b> " * 5_000) == []
    assert found("<a" * MAX_OPEN_TAGS) == []


def test_fenced_code_is_not_judged_but_an_unclosed_fence_is_no_shelter() -> None:
    code = "```\n" + "[" * 100 + "\n" + " " * 200 + "x\n```\n"
    assert found(code) == []
    assert found("~~~~\n" + "[" * 100 + "\n~~~\n~~~~\n") == []
    (issue,) = found("```\n" + "[" * 100 + "\n")
    assert issue[0] == 6 and "crochets" in issue[2]


def test_a_thematic_break_is_not_emphasis() -> None:
    assert found("texte\n\n" + "*" * 80 + "\n\n" + "_ " * 40 + "\n") == []


def test_escaped_brackets_do_not_count() -> None:
    assert found("\\[" * 1000) == []


def test_one_issue_per_kind() -> None:
    """A body full of one pattern gets one message, at the first place."""
    issues = found(("[" * 20 + "\n\n") * 50)
    assert len(issues) == 1 and issues[0][0] == 5


def test_too_many_code_blocks() -> None:
    """Each fenced block costs the engine a pass: a page of a hundred thousand empty ones took more than 20 s."""
    from mesbox.reading.complexity import MAX_FENCES

    assert found("```\n```\n" * MAX_FENCES) == []
    issues = found("```\n```\n" * (MAX_FENCES + 1))
    assert [(line, message[:9]) for line, _, message in issues] == [(5 + 2 * MAX_FENCES, "plus de 1")]


def test_too_many_links() -> None:
    from mesbox.reading.complexity import MAX_LINKS

    assert found(("[a](b.md) " * 100 + "\n\n") * (MAX_LINKS // 100)) == []
    issues = found(("[a](b.md) " * 100 + "\n\n") * (MAX_LINKS // 100) + "[a](b.md)")
    assert [(line, message[:12]) for line, _, message in issues] == [(5 + 2 * (MAX_LINKS // 100), "plus de 5000")]


# Pieces that build the lines each fast path is about: indents, quote marks, runs of `*` and `_`, fences.
PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        " ",
        "   ",
        "    ",
        "\t",
        " \t",
        ">",
        "> ",
        "*",
        "_",
        "**",
        "***",
        "*_",
        "mot",
        "-",
        "```\n",
        "x" * 40,
        ">" * 5,
        "> > > > ",
        " " * 16,
        "\t" * 8,
        "_" * 8,
    ]
)
BODIES = st.lists(PIECES, max_size=300).map("".join)


def search_everywhere(pattern: re.Pattern[str], hint: re.Pattern[str], prose: str) -> re.Match[str] | None:
    """The straightforward way: search the whole body, whatever the hint says."""
    return pattern.search(prose)


@settings(max_examples=300, deadline=None)
@given(BODIES)
@example("mot\n   " + "> " * 9 + "mot")  # the deepest quote the hint must see: three spaces, then nine marks
@example("mot\n" + "\t" * 17 + "mot")  # the shortest indent over the limit
@example("mot *_" + "*_" * 8 + "mot")  # a mixed run, no `***` nor `___`
def test_fast_paths_find_what_plain_searches_find(body: str) -> None:
    """The hints and the run test only skip searches that would find nothing: with them turned off,
    the same issues; and each fast piece agrees with its plain counterpart."""
    with (
        mock.patch.object(complexity, "_line_search", search_everywhere),
        mock.patch.object(complexity, "_may_hold_run", lambda prose: True),
    ):
        expected = check_structure(body, "fiches/x.md", 5)
    assert check_structure(body, "fiches/x.md", 5) == expected
    for pattern, hint in [(complexity._DEEP_INDENT, complexity._DEEP_INDENT_HINT), (complexity._DEEP_QUOTE, complexity._DEEP_QUOTE_HINT)]:
        fast = complexity._line_search(pattern, hint, body)
        plain = pattern.search(body)
        assert (fast and fast.span()) == (plain and plain.span())
    runs = re.compile(rf"[*_]{{{MAX_EMPHASIS_RUN + 1},}}")
    assert [m.span() for m in complexity._EMPHASIS.finditer(body)] == [m.span() for m in runs.finditer(body)]
    assert complexity._may_hold_run(body) or re.search("[*_]{3}", body) is None
