"""Shared helpers of the benchmarks: whole-process timings and the cached corpora.

Why whole processes: a contributor and the CI pay for the interpreter start, the imports and the file
reads, not only for the core functions. Why interleaved runs: machine noise (other jobs, CPU frequency)
then hits every compared command alike, and the ratios stay meaningful on a busy 2-core machine.
"""

from __future__ import annotations

import compileall
import hashlib
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMPLETE = ".complete"  # written last: a corpus without it was interrupted and is regenerated


class CommandFailed(SystemExit):
    """A timed command exited non-zero: the measurement would be meaningless."""


def run(command: Sequence[str], cwd: Path | None = None) -> tuple[float, str]:
    """Wall-clock seconds of one whole process, and its combined output; stops the benchmark if it fails."""
    started = time.perf_counter()
    done = subprocess.run(list(command), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        lines = done.stdout.splitlines()
        shown = "\n".join(lines[:40] + (["…"] if len(lines) > 40 else []))
        raise CommandFailed(f"échec (code {done.returncode}) de : {' '.join(command)}\n{shown}")
    return elapsed, done.stdout


def byte_compiled(package: str = "mesbox") -> None:
    """Write the bytecode of `package`'s modules if it is missing or stale.

    Why: pip writes the bytecode of the packages it installs (MkDocs, Material, pydantic…), but not of an
    editable install (`pip install -e .`), whose modules Python compiles at their first import and keeps in
    `__pycache__/` unless `PYTHONDONTWRITEBYTECODE` is set (this machine sets it). Then every timed mesbox
    process compiled its modules again (the plugin's import: 0.21 s instead of 0.12), and so did each
    program it starts, where the engine's packages never pay for it."""
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)


def medians(
    commands: dict[str, Sequence[str]],
    runs: int,
    warmup: int = 1,
    cwd: Path | None = None,
) -> tuple[dict[str, float], dict[str, list[float]], dict[str, str]]:
    """`warmup` untimed rounds, then `runs` rounds in which every command runs once, in turn, each build into
    a new output folder (`into_new_folder`), all removed at the end; mesbox's bytecode written first
    (`byte_compiled`).

    Returns the median per command, every timing, and the output of each command's last run.
    """
    timings: dict[str, list[float]] = {name: [] for name in commands}
    outputs: dict[str, str] = {}
    byte_compiled()
    try:
        for round_number in range(warmup + runs):
            for name, command in commands.items():
                elapsed, outputs[name] = run(into_new_folder(command, round_number), cwd)
                if round_number >= warmup:
                    timings[name].append(elapsed)
    finally:
        remove_outputs(commands.values())
    return {name: statistics.median(values) for name, values in timings.items()}, timings, outputs


def into_new_folder(command: Sequence[str], number: int) -> list[str]:
    """`command` with its output folder (`-d FOLDER`) replaced by `FOLDER/NUMBER`, a folder of its own.

    Why: rebuilding into a folder just emptied makes the file system (ext4) search, for each new file,
    through the inodes it freed in the last minute. Measured on a 2 000-entry mesbox build: 0.7 s of
    system time into a new folder, 1.5 to 3.9 s when the same folder is rebuilt every 15 s, growing from
    one build to the next and with each site's number of files. CI builds a fresh checkout once."""
    command = list(command)
    if "-d" in command:
        at = command.index("-d") + 1
        command[at] = f"{command[at]}/{number}"
    return command


def remove_outputs(commands: Iterable[Sequence[str]]) -> None:
    """Remove the output folders (`-d`) of `commands`, once every timing is taken."""
    for command in commands:
        if "-d" in command:
            shutil.rmtree(command[list(command).index("-d") + 1], ignore_errors=True)


def generator_version() -> str:
    """A short hash of the generator's source: a changed generator never reuses an old corpus."""
    return hashlib.sha256((HERE / "generate_corpus.py").read_bytes()).hexdigest()[:8]


def corpus(entries: int, seed: int = 1) -> Path:
    """The generated corpus of `entries` entries, cached in /tmp by size, seed and generator version."""
    sys.path.insert(0, str(HERE))
    from generate_corpus import generate

    path = Path(f"/tmp/mesbox-bench-corpus-{entries}-s{seed}-{generator_version()}")
    if (path / COMPLETE).is_file():
        return path
    started = time.perf_counter()
    staging = path.with_name(f"{path.name}.tmp{os.getpid()}")
    generate(staging, entries, seed)
    (staging / COMPLETE).write_text("", encoding="utf-8")
    shutil.rmtree(path, ignore_errors=True)
    try:
        staging.rename(path)
    except OSError:  # another benchmark wrote it meanwhile: same seed, same files
        shutil.rmtree(staging, ignore_errors=True)
    print(f"corpus de {entries} entrées généré en {time.perf_counter() - started:.1f} s : {path}", flush=True)
    return path


def spread(values: list[float]) -> str:
    """The runs, for the reader who wants to judge the noise."""
    return " ".join(f"{v:.2f}" for v in values)
