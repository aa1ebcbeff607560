"""`mesbox new acteur`: an actor term appended with its register number checked as the check does,
and a name the file already has (or nearly has) refused with the candidates."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ACTORS, FICHE, replace

from mesbox.checking.checker import check
from mesbox.cli.main import main
from mesbox.cli.newactor import Actor, add_actor
from mesbox.cli.scaffold import ScaffoldError
from mesbox.contract.schemas import ActorTerm

# Numbers of the right form, made up for the tests (their Luhn key is right; no real structure is meant).
SIREN = "123456782"
RNA = "W143001234"


def test_an_actor_is_appended_and_the_check_reads_it_back(valid_repo: Path) -> None:
    path = valid_repo / ACTORS
    before = path.read_text(encoding="utf-8")
    added = add_actor(valid_repo, Actor("Recyclerie du Pays de Morlaix", "structure", siren=SIREN, rna=RNA, region="normandie"))
    assert (added.id, added.written) == ("recyclerie-du-pays-de-morlaix", True)
    assert path.read_text(encoding="utf-8").startswith(before)
    replace(valid_repo, FICHE, "territories: [normandie]", "territories: [normandie]\nactors: [recyclerie-du-pays-de-morlaix]")
    result = check(valid_repo)
    assert result.issues == [], [str(i) for i in result.issues]
    term = result.catalogue.terms["actors"]["recyclerie-du-pays-de-morlaix"].term
    assert isinstance(term, ActorTerm)
    assert (term.label, term.kind, term.siren, term.rna, term.region) == (
        "Recyclerie du Pays de Morlaix",
        "structure",
        SIREN,
        RNA,
        "normandie",
    )


def test_without_a_number_the_file_says_where_it_goes_and_still_passes(valid_repo: Path) -> None:
    add_actor(valid_repo, Actor("Collectif des tiers-lieux : Caen", "reseau"))
    text = (valid_repo / ACTORS).read_text(encoding="utf-8")
    assert '  label: "Collectif des tiers-lieux : Caen"\n  kind: reseau\n  # siren: "…"' in text
    assert check(valid_repo).issues == []


@pytest.mark.parametrize(
    ("actor", "says"),
    [
        (
            Actor("Une recyclerie", "association"),
            "type d'acteur « association » inconnu : ajoutez --kind suivi de reseau, structure, collectivite, recherche ou financeur",
        ),
        (Actor("Une recyclerie", ""), "indiquez le type de l'acteur"),
        (Actor("Une recyclerie", "structure", siren="123456789"), "sa clé de contrôle ne correspond pas"),
        (Actor("Une recyclerie", "structure", siren="12345678200010"), "c'est un numéro SIRET"),
        (Actor("Une recyclerie", "structure", rna="W1430012"), "un numéro RNA s'écrit « W » suivi de 9 caractères"),
        (
            Actor("Une recyclerie", "structure", rna=SIREN),
            f"il manque le « W » du début : écrivez « W{SIREN} » ; si c'est un SIREN (9 chiffres aussi), mettez-le dans « siren: »",
        ),
        (Actor("Une recyclerie", "structure", region="normandi"), "vouliez-vous dire « normandie » ?"),
        (
            Actor("Une recyclerie", "structure", region="bretagne"),
            'ajoutez-la d\'abord par « mesbox new territoire "bretagne" --kind region »',
        ),
        (Actor("Une recyclerie", "structure", region="calvados"), "région « calvados » absente"),
        (Actor("?!", "structure"), "au moins une lettre ou un chiffre"),
    ],
)
def test_what_the_check_would_refuse_is_not_written(valid_repo: Path, actor: Actor, says: str) -> None:
    before = (valid_repo / ACTORS).read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError) as refused:
        add_actor(valid_repo, actor)
    assert says in str(refused.value)
    assert (valid_repo / ACTORS).read_text(encoding="utf-8") == before


@pytest.mark.parametrize("name", ["ARDES", "ardès", "Mouvement pour l'économie solidaire", "MES"])
def test_a_name_already_there_is_refused_with_the_term_to_use(valid_repo: Path, name: str) -> None:
    """The fixture's actors: « ARDES » (structure) and « Mouvement pour l'économie solidaire » (id « mes »)."""
    with pytest.raises(ScaffoldError) as refused:
        add_actor(valid_repo, Actor(name, "reseau"))
    message = str(refused.value)
    assert "est déjà dans taxonomies/actors.yml" in message and "actors: [" in message


def test_a_close_name_is_refused_until_said_distinct(valid_repo: Path) -> None:
    with pytest.raises(ScaffoldError) as refused:
        add_actor(valid_repo, Actor("Mouvement pour l'économie solidaires", "reseau"))
    assert "« mes » (Mouvement pour l'économie solidaire, réseau)" in str(refused.value)
    assert "--distinct" in str(refused.value)
    added = add_actor(valid_repo, Actor("Mouvement pour l'économie solidaires", "reseau"), distinct=True)
    assert added.written and check(valid_repo).issues == []


def test_the_same_register_number_gives_the_term_already_there(valid_repo: Path) -> None:
    add_actor(valid_repo, Actor("Recyclerie du Pays de Morlaix", "structure", siren=SIREN))
    before = (valid_repo / ACTORS).read_text(encoding="utf-8")
    again = add_actor(valid_repo, Actor("La Recyclerie (Morlaix)", "structure", siren=SIREN))
    assert (again.id, again.written) == ("recyclerie-du-pays-de-morlaix", False)
    assert (valid_repo / ACTORS).read_text(encoding="utf-8") == before


def test_cli_takes_the_number_as_people_copy_it(valid_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["new", "acteur", "Recyclerie du Pays de Morlaix", "--kind", "structure", "--siren", "123 456 782", "--root", str(valid_repo)])
        == 0
    )
    assert "actors: [recyclerie-du-pays-de-morlaix]" in capsys.readouterr().out
    assert f'  siren: "{SIREN}"\n' in (valid_repo / ACTORS).read_text(encoding="utf-8")
    assert main(["new", "acteurs", "ARDES", "--kind", "structure", "--root", str(valid_repo)]) == 2
    assert "« ardes » (ARDES, structure)" in capsys.readouterr().err
    assert main(["new", "fiches", "Une fiche", "--kind", "projet", "--siren", SIREN, "--root", str(valid_repo)]) == 2
    assert "--siren ne sert qu'aux acteurs : retirez-le" in capsys.readouterr().err
