"""`mesbox new territoire`: a territory and its missing parents appended from the official geographic code."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FICHE, TERRITORIES, replace

from mesbox.checking.checker import check
from mesbox.cli.cog import find, load
from mesbox.cli.main import main
from mesbox.cli.newterritory import add_territory, choose
from mesbox.cli.scaffold import ScaffoldError
from mesbox.contract.schemas import TerritoryTerm

# Coordinates a contributor would type in place of the placeholders (centre of Morlaix, approximate).
POINT = {"lat": "48.5775", "lon": "-3.8281"}


def fill_points(path: Path) -> None:
    lines = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        for key, value in POINT.items():
            if line.startswith(f"  {key}: À COMPLÉTER"):
                line = f"  {key}: {value}  # centre de Morlaix, approximatif"
        lines.append(line)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_morlaix_and_its_parents_are_appended_without_touching_the_file(valid_repo: Path) -> None:
    path = valid_repo / TERRITORIES
    before = path.read_text(encoding="utf-8")
    code = load()
    added = add_territory(valid_repo, code, choose(code, "Morlaix"), "Morlaix")
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert [(term_id, p.kind) for term_id, p in added.written] == [
        ("bretagne", "region"),
        ("finistere", "departement"),
        ("morlaix-communaute", "intercommunalite"),
        ("morlaix", "commune"),
    ]
    assert added.id == "morlaix" and added.need_point == ["morlaix-communaute", "morlaix"]
    assert 'insee: "29151"\n  parent: morlaix-communaute\n' in after and "Licence Ouverte 2.0" in after


def test_the_check_refuses_the_missing_point_by_name_then_accepts_it(valid_repo: Path) -> None:
    code = load()
    add_territory(valid_repo, code, choose(code, "Morlaix"), "Morlaix")
    replace(valid_repo, FICHE, "territories: [normandie]", "territories: [morlaix]")
    issues = [i for i in check(valid_repo).issues if i.path == TERRITORIES]
    assert [(i.code, i.message.split("dans ")[1].split(" :")[0]) for i in issues] == [("E101", "« lat »"), ("E101", "« lon »")] * 2
    fill_points(valid_repo / TERRITORIES)
    result = check(valid_repo)
    assert result.issues == [], [str(i) for i in result.issues]
    chain = result.catalogue.terms["territories"]
    morlaix, finistere = chain["morlaix"].term, chain["finistere"].term
    assert isinstance(morlaix, TerritoryTerm) and isinstance(finistere, TerritoryTerm)
    assert morlaix.parent == "morlaix-communaute" and finistere.parent == "bretagne"


def test_parents_already_in_the_file_are_reused_by_code(valid_repo: Path) -> None:
    """Calvados (code 14) and Normandie (28) are in the file: only the intercommunalité and the commune are added."""
    code = load()
    added = add_territory(valid_repo, code, choose(code, "Hérouville-Saint-Clair"), "Hérouville-Saint-Clair")
    assert [term_id for term_id, _ in added.written] == ["communaute-urbaine-caen-la-mer", "herouville-saint-clair"]
    assert "  parent: calvados\n" in (valid_repo / TERRITORIES).read_text(encoding="utf-8").split("communaute-urbaine-caen-la-mer", 1)[1]


def test_a_territory_already_there_adds_nothing(valid_repo: Path) -> None:
    before = (valid_repo / TERRITORIES).read_text(encoding="utf-8")
    code = load()
    added = add_territory(valid_repo, code, choose(code, "14118"), "14118")
    assert (added.id, added.written) == ("caen", [])
    assert (valid_repo / TERRITORIES).read_text(encoding="utf-8") == before


def test_a_taken_id_gets_the_departement_code(valid_repo: Path) -> None:
    replace(valid_repo, TERRITORIES, "- id: plateau", "- id: morlaix")
    code = load()
    added = add_territory(valid_repo, code, choose(code, "Morlaix"), "Morlaix")
    assert added.id == "morlaix-29"


def test_an_ambiguous_name_lists_the_candidates_with_their_departement() -> None:
    code = load()
    with pytest.raises(ScaffoldError) as refused:
        choose(code, "Saint-Denis")
    message = str(refused.value)
    for line in (
        "Saint-Denis (commune, Aude, 11339)",
        "Saint-Denis (commune, Seine-Saint-Denis, 93066)",
        "Saint-Denis (commune, La Réunion, 97411)",
    ):
        assert line in message
    assert "--departement" in message
    assert choose(code, "Saint-Denis", departement="93").code == "93066"


def test_an_unknown_name_suggests_close_ones() -> None:
    with pytest.raises(ScaffoldError, match="vouliez-vous dire « Morlaix \\(commune, Finistère, 29151\\) »"):
        choose(load(), "Morlai")


def test_cli_adds_then_says_what_is_left(valid_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "territoire", "Morlaix", "--root", str(valid_repo)]) == 0
    out = capsys.readouterr().out
    assert "bretagne (région), finistere (département), morlaix-communaute (intercommunalité), morlaix (commune)" in out
    assert "lat et lon" in out and "territories: [morlaix]" in out
    assert main(["new", "territoire", "Saint-Denis", "--root", str(valid_repo)]) == 2
    assert "Saint-Denis (commune, Gard, 30247)" in capsys.readouterr().err
    assert main(["new", "territoire", "Bretagne", "--kind", "ville", "--root", str(valid_repo)]) == 2
    assert "type de territoire « ville » inconnu" in capsys.readouterr().err


def test_region_and_departement_need_no_point(valid_repo: Path) -> None:
    code = load()
    region = find(code, "Bretagne", kind="region")[0]
    added = add_territory(valid_repo, code, region, "Bretagne")
    assert [t for t, _ in added.written] == ["bretagne"] and added.need_point == []
    assert check(valid_repo).issues == []


def test_an_entry_naming_a_territory_still_to_fill_is_told_to_fix_it(valid_repo: Path) -> None:
    """Right after `mesbox new territoire`, the term's points are placeholders: the entry's message
    points at the term's errors instead of saying to add the territory again."""
    code = load()
    add_territory(valid_repo, code, choose(code, "Morlaix"), "Morlaix")
    replace(valid_repo, FICHE, "territories: [normandie]", "territories: [morlaix]")
    messages = [i.message for i in check(valid_repo).issues if i.path == FICHE]
    assert messages == ["territoire inconnu « morlaix » : ce terme de taxonomies/territories.yml a des erreurs, corrigez-les d'abord"]
