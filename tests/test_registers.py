"""SIREN and RNA numbers of actors: the Luhn key, SIRET given for SIREN, and the check's messages at the field's line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ACTORS, line_of, replace

from mesbox.checking.checker import check
from mesbox.contract.schemas.registers import luhn_ok, rna_problem, siren_problem


@pytest.mark.parametrize(
    ("digits", "ok"), [("123456782", True), ("123456789", False), ("000000000", True), ("12345678200010", True), ("12345678200011", False)]
)
def test_luhn_key(digits: str, ok: bool) -> None:
    assert luhn_ok(digits) is ok


def test_a_swap_of_two_digits_is_seen() -> None:
    assert siren_problem("123456782") is None
    assert siren_problem("213456782") is not None


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("123 456 782", "écrivez-le sans espaces ni points : « 123456782 »"),
        ("12345678200010", "gardez ses 9 premiers chiffres, « 123456782 »"),
        ("12345678", "un SIREN a 9 chiffres (ici 8)"),
        ("12345678A", "9 chiffres"),
        ("123456789", "sa clé de contrôle ne correspond pas"),
    ],
)
def test_siren_messages_name_the_fix(value: str, says: str) -> None:
    assert says in (siren_problem(value) or "")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("W143001234", None),
        ("w14 3001234", "écrivez-le en majuscules, sans espaces : « W143001234 »"),
        ("W1430012", "« W » suivi de 9 caractères"),
    ],
)
def test_rna_form(value: str, problem: str | None) -> None:
    found = rna_problem(value)
    assert found == problem if problem is None else problem in (found or "")


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ('siren: "123456789"', "SIREN « 123456789 » invalide : sa clé de contrôle ne correspond pas"),
        ("siren: 123456782", "mettez-le entre guillemets"),
        ('rna: "143001234"', "numéro RNA « 143001234 » invalide"),
    ],
)
def test_the_check_reports_a_bad_number_at_its_line(valid_repo: Path, written: str, says: str) -> None:
    replace(valid_repo, ACTORS, "  kind: reseau\n", f"  kind: reseau\n  {written}\n")
    issues = check(valid_repo).issues
    assert [(i.code, i.path, i.line) for i in issues] == [("E301", ACTORS, line_of(valid_repo, ACTORS, written))], [str(i) for i in issues]
    assert says in issues[0].message


def test_a_number_given_to_two_actors_is_reported_on_the_later_term(valid_repo: Path) -> None:
    replace(valid_repo, ACTORS, "  kind: structure\n", '  kind: structure\n  siren: "123456782"\n')
    replace(valid_repo, ACTORS, "  kind: reseau\n", '  kind: reseau\n  siren: "123456782"\n')
    second = [n for n, line in enumerate((valid_repo / ACTORS).read_text(encoding="utf-8").splitlines(), 1) if "siren" in line][1]
    issues = check(valid_repo).issues
    assert [(i.code, i.path, i.line) for i in issues] == [("E301", ACTORS, second)], [str(i) for i in issues]
    assert issues[0].message == (
        "SIREN « 123456782 » déjà donné à « ardes » : un acteur n'a qu'un terme — "
        "utilisez « ardes » et retirez « mes », ou corrigez le numéro"
    )
