"""The command line speaks French: help, usage and every misuse message argparse can give."""

from __future__ import annotations

import argparse
import gettext
import re

import pytest

from mesbox.cli.frenchargs import FRENCH, FrenchParser
from mesbox.cli.main import main

# Words of argparse's English texts; none may reach a contributor ("options" and "arguments" are French too).
ENGLISH = re.compile(
    r"\b(usage|error|invalid|choice|choose|expected|required|unrecognized|ambiguous|could match|show|help message|exit|"
    r"positional|optional|following|allowed|ignored|explicit|unknown|maybe|program's|version number|one of)\b"
)


def outputs(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit status and everything written, whether main returns or exits."""
    try:
        code = main(args)
    except SystemExit as exited:
        code = exited.code if isinstance(exited.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out + captured.err


MISUSES = [
    pytest.param(["--inconnue"], "argument inconnu : --inconnue", id="unrecognized"),
    pytest.param(["check", "--inconnue"], "argument inconnu : --inconnue", id="unrecognized-in-command"),
    pytest.param(["nouvelle"], "choix 'nouvelle' inconnu : choisissez parmi 'check', 'new', 'export'", id="unknown-command"),
    pytest.param(["check", "--format", "xml"], "argument --format : choix 'xml' inconnu", id="invalid-choice"),
    pytest.param(["check", "--format"], "argument --format : une valeur attendue", id="missing-value"),
    pytest.param(["check", "-j"], "argument --jobs/-j : une valeur attendue", id="missing-value-short"),
    pytest.param(["check", "-j", "x"], "« x » : donnez un nombre entier", id="bad-number"),
    pytest.param(["new", "fiches"], "argument obligatoire manquant : titre", id="required"),
    pytest.param(["new"], "argument obligatoire manquant : collection, titre", id="required-two"),
    pytest.param(
        ["new", "blog", "Titre"], "argument collection : « blog » inconnu — choisissez fiches, monographies", id="invalid-positional-choice"
    ),
    pytest.param(["--version=3"], "valeur '3' en trop : cette option n'en prend pas", id="explicit-value"),
    pytest.param(["export", "--out"], "argument --out : une valeur attendue", id="missing-folder"),
    pytest.param(["check", "--f", "yaml"], "argument --format : choix 'yaml' inconnu", id="abbreviation-then-bad-value"),
]


@pytest.mark.parametrize(("args", "french"), MISUSES)
def test_misuse_in_french_with_status_2(args: list[str], french: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = outputs(args, capsys)
    assert code == 2
    assert french in text
    assert "utilisation : mesbox" in text and "mesbox : erreur : " in text
    assert ENGLISH.search(text) is None, text


def test_ambiguous_abbreviation_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    parser = FrenchParser(prog="mesbox")
    parser.add_argument("--format")
    parser.add_argument("--force", action="store_true")
    with pytest.raises(SystemExit):
        parser.parse_args(["--fo", "x"])
    text = capsys.readouterr().err
    assert "option ambiguë : --fo peut désigner --format, --force" in text and ENGLISH.search(text) is None


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["new", "-h"], ["export", "--help"], []])
def test_help_in_french(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, text = outputs(args, capsys)
    assert code in (0, 2)  # `mesbox` alone prints the help and exits 2
    assert text.startswith("utilisation : mesbox")
    assert "afficher cette aide, puis quitter" in text
    assert ENGLISH.search(text) is None, text


def test_version_help_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    _, text = outputs(["--help"], capsys)
    assert "--version   afficher la version, puis quitter" in text


def test_argparse_is_left_as_it_was() -> None:
    """The French texts are swapped in only while a FrenchParser works: other parsers keep argparse's own."""
    FrenchParser(prog="x").format_help()
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert "usage:" in argparse.ArgumentParser(prog="x").format_usage()


def test_table_has_no_english_left() -> None:
    for english, french in FRENCH.items():
        assert ENGLISH.search(re.sub(r"%\(\w+\)[sr]", "", french)) is None, (english, french)
