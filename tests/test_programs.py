"""mesbox's own programs (the search index, the audit): started low, from the installed mesbox only."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from mesbox.publishing.programs import NICENESS, start_low, start_program


@pytest.mark.skipif(os.name == "nt", reason="Unix priorities")
def test_a_program_runs_at_a_lower_priority() -> None:
    process = start_low([sys.executable, "-c", "import sys; sys.stdin.readline()"])
    try:
        assert os.getpriority(os.PRIO_PROCESS, process.pid) == min(os.getpriority(os.PRIO_PROCESS, 0) + NICENESS, 19)
    finally:
        process.kill()
        process.wait()


def test_a_mesbox_folder_in_the_working_directory_is_not_the_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mesbox").mkdir()
    (tmp_path / "mesbox" / "__init__.py").write_text("raise SystemExit(9)\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    process = start_program("mesbox.publishing.programs")  # the installed module: nothing to do, exits 0
    process.communicate()
    assert process.returncode == 0
    process = start_low([sys.executable, "-m", "mesbox.publishing.programs"])  # without -P: the folder's
    process.communicate()
    assert process.returncode == 9
