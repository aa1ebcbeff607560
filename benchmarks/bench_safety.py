"""What the output's safety costs a build: sanitising the rendered content and auditing the site.

Usage: python benchmarks/bench_safety.py [--entries 2000] [--runs 1] [--seed 1]

Builds the generated corpus with the repository's mkdocs.yml (`mkdocs build`, a whole process) and
reads the plugin's log line `mesbox: contenu assaini en X s, site audité en Y s`: prints both times,
the whole build's, and their share of it. Goal: sanitising + auditing ≤ 5 % of the build.
A measurement: exits 0 whatever the share; 2 if it cannot measure (failed build, no such log line).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import build, mesbox_site
from timing import CommandFailed, run

LINE = re.compile(r"mesbox: contenu assaini en ([0-9.]+) s, site audité en ([0-9.]+) s")
GOAL = 0.05


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    root = mesbox_site(args.entries, args.seed)
    shares, rows = [], []
    for _ in range(args.runs):
        try:
            total, output = run(build(root, "safety"), cwd=root)
        except CommandFailed as failed:
            print(f"construction impossible : {failed}")
            return 2
        found = LINE.search(output)
        if found is None:
            print("ligne « mesbox: contenu assaini … » absente du journal : rien à mesurer")
            return 2
        sanitized, audited = float(found.group(1)), float(found.group(2))
        shares.append((sanitized + audited) / total)
        rows.append((total, sanitized, audited))
    for total, sanitized, audited in rows:
        print(
            f"{args.entries} entrées : construction {total:.1f} s, assainissement {sanitized:.2f} s ({sanitized / total:.1%}), "
            f"audit {audited:.2f} s ({audited / total:.1%})"
        )
    share = statistics.median(shares)
    print(
        f"part médiane de la sécurité de la sortie : {share:.1%} (objectif ≤ {GOAL:.0%}) — {'atteint' if share <= GOAL else 'NON atteint'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
