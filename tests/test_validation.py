"""`validate`: pydantic errors become French issues with the contract's codes, at the key or item at fault."""

from __future__ import annotations

from pydantic import BaseModel

from mesbox.contract.issues import Issue
from mesbox.contract.schemas import FicheMeta, GridMeta, MonographMeta, Term, TerritoryTerm
from mesbox.reading.validation import validate
from mesbox.reading.yamldata import parse_yaml

FICHE = """\
title: Une fiche
description: Une description de vingt caractères au moins.
authors: [Équipe éditoriale]
date: 2026-01-15
kind: thematique
themes: [emploi]
"""


def run(model: type[BaseModel], text: str, code: str | None = None) -> tuple[BaseModel | None, list[Issue]]:
    data, issues = parse_yaml(text, "f.md", 2)
    assert issues == []
    return validate(model, data, data.value, "f.md", code=code)


def places(issues: list[Issue]) -> list[tuple[str, int, int]]:
    return [(i.code, i.line, i.col) for i in issues]


def test_valid_text_gives_the_model_and_no_issue() -> None:
    meta, issues = run(FicheMeta, FICHE)
    assert issues == []
    assert isinstance(meta, FicheMeta) and meta.title == "Une fiche"


def test_unknown_key_points_at_the_key_and_suggests() -> None:
    """E103 on the key itself, with the closest known key (docs/contrat.md §3)."""
    meta, issues = run(FicheMeta, FICHE + "themse: [emploi]\n")
    assert meta is None
    assert places(issues) == [("E103", 8, 1)]
    assert issues[0].message == "champ inconnu « themse » — vouliez-vous dire « themes » ?"


def test_unknown_key_far_from_any_lists_the_possible_keys() -> None:
    """No close key: the message lists the fields the contributor may use."""
    issues = run(FicheMeta, FICHE + "zzzzzz: 1\n")[1]
    assert "champs possibles :" in issues[0].message and "themes" in issues[0].message


def test_unknown_key_in_a_nested_mapping_suggests_from_that_mapping() -> None:
    """`sources[1].titel` is compared with the fields of a source, not of the entry."""
    issues = run(FicheMeta, FICHE + "sources:\n  - titel: Un rapport\n")[1]
    assert ("E103", 9, 5) in places(issues)
    assert any("« titel » — vouliez-vous dire « title » ?" in i.message for i in issues)
    assert ("E101", 9, 5) in places(issues)  # the source's missing title, at the item


def test_missing_field_is_e101_at_the_mapping_start() -> None:
    """A missing key has no line of its own: the issue points at the start of the front-matter."""
    issues = run(FicheMeta, FICHE.replace("kind: thematique\n", ""))[1]
    assert places(issues) == [("E101", 2, 1)]
    assert issues[0].message == "champ obligatoire « kind » manquant : ajoutez une ligne « kind: … » (thematique, methode, outil ou projet)"


def test_wrong_value_points_at_the_value() -> None:
    """E102 on the value's line and column, with the allowed values and a hint."""
    issues = run(FicheMeta, FICHE.replace("kind: thematique", "kind: thematiqe"))[1]
    assert places(issues) == [("E102", 6, 7)]
    assert "vouliez-vous dire « thematique »" in issues[0].message
    assert "thematique, methode, outil, projet" in issues[0].message


def test_list_item_errors_point_at_the_item() -> None:
    """A duplicate in a list points at the second occurrence."""
    issues = run(FicheMeta, FICHE.replace("themes: [emploi]", "themes:\n  - emploi\n  - cooperation\n  - emploi"))[1]
    assert places(issues) == [("E102", 10, 5)]
    assert "« emploi » apparaît deux fois" in issues[0].message


def test_string_where_yaml_read_a_mapping_says_to_quote() -> None:
    """`title: Économie : l'essentiel` is fine, but `title: Économie: x` is a mapping: tell to quote it."""
    issues = run(FicheMeta, FICHE.replace("title: Une fiche", "title:\n  Économie: x"))[1]
    assert [i.code for i in issues] == ["E102"]
    assert "guillemets" in issues[0].message


def test_type_errors_are_e102_in_plain_french() -> None:
    issues = run(FicheMeta, FICHE.replace("authors: [Équipe éditoriale]", "authors: Équipe éditoriale"))[1]
    assert places(issues) == [("E102", 4, 10)]
    assert "une liste" in issues[0].message


def test_model_rules_point_at_the_field_they_name() -> None:
    """`updated` before `date` points at `updated`; a visit ending before it starts points at `end`."""
    issues = run(FicheMeta, FICHE + "updated: 2025-01-01\n")[1]
    assert places(issues) == [("E102", 8, 10)]
    mono = FICHE.replace("kind: thematique\n", "") + (
        "initiative: Le pôle\nterritories: [colombelles]\nactors: [ardes]\nvisit:\n  start: 2022-03-02\n  end: 2022-03-01\n"
    )
    issues = run(MonographMeta, mono)[1]
    assert places(issues) == [("E102", 12, 8)]


def test_duplicate_grid_dimension_is_e107_at_the_item() -> None:
    grid = FICHE.replace("kind: thematique\n", "") + (
        "dimensions:\n  - id: a\n    title: Dim A\n    questions: [Pourquoi ?]\n  - id: a\n    title: Dim B\n    questions: [Comment ?]\n"
    )
    issues = run(GridMeta, grid)[1]
    assert places(issues) == [("E107", 11, 5)]


def test_taxonomy_code_replaces_generic_codes_but_keeps_id_codes() -> None:
    """In taxonomy files everything is E301 except a bad id (E106)."""
    data, _ = parse_yaml("- id: Emploi\n  label: E\n  lable: Emploi\n", "t.yml", 1)
    _, issues = validate(Term, data, data.value[0], "t.yml", prefix=(0,), code="E301")
    assert sorted(places(issues)) == [("E106", 1, 7), ("E301", 2, 10), ("E301", 3, 3)]


def test_territory_rule_points_at_the_field() -> None:
    """A bad INSEE code is reported on the `insee` line of the term."""
    data, _ = parse_yaml("- id: caen\n  label: Caen\n  kind: commune\n  insee: '141'\n  lat: 49.18\n  lon: -0.37\n", "t.yml", 1)
    _, issues = validate(TerritoryTerm, data, data.value[0], "t.yml", prefix=(0,), code="E301")
    assert places(issues) == [("E301", 4, 10)]


def test_too_short_message_counts_trimmed_characters() -> None:
    """Titles are measured after trimming (§3.1): « trop court : 3 au moins (ici 7) » would contradict itself."""
    issues = run(FicheMeta, FICHE.replace("title: Une fiche", "title: '  ab   '"))[1]
    assert [i.code for i in issues] == ["E102"]
    assert "(ici 2)" in issues[0].message, issues[0].message
