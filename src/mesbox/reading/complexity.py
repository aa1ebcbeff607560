"""Bodies the Markdown engine cannot convert in bounded time or without recursing too deep (E202).

Python-Markdown (with the site's extensions) recurses once per level of nested lists,
admonitions, block quotes, `markdown` HTML elements and emphasis (a few hundred levels raise
`RecursionError`), and some of its inline patterns rescan the rest of a paragraph from each
unmatched `[` or unclosed `<tag` (a paragraph of brackets kept a build busy for minutes). The
limits below are far above what any written page uses and far below where conversion time or
depth becomes a problem (measured in `benchmarks/bench_hostile_bodies.py`). The scan is one
few passes of regular expressions that cannot backtrack, over the body with its fenced code
blanked out (Markdown leaves code as it is); Python loops only where a limit is near.

mesbox's own marks stand for generated blocks and links in entry pages: comments
(`<!--mesbox:…-->`), the class of a heading that a run of blocks follows (`mesbox-blocks-2`) and
the two private-use characters around a link's number (`rendering.wikilinks`). One written in a
body would be replaced by a generated block or link, so they are refused too.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable

from mesbox.contract.issues import Issue
from mesbox.contract.marks import BLOCKS_CLASS, LINK_CLOSE, LINK_OPEN

MAX_BLOCK_BYTES = 64 * 1024  # a paragraph, list or table without a blank line
MAX_INDENT = 64  # columns (a tab counts 4): 16 levels of nested lists or admonitions
MAX_QUOTE_DEPTH = 8
MAX_HTML_DEPTH = 8  # nested elements whose content is Markdown (`markdown="1"`)
MAX_BRACKETS = 8  # `[` open at once (nested, or never closed) in one block
MAX_OPEN_TAGS = 32  # `<tag` never closed by `>` in one block
MAX_EMPHASIS_RUN = 16  # `*` or `_` in a row, against a word
MAX_DEFINITIONS = 256  # `: definition` lines in one block
MAX_LINKS = 5000  # inline links and images in one body: the engine spends a few hundred µs on each
MAX_FENCES = 1000  # fenced code blocks in one body: each costs the engine a stash entry and a pass

# Only plain fences count as code: at most 3 spaces before, a bare language name after. Anything
# else may not be a fence for the engine, which would then read what follows as Markdown.
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})([ \t]*[\w.+#-]*[ \t]*)$", re.MULTILINE)
_NOT_NEWLINE = re.compile(r"[^\n]")
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_DEEP_INDENT = re.compile(rf"^(?: {{4}}|\t| {{1,3}}\t){{{MAX_INDENT // 4 + 1}}}[ \t]*[^ \t\n]", re.MULTILINE)
_DEEP_QUOTE = re.compile(rf"^[ \t]{{0,3}}(?:>[ \t]?){{{MAX_QUOTE_DEPTH + 1}}}", re.MULTILINE)
# Where a line the two patterns above match can start: a pattern led by a newline is searched for
# as fast as plain text, a line-start `^` is tried at every character (thirty times slower).
_DEEP_INDENT_HINT = re.compile(rf"\n[ \t]{{{MAX_INDENT // 4 + 1}}}")
_DEEP_QUOTE_HINT = re.compile(r"\n[ \t]{0,3}>[ \t]?>")
# Written with a leading class, not `[*_]{17,}`, so that the engine skips to the candidates.
_EMPHASIS = re.compile(rf"[*_][*_]{{{MAX_EMPHASIS_RUN},}}")
_RULE = re.compile(r"[ \t]*(?:[-*_][ \t]*)+")
# `marks.LATE_BLOCK` and anything a reader of comments could take for it (any case, any spacing).
_PLACEHOLDER = re.compile(r"<!--\s*mesbox\s*:\s*block", re.IGNORECASE)
_MARKS = re.compile(f"{re.escape(BLOCKS_CLASS)}|[{LINK_OPEN}{LINK_CLOSE}]")
_BRACKET = re.compile(r"\\.|[\[\]]")
_LEADING_SPACE = re.compile(r"\s*")
_NOT_BRACKET = re.compile(r"[^\[\]\\]+")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_DEFINITION = re.compile(r"^[ \t]{0,3}:[ \t]", re.MULTILINE)


def without_code(body: str) -> str:
    """The body with the content of fenced code blocks replaced by spaces (same offsets and lines).

    An opening fence never closed is not a fence (the engine reads what follows as Markdown);
    pairing goes on after it, at most 16 times, then nothing later counts as code."""
    if "``" not in body and "~~" not in body:
        return body
    fences = [(match.start(), match.end(), match.group(1), not match.group(2).strip()) for match in _FENCE.finditer(body)]
    parts: list[str] = []
    done, position, restarts = 0, 0, 0
    while position < len(fences) and restarts <= 16:
        start, _, fence, _ = fences[position]
        closing = position + 1
        while closing < len(fences) and not (
            fences[closing][3] and fences[closing][2][0] == fence[0] and len(fences[closing][2]) >= len(fence)
        ):
            closing += 1
        if closing == len(fences):
            position, restarts = position + 1, restarts + 1
            continue
        end = fences[closing][1]
        parts += [body[done:start], _NOT_NEWLINE.sub(" ", body[start:end])]
        done, position = end, closing + 1
    return "".join([*parts, body[done:]])


def _nth_fence(body: str, count: int) -> int:
    """Offset of the fence line number `count` (0-based)."""
    for index, match in enumerate(_FENCE.finditer(body)):
        if index == count:
            return match.start()
    return 0


def check_structure(body: str, rel: str, first_line: int) -> list[Issue]:
    """One issue per limit a body goes over (the first place it does), with the file line."""
    issues: list[Issue] = []

    def refuse(offset: int, message: str) -> None:
        line = body.count("\n", 0, offset)
        issues.append(Issue(rel, first_line + line, offset - (body.rfind("\n", 0, offset) + 1) + 1, "E202", message))

    if body.count("``") + body.count("~~") > 2 * MAX_FENCES:  # every fence line holds one of them at least
        fences = _FENCE.findall(body)
        if len(fences) > 2 * MAX_FENCES:
            third = _nth_fence(body, 2 * MAX_FENCES)
            refuse(third, f"plus de {MAX_FENCES} blocs de code dans la page : découpez-la")
    placeholder = _PLACEHOLDER.search(body) if "<!--" in body else None
    if placeholder is None and (BLOCKS_CLASS in body or LINK_OPEN in body or LINK_CLOSE in body):
        placeholder = _MARKS.search(body)
    if placeholder:
        mark = placeholder.group()
        shown = "<!--mesbox:… -->" if mark.startswith("<") else f"{BLOCKS_CLASS}…" if mark == BLOCKS_CLASS else f"U+{ord(mark):04X}"
        refuse(placeholder.start(), f"« {shown} » est réservé aux blocs et aux liens que mesbox insère : retirez-le")
    prose = without_code(body)
    if prose.count("](") > MAX_LINKS:
        offset = -1
        for _ in range(MAX_LINKS + 1):
            offset = prose.find("](", offset + 1)
        refuse(offset, f"plus de {MAX_LINKS} liens ou images dans la page : découpez-la")
    # Each rule first asks a question `str` answers in C (a substring, a count); most bodies stop there.
    deep = _line_search(_DEEP_INDENT, _DEEP_INDENT_HINT, prose) if "\t" in prose or " " * MAX_INDENT in prose else None
    if deep:
        refuse(
            deep.start(),
            f"structure trop imbriquée (retrait de plus de {MAX_INDENT} colonnes, soit plus de "
            f"{MAX_INDENT // 4} niveaux de listes ou d'encadrés) : simplifiez-la",
        )
    quotes = _line_search(_DEEP_QUOTE, _DEEP_QUOTE_HINT, prose) if prose.count(">") > MAX_QUOTE_DEPTH else None
    if quotes:
        refuse(quotes.start(), f"citations imbriquées sur plus de {MAX_QUOTE_DEPTH} niveaux : simplifiez la structure")
    if prose.count("*") + prose.count("_") > MAX_EMPHASIS_RUN and _may_hold_run(prose):
        _check_emphasis(prose, refuse)
    _check_blocks(prose, refuse)
    if "markdown" in prose:
        _check_html_depth(prose, refuse)
    issues.sort()
    return issues


def _line_search(pattern: re.Pattern[str], hint: re.Pattern[str], prose: str) -> re.Match[str] | None:
    """`pattern.search(prose)` for a pattern anchored at line starts, run only when the first line or
    a line `hint` finds (a newline, then the pattern's first characters) could begin a match."""
    if (first := pattern.match(prose)) is not None:
        return first
    return pattern.search(prose) if hint.search(prose) is not None else None


def _may_hold_run(prose: str) -> bool:
    """False when no three `*` or `_` follow each other: a run of three is either all one character or
    holds `*_` or `_*`. Bold text (`**mot**`) has none, so the run pattern is rarely searched."""
    return "***" in prose or "___" in prose or "*_" in prose or "_*" in prose


def _check_emphasis(prose: str, refuse: Callable[[int, str], None]) -> None:
    """Long runs of `*` or `_` against a word nest emphasis (a line of them alone is a rule)."""
    for run in _EMPHASIS.finditer(prose):
        start, end = run.start(), run.end()
        before = prose[start - 1] if start else " "
        after = prose[end] if end < len(prose) else " "
        if before.isspace() and after.isspace():
            continue
        line_start, line_end = prose.rfind("\n", 0, start) + 1, prose.find("\n", end)
        if _RULE.fullmatch(prose, line_start, line_end if line_end >= 0 else len(prose)):
            continue
        refuse(
            start,
            f"plus de {MAX_EMPHASIS_RUN} « * » ou « _ » d'affilée contre un mot : l'emphase ainsi imbriquée "
            "est refusée, gardez gras et italique simples",
        )
        return


def _check_blocks(prose: str, refuse: Callable[[int, str], None]) -> None:
    """Limits on one block: its size, and what makes inline patterns rescan it (brackets, unclosed tags, definitions)."""
    brackets = prose.count("[") > MAX_BRACKETS and _bracket_overflow(prose, 0, len(prose)) >= 0
    tags = prose.count("<") > MAX_OPEN_TAGS
    definitions = prose.count(":") > MAX_DEFINITIONS
    if len(prose) <= MAX_BLOCK_BYTES and not (brackets or tags or definitions):
        return
    bounds = [0, *(match.start() for match in _BLANK_LINE.finditer(prose)), len(prose)]
    sizes = list(map(operator.sub, bounds[1:], bounds))
    if max(sizes) <= MAX_BLOCK_BYTES and not (brackets or tags or definitions):
        return
    pending = {"size", "brackets", "tags", "definitions"}
    for start, end in itertools.pairwise(bounds):
        if "size" in pending and end - start > MAX_BLOCK_BYTES:
            pending.discard("size")
            lead = _LEADING_SPACE.match(prose, start)  # `\s*` always matches
            refuse(
                lead.end() if lead else start,
                f"paragraphe, liste ou tableau de plus de {MAX_BLOCK_BYTES // 1024} Kio sans ligne "
                "vide : découpez-le par des lignes vides (le site le convertirait trop lentement)",
            )
        if brackets and "brackets" in pending and prose.count("[", start, end) > MAX_BRACKETS:
            offset = _bracket_overflow(prose, start, end)
            if offset >= 0:
                pending.discard("brackets")
                refuse(
                    offset,
                    f"plus de {MAX_BRACKETS} crochets « [ » ouverts à la fois (imbriqués ou jamais fermés) dans ce "
                    "paragraphe : fermez-les, simplifiez le lien, ou écrivez « \\[ » pour un crochet seul",
                )
        if tags and "tags" in pending and prose.count("<", start, end) > MAX_OPEN_TAGS:
            unclosed = _unclosed_tags(prose, start, end)
            if len(unclosed) > MAX_OPEN_TAGS:
                pending.discard("tags")
                refuse(
                    unclosed[0],
                    f"plus de {MAX_OPEN_TAGS} « < » suivis d'un nom de balise jamais fermée dans ce paragraphe : "
                    "écrivez « &lt; » pour un signe inférieur",
                )
        if definitions and "definitions" in pending and prose.count(":", start, end) > MAX_DEFINITIONS:
            found = [match.start() for match in _DEFINITION.finditer(prose, start, end)]
            if len(found) > MAX_DEFINITIONS:
                pending.discard("definitions")
                refuse(
                    found[MAX_DEFINITIONS], f"plus de {MAX_DEFINITIONS} définitions (« : ») sans ligne vide : séparez la liste en plusieurs"
                )
        if not pending:
            return


def _bracket_overflow(prose: str, start: int, end: int) -> int:
    """Offset of the first `[` that makes more than MAX_BRACKETS open at once, or -1.

    Innermost pairs are removed with `str.replace` (at most MAX_BRACKETS passes, each in C): if
    no pair is left, the deepest point is at most the passes made plus the `[` never closed. Only
    past that bound does a Python loop look for the place."""
    only = _NOT_BRACKET.sub("", prose[start:end])
    only = only.replace("\\\\", "").replace("\\[", "").replace("\\]", "").replace("\\", "")
    passes = 0
    while passes < MAX_BRACKETS and "[]" in only:
        only = only.replace("[]", "")
        passes += 1
    if "[]" not in only and passes + only.count("[") <= MAX_BRACKETS:
        return -1
    depth = 0
    for match in _BRACKET.finditer(prose, start, end):
        if match.group() == "[":
            depth += 1
            if depth > MAX_BRACKETS:
                return match.start()
        elif match.group() == "]" and depth:
            depth -= 1
    return -1


def _unclosed_tags(prose: str, start: int, end: int) -> list[int]:
    """Offsets of the `<name` that no `>` closes before the next `<` (the first MAX_OPEN_TAGS + 1 of them)."""
    unclosed: list[int] = []
    previous = -1
    for match in _TAG_START.finditer(prose, start, end):
        if previous >= 0 and prose.find(">", previous, match.start()) < 0:
            unclosed.append(previous)
            if len(unclosed) > MAX_OPEN_TAGS:
                return unclosed
        previous = match.start()
    if previous >= 0 and prose.find(">", previous, end) < 0:
        unclosed.append(previous)
    return unclosed


def _check_html_depth(prose: str, refuse: Callable[[int, str], None]) -> None:
    """Elements with a `markdown` attribute nest Markdown conversions inside each other."""
    stack: list[str] = []
    for match in _HTML_TAG.finditer(prose):
        closing, name, attributes = match.groups()
        name = name.lower()
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
        elif "markdown" in attributes.lower():
            stack.append(name)
            if len(stack) > MAX_HTML_DEPTH:
                refuse(
                    match.start(), f"éléments HTML « markdown » imbriqués sur plus de {MAX_HTML_DEPTH} niveaux : simplifiez la structure"
                )
                return
