"""The generated parts of the contract and of the contributor guide match the models and the registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from mesbox.cli.contractdoc import FILES, OTHERS, blocks, describe, main, refresh
from mesbox.contract.registry import COLLECTIONS
from mesbox.contract.sanitize import ATTRIBUTES, GLOBAL_ATTRIBUTES, TAGS
from mesbox.reading.publication import ASSET_TYPES

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("rel", FILES)
def test_committed_file_equals_the_generated_one(rel: str) -> None:
    text = (REPO / rel).read_text(encoding="utf-8")
    assert refresh(text) == text, f"{rel} : lancez python -m mesbox.cli.contractdoc"


@pytest.mark.parametrize("rel", FILES)
def test_every_field_table_is_in_both_documents(rel: str) -> None:
    text = (REPO / rel).read_text(encoding="utf-8")
    for name in ("champs-communs", "codes", OTHERS):
        assert f"<!-- généré:{name} -->" in text, (rel, name)
    others = refresh(text).split(f"<!-- généré:{OTHERS} -->")[1]
    for collection in COLLECTIONS:  # in a section of its own, or with the others until someone writes one
        assert f"<!-- généré:champs-{collection} -->" in text or f"### `{collection}`" in others, (rel, collection)


def test_a_collection_without_its_own_block_is_written_with_the_others() -> None:
    text = "<!-- généré:champs-fiches -->\n<!-- fin du bloc généré -->\n<!-- généré:champs-autres -->\n<!-- fin du bloc généré -->\n"
    fresh = refresh(text)
    others = fresh.split("<!-- généré:champs-autres -->")[1]
    assert "### `parcours` (parcours)" in others and "| `steps` | oui |" in others
    assert "`fiches`" not in others and "| `kind` | oui |" in fresh.split("<!-- généré:champs-autres -->")[0]
    assert refresh(fresh) == fresh


def test_a_stale_block_is_rewritten_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for rel in FILES:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("avant\n<!-- généré:codes -->\n| vieux |\n<!-- fin du bloc généré -->\naprès\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--check"]) == 1 and "à régénérer" in capsys.readouterr().err
    assert main([]) == 0 and main(["--check"]) == 0
    text = (tmp_path / FILES[0]).read_text(encoding="utf-8")
    assert "| vieux |" not in text and "| E105 |" in text and text.startswith("avant\n") and text.endswith("après\n")


def test_an_unknown_block_name_is_refused() -> None:
    with pytest.raises(KeyError, match="inconnu"):
        refresh("<!-- généré:nulle-part -->\n<!-- fin du bloc généré -->")


def test_allowed_values_are_listed_with_their_labels() -> None:
    rows = "\n".join(blocks()["champs-recits"])
    assert "`video` (Récit vidéo)" in rows and "`reportage` (Reportage)" in rows


def test_requirements_that_differ_by_collection_are_said() -> None:
    common = {row.split(" | ")[0]: row for row in blocks()["champs-communs"]}
    assert "oui, sauf pour les grilles de questionnement" in common["| `themes`"]
    assert "oui pour les monographies et récits de territoire" in common["| `territories`"]


def test_types_are_described_in_french() -> None:
    root: dict[str, object] = {"$defs": {}}
    assert describe({"type": "string", "minLength": 3, "maxLength": 150}, root) == "texte (3 à 150 caractères)"
    listed = {"type": "array", "items": {"type": "string"}, "minItems": 2, "uniqueItems": True}
    assert describe(listed, root) == "liste (texte), au moins 2, sans doublon"
    assert describe({"anyOf": [{"type": "integer", "minimum": 1, "maximum": 500}, {"type": "null"}]}, root) == "nombre entier de 1 à 500"


def test_every_code_has_its_explanation() -> None:
    from mesbox.contract.issues import CODE_DETAILS, CODES

    assert list(CODE_DETAILS) == sorted(CODES) and all(all(detail) for detail in CODE_DETAILS.values())


def test_the_contract_states_the_sanitiser_allowlist_from_its_declarations() -> None:
    """Every kept tag and attribute, the URL schemes and the published file types: the contract cannot drift
    from the sanitiser (it said `data:` images were allowed after they were not)."""
    text = (REPO / "docs" / "contrat.md").read_text(encoding="utf-8")
    table = "\n".join(blocks()["liste-blanche"])
    assert table in text
    for name in [*TAGS, *GLOBAL_ATTRIBUTES, *(n for names in ATTRIBUTES.values() for n in names), *ASSET_TYPES]:
        assert f"`{name}`" in table, name
    assert "`http:`, `https:`, `mailto:` et les adresses relatives ; aucun autre schéma" in table
