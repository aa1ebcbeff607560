"""Time `mesbox check` on a generated corpus against the floor (read + split + CSafeLoader), as whole processes.

Usage: python benchmarks/bench_check.py [--entries 10000] [--runs 5]
Prints the medians and the ratio; the goal is a ratio of 1.5 at most. No assertion: a measurement.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from timing import corpus, medians  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = corpus(args.entries)
    mesbox = Path(sys.executable).with_name("mesbox")
    if not mesbox.exists():
        raise SystemExit(f"{mesbox} introuvable : installez le paquet (pip install -e .)")
    times, _ = medians({"check": [str(mesbox), "check", str(root)], "floor": [sys.executable, str(Path(__file__).with_name("floor.py")), str(root)]}, args.runs)
    check, floor = times["check"], times["floor"]
    print(f"{args.entries} entrées, médiane de {args.runs} exécutions")
    print(f"check: {check:.2f} s  floor: {floor:.2f} s  ratio: {check / floor:.2f} (objectif ≤ 1.5)")


if __name__ == "__main__":
    main()
