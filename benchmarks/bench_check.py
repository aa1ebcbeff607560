"""Time `mesbox check` against its floor (read + split front-matter + CSafeLoader), as whole processes.

Usage: python benchmarks/bench_check.py [--entries 10000] [--runs 5] [--seed 1] [--corpus DIR]

`mesbox check` shares the files between one process per available core; the same check held to one
process (`--jobs 1`) is timed too and printed beside it, so a reader knows what one core gives.

Why: the goal is a check at most 1.5 times the floor, whatever the machine; a ratio of whole-process
wall-clock medians says that, absolute seconds do not. One warm-up round, then interleaved runs.
A measurement, not a test: exits 0 whatever the ratio; exits 2 only if it cannot measure
(no `mesbox` executable, or `mesbox check` reports errors: the generated corpus must check clean).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import CommandFailed, corpus, medians, run, spread

from mesbox.workers import available_cores

GOAL = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10000, help="taille du corpus généré (défaut : 10000)")
    parser.add_argument("--runs", type=int, default=5, help="exécutions mesurées de chaque commande (défaut : 5)")
    parser.add_argument("--seed", type=int, default=1, help="graine du corpus généré (défaut : 1)")
    parser.add_argument("--corpus", type=Path, help="dépôt à mesurer tel quel, au lieu d'un corpus généré")
    args = parser.parse_args()

    mesbox = Path(sys.executable).with_name("mesbox")
    if not mesbox.is_file():
        print(f"{mesbox} introuvable : installez mesbox dans cet environnement (pip install -e .)", file=sys.stderr)
        return 2
    root = args.corpus.resolve() if args.corpus else corpus(args.entries, args.seed)
    check = [str(mesbox), "check", str(root)]
    single = [*check, "--jobs", "1"]
    floor = [sys.executable, str(Path(__file__).with_name("floor.py")), str(root)]
    try:
        _, output = run(check)  # fails clearly, with mesbox's own messages, if the corpus does not check clean
        times, runs, outputs = medians({"check": check, "single": single, "floor": floor}, args.runs, warmup=1)
    except CommandFailed as failure:
        print(f"mesbox check doit passer sans erreur sur le corpus mesuré.\n{failure}", file=sys.stderr)
        return 2

    print(f"{root} — {output.strip().splitlines()[-1]} ; {outputs['floor'].strip()}")
    print(f"{args.runs} exécutions après une de chauffe (s) — check : {spread(runs['check'])} ; "
          f"check --jobs 1 : {spread(runs['single'])} ; floor : {spread(runs['floor'])}")
    ratio = times["check"] / times["floor"]
    print(f"check: {times['check']:.2f} s  floor: {times['floor']:.2f} s  ratio: {ratio:.2f} (objectif ≤ {GOAL})"
          + ("" if ratio <= GOAL else "  ← objectif non atteint") + f"  [{available_cores()} cœur(s) disponible(s)]")
    print(f"check --jobs 1: {times['single']:.2f} s  ratio: {times['single'] / times['floor']:.2f} (un seul processus, pour information)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
