"""Time the body scan (`mesbox.reading.bodies.scan_body`, E201 and wiki links) on 2 MiB bodies built to be slow.

Usage: python benchmarks/bench_bodies.py [--size 2097152] [--runs 3]

Each body repeats one pattern up to the size limit of a file (2 MiB): runs of what made the old
blocklist scan or Python-Markdown backtrack (`<`, `<a `, unclosed quotes, reference definitions
followed by whitespace, brackets, backticks, attribute lists…), and ordinary French prose for
comparison. Prints the median time per KB and for the whole body, and each pattern's ratio to the
prose; also the time at a quarter of the size, so a super-linear pattern shows (ratio ≫ 4).
Times are processor seconds (the load of a shared machine stretches the wall clock, not them).
Goal: any 2 MiB body in ≤ 2 s. A measurement: exits 0 whatever the times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from mesbox.reading.bodies import scan_body

PROSE = "La coopération entre acteurs d'un territoire se construit dans la durée, [[fiche-a]] et [un lien](https://exemple.org).\n\n"
PATTERNS = {
    "prose": PROSE,
    "<": "<",
    "<a ": "<a ",
    "<a x='": "<a x='",
    '<a"': '<a"',
    "<!--": "<!--",
    "<!": "<!",
    "</": "</",
    "<script>": "<script>",
    "](": "](",
    "[a]: + spaces": None,
    "< + letters": "",
    "[": "[",
    "[[": "[[",
    "`": "`",
    "``` per line": "```\n",
    "{": "{",
    "{: onclick=": "{: onclick=",
    "&#": "&#",
    "> [r]:": "> [r]:\n",
    "<b onclick=x>": "<b onclick=x>",
}
GOAL = 2.0


def body_of(name: str, unit: str | None, size: int) -> str:
    if unit is None:  # a reference definition, then whitespace to the end
        return "[a]: " + " " * (size - 5)
    if not unit:  # one tag name as long as the body
        return "<" + "a" * (size - 1)
    return (unit * (size // len(unit) + 1))[:size]


def timed(body: str, runs: int) -> float:
    """Median processor seconds of one scan: on a shared machine the wall clock follows the others' load."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        scan_body(body, "bench.md", 1)
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2 * 1024 * 1024)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    prose = timed(body_of("prose", PROSE, args.size), args.runs)
    print(f"{'motif':<16} {'ms/Kio':>8} {'total s':>8} {'× prose':>8} {'t/t(¼)':>7}")
    worst = 0.0
    for name, unit in PATTERNS.items():
        whole = timed(body_of(name, unit, args.size), args.runs)
        quarter = timed(body_of(name, unit, args.size // 4), args.runs)
        worst = max(worst, whole)
        print(f"{name:<16} {whole / (args.size / 1024) * 1000:8.3f} {whole:8.3f} {whole / prose:8.1f} {whole / max(quarter, 1e-9):7.1f}")
    print(f"charge moyenne (1, 5, 15 min) : {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    print(
        f"pire corps de {args.size // 1024} Kio : {worst:.2f} s de processeur (objectif ≤ {GOAL:.0f} s) — "
        f"{'atteint' if worst <= GOAL else 'NON atteint'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
