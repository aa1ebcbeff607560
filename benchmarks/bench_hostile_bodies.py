"""Bodies of 2 MiB, hostile or ordinary: how long `mesbox check` takes on each, how long a whole
`mkdocs build` of the site holding it takes, and how long Python-Markdown (with the extensions of
the repository's mkdocs.yml) would take to convert it alone.

For every family the script writes one fiche whose body is that pattern, 2 MiB in all, into a
copy of the test fixture repository (with the repository's mkdocs.yml, theme overrides and site
files), then times a whole `mesbox check` process, a whole `mkdocs build` process (sanitiser,
table of contents, search index, audit included) when the check accepts the body, and, in a
separate process with a time limit, the Markdown conversion of the body alone. A family the
check refuses (E202) is never converted by a build: its "construction" column reads « non
convertie » and the raw conversion time says what was avoided. The build of the site without
the big fiche is timed first: the difference is what the body costs.

Goals (issue 10): any 2 MiB body checks in ≤ 2 s and builds in ≤ 10 s. Each time is given in
wall-clock seconds and in processor seconds (the process and its children, the search index's program included):
on a shared machine the wall clock follows the load, the processor time much less, so the
goals are judged on it; the load average is printed too. A measure, not a test: exit 0.

    .venv/bin/python benchmarks/bench_hostile_bodies.py [--size 2097152] [--limit 60] [--only NAME…] [--no-build]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIXTURE = REPO / "tests" / "fixtures" / "repo"
CHECK_GOAL, BUILD_GOAL = 2.0, 10.0
HEAD = """---
title: Fiche hostile
description: Une fiche dont le corps est fait d'un seul motif répété.
authors: [Banc d'essai]
date: 2026-01-01
kind: outil
themes: [culture]
---
"""


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _nested(make: Callable[[int], str], size: int) -> str:
    """Nested structures grow faster than their depth: nests of 300 levels, one after another, up to the size."""
    return _repeat(make(300), size)


SENTENCES = [
    "La coopération entre acteurs d'un territoire se construit dans la durée, au fil des rencontres et des projets partagés.",
    "Les habitants, les associations et les collectivités apprennent à se connaître avant d'agir ensemble.",
    "Une *initiative solidaire* naît souvent d'un besoin que le marché ne couvre pas et que l'action publique ne voit pas encore.",
    "Le **pôle territorial de coopération économique** rassemble des structures qui mutualisent des moyens et des compétences.",
    "Chaque visite de terrain donne lieu à un compte rendu, relu par les personnes rencontrées.",
    "Les questions de gouvernance reviennent à chaque étape : qui décide, comment, et avec quelles ressources ?",
]


def _prose(size: int) -> str:
    """What a long monograph looks like: paragraphs, a heading every 20 blocks, lists, a link every other paragraph."""
    out, total, n = [], 0, 0
    while total < size:
        n += 1
        if n % 20 == 1:
            part = f"## Partie {n // 20 + 1}\n\n"
        elif n % 7 == 0:
            part = "".join(f"- {SENTENCES[(n + i) % 6]}\n" for i in range(4)) + "\n"
        else:
            text = " ".join(SENTENCES[(n + i) % 6] for i in range(5))
            part = text + (" Voir [la fiche](https://exemple.org/fiche) et [[preparer-une-visite]]." if n % 2 == 0 else "") + "\n\n"
        out.append(part)
        total += len(part.encode("utf-8"))
    return "".join(out)


_BLOCKS = [
    '!!! note "À retenir"\n    {s}\n\n',
    "| Acteur | Rôle |\n|:--|--:|\n| Association | {s} |\n| Commune | Soutien |\n\n",
    "Gouvernance\n:   {s}\n\n",
    '??? info "Détails"\n    {s}\n\n',
    "```text\nexemple de code {n}\n```\n\n",
    "Le MES[^{n}] agit avec les PTCE. {s}\n\n[^{n}]: Mouvement pour l'Économie Solidaire.\n\n",
    "> {s}\n\n",
    "### Sous-partie {n} {{ #sous-partie-{n} }}\n\n{s}\n\n",
]


def _rich(size: int) -> str:
    """Every extension of mkdocs.yml at once: abbreviations, admonitions, tables, definitions, details, code, footnotes, attribute lists."""
    out = ["*[PTCE]: Pôle territorial de coopération économique\n*[MES]: Mouvement pour l'Économie Solidaire\n\n"]
    total, n = len(out[0]), 0
    while total < size:
        n += 1
        text = " ".join(SENTENCES[(n + i) % 6] for i in range(3))
        if n % 10 == 1:
            part = f"## Partie {n // 10 + 1}\n\n"
        elif n % 3 == 0:
            part = _BLOCKS[(n // 3) % len(_BLOCKS)].format(s=text, n=n)
        else:
            part = text + (" Voir [la fiche](https://exemple.org/fiche) et [[preparer-une-visite]]." if n % 4 == 0 else "") + "\n\n"
        out.append(part)
        total += len(part.encode("utf-8"))
    return "".join(out)


FAMILIES: dict[str, Callable[[int], str]] = {
    "prose ordinaire": _prose,
    "prose riche (toutes les extensions)": lambda n: _rich(n - 200).rsplit("\n\n", 1)[0] + "\n",
    "prose, un lien par phrase": lambda n: _repeat(
        "Une phrase avec **gras**, *italique*, `code` et [un lien](https://exemple.org).\n\n", n
    ),
    "crochets ouvrants [[[[": lambda n: _repeat("[", n),
    "crochets espacés [a [a": lambda n: _repeat("[a ", n),
    "crochets imbriqués équilibrés": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "images ouvrantes ![![": lambda n: _repeat("![", n),
    "« < » seuls": lambda n: _repeat("<", n),
    "balises jamais fermées <a<a": lambda n: _repeat("<a", n),
    "liens automatiques <http://": lambda n: _repeat("<http://", n),
    "définition de référence + espaces": lambda n: "[a]: b" + " " * (n - 8) + "c\n",
    "références + lignes d'espaces": lambda n: "[a]: /x\n" + _repeat(" " * 1000 + "\n", n - 8),
    "listes imbriquées": lambda n: _nested(lambda d: "".join("    " * i + "- x\n" for i in range(d)) + "\n", n),
    "encadrés imbriqués": lambda n: _nested(lambda d: "".join("    " * i + "!!! note\n\n" for i in range(d)), n),
    "citations imbriquées": lambda n: _repeat("> " * 300 + "x\n\n", n),
    "emphase imbriquée": lambda n: _repeat("*" * 300 + "a" + "*" * 300 + " ", n),
    "md_in_html imbriqué": lambda n: _nested(lambda d: '<div markdown="1">\n' * d + "x\n" + "</div>\n" * d + "\n", n),
    "listes de définitions": lambda n: _repeat("a\n: ", n),
    "tableau d'un seul tenant": lambda n: "|a|b|\n|-|-|\n" + _repeat("|x|y|\n", n - 12),
    "paragraphe géant de liens": lambda n: _repeat("[a](b) ", n),
    "ouvertures de bloc de code": lambda n: _repeat("```\n", n),
    "commentaires mesbox": lambda n: _repeat("<!--mesbox:blocks:0-->\n\n", n),
}

_CONVERT = """
import sys, time, markdown
extensions, configs = {extensions!r}, {configs!r}
text = open(sys.argv[1], encoding="utf-8").read()
started, processor = time.perf_counter(), time.process_time()
try:
    markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
    print(f"{{time.perf_counter() - started:.1f}} / {{time.process_time() - processor:.1f}}")
except RecursionError:
    print(f"RecursionError après {{time.perf_counter() - started:.1f}} / {{time.process_time() - processor:.1f}}")
"""


def _extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The Markdown extensions of the repository's mkdocs.yml (its `!ENV` tags read as plain text)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    for item in config.get("markdown_extensions", []):
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


def _children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _check(root: Path) -> tuple[float, float, list[str]]:
    """Wall-clock and processor seconds of a whole `mesbox check`, and the codes found in the big fiche."""
    started, processor = time.perf_counter(), _children_seconds()
    done = subprocess.run(
        [sys.executable, "-m", "mesbox", "check", str(root), "--format", "json"], capture_output=True, text=True, check=False
    )
    elapsed, processor = time.perf_counter() - started, _children_seconds() - processor
    report = json.loads(done.stdout or "{}")
    return elapsed, processor, sorted({e["code"] for e in report.get("errors", []) if e["file"] == "fiches/hostile.md"})


def _convert(body: Path, limit: float) -> str:
    names, configs = _extensions()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CONVERT.format(extensions=names, configs=configs), str(body)],
            capture_output=True,
            text=True,
            timeout=limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"> {limit:g} s"
    return done.stdout.strip() or done.stderr.strip().splitlines()[-1]


def _build(root: Path, site: Path) -> tuple[float, float, str]:
    """Wall-clock and processor seconds of a whole `mkdocs build` of `root`, as CI runs it (not strict:
    the time is what is measured), and its last error line if it failed."""
    env = {**os.environ, "MESBOX_SITE_URL": "http://127.0.0.1/", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("MESBOX_PUBLICATION", None)
    started, processor = time.perf_counter(), _children_seconds()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed, processor = time.perf_counter() - started, _children_seconds() - processor
    return elapsed, processor, "" if done.returncode == 0 else (done.stderr.strip().splitlines() or ["échec"])[-1][:60]


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2 * 1024 * 1024)
    parser.add_argument("--limit", type=float, default=60.0, help="temps maximal de conversion mesuré (s)")
    parser.add_argument("--only", nargs="*", help="familles à mesurer (début du nom)")
    parser.add_argument("--no-build", action="store_true", help="sans construction du site (check et conversion seuls)")
    args = parser.parse_args()
    worst_check, worst_build = 0.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp, "depot")
        shutil.copytree(FIXTURE, root)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "overrides", root / "overrides")
        shutil.copytree(REPO / "content" / "assets", root / "content" / "assets")
        print(f"charge moyenne (1, 5, 15 min) : {_load()}")
        baseline = 0.0
        if not args.no_build:
            wall, baseline, failed = _build(root, Path(tmp, "site"))
            print(
                f"construction du site de test seul : {wall:.2f} s d'horloge, "
                f"{baseline:.2f} s de processeur{' — ' + failed if failed else ''}"
            )
        print("temps : horloge / processeur, en secondes")
        print(f"{'famille':38} {'check':>11}  {'codes':10} {'construction':>13} {'dont le corps':>13}  markdown brut")
        for name, make in FAMILIES.items():
            if args.only and not any(name.startswith(prefix) for prefix in args.only):
                continue
            room = args.size - len(HEAD.encode("utf-8")) - 1  # the whole file just under the 2 MiB limit, in bytes
            body = make(room).encode("utf-8")[:room].decode("utf-8", "ignore")
            (root / "fiches" / "hostile.md").write_text(HEAD + body, encoding="utf-8")
            Path(tmp, "body.md").write_text(body, encoding="utf-8")
            elapsed, processor, codes = _check(root)
            worst_check = max(worst_check, processor)
            raw = _convert(Path(tmp, "body.md"), args.limit)
            built, own = "non convertie", ""
            if "E202" not in codes and not args.no_build:
                wall, seconds, failed = _build(root, Path(tmp, "site"))
                worst_build = max(worst_build, seconds)
                built, own = (f"{wall:.1f} / {seconds:.1f}", f"{seconds - baseline:.1f}") if not failed else (failed, "")
            elif "E202" not in codes:
                built = "non mesurée"
            check_time = f"{elapsed:.2f} / {processor:.2f}"
            print(f"{name:38} {check_time:>11}  {','.join(codes) or '—':10} {built:>13} {own:>13}  {raw}", flush=True)
        print(f"charge moyenne (1, 5, 15 min) : {_load()}")
    print(
        f"pire check : {worst_check:.2f} s de processeur (objectif ≤ {CHECK_GOAL:.0f} s) — "
        f"{'atteint' if worst_check <= CHECK_GOAL else 'NON atteint'}"
    )
    if not args.no_build:
        print(
            f"pire construction d'un corps accepté : {worst_build:.2f} s de processeur (objectif ≤ {BUILD_GOAL:.0f} s) — "
            f"{'atteint' if worst_build <= BUILD_GOAL else 'NON atteint'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
