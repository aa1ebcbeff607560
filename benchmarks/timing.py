"""Whole-process timings: several runs after a warm-up, medians and ratios."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path


def time_command(command: Sequence[str], runs: int, cwd: Path | None = None, expect_ok: bool = True) -> tuple[float, str]:
    """Median wall-clock seconds of `runs` runs (after one warm-up), and the last run's stderr."""
    stderr = ""
    timings: list[float] = []
    for attempt in range(runs + 1):
        started = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if expect_ok and done.returncode != 0:
            raise SystemExit(f"échec de {' '.join(command)} :\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
        stderr = done.stderr
        if attempt:
            timings.append(elapsed)
    return statistics.median(timings), stderr


def corpus(entries: int, seed: int = 1) -> Path:
    """A generated corpus, cached in /tmp by size and seed."""
    from generate_corpus import generate

    path = Path(f"/tmp/mesbox-corpus-{entries}-{seed}")
    if not (path / "taxonomies").is_dir():
        generate(path, entries, seed)
    return path
