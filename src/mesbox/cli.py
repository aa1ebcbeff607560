"""The `mesbox` command: check, new, export. Exit codes: 0 nothing wrong, 1 content errors, 2 misuse."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .checker import CheckResult, check
from .frenchargs import FrenchParser
from .report import FORMATS, WRITERS, write_github_summary
from .scaffold import KIND_FOLDERS, ScaffoldError, new_entry
from .selection import SelectionError, select
from .source import os_error_text
from .structure import COLLECTIONS


def _parser() -> argparse.ArgumentParser:
    parser = FrenchParser(prog="mesbox", description="Vérifier et publier la boîte à outils du MES.")
    parser.add_argument("--version", action="version", version=f"mesbox {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="commande")
    check_cmd = commands.add_parser("check", help="vérifier les entrées et les vocabulaires")
    check_cmd.add_argument("paths", nargs="*", type=Path, metavar="CHEMIN",
                           help="fichiers ou dossiers dont les erreurs sont affichées (par défaut : tout le dépôt du dossier courant) ; "
                                "les références sont toujours vérifiées dans tout le dépôt")
    check_cmd.add_argument("--format", choices=FORMATS, default="text", help="text (défaut), github (annotations et, si GITHUB_STEP_SUMMARY est défini, résumé de la tâche) ou json")
    check_cmd.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                           help="processus qui se partagent les fichiers (défaut : 0, un par cœur ; 1 : aucun parallélisme)")
    new_cmd = commands.add_parser("new", help="créer une entrée prête à remplir")
    new_cmd.add_argument("collection", type=_collection, help="fiches, monographies, recits ou grilles")
    new_cmd.add_argument("title", metavar="titre", help="titre de l'entrée, entre guillemets")
    new_cmd.add_argument("--kind", type=_kind, metavar="TYPE", help="pour une fiche : thematique, methode, outil ou projet (son dossier en dépend)")
    new_cmd.add_argument("--root", default=".", type=Path, metavar="DOSSIER", help="dossier du dépôt (par défaut : .)")
    export_cmd = commands.add_parser("export", help="écrire les données ouvertes sans construire le site")
    export_cmd.add_argument("--root", default=".", type=Path, metavar="DOSSIER", help="dossier du dépôt (par défaut : .)")
    export_cmd.add_argument("--out", default=Path("site/donnees"), type=Path, metavar="DOSSIER", help="dossier de sortie (par défaut : site/donnees)")
    export_cmd.add_argument("--site-url", default="", metavar="ADRESSE", help="adresse publique du site, pour des liens absolus")
    return parser


# The singular, as people say it: `mesbox new fiche …` works too.
_SINGULAR = {"fiche": "fiches", "monographie": "monographies", "recit": "recits", "récit": "recits", "récits": "recits", "grille": "grilles"}


def _collection(text: str) -> str:
    name = _SINGULAR.get(text.lower(), text.lower())
    if name not in COLLECTIONS:
        raise argparse.ArgumentTypeError(f"« {text} » inconnu — choisissez fiches, monographies, recits ou grilles")
    return name


def _kind(text: str) -> str:
    if text not in KIND_FOLDERS:
        raise argparse.ArgumentTypeError(f"« {text} » inconnu — choisissez thematique, methode, outil ou projet")
    return text


def _jobs(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"« {text} » : donnez un nombre entier, 0 pour un processus par cœur")
    return int(text)


def _require_root(root: Path) -> None:
    if not root.is_dir():
        sys.stderr.write(f"mesbox : « {root} » n'est pas un dossier\n")
        raise SystemExit(2)


def _check(paths: list[Path], output: str, jobs: int) -> int:
    try:
        selection = select(paths)
    except SelectionError as error:
        sys.stderr.write(f"mesbox : {error}\n")
        return 2
    whole = check(selection.root, jobs=jobs, catalogue=False)
    for rel in selection.unchecked(whole):
        sys.stderr.write(f"mesbox : « {rel} » ignoré : mesbox vérifie les entrées (.md) des collections, "
                         "les vocabulaires de taxonomies/ et les pages de content/\n")
    result = selection.restrict(whole)
    WRITERS[output](result.issues, result.files, sys.stdout)
    if output == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _write_step_summary(Path(os.environ["GITHUB_STEP_SUMMARY"]), result)
    return 0 if result.ok else 1


def _write_step_summary(path: Path, result: CheckResult) -> None:
    """Appended, as GitHub expects: other steps of the job may write to the same file."""
    try:
        with path.open("a", encoding="utf-8") as stream:
            write_github_summary(result.issues, result.files, stream)
    except OSError as error:
        sys.stderr.write(f"mesbox : résumé non écrit dans {path} ({os_error_text(error)})\n")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        return _check(args.paths, args.format, args.jobs)
    if args.command == "new":
        _require_root(args.root)
        try:
            path = new_entry(args.root, args.collection, args.title, kind=args.kind)
        except ScaffoldError as error:
            sys.stderr.write(f"mesbox : {error}\n")
            return 2
        sys.stdout.write(f"Créé : {path.relative_to(args.root)} — remplissez chaque « À COMPLÉTER » et « a-completer », puis lancez « mesbox check ».\n")
        return 0
    if args.command == "export":
        _require_root(args.root)
        from .exports import write_exports

        result = check(args.root)  # whole entries are needed: sending them between processes costs what it saves
        written = write_exports(result.catalogue, args.out, args.site_url)
        WRITERS["text"](result.issues, result.files, sys.stderr)
        sys.stdout.write(f"{len(written)} fichiers écrits dans {args.out}\n")
        return 0 if result.ok else 1
    _parser().print_help()
    return 2


def run() -> None:
    """Console-script entry point."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) left early: not an error of ours.
        sys.stdout = None  # type: ignore[assignment]
        code = 0
    raise SystemExit(code)
