"""The shipped extract of the official geographic code: lookups by name or code, and chains of parents."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from mesbox.cli.cog import find, fold, load, near

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "@etalab" / "decoupage-administratif"


def test_names_are_found_however_they_are_written() -> None:
    code = load()
    for written in ("Morlaix", "morlaix", "MORLAIX", " Morlaix "):
        assert [(p.kind, p.code) for p in find(code, written)] == [("commune", "29151")]
    assert fold("Saint-Étienne-du-Rouvray") == fold("saint etienne du rouvray") == "saint etienne du rouvray"


def test_a_commune_chain_goes_up_to_its_region() -> None:
    code = load()
    morlaix = find(code, "Morlaix")[0]
    assert [(p.kind, p.code, p.label) for p in code.chain(morlaix)] == [
        ("commune", "29151", "Morlaix"),
        ("intercommunalite", "242900835", "Morlaix Communauté"),
        ("departement", "29", "Finistère"),
        ("region", "53", "Bretagne"),
    ]


def test_an_epci_across_departements_is_left_out_of_its_communes_chain() -> None:
    """The Métropole du Grand Paris spans four départements: Saint-Denis stays under Seine-Saint-Denis."""
    code = load()
    saint_denis = find(code, "Saint-Denis", departement="93")[0]
    assert [p.label for p in code.chain(saint_denis)] == ["Saint-Denis", "Seine-Saint-Denis", "Île-de-France"]
    metropole = find(code, "200054781")[0]
    assert [p.label for p in code.chain(metropole)] == ["Métropole du Grand Paris", "Île-de-France"]


def test_codes_homonyms_and_filters() -> None:
    code = load()
    assert [p.name for p in find(code, "2A004")] == ["Ajaccio"]
    assert [p.departement for p in find(code, "Saint-Denis")] == ["11", "30", "93", "974"]
    assert [p.kind for p in find(code, "Bretagne")] == ["commune", "commune", "region"]
    assert [p.code for p in find(code, "Bretagne", kind="region")] == ["53"]
    assert [p.code for p in find(code, "Saint-Denis", departement="974")] == ["97411"]


def test_epci_labels_spell_out_their_legal_form() -> None:
    """« CC du Pays de Landivisiau » is shown in full; « CA Morlaix Communauté » already says what it is."""
    code = load()
    assert find(code, "CC du Pays de Landivisiau")[0].label == "Communauté de communes du Pays de Landivisiau"
    assert [p.code for p in find(code, "Caen la Mer")] == ["200065597"]
    assert find(code, "Communauté urbaine Caen la Mer")[0].name == "CU Caen la Mer"


def test_near_names_for_a_typo() -> None:
    code = load()
    assert find(code, "Morlai") == []
    assert "29151" in [p.code for p in near(code, "Morlai")]


def test_extract_says_its_source_licence_and_vintage() -> None:
    code = load()
    assert code.vintage == "2026" and "@etalab/decoupage-administratif" in code.source
    assert (ROOT / "src" / "mesbox" / "assets" / "cog.json.gz.license").read_text(encoding="utf-8").count("etalab-2.0") == 1
    assert (ROOT / "LICENSES" / "etalab-2.0.txt").read_text(encoding="utf-8").startswith("LICENCE OUVERTE / OPEN LICENCE")


def test_shipped_extract_is_what_the_script_builds_from_the_npm_package() -> None:
    """Rebuilt from node_modules, the extract is the same data: nothing was edited by hand."""
    if not PACKAGE.is_dir():
        pytest.skip("jeu de données COG absent (node_modules) : lancez « npm ci » à la racine du dépôt")
    spec = importlib.util.spec_from_file_location("cog_extract", ROOT / "scripts" / "cog_extract.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shipped = json.loads(gzip.decompress((ROOT / "src" / "mesbox" / "assets" / "cog.json.gz").read_bytes()))
    assert script.build() == shipped
