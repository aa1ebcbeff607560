"""Time `mesbox check` against its floor (read + split front-matter + CSafeLoader), as whole processes,
then `mesbox check` of one changed file with a warm cache against the whole check.

Usage: python benchmarks/bench_check.py [--entries 10000] [--runs 5] [--seed 1] [--corpus DIR]

`mesbox check` shares the files between one process per available core; the same check held to one
process (`--jobs 1`) is timed too and printed beside it, so a reader knows what one core gives.

Why: the goal is a check at most 1.5 times the floor, whatever the machine; a ratio of whole-process
wall-clock medians says that, absolute seconds do not. One warm-up round, then interleaved runs.
The second measure is what a pre-commit hook pays: one entry of a copy of the corpus is edited before
each run of `mesbox check FILE` (cache warm from the run before, in a temporary cache folder), and
the whole check without cache runs in turn. Goal: at most 0.5 s, where the whole check took 1.7 s.
A measurement, not a test: exits 0 whatever the ratio; exits 2 only if it cannot measure
(no `mesbox` executable, or `mesbox check` reports errors: the generated corpus must check clean).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import CommandFailed, corpus, medians, run, spread

from mesbox.reading.workers import available_cores

GOAL = 1.5
INCREMENTAL_GOAL = 0.5  # seconds, on the machine where the whole check took WHOLE_THEN
WHOLE_THEN = 1.7


def incremental(mesbox: Path, root: Path, runs: int) -> tuple[list[float], list[float], str]:
    """Timings of `mesbox check FILE` after an edit of FILE (warm cache) and of the whole check without cache."""
    with tempfile.TemporaryDirectory(prefix="mesbox-bench-edit-") as folder:
        copy = Path(folder) / "depot"
        shutil.copytree(root, copy)
        os.environ["MESBOX_CACHE_DIR"] = str(Path(folder) / "cache")  # the timed processes inherit it
        changed = min((copy / "fiches").rglob("*.md"))
        original = changed.read_text(encoding="utf-8")
        one = [str(mesbox), "check", str(changed)]
        whole = [str(mesbox), "check", str(copy), "--no-cache"]
        run(one)  # the first run of a contributor fills the cache
        edited: list[float] = []
        full: list[float] = []
        for round_number in range(runs + 1):
            changed.write_text(original + f"\nUne phrase ajoutée, modification {round_number}.\n", encoding="utf-8")
            elapsed_one, output = run(one)
            elapsed_whole, _ = run(whole)
            if round_number:  # the first round warms the system's file cache for the copy
                edited.append(elapsed_one)
                full.append(elapsed_whole)
        return edited, full, f"{changed.relative_to(copy)} — {output.strip().splitlines()[-1]}"


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
    check = [str(mesbox), "check", str(root), "--no-cache"]  # the cache is measured below, on its own
    single = [*check, "--jobs", "1"]
    floor = [sys.executable, str(Path(__file__).with_name("floor.py")), str(root)]
    try:
        _, output = run(check)  # fails clearly, with mesbox's own messages, if the corpus does not check clean
        times, runs, outputs = medians({"check": check, "single": single, "floor": floor}, args.runs, warmup=1)
    except CommandFailed as failure:
        print(f"mesbox check doit passer sans erreur sur le corpus mesuré.\n{failure}", file=sys.stderr)
        return 2

    print(f"{root} — {output.strip().splitlines()[-1]} ; {outputs['floor'].strip()}")
    print(
        f"{args.runs} exécutions après une de chauffe (s) — check : {spread(runs['check'])} ; "
        f"check --jobs 1 : {spread(runs['single'])} ; floor : {spread(runs['floor'])}"
    )
    ratio = times["check"] / times["floor"]
    print(
        f"check: {times['check']:.2f} s  floor: {times['floor']:.2f} s  ratio: {ratio:.2f} (objectif ≤ {GOAL})"
        + ("" if ratio <= GOAL else "  ← objectif non atteint")
        + f"  [{available_cores()} cœur(s) disponible(s)]"
    )
    print(f"check --jobs 1: {times['single']:.2f} s  ratio: {times['single'] / times['floor']:.2f} (un seul processus, pour information)")

    try:
        edited, full, what = incremental(mesbox, root, args.runs)
    except CommandFailed as failure:
        print(f"mesbox check doit passer sans erreur sur la copie modifiée.\n{failure}", file=sys.stderr)
        return 2
    one, whole = statistics.median(edited), statistics.median(full)
    print(f"un fichier modifié ({what}), cache chaud : {spread(edited)} ; check complet sans cache : {spread(full)}")
    print(
        f"un fichier: {one:.2f} s  complet: {whole:.2f} s  ratio: {one / whole:.2f} (objectif ≤ {INCREMENTAL_GOAL} s "
        f"là où le complet prenait {WHOLE_THEN} s, soit un ratio ≤ {INCREMENTAL_GOAL / WHOLE_THEN:.2f})"
        + ("" if one <= INCREMENTAL_GOAL or one / whole <= INCREMENTAL_GOAL / WHOLE_THEN else "  ← objectif non atteint")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
