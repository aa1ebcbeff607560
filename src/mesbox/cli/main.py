"""The `mesbox` command: check, new, export. Exit codes: 0 nothing wrong, 1 content errors, 2 misuse."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mesbox import __version__
from mesbox.checking.checker import CheckResult, check
from mesbox.cli.frenchargs import FrenchParser
from mesbox.cli.scaffold import ScaffoldError, new_entry
from mesbox.cli.selection import SelectionError, find_root, select
from mesbox.contract.ids import slugify
from mesbox.contract.report import FORMATS, WRITERS, write_github_summary
from mesbox.reading.documents import COLLECTIONS
from mesbox.reading.source import os_error_text

_ROOT_HELP = "dossier du dépôt (par défaut : celui qui contient le dossier courant, trouvé en remontant jusqu'à taxonomies/ ou mkdocs.yml)"


def _parser() -> argparse.ArgumentParser:
    parser = FrenchParser(prog="mesbox", description="Vérifier et publier la boîte à outils du MES.")
    parser.add_argument("--version", action="version", version=f"mesbox {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="commande")
    check_cmd = commands.add_parser("check", help="vérifier les entrées et les vocabulaires")
    check_cmd.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="CHEMIN",
        help="fichiers ou dossiers dont les erreurs sont affichées (par défaut : tout le dépôt du dossier courant) ; "
        "les références sont toujours vérifiées dans tout le dépôt",
    )
    check_cmd.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (défaut), github (annotations et, si GITHUB_STEP_SUMMARY est défini, résumé de la tâche) ou json",
    )
    check_cmd.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=0,
        metavar="N",
        help="processus qui se partagent les fichiers (défaut : 0, un par cœur ; 1 : aucun parallélisme)",
    )
    check_cmd.add_argument(
        "--no-cache",
        action="store_true",
        help="tout relire, sans réutiliser ce que les fichiers inchangés ont donné à la vérification précédente",
    )
    new_cmd = commands.add_parser("new", help="créer une entrée prête à remplir")
    new_cmd.add_argument("collection", type=_collection, help=f"{', '.join(COLLECTIONS)}, {TERRITORY} ou {ACTOR}")
    new_cmd.add_argument(
        "title", metavar="titre", help="titre de l'entrée, nom (ou code INSEE) du territoire, ou nom de l'acteur, entre guillemets"
    )
    new_cmd.add_argument(
        "--kind",
        metavar="TYPE",
        help="pour une fiche : thematique, methode, outil ou projet (son dossier en dépend) ; "
        "pour un territoire : commune, intercommunalite, departement ou region ; "
        "pour un acteur : reseau, structure, collectivite, recherche ou financeur",
    )
    new_cmd.add_argument(
        "--departement", metavar="CODE", help="pour un territoire : le code du département, quand plusieurs communes portent ce nom"
    )
    new_cmd.add_argument("--siren", metavar="NUMÉRO", help="pour un acteur : son numéro SIREN (9 chiffres), vérifié par sa clé")
    new_cmd.add_argument("--rna", metavar="NUMÉRO", help="pour une association : son numéro RNA (« W » et 9 caractères)")
    new_cmd.add_argument(
        "--region", metavar="IDENTIFIANT", help="pour un acteur : l'identifiant de sa région dans taxonomies/territories.yml"
    )
    new_cmd.add_argument(
        "--distinct", action="store_true", help="pour un acteur : son nom ressemble à celui d'un autre acteur, mais c'en est bien un autre"
    )
    new_cmd.add_argument("--root", type=Path, metavar="DOSSIER", help=_ROOT_HELP)
    export_cmd = commands.add_parser("export", help="écrire les données ouvertes sans construire le site")
    export_cmd.add_argument("--root", type=Path, metavar="DOSSIER", help=_ROOT_HELP)
    export_cmd.add_argument(
        "--out", default=Path("site/donnees"), type=Path, metavar="DOSSIER", help="dossier de sortie (par défaut : site/donnees)"
    )
    export_cmd.add_argument("--site-url", default="", metavar="ADRESSE", help="adresse publique du site, pour des liens absolus")
    return parser


TERRITORY = "territoire"
ACTOR = "acteur"
# Collections as people name them, from their French names: `mesbox new fiche …`, `récit`, `grilles` work too.
_SINGULAR = {
    **{
        slug: c.id
        for c in COLLECTIONS.values()
        for name in (c.singular, c.plural)
        for word in [name.split()[0].lower()]
        for slug in (word, slugify(word))
    },
    "territoires": TERRITORY,
    "territory": TERRITORY,
    "acteurs": ACTOR,
    "actor": ACTOR,
}
# Options of one kind of `new` only, by the dest argparse gives them.
_OWN_OPTIONS = {"departement": (TERRITORY,), "siren": (ACTOR,), "rna": (ACTOR,), "region": (ACTOR,), "distinct": (ACTOR,)}


def _collection(text: str) -> str:
    name = _SINGULAR.get(text.lower(), text.lower())
    if name not in COLLECTIONS and name not in (TERRITORY, ACTOR):
        raise argparse.ArgumentTypeError(f"« {text} » inconnu — choisissez {', '.join(COLLECTIONS)}, {TERRITORY} ou {ACTOR}")
    return name


def _jobs(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"« {text} » : donnez un nombre entier, 0 pour un processus par cœur")
    return int(text)


def _require_root(root: Path | None) -> Path:
    """`--root` as given, or the repository around the current folder (like `mesbox check`)."""
    if root is None:
        here = Path.cwd()
        return find_root(here) or here
    if not root.is_dir():
        sys.stderr.write(f"mesbox : « {root} » n'est pas un dossier\n")
        raise SystemExit(2)
    return root


def _check(paths: list[Path], output: str, jobs: int, cache: bool) -> int:
    try:
        selection = select(paths)
    except SelectionError as error:
        sys.stderr.write(f"mesbox : {error}\n")
        return 2
    whole = check(selection.root, jobs=jobs, catalogue=False, cache=cache)
    for rel in selection.unchecked(whole):
        what = "ne contient aucun fichier que mesbox vérifie" if rel.endswith("/") else "ignoré"
        sys.stderr.write(
            f"mesbox : « {rel} » {what} : mesbox vérifie les entrées (.md) des collections, "
            "les vocabulaires de taxonomies/ et les pages de content/\n"
        )
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
        return _check(args.paths, args.format, args.jobs, not args.no_cache)
    if args.command == "new":
        args.root = _require_root(args.root)
        try:
            for option, kinds in _OWN_OPTIONS.items():
                if getattr(args, option) and args.collection not in kinds:
                    raise ScaffoldError(
                        f"--{option} ne sert qu'{'aux territoires' if kinds == (TERRITORY,) else 'aux acteurs'} : retirez-le"
                    )
            if args.collection == TERRITORY:
                return _new_territory(args.root, args.title, args.kind, args.departement)
            if args.collection == ACTOR:
                return _new_actor(args.root, args.title, args)
            path = new_entry(args.root, args.collection, args.title, kind=args.kind)
        except ScaffoldError as error:
            sys.stderr.write(f"mesbox : {error}\n")
            return 2
        sys.stdout.write(
            f"Créé : {path.relative_to(args.root)} — remplissez chaque « À COMPLÉTER » et « a-completer », puis lancez « mesbox check ».\n"
        )
        return 0
    if args.command == "export":
        args.root = _require_root(args.root)
        from mesbox.publishing.exports import write_exports

        result = check(args.root)  # whole entries are needed: sending them between processes costs what it saves
        written = write_exports(result.catalogue, args.out, args.site_url)
        WRITERS["text"](result.issues, result.files, sys.stderr)
        sys.stdout.write(f"{len(written)} fichiers écrits dans {args.out}\n")
        return 0 if result.ok else 1
    _parser().print_help()
    return 2


def _new_territory(root: Path, query: str, kind: str | None, departement: str | None) -> int:
    """Add a territory and its missing parents from the shipped geographic code; say what is left to fill."""
    from mesbox.cli.cog import KIND_NAMES, KINDS, load
    from mesbox.cli.newterritory import TERRITORIES, add_territory, choose, describe

    if kind is not None and kind not in KINDS:
        raise ScaffoldError(f"type de territoire « {kind} » inconnu : choisissez {', '.join(KINDS[:-1])} ou {KINDS[-1]}")
    code = load()
    place = choose(code, query, kind, departement)
    added = add_territory(root, code, place, query)
    if not added.written:
        sys.stdout.write(
            f"Déjà dans {TERRITORIES} : {describe(code, place)}, identifiant « {added.id} ». Dans vos pages : territories: [{added.id}]\n"
        )
        return 0
    names = ", ".join(f"{term_id} ({KIND_NAMES[p.kind]})" for term_id, p in added.written)
    sys.stdout.write(f"Ajouté à {TERRITORIES} : {names}, d'après le Code officiel géographique {code.vintage}.\n")
    if added.need_point:
        points = " et ".join(f"« {t} »" for t in added.need_point)
        sys.stdout.write(
            f"Coordonnées : le Code officiel géographique n'en donne pas. Remplacez les « À COMPLÉTER » des lignes lat et lon de {points} "
            "(degrés décimaux, avec un point, et la source en commentaire), puis lancez « mesbox check ».\n"
        )
    sys.stdout.write(f"Dans vos pages, écrivez : territories: [{added.id}]\n")
    return 0


def _new_actor(root: Path, name: str, args: argparse.Namespace) -> int:
    """Add an actor term, checked as the check would; say how to use it."""
    from mesbox.cli.newactor import ACTORS, Actor, add_actor, compact

    actor = Actor(label=name, kind=args.kind or "", siren=compact(args.siren), rna=compact(args.rna), region=args.region)
    added = add_actor(root, actor, distinct=args.distinct)
    if not added.written:
        sys.stdout.write(f"Déjà dans {ACTORS} avec ce numéro : identifiant « {added.id} ». Dans vos pages : actors: [{added.id}]\n")
        return 0
    sys.stdout.write(f"Ajouté à {ACTORS} : « {added.id} ». Dans vos pages, écrivez : actors: [{added.id}]\n")
    if not actor.siren and not actor.rna:
        sys.stdout.write(
            "Son numéro SIREN ou RNA, si vous le connaissez, s'ajoute à la ligne laissée en commentaire ; "
            "lancez ensuite « mesbox check ».\n"
        )
    return 0


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
