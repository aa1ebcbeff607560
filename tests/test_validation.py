"""Pydantic errors become French issues at the offending key or item."""

from mesbox.models import FicheMeta, TerritoryTerm
from mesbox.validation import validate
from mesbox.yamldata import parse_yaml


def issues_for(text: str, model: type = FicheMeta) -> list[tuple[str, int, int, str]]:
    data, _ = parse_yaml(text, "f.md", 2)
    _, issues = validate(model, data, data.value, "f.md")
    return [(i.code, i.line, i.col, i.message) for i in issues]


HEAD = "title: Titre\ndescription: Une description assez longue.\nauthors: [Équipe]\ndate: 2026-01-01\nthemes: [emploi]\n"


def test_missing_field_points_at_the_front_matter() -> None:
    assert issues_for(HEAD) == [("E101", 2, 1, "champ obligatoire « kind » manquant : ajoutez-le")]


def test_unknown_key_points_at_the_key_with_hint() -> None:
    [(code, line, col, message)] = issues_for(HEAD + "kind: outil\n  \nthemse: [x]\n")
    assert (code, line, col) == ("E103", 9, 1) and "« themes »" in message


def test_list_item_is_located() -> None:
    [(code, line, col, message)] = issues_for(HEAD + "kind: outil\nauthors2: x\n".replace("authors2: x\n", "audiences: [elus, maires]\n"))
    assert (code, line, col) == ("E102", 8, 19) and "maires" in message and "choisissez parmi" in message


def test_colon_in_text_is_explained() -> None:
    [(code, line, _, message)] = issues_for(HEAD.replace("authors: [Équipe]", "authors:\n  - Équipe : mesbox") + "kind: outil\n")
    assert (code, line) == ("E102", 5) and "guillemets" in message


def test_wrong_type_message_is_french() -> None:
    [(code, _, _, message)] = issues_for(HEAD.replace("authors: [Équipe]", "authors: Équipe") + "kind: outil\n")
    assert code == "E102" and "doit être une liste" in message


def test_taxonomy_code_replaces_generic_codes_but_keeps_e106() -> None:
    data, _ = parse_yaml("- id: Mauvais Id\n  label: X\n  kind: commune\n", "t.yml", 1, code="E301")
    _, issues = validate(TerritoryTerm, data, data.value[0], "t.yml", prefix=(0,), code="E301")
    assert sorted(i.code for i in issues) == ["E106", "E301"]
