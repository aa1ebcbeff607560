"""Hostile and broken input: every error code of the contract, with its file, line and column, never a traceback.

Each case starts from the valid repository of conftest.py, breaks one file, and checks that
the checker names the code, the file and the line (and the column where one is meaningful),
and that `mesbox check` exits 1 with a JSON report.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import (
    ACTORS,
    ENTRY,
    FICHE,
    GRID,
    HOME,
    METHOD,
    METHODS,
    MONO,
    STORY,
    TERRITORIES,
    THEMES,
    VALID_FILES,
    found,
    line_of,
    replace,
    write,
)

from mesbox.checking.checker import check
from mesbox.cli.main import main
from mesbox.contract.issues import CODES
from mesbox.reading import workers

Break = Callable[[Path], None]


def put(rel: str, text: str | bytes) -> Break:
    """Add (or overwrite) a whole file."""

    def breaker(root: Path) -> None:
        write(root, rel, text)

    return breaker


def change(rel: str, old: str, new: str) -> Break:
    """Change one piece of a valid file."""
    return lambda root: replace(root, rel, old, new)


def link(rel: str, target: str) -> Break:
    """Add a symbolic link (to a file or folder outside the repository, or to itself)."""

    def breaker(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)

    return breaker


def body(text: str) -> Break:
    """Add a paragraph at the end of the thematic fiche's body."""
    return lambda root: replace(root, FICHE, "organiser une visite]].\n", "organiser une visite]].\n\n" + text + "\n")


# The line where `body()` puts its paragraph.
BODY_LINE = VALID_FILES[FICHE].split("\n").index("Pour aller voir sur place : [[organiser-une-visite|organiser une visite]].") + 3


def entry(extra: str = "", drop: str = "") -> str:
    """The minimal fiche of conftest with fields added before the closing `---` (or one removed)."""
    head = ENTRY.replace(drop, "") if drop else ENTRY
    return head.replace("---\nCorps.\n", extra + "---\nCorps.\n")


# A valid UTF-8 fiche whose body has one Latin-1 byte: « Café » on line 9.
LATIN1 = ENTRY.encode("utf-8").replace(b"Corps.", b"Caf\xe9")

BILLION_LAUGHS = (
    "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
    + "---\n"
)


@dataclass(frozen=True)
class Case:
    """One hostile input: how to break the repo and where the error must be reported.

    `at` is a line number or a piece of text whose (first) line is the expected one;
    `col` is checked when given; `says` is a piece of the expected message.
    """

    name: str
    breaker: Break
    code: str
    path: str
    at: int | str
    col: int | None = None
    says: str | None = None


CASES: list[Case] = [
    # E001 — unreadable, not UTF-8, over a size limit
    Case("non-utf8", put("fiches/latin1.md", LATIN1), "E001", "fiches/latin1.md", 9, 4, f"position {LATIN1.index(0xE9)}"),
    Case("oversize-file", put("fiches/gros.md", ENTRY + "x" * (2 * 1024 * 1024)), "E001", "fiches/gros.md", 1, 1, "2 Mio"),
    Case(
        "oversize-front-matter",
        put("fiches/entete.md", "---\n# " + "y" * (65 * 1024) + "\ntitle: x\n---\n"),
        "E001",
        "fiches/entete.md",
        2,
        1,
        "64 Kio",
    ),
    # E002 — front-matter missing, unterminated, not a mapping, YAML syntax error
    Case("no-front-matter", put("fiches/nu.md", "Juste du texte.\n"), "E002", "fiches/nu.md", 1, 1, "absent"),
    Case("unterminated", put("fiches/ouvert.md", "---\ntitle: Sans fin\n"), "E002", "fiches/ouvert.md", 1, 1, "non fermé"),
    Case(
        "yaml-syntax",
        change(FICHE, "kind: thematique", "kind: [thematique"),
        "E002",
        FICHE,
        "kind: [thematique",
        7,
        "crochet « [ » ouvert ici",
    ),
    Case(
        "yaml-colon",
        change(FICHE, "kind: thematique", "kind: thematique: outil"),
        "E002",
        FICHE,
        "kind: thematique: outil",
        17,
        "« : » inattendu",
    ),
    Case("front-matter-list", put("fiches/liste.md", "---\n- a\n- b\n---\n"), "E002", "fiches/liste.md", 2, 1),
    Case("front-matter-scalar", put("fiches/phrase.md", "---\nUne phrase\n---\n"), "E002", "fiches/phrase.md", 2, 1),
    Case(
        "deep-nesting",
        put("fiches/profond.md", "---\ntitle: " + "[" * 10_000 + "\n---\n"),
        "E002",
        "fiches/profond.md",
        2,
        None,
        "imbrication",
    ),
    Case(
        "deep-block-nesting",
        put("fiches/tirets.md", "---\ntitle: x\nthemes:\n  " + "- " * 10_000 + "x\n---\n"),
        "E002",
        "fiches/tirets.md",
        4,
        None,
        "imbrication",
    ),
    # E003 — anchors, aliases, tags, duplicate keys
    Case("anchor", change(FICHE, "themes: [", "themes: &t ["), "E003", FICHE, "themes: &t", 9, "&t"),
    Case(
        "alias", change(FICHE, "territories: [normandie]", "territories: [normandie]\nmethods: *t"), "E003", FICHE, "methods: *t", 10, "*t"
    ),
    Case("billion-laughs", put("fiches/rires.md", BILLION_LAUGHS), "E003", "fiches/rires.md", 2, 4),
    Case(
        "python-tag",
        change(FICHE, "kind: thematique", "kind: !!python/object/apply:os.system [touch pwned]"),
        "E003",
        FICHE,
        "kind:",
        7,
        "python/object/apply:os.system",
    ),
    Case("custom-tag", change(FICHE, "kind: thematique", "kind: !mine thematique"), "E003", FICHE, "kind:", 7, "!mine"),
    Case(
        "duplicate-key",
        change(FICHE, "kind: thematique", "kind: thematique\nkind: outil"),
        "E003",
        FICHE,
        "kind: outil",
        1,
        "« kind » en double",
    ),
    # E004 — file refused: type not published, Markdown extension other than .md, symbolic link
    Case("upper-case-md", put("fiches/brute.MD", ENTRY), "E004", "fiches/brute.MD", 1, 1, "« brute.md »"),
    Case("markdown-extension", put("content/page.markdown", "# Page\n"), "E004", "content/page.markdown", 1, 1, "« page.md »"),
    Case("mdown-beside-entry", put("fiches/notes.mdown", ENTRY), "E004", "fiches/notes.mdown", 1, 1, ".md"),
    Case("html-beside-entry", put("fiches/page.html", "<script>alert(1)</script>"), "E004", "fiches/page.html", 1, 1, "« .html »"),
    Case(
        "svg-in-content",
        put("content/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        "E004",
        "content/logo.svg",
        1,
        1,
        "SVG",
    ),
    Case("js-in-content", put("content/outil.js", "alert(1)"), "E004", "content/outil.js", 1, 1, "« .js »"),
    Case("js-beside-entry", put("grids/annexe.js", "alert(1)"), "E004", "grids/annexe.js", 1, 1),
    Case(
        "unlinked-attachment",
        put("fiches/methodes/trace.gif", b"GIF89a"),
        "E004",
        "fiches/methodes/trace.gif",
        1,
        1,
        "qu'aucune page ne cite",
    ),
    Case("symlink-to-environ", link("fiches/env.md", "/proc/self/environ"), "E004", "fiches/env.md", 1, 1, "lien symbolique"),
    Case(
        "symlink-to-outside-asset",
        link("content/recits/passwd.txt", "/etc/passwd"),
        "E004",
        "content/recits/passwd.txt",
        1,
        1,
        "lien symbolique",
    ),
    Case("symlink-loop", link("content/boucle", "."), "E004", "content/boucle", 1, 1, "lien symbolique"),
    Case("symlinked-vocabulary", link(METHODS, "/proc/self/environ"), "E004", METHODS, 1, 1, "lien symbolique"),
    # E101 — required field missing or empty
    Case("missing-title", change(FICHE, "title: Qu'est-ce qu'une initiative solidaire ?\n", ""), "E101", FICHE, 2, 1, "« title »"),
    Case("empty-title", change(FICHE, "title: Qu'est-ce qu'une initiative solidaire ?", 'title: ""'), "E101", FICHE, 2, 1, "« title »"),
    Case("blank-title", change(FICHE, "title: Qu'est-ce qu'une initiative solidaire ?", "title: '   '"), "E101", FICHE, 2, 1, "« title »"),
    Case(
        "empty-themes",
        change(FICHE, "themes: [economie-solidaire, cooperation]", "themes: []"),
        "E101",
        FICHE,
        "themes: []",
        9,
        "au moins 1",
    ),
    Case("monograph-without-actors", change(MONO, "actors: [ardes]\n", ""), "E101", MONO, 2, 1, "« actors »"),
    Case("video-without-media", change(STORY, "format: texte", "format: video"), "E101", STORY, "format: video", 9, "media"),
    # E102 — wrong type or value out of range
    Case(
        "authors-not-a-list",
        change(METHOD, "authors: [Équipe éditoriale]", "authors: Équipe éditoriale"),
        "E102",
        METHOD,
        "authors:",
        10,
        "une liste",
    ),
    Case("date-not-a-date", change(FICHE, "date: 2026-01-15", "date: 15 janvier 2026"), "E102", FICHE, "date:", 7, "AAAA-MM-JJ"),
    Case("impossible-date", change(FICHE, "date: 2026-01-15", "date: 2026-02-30"), "E102", FICHE, "date:", 7),
    Case(
        "participants-not-a-number",
        change(MONO, "participants: 12", "participants: douze"),
        "E102",
        MONO,
        "participants:",
        17,
        "nombre entier",
    ),
    Case("year-out-of-range", change(FICHE, "year: 2022", "year: 1850"), "E102", FICHE, "year:", 11, "1900"),
    Case("visit-end-before-start", change(MONO, "end: 2022-03-02", "end: 2022-02-27"), "E102", MONO, "end:", 8, "avant de commencer"),
    Case("participants-zero", change(MONO, "participants: 12", "participants: 0"), "E102", MONO, "participants:", 17, "au moins 1"),
    Case(
        "description-too-long",
        change(FICHE, "description: Les traits", "description: " + "très " * 60 + "Les traits"),
        "E102",
        FICHE,
        "description:",
        14,
        "trop long",
    ),
    Case(
        "http-media-for-video",
        change(STORY, "format: texte", "format: video\nmedia: http://exemple.org/v.mp4"),
        "E102",
        STORY,
        "media:",
        8,
        "https://",
    ),
    Case("updated-before-date", change(METHOD, "updated: 2026-03-01", "updated: 2025-03-01"), "E102", METHOD, "updated:", 10),
    Case("bad-kind", change(FICHE, "kind: thematique", "kind: thematiqe"), "E102", FICHE, "kind:", 7, "vouliez-vous dire « thematique »"),
    Case(
        "del-in-title",
        change(FICHE, "title: Qu'est-ce qu'une initiative solidaire ?", 'title: "Une initiative\\x7f solidaire"'),
        "E102",
        FICHE,
        "title:",
        8,
        "U+007F",
    ),
    Case(
        "c1-in-title",
        change(FICHE, "title: Qu'est-ce qu'une initiative solidaire ?", 'title: "Une initiative\\u0085 solidaire"'),
        "E102",
        FICHE,
        "title:",
        8,
        "U+0085",
    ),
    Case(
        "nul-in-author", change(FICHE, "  - Communauté", '  - "Ali\\0ce"\n  - Communauté'), "E102", FICHE, "Ali", 5, "U+0000 (caractère nul"
    ),
    Case("bidi-override-in-title", change(FICHE, "title: Qu'est-ce", "title: \u202eQu'est-ce"), "E102", FICHE, "title:", 8, "U+202E"),
    Case(
        "bidi-isolate-in-source",
        change(FICHE, "title: Rapport de", "title: Rapport \u2067caché\u2069 de"),
        "E102",
        FICHE,
        "Rapport",
        12,
        "U+2067",
    ),
    Case(
        "non-character-in-description",
        change(FICHE, "description: Les traits", "description: \ufdd0Les traits"),
        "E102",
        FICHE,
        "description:",
        14,
        "U+FDD0",
    ),
    Case(
        "newline-in-title",
        change(FICHE, "title: Qu'est-ce qu'une initiative solidaire ?", 'title: "Une initiative\\nsolidaire"'),
        "E102",
        FICHE,
        "title:",
        8,
        "saut de ligne",
    ),
    Case(
        "escape-in-key", change(FICHE, "kind: thematique", 'kind: thematique\n"\\e[2J\\e[31mrouge": x'), "E102", FICHE, "rouge", 1, "U+001B"
    ),
    Case("bidi-in-term-label", change(THEMES, "  label: Emploi", "  label: Emploi\u202e"), "E301", THEMES, "label: Emploi", 10, "U+202E"),
    Case(
        "number-too-long",
        put("fiches/numero.md", entry('number: "' + "9" * 5000 + '"\n')),
        "E102",
        "fiches/numero.md",
        "number:",
        9,
        "5 parties",
    ),
    Case(
        "number-full-width", put("fiches/pleine.md", entry('number: "２.１"\n')), "E102", "fiches/pleine.md", "number:", 9, "pleine chasse"
    ),
    Case(
        "semicolon-in-author",
        change(FICHE, "  - Communauté", "  - Alice; Bob\n  - Communauté"),
        "E102",
        FICHE,
        "Alice; Bob",
        5,
        "point-virgule",
    ),
    Case("page-template-key", put(HOME, "---\ntitle: Accueil\ntemplate: 404.html\n---\n# Accueil\n"), "E103", HOME, 3, 1, "« template »"),
    Case("page-nul-in-title", put(HOME, '---\ntitle: "Accueil\\0"\n---\n# Accueil\n'), "E102", HOME, 2, 8, "U+0000"),
    Case("nul-in-body", body("Texte\x00 caché"), "E102", FICHE, BODY_LINE, 6, "U+0000 (caractère nul"),
    Case("c1-in-body", body("Texte\x85 suite"), "E102", FICHE, BODY_LINE, 6, "U+0085"),
    Case("del-in-fenced-code", body("```\nx\x7f\n```"), "E102", FICHE, BODY_LINE + 1, 2, "U+007F"),
    Case("bidi-override-in-code-span", body("Voir `code \u202e` fin"), "E102", FICHE, BODY_LINE, 12, "U+202E"),
    Case("non-character-in-page-body", put(HOME, "# Accueil\n\nTexte \ufdd0\n"), "E102", HOME, 3, 7, "U+FDD0"),
    Case("page-unclosed-front-matter", put(HOME, "---\ntitle: Accueil\n# Accueil\n"), "E002", HOME, 1, 1, "non fermé"),
    # E103 — unknown field
    Case(
        "unknown-key",
        change(FICHE, "kind: thematique", "kind: thematique\nthemse: [emploi]"),
        "E103",
        FICHE,
        "themse:",
        1,
        "champ inconnu « themse » — vouliez-vous dire « themes » ?",
    ),
    Case(
        "unknown-nested-key",
        change(MONO, "participants: 12", "participants: 12\n  lieu: Colombelles"),
        "E103",
        MONO,
        "lieu:",
        3,
        "« lieu »",
    ),
    # E104 — unknown taxonomy term
    Case(
        "unknown-theme",
        change(FICHE, "cooperation]", "cooperaton]"),
        "E104",
        FICHE,
        "themes:",
        30,
        "thème inconnu « cooperaton » — vouliez-vous dire « cooperation » ?",
    ),
    Case(
        "unknown-territory",
        change(STORY, "territories: [plateau]", "territories: [plateaux]"),
        "E104",
        STORY,
        "territories:",
        15,
        "vouliez-vous dire « plateau »",
    ),
    # E105 — unknown, self or draft reference
    Case(
        "unknown-related",
        change(MONO, "related: [initiative-solidaire]", "related: [initiative-solidair]"),
        "E105",
        MONO,
        "related:",
        11,
        "vouliez-vous dire « initiative-solidaire »",
    ),
    Case(
        "self-reference",
        change(MONO, "related: [initiative-solidaire]", "related: [visite-colombelles]"),
        "E105",
        MONO,
        "related:",
        11,
        "elle-même",
    ),
    Case(
        "published-to-draft",
        change(MONO, "related: [initiative-solidaire]", "related: [brouillon]"),
        "E105",
        MONO,
        "related:",
        11,
        "brouillon",
    ),
    Case(
        "unknown-wiki-link",
        body("Voir aussi [[initiative-solidaires]]."),
        "E105",
        FICHE,
        "[[initiative-solidaires]]",
        12,
        "lien « initiative-solidaires »",
    ),
    Case("wiki-link-to-draft", body("Voir aussi [[brouillon|le brouillon]]."), "E105", FICHE, "[[brouillon|", 12, "draft: true"),
    Case(
        "unknown-grid",
        change(MONO, "grid: grille-commune", "grid: grille-comune"),
        "E105",
        MONO,
        "grid:",
        7,
        "vouliez-vous dire « grille-commune »",
    ),
    Case(
        "dimension-not-in-grid",
        change(MONO, "  cooperation: Les acteurs", "  gouvernence: Les acteurs"),
        "E105",
        MONO,
        "gouvernence:",
        3,
        "vouliez-vous dire « gouvernance »",
    ),
    Case(
        "missing-relative-page",
        body("Voir [la monographie](../monographies/absente.md)."),
        "E105",
        FICHE,
        "[la monographie]",
        23,
        "absent (monographies/absente.md)",
    ),
    Case("missing-relative-image", body("![Carte](images/carte.png)"), "E105", FICHE, "![Carte]", 10, "absent"),
    Case("relative-link-to-draft", body("[Le brouillon](brouillon.md)"), "E105", FICHE, "[Le brouillon]", 16, "brouillon"),
    Case(
        "missing-raw-html-image",
        body('<img alt="" src="absente.png">'),
        "E105",
        FICHE,
        "<img",
        18,
        "absent (fiches/initiative-solidaire/absente.png)",
    ),
    Case("raw-html-link-to-folder", body('<a href="../x/">x</a>'), "E105", FICHE, '<a href="../x/">', 10, "absent (fiches/x/)"),
    Case("relative-link-out-of-site", body("[env](../../../../proc/self/environ.txt)"), "E105", FICHE, "[env]", 7, "hors du site"),
    # E106 — invalid id (file name or term id)
    Case(
        "bad-file-name",
        put("fiches/Économie Solidaire.md", ENTRY),
        "E106",
        "fiches/Économie Solidaire.md",
        1,
        1,
        "« economie-solidaire.md »",
    ),
    Case("bad-term-id", change(THEMES, "- id: emploi", "- id: Emploi_Local"), "E106", THEMES, "Emploi_Local", 7, "« emploi-local »"),
    Case("bad-dimension-id", change(GRID, "- id: gouvernance", "- id: Gouvernance"), "E106", GRID, "- id: Gouvernance", 9),
    Case(
        "quote-in-page-name",
        put('content/a"onmouseover="alert(1).md', "# Page\n"),
        "E106",
        'content/a"onmouseover="alert(1).md',
        1,
        1,
        '« " »',
    ),
    Case("quote-in-asset-name", put("fiches/x'><img src=x>.png", b"png"), "E106", "fiches/x'><img src=x>.png", 1, 1, "« ' »"),
    Case("escape-in-folder-name", put("content/\x1b[31m/page.md", "# Page\n"), "E106", "content/\x1b[31m/page.md", 1, 1, "U+001B"),
    # E107 — duplicate id
    Case(
        "id-in-two-collections",
        put("monographies/initiative-solidaire.md", ENTRY),
        "E107",
        "monographies/initiative-solidaire.md",
        1,
        1,
        FICHE,
    ),
    Case("duplicate-term", change(THEMES, "- id: cooperation", "- id: emploi"), "E107", THEMES, 6, 7, "déjà défini ligne 4"),
    Case(
        "duplicate-number",
        put("fiches/aa-autre.md", entry('number: "2.1"\n').replace("2026-01-01", "2026-06-01")),
        "E107",
        "fiches/aa-autre.md",
        "number:",
        9,
        FICHE,
    ),
    # E108 — licence refused
    Case(
        "non-commercial-licence",
        change(FICHE, "kind: thematique", "kind: thematique\nlicence: CC-BY-NC-4.0"),
        "E108",
        FICHE,
        "licence:",
        10,
        "n'est pas libre",
    ),
    Case(
        "all-rights-reserved",
        change(FICHE, "kind: thematique", "kind: thematique\nlicence: Tous droits réservés"),
        "E108",
        FICHE,
        "licence:",
        10,
    ),
    # E109 — id or path reserved for a page mesbox or the theme writes
    Case("entry-id-index", put("fiches/index.md", ENTRY), "E109", "fiches/index.md", 1, 1, "« index » réservé"),
    Case(
        "grid-id-analyse",
        put("grids/grille-commune/analyse.md", ENTRY),
        "E109",
        "grids/grille-commune/analyse.md",
        1,
        1,
        "« analyse » réservé",
    ),
    Case(
        "term-id-index", change(METHODS, "- id: seminaire-reflexif", "- id: index"), "E109", METHODS, "- id: index", 7, "/methodes/index/"
    ),
    Case("page-at-taxonomy-url", put("content/themes.md", "# Mes thèmes\n"), "E109", "content/themes.md", 1, 1, "/themes/"),
    Case("page-in-collection-url", put("content/fiches/autre.md", "# Autre\n"), "E109", "content/fiches/autre.md", 1, 1, "« fiches/ »"),
    Case(
        "file-over-data-export",
        put("content/donnees/catalogue.csv", "id\nfaux\n"),
        "E109",
        "content/donnees/catalogue.csv",
        1,
        1,
        "« donnees/ »",
    ),
    Case(
        "file-over-theme-bundle",
        put("content/assets/javascripts/bundle.f1c4.min.js", "alert(1)"),
        "E109",
        "content/assets/javascripts/bundle.f1c4.min.js",
        1,
        1,
        "thème",
    ),
    # E201 — unsafe HTML or URL in a body
    Case("script", body("<script>alert(1)</script>"), "E201", FICHE, "<script>", 1, "<script>"),
    Case("iframe", body('<iframe src="https://exemple.org/video"></iframe>'), "E201", FICHE, "<iframe", 1, "<iframe>"),
    Case("onclick", body('Texte <span onclick="alert(1)">clic</span>'), "E201", FICHE, "onclick", 13, "onclick"),
    Case("javascript-link", body("[clic](javascript:alert(1))"), "E201", FICHE, "[clic]", None, "javascript:"),
    Case("data-html-img", body('<img src="data:text/html,<b>x</b>">'), "E201", FICHE, "<img", 6, "data:"),
    Case("refdef-in-quote", body("> [clic][r]\n>\n> [r]:\n> javascript:alert(1)"), "E201", FICHE, "> javascript:", 3, "javascript:"),
    Case("attr-list-handler", body("[lien](https://exemple.org){ onclick=alert(1) }"), "E201", FICHE, "{ onclick", 30, "onclick"),
    Case(
        "svg-animate", body('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>'), "E201", FICHE, "<svg>", 1, "<svg>"
    ),
    # E202 — body the Markdown engine would recurse on or convert in super-linear time; mesbox's placeholders
    Case("many-open-brackets", body("Voir " + "[" * 50_000), "E202", FICHE, "Voir [[[", 14, "crochets"),
    Case("nested-lists", body("".join("    " * i + "- x\n" for i in range(300))), "E202", FICHE, "    " * 17 + "- x", 1, "trop imbriquée"),
    Case(
        "nested-admonitions",
        body("".join("    " * i + "!!! note\n\n" for i in range(300))),
        "E202",
        FICHE,
        "    " * 17 + "!!! note",
        1,
        "trop imbriquée",
    ),
    Case("nested-quotes", body("> " * 400 + "x"), "E202", FICHE, "> > > >", 1, "citations"),
    Case("nested-emphasis", body("*" * 3000 + "a" + "*" * 3000), "E202", FICHE, "****", 1, "« * »"),
    Case(
        "nested-md-in-html", body('<div markdown="1">\n' * 300 + "x\n" + "</div>\n" * 300), "E202", FICHE, BODY_LINE + 8, 1, "« markdown »"
    ),
    Case("unclosed-tags", body("<a" * 20_000), "E202", FICHE, "<a<a<a", 1, "« < »"),
    Case("autolink-run", body("<http://" * 10_000), "E202", FICHE, "<http://<http://", 1, "« < »"),
    Case("definition-run", body("a\n: " * 2_000), "E202", FICHE, BODY_LINE + 257, 1, "définitions"),
    Case("huge-paragraph", body("mot " * 40_000), "E202", FICHE, "mot mot mot", 1, "Kio"),
    Case("placeholder-comment", body("Texte <!--mesbox:blocks:0--> fin"), "E202", FICHE, "<!--mesbox", 7, "réservé"),
    Case("placeholder-in-page", put(HOME, "# Accueil\n\n<!--mesbox:block:99-->\n"), "E202", HOME, 3, 1, "réservé"),
    Case("third-party-image", body("![](https://tracker.exemple/pixel.gif)"), "E201", FICHE, "![](https", 5, "autre site"),
    Case("third-party-image-html", body('<img alt="" src="https://tracker.exemple/p.gif">'), "E201", FICHE, "<img", 1, "autre site"),
    Case(
        "third-party-image-srcset",
        body('<picture><source srcset="/a.png 1x, //tracker.exemple/p.gif 2x"></picture>'),
        "E201",
        FICHE,
        "<picture>",
        10,
        "autre site",
    ),
    Case(
        "third-party-image-reference", body("![pixel][p]\n\n[p]: https://tracker.exemple/p.gif"), "E201", FICHE, "![pixel]", 1, "autre site"
    ),
    Case(
        "third-party-image-in-link",
        body("[![x](http://tracker.exemple/p.gif)](https://exemple.org)"),
        "E201",
        FICHE,
        "[![x]",
        7,
        "autre site",
    ),
    # E301 — taxonomy file invalid
    Case("taxonomy-not-list", put(THEMES, "emploi: Emploi\n"), "E301", THEMES, 1, 1, "liste de termes"),
    Case("term-label-missing", change(THEMES, "  label: Emploi\n", ""), "E301", THEMES, "- id: emploi", 3, "« label »"),
    Case("bad-insee", change(TERRITORIES, 'insee: "14167"', 'insee: "1416"'), "E301", TERRITORIES, 'insee: "1416"', 10, "1416"),
    Case(
        "unknown-parent",
        change(TERRITORIES, "parent: colombelles", "parent: colombele"),
        "E301",
        TERRITORIES,
        "parent: colombele",
        11,
        "vouliez-vous dire « colombelles »",
    ),
    Case(
        "parent-cycle",
        change(TERRITORIES, '  insee: "28"\n', '  insee: "28"\n  parent: colombelles\n'),
        "E301",
        TERRITORIES,
        "parent: colombelles",
        11,
        "boucle",
    ),
    Case("commune-without-point", change(TERRITORIES, "  lat: 49.1829\n  lon: -0.3707\n", ""), "E301", TERRITORIES, "- id: caen", 3, "lat"),
    Case(
        "point-outside-france",
        change(TERRITORIES, "lat: 49.1829\n  lon: -0.3707", "lat: -0.3707\n  lon: 49.1829"),
        "E301",
        TERRITORIES,
        "lat: -0.3707",
        8,
        "inversées",
    ),
    Case("actor-bad-kind", change(ACTORS, "kind: structure", "kind: association"), "E301", ACTORS, "kind: association", 9),
    Case("taxonomy-yaml-alias", change(ACTORS, "region: normandie", "region: &r normandie"), "E301", ACTORS, "region:", 11),
]


def where(root: Path, case: Case) -> int:
    return case.at if isinstance(case.at, int) else line_of(root, case.path, case.at)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case_is_reported_with_code_file_and_line(valid_repo: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    """The broken file is named with the right code at the right line (and column); the CLI exits 1 with a JSON report."""
    case.breaker(valid_repo)
    started = time.perf_counter()
    issues = check(valid_repo).issues
    assert time.perf_counter() - started < 5
    line = where(valid_repo, case)
    matching = [i for i in issues if (i.code, i.path, i.line) == (case.code, case.path, line)]
    assert matching, [str(i) for i in issues]
    if case.col is not None:
        assert case.col in [i.col for i in matching], [str(i) for i in matching]
    if case.says is not None:
        assert any(case.says in i.message for i in matching), [i.message for i in matching]
    assert main(["check", str(valid_repo), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {"file": case.path, "line": line, "code": case.code} in [{k: e[k] for k in ("file", "line", "code")} for e in report["errors"]]


def test_every_contract_code_is_covered() -> None:
    """The table of §8 and this suite agree: no code without a hostile case."""
    assert {case.code for case in CASES} == set(CODES)


@pytest.mark.parametrize(
    "name", ["python-tag", "billion-laughs", "deep-nesting", "non-utf8", "oversize-file", "taxonomy-not-list", "script"]
)
def test_cli_subprocess_exits_1_without_traceback(valid_repo: Path, name: str) -> None:
    """The real command on the nastiest inputs: exit 1, a report, no traceback, nothing executed."""
    next(c for c in CASES if c.name == name).breaker(valid_repo)
    done = subprocess.run(
        [sys.executable, "-m", "mesbox", "check", str(valid_repo)], capture_output=True, text=True, timeout=60, cwd=valid_repo, check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert " E0" in done.stdout or " E2" in done.stdout or " E3" in done.stdout
    assert not (valid_repo / "pwned").exists()


def test_deep_indentation_in_a_taxonomy_does_not_crash(valid_repo: Path) -> None:
    """A vocabulary may be 2 MiB: 1 200 levels of indentation-only nesting must be an E301, not a RecursionError."""
    write(valid_repo, THEMES, "".join(" " * i + f"k{i}:\n" for i in range(1200)) + " " * 1200 + "x\n")
    issues = check(valid_repo).issues
    assert ("E301", THEMES) in [(i.code, i.path) for i in issues]


def test_python_tag_executes_nothing(valid_repo: Path) -> None:
    """`!!python/object/apply:os.system` is refused before construction: the command never runs."""
    replace(valid_repo, FICHE, "kind: thematique", f"kind: !!python/object/apply:os.system ['touch {valid_repo / 'pwned'}']")
    assert "E003" in {i.code for i in check(valid_repo).issues}
    assert not (valid_repo / "pwned").exists()


def test_billion_laughs_does_not_expand(valid_repo: Path) -> None:
    """Nine aliases per level over nine levels: reported fast, each anchor and alias named, never expanded."""
    write(valid_repo, "fiches/rires.md", BILLION_LAUGHS)
    started = time.perf_counter()
    issues = [i for i in check(valid_repo).issues if i.path == "fiches/rires.md"]
    assert time.perf_counter() - started < 2
    assert len([i for i in issues if i.code == "E003"]) == 9 + 8 * 9


def test_data_image_is_refused_too(valid_repo: Path) -> None:
    """The sanitiser keeps https, http, mailto and relative URLs only: a data: image would vanish, so it is reported."""
    body('<img alt="Un pixel" src="data:image/png;base64,iVBORw0KGgo=">')(valid_repo)
    assert [code for code, _, _ in found(valid_repo)] == ["E201"]


def test_non_utf8_names_the_first_bad_byte(valid_repo: Path) -> None:
    """A whole file saved as Latin-1: the first accented letter (« É » of line 4) is the one reported."""
    data = ENTRY.replace("Corps.", "Café").encode("latin-1")
    write(valid_repo, "fiches/latin1.md", data)
    (issue,) = check(valid_repo).issues
    assert (issue.code, issue.line, issue.col) == ("E001", 4, 11)
    assert f"position {data.index(0xC9)}" in issue.message


@pytest.mark.parametrize("rel", list(VALID_FILES))
def test_bom_and_crlf_are_accepted(valid_repo: Path, rel: str) -> None:
    """Each file of the valid repository, saved with a BOM and CRLF line endings, is still valid."""
    path = valid_repo / rel
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert found(valid_repo) == []


def test_bom_and_crlf_keep_error_positions(valid_repo: Path) -> None:
    """Positions in a CRLF file are the ones an editor shows."""
    replace(valid_repo, FICHE, "cooperation]", "cooperaton]")
    lf = [(i.code, i.line, i.col) for i in check(valid_repo).issues]
    path = valid_repo / FICHE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert [(i.code, i.line, i.col) for i in check(valid_repo).issues] == lf == [("E104", 9, 30)]


COMPATIBLE = [
    "non-utf8",
    "oversize-front-matter",
    "no-front-matter",
    "front-matter-list",
    "deep-nesting",
    "billion-laughs",
    "python-tag",
    "script",
    "video-without-media",
    "visit-end-before-start",
    "monograph-without-actors",
    "unknown-related",
    "bad-file-name",
    "duplicate-term",
    "bad-insee",
    "actor-bad-kind",
    "dimension-not-in-grid",
    "unknown-territory",
]


def test_many_errors_in_many_files_in_one_run_sorted(valid_repo: Path) -> None:
    """A check reports every error in one run, never only the first (several per file too), sorted by file then line."""
    chosen = [c for c in CASES if c.name in COMPATIBLE]
    assert len({c.path for c in chosen}) >= 12
    for case in chosen:
        case.breaker(valid_repo)
    issues = check(valid_repo).issues
    found = {(i.code, i.path, i.line) for i in issues}
    for case in chosen:
        assert (case.code, case.path, where(valid_repo, case)) in found, case.name
    assert [(i.path, i.line, i.col) for i in issues] == sorted((i.path, i.line, i.col) for i in issues)
    assert issues == sorted(issues)


def test_parallel_check_reports_exactly_what_a_serial_one_does(valid_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files shared between forked processes (even hostile ones) give the same issues, in the same order."""
    for case in CASES:
        if case.name in COMPATIBLE:
            case.breaker(valid_repo)
    serial = check(valid_repo, jobs=1)
    monkeypatch.setattr(workers, "MIN_ITEMS_PER_JOB", 1)
    assert workers.job_count(3, 6) == 3
    parallel = check(valid_repo, jobs=3)
    issues_only = check(valid_repo, jobs=3, catalogue=False)
    assert len(serial.issues) >= 18
    assert parallel.issues == serial.issues == issues_only.issues
    assert parallel.files == serial.files == issues_only.files
    assert list(parallel.catalogue.entries) == list(serial.catalogue.entries)
    assert parallel.catalogue.entries and not issues_only.catalogue.entries
