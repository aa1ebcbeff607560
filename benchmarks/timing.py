"""Whole-process timings: runs of several commands interleaved (so machine noise hits them alike), medians."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path


def run(command: Sequence[str], cwd: Path | None = None) -> tuple[float, str]:
    """Wall-clock seconds of one whole process, and its stderr; stops the benchmark if it fails."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"échec de {' '.join(command)} :\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed, done.stderr


def medians(commands: dict[str, Sequence[str]], runs: int, cwd: Path | None = None) -> tuple[dict[str, float], dict[str, str]]:
    """One warm-up each, then `runs` rounds in which every command runs once; median per command."""
    timings: dict[str, list[float]] = {name: [] for name in commands}
    logs: dict[str, str] = {}
    for round_number in range(runs + 1):
        for name, command in commands.items():
            elapsed, logs[name] = run(command, cwd)
            if round_number:
                timings[name].append(elapsed)
    return {name: statistics.median(values) for name, values in timings.items()}, logs


def corpus(entries: int, seed: int = 1) -> Path:
    """A generated corpus, cached in /tmp by size and seed."""
    from generate_corpus import generate

    path = Path(f"/tmp/mesbox-corpus-{entries}-{seed}")
    if not (path / "taxonomies").is_dir():
        generate(path, entries, seed)
    return path
