"""Hostile bodies of 2 MiB: how long `mesbox check` takes on each, and how long Python-Markdown
(with the extensions of the repository's mkdocs.yml) would take to convert it.

For every family the script writes one fiche whose body is that pattern, 2 MiB in all, into a
copy of the test fixture repository, then times a whole `mesbox check` process and, in a
separate process with a time limit, the Markdown conversion of the body alone. A family the
check refuses (E202) is never converted by a build: its "construction" column then reads
« non convertie » and the raw conversion time says what was avoided.

Goals (issue 10): check ≤ 2 s; what the build converts ≤ 10 s. A measure, not a test: exit 0.

    .venv/bin/python benchmarks/bench_hostile_bodies.py [--size 2097152] [--limit 60] [--only NAME…]
"""

from __future__ import annotations

import argparse
import json
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
FIXTURE = REPO / "tests" / "fixtures" / "site"
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


FAMILIES: dict[str, Callable[[int], str]] = {
    "prose ordinaire": lambda n: _repeat("Une phrase avec **gras**, *italique*, `code` et [un lien](https://exemple.org).\n\n", n),
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
started = time.perf_counter()
try:
    markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
    print(f"{{time.perf_counter() - started:.2f}} s")
except RecursionError:
    print(f"RecursionError après {{time.perf_counter() - started:.2f}} s")
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
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


def _check(root: Path) -> tuple[float, list[str]]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mesbox", "check", str(root), "--format", "json"], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    report = json.loads(done.stdout or "{}")
    return elapsed, sorted({e["code"] for e in report.get("errors", []) if e["file"] == "fiches/hostile.md"})


def _convert(body: Path, limit: float) -> str:
    names, configs = _extensions()
    try:
        done = subprocess.run([sys.executable, "-c", _CONVERT.format(extensions=names, configs=configs), str(body)],
                              capture_output=True, text=True, timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        return f"> {limit:g} s"
    return done.stdout.strip() or done.stderr.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2 * 1024 * 1024)
    parser.add_argument("--limit", type=float, default=60.0, help="temps maximal de conversion mesuré (s)")
    parser.add_argument("--only", nargs="*", help="familles à mesurer (début du nom)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp, "depot")
        shutil.copytree(FIXTURE, root)
        print(f"{'famille':38} {'check':>8}  {'codes':12} {'construction':>14}  markdown brut")
        for name, make in FAMILIES.items():
            if args.only and not any(name.startswith(prefix) for prefix in args.only):
                continue
            body = make(args.size - len(HEAD.encode("utf-8")) - 1)  # the whole file just under the 2 MiB limit
            (root / "fiches" / "hostile.md").write_text(HEAD + body, encoding="utf-8")
            Path(tmp, "body.md").write_text(body, encoding="utf-8")
            elapsed, codes = _check(root)
            raw = _convert(Path(tmp, "body.md"), args.limit)
            built = "non convertie" if "E202" in codes else raw
            print(f"{name:38} {elapsed:7.2f}s  {','.join(codes) or '—':12} {built:>14}  {raw}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
