"""Hostile and broken input: every error code of the contract, with its file and line, in one run, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ENTRY, found, replace, write

from mesbox.checker import check

FICHE = "fiches/initiative-solidaire.md"
METHOD = "fiches/methodes/seminaire.md"
MONO = "monographies/visite-colombelles.md"
STORY = "content/recits/recit-colombelles.md"
GRID = "grids/grille-test.md"
TERRITORIES = "taxonomies/territories.yml"

Break = Callable[[Path], None]


def put(rel: str, text: str | bytes) -> Break:
    return lambda root: write(root, rel, text) and None


def change(rel: str, old: str, new: str) -> Break:
    return lambda root: replace(root, rel, old, new)


def entry_with(extra: str = "", body: str = "Corps.\n", drop: str = "") -> str:
    head = ENTRY.replace(drop, "") if drop else ENTRY
    return head.replace("---\nCorps.\n", extra + "---\n" + body)


BILLION_LAUGHS = "---\n" + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
) + "---\n"

# (name, how to break the fixture, expected code, file, line)
CASES: list[tuple[str, Break, str, str, int]] = [
    ("non-utf8", put("fiches/latin1.md", ENTRY.replace("Corps.", "Caf\xe9").encode("latin-1")), "E001", "fiches/latin1.md", 4),
    ("oversize-file", put("fiches/gros.md", ENTRY + "x" * (2 * 1024 * 1024)), "E001", "fiches/gros.md", 1),
    ("oversize-front-matter", put("fiches/entete.md", "---\n" + "# " + "y" * (65 * 1024) + "\ntitle: x\n---\n"), "E001", "fiches/entete.md", 2),
    ("no-front-matter", put("fiches/nu.md", "Juste du texte.\n"), "E002", "fiches/nu.md", 1),
    ("unterminated", put("fiches/ouvert.md", "---\ntitle: Sans fin\n"), "E002", "fiches/ouvert.md", 1),
    ("yaml-syntax", change(FICHE, "kind: thematique", "kind: [thematique"), "E002", FICHE, 7),
    ("front-matter-list", put("fiches/liste.md", "---\n- a\n- b\n---\n"), "E002", "fiches/liste.md", 2),
    ("deep-nesting", put("fiches/profond.md", "---\ntitle: " + "[" * 10000 + "\n---\n"), "E002", "fiches/profond.md", 2),
    ("deep-block-nesting", put("fiches/tirets.md", "---\ntitle: x\nthemes:\n  " + "- " * 10000 + "x\n---\n"), "E002", "fiches/tirets.md", 4),
    ("anchor-alias", change(FICHE, "themes: [economie-solidaire, cooperation]", "themes: &t [economie-solidaire, cooperation]\nmethods: *t"), "E003", FICHE, 8),
    ("billion-laughs", put("fiches/rires.md", BILLION_LAUGHS), "E003", "fiches/rires.md", 2),
    ("python-tag", change(FICHE, "kind: thematique", "kind: !!python/object/apply:os.system [touch pwned]"), "E003", FICHE, 6),
    ("custom-tag", change(FICHE, "kind: thematique", "kind: !mine thematique"), "E003", FICHE, 6),
    ("duplicate-key", change(FICHE, "kind: thematique", "kind: thematique\nkind: outil"), "E003", FICHE, 7),
    ("missing-title", change(FICHE, "title: Qu'est-ce qu'une initiative solidaire ?\n", ""), "E101", FICHE, 2),
    ("empty-title", change(FICHE, "title: Qu'est-ce qu'une initiative solidaire ?", "title: '   '"), "E101", FICHE, 2),
    ("empty-themes", change(FICHE, "themes: [economie-solidaire, cooperation]", "themes: []"), "E101", FICHE, 8),
    ("video-without-media", change(STORY, "format: texte", "format: video"), "E101", STORY, 6),
    ("wrong-type", change(FICHE, "authors: [Équipe de test]", "authors: Équipe de test"), "E102", FICHE, 4),
    ("bad-date", change(FICHE, "date: 2026-01-15", "date: 2026-02-30"), "E102", FICHE, 5),
    ("updated-before-date", change(METHOD, "updated: 2026-03-01", "updated: 2025-03-01"), "E102", METHOD, 6),
    ("year-out-of-range", change(FICHE, "    year: 2022", "    year: 1850"), "E102", FICHE, 13),
    ("visit-end-before-start", change(MONO, "initiative:", "visit: {start: 2022-03-02, end: 2022-03-01, participants: 12}\ninitiative:"), "E102", MONO, 10),
    ("participants-zero", change(MONO, "initiative:", "visit:\n  start: 2022-03-01\n  end: 2022-03-02\n  participants: 0\ninitiative:"), "E102", MONO, 13),
    ("description-too-long", change(FICHE, "description: Une fiche", "description: " + "très " * 70 + "Une fiche"), "E102", FICHE, 3),
    ("http-media", change(STORY, "format: texte", "format: video\nmedia: http://exemple.org/v.mp4"), "E102", STORY, 7),
    ("unknown-key", change(FICHE, "kind: thematique", "kind: thematique\nthemse: [emploi]"), "E103", FICHE, 7),
    ("unknown-theme", change(FICHE, "themes: [economie-solidaire, cooperation]", "themes: [economie-solidaire, cooperaton]"), "E104", FICHE, 8),
    ("unknown-related", change(MONO, "related: [initiative-solidaire]", "related: [initiative-solidair]"), "E105", MONO, 15),
    ("self-reference", change(MONO, "related: [initiative-solidaire]", "related: [visite-colombelles]"), "E105", MONO, 15),
    ("published-to-draft", change(MONO, "related: [initiative-solidaire]", "related: [brouillon]"), "E105", MONO, 15),
    ("unknown-wiki-link", change(MONO, "La visite a montré", "Une ligne.\n\nVoir [[inconnue]]. La visite a montré"), "E105", MONO, 19),
    ("unknown-grid", change(MONO, "grid: grille-test", "grid: grille-autre"), "E105", MONO, 11),
    ("unknown-dimension", change(MONO, "  cooperation: Les acteurs", "  coopération: Les acteurs"), "E105", MONO, 14),
    ("bad-file-name", put("fiches/Économie Solidaire.md", ENTRY), "E106", "fiches/Économie Solidaire.md", 1),
    ("bad-term-id", change("taxonomies/themes.yml", "- id: emploi", "- id: Emploi_Local"), "E106", "taxonomies/themes.yml", 4),
    ("id-in-two-collections", put("monographies/seminaire.md", ENTRY), "E107", "monographies/seminaire.md", 1),
    ("duplicate-term", change("taxonomies/methods.yml", "- id: seminaire-reflexif", "- id: visite-apprenante"), "E107", "taxonomies/methods.yml", 3),
    ("duplicate-number", put("fiches/zz-autre.md", entry_with('number: "2.1"\n')), "E107", "fiches/zz-autre.md", 8),
    ("non-commercial-licence", change(FICHE, "kind: thematique", "kind: thematique\nlicence: CC-BY-NC-4.0"), "E108", FICHE, 7),
    ("script", change(FICHE, "Une initiative solidaire part", "<script>alert(1)</script>\nUne initiative solidaire part"), "E201", FICHE, 15),
    ("iframe", change(FICHE, "Une initiative solidaire part", "<iframe src=\"https://exemple.org\"></iframe>\nUne initiative solidaire part"), "E201", FICHE, 15),
    ("onclick", change(FICHE, "Une initiative solidaire part", "<span onclick=\"x()\">clic</span>\nUne initiative solidaire part"), "E201", FICHE, 15),
    ("javascript-link", change(FICHE, "Une initiative solidaire part", "[clic](javascript:alert(1))\nUne initiative solidaire part"), "E201", FICHE, 15),
    ("data-html-img", change(FICHE, "Une initiative solidaire part", "<img src=\"data:text/html,<b>x</b>\">\nUne initiative solidaire part"), "E201", FICHE, 15),
    ("taxonomy-not-list", put("taxonomies/themes.yml", "emploi: Emploi\n"), "E301", "taxonomies/themes.yml", 1),
    ("bad-insee", change(TERRITORIES, 'insee: "14167"', 'insee: "1416"'), "E301", TERRITORIES, 13),
    ("unknown-parent", change(TERRITORIES, "parent: calvados", "parent: calvado"), "E301", TERRITORIES, 14),
    ("parent-cycle", change(TERRITORIES, "  insee: \"28\"", "  insee: \"28\"\n  parent: colombelles"), "E301", TERRITORIES, 5),
    ("commune-without-point", change(TERRITORIES, "  lat: 49.2014\n  lon: -0.2975\n", ""), "E301", TERRITORIES, 10),
]


@pytest.mark.parametrize(("name", "breaker", "code", "path", "line"), CASES, ids=[c[0] for c in CASES])
def test_hostile_case_is_reported_with_code_file_and_line(repo: Path, name: str, breaker: Break, code: str, path: str, line: int) -> None:
    breaker(repo)
    issues = found(repo)
    assert (code, path, line) in issues, issues


def test_every_contract_code_is_covered() -> None:
    from mesbox.issues import CODES

    assert {case[2] for case in CASES} == set(CODES)


def test_unknown_key_and_term_suggest_the_closest(repo: Path) -> None:
    replace(repo, FICHE, "themes: [economie-solidaire, cooperation]", "themse: [emploi]\nthemes: [economie-solidaire, cooperaton]")
    messages = [str(i) for i in check(repo).issues]
    assert any("E103 champ inconnu « themse » — vouliez-vous dire « themes » ?" in m for m in messages)
    assert "fiches/initiative-solidaire.md:9:30: E104 thème inconnu « cooperaton » — vouliez-vous dire « cooperation » ?" in messages


def test_bad_file_name_proposes_a_slug(repo: Path) -> None:
    write(repo, "fiches/Économie Solidaire.md", ENTRY)
    assert any("« economie-solidaire.md »" in i.message for i in check(repo).issues)


def test_non_utf8_reports_the_byte_offset(repo: Path) -> None:
    data = ENTRY.replace("Corps.", "Caf\xe9").encode("latin-1")
    write(repo, "fiches/latin1.md", data)
    issue = next(i for i in check(repo).issues if i.code == "E001")
    first_bad = next(index for index, byte in enumerate(data) if byte > 127)
    assert f"position {first_bad}" in issue.message


def test_data_image_in_img_is_allowed(repo: Path) -> None:
    replace(repo, FICHE, "Une initiative solidaire part", '<img alt="" src="data:image/png;base64,iVBORw0KGgo=">\nUne initiative solidaire part')
    assert found(repo) == []


def test_bom_and_crlf_are_accepted(repo: Path) -> None:
    path = repo / FICHE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert found(repo) == []


def test_all_errors_of_all_files_in_one_run_sorted(repo: Path) -> None:
    replace(repo, FICHE, "kind: thematique", "kind: autre\nthemse: []")
    replace(repo, MONO, "related: [initiative-solidaire]", "related: [nulle-part]")
    replace(repo, "taxonomies/themes.yml", "- id: emploi", "- id: Emploi")
    write(repo, "fiches/vide.md", "---\n---\n")
    issues = check(repo).issues
    assert {i.path for i in issues} >= {FICHE, MONO, "taxonomies/themes.yml", "fiches/vide.md"}
    assert issues == sorted(issues)
    assert len([i for i in issues if i.path == "fiches/vide.md" and i.code == "E101"]) >= 5


@pytest.mark.parametrize("name", ["python-tag", "billion-laughs", "deep-nesting", "non-utf8"])
def test_cli_exits_1_without_traceback(repo: Path, name: str) -> None:
    breaker = next(case[1] for case in CASES if case[0] == name)
    breaker(repo)
    done = subprocess.run([sys.executable, "-m", "mesbox", "check", str(repo)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert not (repo / "pwned").exists()
