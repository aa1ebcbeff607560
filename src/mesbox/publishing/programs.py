"""Programs that mesbox starts beside the engine: at a lower priority, on the core the engine leaves free."""

from __future__ import annotations

import os
import subprocess
import sys

# Their scheduling priority (Unix `nice`): they work on the core MkDocs leaves free, and yield it whenever
# MkDocs' rendering, which every page waits for, needs it.
NICENESS = 10


def start_program(module: str) -> subprocess.Popen[bytes]:
    """Start mesbox's `module` as a program of its own (a new interpreter, nothing of MkDocs' process
    copied), at a lower priority. `-P`: a `mesbox` folder in the working directory is not the one imported."""
    return start_low([sys.executable, "-P", "-m", module])


def start_low(command: list[str]) -> subprocess.Popen[bytes]:
    """Start `command` at a lower priority than this process (`NICENESS`), all of its threads included,
    its input and output piped.

    On Unix it gets a process group of its own, whose priority is lowered at once (Linux sets it thread
    by thread: the group's covers the threads already started, and later ones inherit it); nothing runs
    in this process between the fork and the program (no `preexec_fn`), which other plugins may have
    made multi-threaded. On Windows, the priority class below normal."""
    if os.name == "nt":
        below_normal = subprocess.BELOW_NORMAL_PRIORITY_CLASS  # type: ignore[attr-defined]  # Windows only
        return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, creationflags=below_normal)
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, process_group=0)
    try:
        os.setpriority(os.PRIO_PGRP, process.pid, min(os.getpriority(os.PRIO_PROCESS, 0) + NICENESS, 19))
    except OSError:
        pass  # a priority that cannot be lowered (a sandbox refusing it) leaves the program as it is: same work, slower build
    return process
