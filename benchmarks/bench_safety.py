"""What the output's safety costs a build: sanitising the rendered content and auditing the site.

Usage: python benchmarks/bench_safety.py [--entries 2000] [--runs 1] [--seed 1] [--pairs 0]

Builds the generated corpus with the repository's mkdocs.yml (`mkdocs build`, a whole process) and
reads the plugin's log line `mesbox: contenu assaini en X s, site audité en Y s sur le fil de MkDocs (à
côté : assainissement A s, programme d'audit B s de processeur)`: prints the time they take on MkDocs'
thread (what the build waits for), the whole build's, and their share of it (goal: sanitising + auditing
≤ 5 % of the build), and beside it the processor time of the sanitiser's thread and of the audit program,
which run on the other core while MkDocs renders (their cost to the build, through that core, is what
`--pairs` measures).
Every build writes into a new output folder (`timing.into_new_folder` says why).
With `--pairs N`, then N pairs of builds, one with and one without sanitising and auditing (the probe
`probes/without_output_safety.py` as an MkDocs hook), in alternating order: what they add to the build,
as the median of the differences and as its share of the median build with them. The log line counts
only the time spent inside them; the pairs also count what they cost the rest of the build (processor
caches, the other core). On a shared 2-core machine one pair's difference moves by seconds either
way: a few pairs conclude nothing.
A measurement: exits 0 whatever the share; 2 if it cannot measure (failed build, no such log line).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import build, mesbox_site
from timing import CommandFailed, into_new_folder, remove_outputs, run

PROBE = Path(__file__).resolve().parent / "probes" / "without_output_safety.py"

LINE = re.compile(r"mesbox: contenu assaini en ([0-9.]+) s, site audité en ([0-9.]+) s")
BESIDE = re.compile(r"à côté : assainissement ([0-9.]+) s, programme d'audit ([0-9.]+) s")
GOAL = 0.05


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pairs", type=int, default=0, help="paires de constructions avec et sans assainissement ni audit")
    args = parser.parse_args()
    root = mesbox_site(args.entries, args.seed)
    shares, rows = [], []
    command = build(root, "safety")
    try:
        outputs = [run(into_new_folder(command, number), cwd=root) for number in range(args.runs)]
    except CommandFailed as failed:
        print(f"construction impossible : {failed}")
        return 2
    finally:
        remove_outputs([command])
    for total, output in outputs:
        found = LINE.search(output)
        if found is None:
            print("ligne « mesbox: contenu assaini … » absente du journal : rien à mesurer")
            return 2
        sanitized, audited = float(found.group(1)), float(found.group(2))
        beside = BESIDE.search(output)
        shares.append((sanitized + audited) / total)
        rows.append((total, sanitized, audited, f" ; à côté : {beside.group(1)} s et {beside.group(2)} s" if beside else ""))
    for total, sanitized, audited, side in rows:
        print(
            f"{args.entries} entrées : construction {total:.1f} s, sur le fil de MkDocs assainissement {sanitized:.2f} s "
            f"({sanitized / total:.1%}), audit {audited:.2f} s ({audited / total:.1%}){side}"
        )
    share = statistics.median(shares)
    print(
        f"part médiane de la sécurité de la sortie : {share:.1%} (objectif ≤ {GOAL:.0%}) — {'atteint' if share <= GOAL else 'NON atteint'}"
    )
    return paired(root, args.pairs) if args.pairs else 0


def paired(root: Path, pairs: int) -> int:
    """Builds with and without sanitising and auditing, in pairs: what they add to the whole build."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if re.search(r"^hooks:", config, re.MULTILINE):
        print("mkdocs.yml a déjà des hooks : paires non mesurées")
        return 2
    (root / "mkdocs-sans-securite.yml").write_text(f"{config}\nhooks:\n  - {PROBE}\n", encoding="utf-8")
    variants = {"avec": "mkdocs.yml", "sans": "mkdocs-sans-securite.yml"}
    times: dict[str, list[float]] = {"avec": [], "sans": []}
    out = Path(tempfile.mkdtemp(prefix="mesbox-bench-safety-"))
    try:
        for number in range(pairs):
            for name in ("avec", "sans") if number % 2 == 0 else ("sans", "avec"):
                command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / variants[name]), "-d", str(out / f"{name}-{number}")]
                try:
                    total, output = run(command, cwd=root)
                except CommandFailed as failed:
                    print(f"construction impossible : {failed}")
                    return 2
                if name == "sans" and "contenu assaini en 0.0" not in output:
                    print("la sonde n'a pas retiré l'assainissement : paires non mesurées")
                    return 2
                times[name].append(total)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    added = [with_ - without for with_, without in zip(times["avec"], times["sans"], strict=True)]
    median_with = statistics.median(times["avec"])
    print(
        "paires (avec / sans) : "
        + ", ".join(f"{with_:.1f} / {without:.1f}" for with_, without in zip(times["avec"], times["sans"], strict=True))
    )
    share = statistics.median(added) / median_with
    print(
        f"ce qu'ajoutent l'assainissement et l'audit, médiane de {pairs} paires : {statistics.median(added):.2f} s, "
        f"{share:.1%} de la construction médiane ({median_with:.1f} s ; écarts de {min(added):.2f} à {max(added):.2f} s) "
        f"— objectif ≤ {GOAL:.0%} {'atteint' if share <= GOAL else 'NON atteint'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
