"""Cross-entry rules (docs/contrat.md §2, §5): unique ids, known terms, resolvable references, fiche numbers, territory parents."""

from __future__ import annotations

from pathlib import Path

from conftest import ACTORS, DRAFT, ENTRY, FICHE, GRID, HOME, METHOD, MONO, STORY, TERRITORIES, THEMES, line_of, replace, write

from mesbox.checking.checker import check


def issues(root: Path) -> list[tuple[str, str, int, int, str]]:
    return [(i.code, i.path, i.line, i.col, i.message) for i in check(root).issues]


def only(root: Path) -> tuple[str, str, int, int, str]:
    """The single issue of a check (each test breaks exactly one thing)."""
    found = issues(root)
    assert len(found) == 1, found
    return found[0]


def test_same_id_in_two_collections_is_e107_on_the_second(valid_repo: Path) -> None:
    """Ids are unique across all collections so that a reference is just an id."""
    write(valid_repo, "monographies/initiative-solidaire.md", ENTRY)
    _, path, line, col, message = next(i for i in issues(valid_repo) if i[0] == "E107")
    assert (path, line, col) == ("monographies/initiative-solidaire.md", 1, 1)
    assert FICHE in message


def test_same_id_is_reported_even_when_one_file_has_a_yaml_error(valid_repo: Path) -> None:
    """Every error in one run (§8): a YAML error in one file must not hide that another file reuses its id."""
    replace(valid_repo, FICHE, "kind: thematique", "kind: !mine thematique")
    write(valid_repo, "monographies/initiative-solidaire.md", ENTRY)
    found = [(c, p) for c, p, *_ in issues(valid_repo)]
    assert ("E003", FICHE) in found
    assert ("E107", "monographies/initiative-solidaire.md") in found or ("E107", FICHE) in found, found


def test_same_id_in_a_sub_folder_is_a_duplicate(valid_repo: Path) -> None:
    """Sub-folders do not change the id: two `organiser-une-visite.md` clash (files are read in sorted path order)."""
    write(valid_repo, "fiches/autres/organiser-une-visite.md", ENTRY)
    code, path, line, col, message = only(valid_repo)
    assert (code, path, line, col) == ("E107", METHOD, 1, 1)
    assert "fiches/autres/organiser-une-visite.md" in message


def test_unknown_term_in_each_vocabulary_is_e104_with_a_hint(valid_repo: Path) -> None:
    replace(valid_repo, MONO, "themes: [cooperation, emploi]", "themes: [cooperaton, emploi]")
    replace(valid_repo, MONO, "methods: [visite-apprenante]", "methods: [visite-apprenant]")
    replace(valid_repo, MONO, "territories: [colombelles]", "territories: [colombelle]")
    replace(valid_repo, MONO, "actors: [ardes]", "actors: [arde]")
    found = [(c, line, col, m) for c, p, line, col, m in issues(valid_repo)]
    assert found == [
        ("E104", 6, 10, "thème inconnu « cooperaton » — vouliez-vous dire « cooperation » ?"),
        ("E104", 7, 11, "méthode inconnue « visite-apprenant » — vouliez-vous dire « visite-apprenante » ?"),
        ("E104", 8, 15, "territoire inconnu « colombelle » — vouliez-vous dire « colombelles » ?"),
        ("E104", 9, 10, "acteur inconnu « arde » — vouliez-vous dire « ardes » ?"),
    ]


def test_unknown_term_far_from_any_names_the_vocabulary(valid_repo: Path) -> None:
    replace(valid_repo, STORY, "themes: [emploi]", "themes: [zzzz]")
    assert "taxonomies/themes.yml" in only(valid_repo)[4]


def test_a_term_defined_in_an_invalid_way_is_unknown_to_entries(valid_repo: Path) -> None:
    """A term whose definition is refused does not exist: the entries using it are told too."""
    replace(valid_repo, THEMES, "- id: emploi", "- id: Emploi")
    codes = {(c, p) for c, p, *_ in issues(valid_repo)}
    assert ("E106", THEMES) in codes
    assert ("E104", STORY) in codes


def test_related_unknown_self_and_draft_are_e105(valid_repo: Path) -> None:
    """Each bad `related` item is reported at the item, with its own reason."""
    replace(valid_repo, MONO, "related: [initiative-solidaire]", "related: [initiative-solidair, visite-colombelles, brouillon]")
    line = line_of(valid_repo, MONO, "related:")
    found = [(c, ln, col, m) for c, p, ln, col, m in issues(valid_repo)]
    assert [(c, ln, col) for c, ln, col, _ in found] == [("E105", line, 11), ("E105", line, 32), ("E105", line, 52)]
    assert "vouliez-vous dire « initiative-solidaire »" in found[0][3]
    assert "elle-même" in found[1][3]
    assert "brouillon" in found[2][3] and DRAFT in found[2][3]


def test_a_draft_may_reference_a_draft(valid_repo: Path) -> None:
    """Drafts are not published: a draft pointing at another draft breaks no link."""
    write(valid_repo, "fiches/brouillon-deux.md", ENTRY.replace("kind: outil", "kind: outil\ndraft: true\nrelated: [brouillon]"))
    assert issues(valid_repo) == []


def test_unknown_wiki_link_is_e105_at_its_body_line(valid_repo: Path) -> None:
    replace(valid_repo, STORY, "Voir [[visite-colombelles]].", "Voir [[visite-colombelles]].\n\nEt [[visite-colombele|la visite]].")
    code, path, line, col, message = only(valid_repo)
    assert (code, path, line, col) == ("E105", STORY, line_of(valid_repo, STORY, "[[visite-colombele|"), 4)  # "Et [[…"
    assert "vouliez-vous dire « visite-colombelles »" in message


def test_wiki_link_to_itself_or_to_a_draft_is_e105(valid_repo: Path) -> None:
    replace(valid_repo, STORY, "Voir [[visite-colombelles]].", "Voir [[recit-plateau]] et [[brouillon]].")
    line = line_of(valid_repo, STORY, "[[recit-plateau]]")
    text = (valid_repo / STORY).read_text(encoding="utf-8").split("\n")[line - 1]
    expected = [("E105", line, text.index("[[recit-plateau]]") + 1), ("E105", line, text.index("[[brouillon]]") + 1)]
    assert [(c, ln, col) for c, p, ln, col, _ in issues(valid_repo)] == expected


def test_editorial_page_links_must_resolve_to_published_entries(valid_repo: Path) -> None:
    replace(valid_repo, HOME, "[[initiative-solidaire]]", "[[initiative-solidaire]], [[brouillon]] et [[absente]]")
    found = [(c, p, ln) for c, p, ln, *_ in issues(valid_repo)]
    assert found == [("E105", HOME, 3), ("E105", HOME, 3)]


def test_unknown_or_wrong_collection_grid_is_e105(valid_repo: Path) -> None:
    """`grid` names a grid: an unknown id, or the id of a fiche, is refused at the `grid` line."""
    replace(valid_repo, MONO, "grid: grille-commune", "grid: initiative-solidaire")
    code, path, line, col, message = only(valid_repo)
    assert (code, path, line, col) == ("E105", MONO, line_of(valid_repo, MONO, "grid:"), 7)
    assert "grille inconnue" in message
    replace(valid_repo, MONO, "grid: initiative-solidaire", "grid: grille-comune")
    assert "vouliez-vous dire « grille-commune »" in only(valid_repo)[4]


def test_dimension_key_not_in_the_grid_is_e105_at_the_key(valid_repo: Path) -> None:
    replace(valid_repo, MONO, "  cooperation: Les acteurs", "  cooperatoin: Les acteurs")
    code, path, line, col, message = only(valid_repo)
    assert (code, path, line, col) == ("E105", MONO, line_of(valid_repo, MONO, "cooperatoin:"), 3)
    assert "vouliez-vous dire « cooperation »" in message


def test_adapted_from_must_name_a_grid(valid_repo: Path) -> None:
    text = (valid_repo / GRID).read_text(encoding="utf-8").replace("date: 2025-09-01", "date: 2025-09-01\nadapted_from: grille-comune")
    write(valid_repo, "grids/grille-colombelles.md", text)
    code, path, line, _, message = only(valid_repo)
    assert (code, path, line) == ("E105", "grids/grille-colombelles.md", 6)
    assert "« grille-commune »" in message


def test_duplicate_fiche_number_is_e107_on_the_later_dated_fiche(valid_repo: Path) -> None:
    """The fiche dated later is the newcomer, wherever its file sorts: `aa-` comes first by path."""
    write(
        valid_repo,
        "fiches/aa-autre.md",
        ENTRY.replace("kind: outil", 'kind: outil\nnumber: "2.1"').replace("date: 2026-01-01", "date: 2026-06-01"),
    )
    code, path, line, col, message = only(valid_repo)
    assert (code, path, line, col) == ("E107", "fiches/aa-autre.md", 7, 9)
    assert f"déjà pris par {FICHE} (datée du 2026-01-15)" in message


def test_duplicate_fiche_number_with_the_same_date_goes_to_the_later_path(valid_repo: Path) -> None:
    """Same date: the first path in alphabetical order keeps the number."""
    write(
        valid_repo,
        "fiches/zz-autre.md",
        ENTRY.replace("kind: outil", 'kind: outil\nnumber: "2.1"').replace("date: 2026-01-01", "date: 2026-01-15"),
    )
    code, path, line, col, message = only(valid_repo)
    assert (code, path, line, col) == ("E107", "fiches/zz-autre.md", 7, 9)
    assert FICHE in message


def test_numbers_2_1_and_2_10_are_different(valid_repo: Path) -> None:
    write(valid_repo, "fiches/zz-autre.md", ENTRY.replace("kind: outil", 'kind: outil\nnumber: "2.10"'))
    assert issues(valid_repo) == []


def test_unknown_parent_is_e301_at_the_parent(valid_repo: Path) -> None:
    replace(valid_repo, TERRITORIES, "parent: calvados\n  lat: 49.2014", "parent: calvado\n  lat: 49.2014")
    code, path, line, col, message = only(valid_repo)
    assert (code, path, line, col) == ("E301", TERRITORIES, line_of(valid_repo, TERRITORIES, "parent: calvado"), 11)
    assert "vouliez-vous dire « calvados »" in message


def test_parent_cycle_is_reported_once(valid_repo: Path) -> None:
    """normandie → plateau → colombelles → calvados → normandie: one E301 naming the loop."""
    replace(valid_repo, TERRITORIES, '  insee: "28"\n', '  insee: "28"\n  parent: plateau\n')
    found = issues(valid_repo)
    assert [(c, p) for c, p, *_ in found] == [("E301", TERRITORIES)]
    assert "boucle" in found[0][4]
    for name in ("normandie", "calvados", "colombelles", "plateau"):
        assert name in found[0][4]


def test_actor_region_must_be_a_region(valid_repo: Path) -> None:
    """`region` names a territory of kind region: a département is refused (E301 at the key's value)."""
    replace(valid_repo, ACTORS, "region: normandie", "region: calvados")
    code, path, line, col, _ = only(valid_repo)
    assert (code, path, line, col) == ("E301", ACTORS, 4, 11)


def test_references_of_invalid_entries_are_still_checked(valid_repo: Path) -> None:
    """One run shows a file's field errors and its broken references together."""
    replace(valid_repo, METHOD, "kind: methode", "kind: methodes")
    replace(valid_repo, METHOD, "related: [initiative-solidaire]", "related: [nulle-part]")
    assert [c for c, *_ in issues(valid_repo)] == ["E102", "E105"]


def test_territory_that_is_its_own_parent_is_one_cycle(valid_repo: Path) -> None:
    replace(valid_repo, "taxonomies/territories.yml", "  parent: calvados", "  parent: colombelles")
    issues = [i for i in check(valid_repo).issues if i.path == "taxonomies/territories.yml"]
    assert [(i.code, "boucle" in i.message) for i in issues] == [("E301", True)]


class _Recording(dict):  # type: ignore[type-arg]
    """`by_id` that notes every id a rule looks up."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.asked: set[object] = set()

    def get(self, key: object, default: object = None) -> object:
        self.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key: object) -> object:
        self.asked.add(key)
        return super().__getitem__(key)


def test_referenced_ids_name_every_id_the_reference_rules_look_up(valid_repo: Path) -> None:
    """The check cache re-checks an entry when one of these ids changes: none may be missing."""
    from mesbox.checking.references import check_entry_references, referenced_ids, unique_entries
    from mesbox.reading.loader import load

    loaded = load(valid_repo, keep_entries=False)
    by_id, _ = unique_entries(loaded)
    asked_somewhere = False
    for entry in loaded.candidates:
        recording = _Recording(by_id)
        check_entry_references(entry, recording)  # type: ignore[arg-type]
        assert recording.asked <= referenced_ids(entry), entry.path
        asked_somewhere = asked_somewhere or bool(recording.asked)
    assert asked_somewhere


PATH = "parcours/premiers-pas.md"
PATH_TEXT = """---
title: Premiers pas
description: Un parcours de deux étapes à travers les fiches du dépôt de test.
authors: [Équipe de test]
date: 2026-01-10
themes: [economie-solidaire]
audiences: [elus]
objectives: [Comprendre une initiative solidaire]
steps:
  - entry: initiative-solidaire
    instruction: Lire la fiche
    duration: 15
  - entry: initiative-solidaire
    instruction: En discuter à deux
    duration: 30
---
Le parcours.
"""


def test_a_path_with_known_steps_is_valid(valid_repo: Path) -> None:
    write(valid_repo, PATH, PATH_TEXT)
    assert issues(valid_repo) == []


def test_unknown_step_entry_is_e105_at_the_step(valid_repo: Path) -> None:
    write(
        valid_repo,
        PATH,
        PATH_TEXT.replace("  - entry: initiative-solidaire\n    instruction: En", "  - entry: initiative-solidair\n    instruction: En"),
    )
    code, path, line, col, message = only(valid_repo)
    assert (code, path, line) == ("E105", PATH, 13)  # the second step's line
    assert col == 12 and "étape « initiative-solidair »" in message and "initiative-solidaire" in message


def test_a_step_on_a_draft_is_e105(valid_repo: Path) -> None:
    draft_id = Path(DRAFT).stem
    write(
        valid_repo,
        PATH,
        PATH_TEXT.replace("entry: initiative-solidaire\n    instruction: Lire", f"entry: {draft_id}\n    instruction: Lire"),
    )
    code, path, _, _, message = only(valid_repo)
    assert (code, path) == ("E105", PATH) and "brouillon" in message
