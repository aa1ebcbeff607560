"""argparse in French: usage, help and every misuse message a contributor can meet.

argparse looks its texts up through the module's `_` and `ngettext` (gettext) each time it needs
one; `FrenchParser` swaps them for a French table while it parses or formats, and puts them back
after, so nothing else in the process is touched. Texts missing from the table stay as argparse
words them (an argparse newer than the table), which the tests would show.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

FRENCH: dict[str, str] = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "optional arguments": "options",  # Python < 3.10
    "subcommands": "commandes",
    "show this help message and exit": "afficher cette aide, puis quitter",
    "show program's version number and exit": "afficher la version, puis quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s : avertissement : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "expected one argument": "une valeur attendue",
    "expected at most one argument": "une valeur au plus attendue",
    "expected at least one argument": "une valeur au moins attendue",
    "expected %s argument": "%s valeur attendue",
    "expected %s arguments": "%s valeurs attendues",
    "ignored explicit argument %r": "valeur %r en trop : cette option n'en prend pas",
    "invalid %(type)s value: %(value)r": "valeur %(value)r invalide (%(type)s attendu)",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix %(value)r inconnu : choisissez parmi %(choices)s",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "choix %(value)r inconnu — vouliez-vous dire %(closest)r ? Choisissez parmi %(choices)s"
    ),
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "the following arguments are required: %s": "argument obligatoire manquant : %s",
    "unexpected option string: %s": "option inattendue : %s",
    "unrecognized arguments: %s": "argument inconnu : %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "commande %(parser_name)r inconnue (choix : %(choices)s)",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
}


def french(message: str) -> str:
    return FRENCH.get(message, message)


def french_plural(singular: str, plural: str, count: int) -> str:
    return french(singular if count == 1 else plural)


@contextmanager
def _in_french() -> Iterator[None]:
    saved: tuple[Callable[..., str], Callable[..., str]] = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = french, french_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class FrenchParser(argparse.ArgumentParser):
    """An ArgumentParser whose texts are French; misuse exits with status 2 after a French usage line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _in_french():  # the "arguments" and "options" titles and the -h help are made here
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", french("show program's version number and exit"))
        return super().add_argument(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", type(self))
        with _in_french():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:  # type: ignore[override]
        with _in_french():  # "unrecognized arguments" is worded here, after parse_known_args
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> tuple[Any, list[str]]:  # type: ignore[override]
        with _in_french():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _in_french():
            return super().format_usage()

    def format_help(self) -> str:
        with _in_french():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog.split()[0]} : erreur : {message}\n")
        raise SystemExit(2)
