"""Helpers to build the fixture repository as a real site, shared by the site and browser tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"


def make_repo(target: Path) -> Path:
    """The fixture content with the project's own mkdocs.yml, theme overrides and stylesheet."""
    shutil.copytree(FIXTURE, target)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", target / "overrides")
    shutil.copytree(REPO / "content" / "assets", target / "content" / "assets")
    return target


def build(root: Path, engine: str = "mkdocs", strict: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a whole `mkdocs build` (or `properdocs build`) in a subprocess, as a contributor would."""
    command = [sys.executable, "-m", engine, "build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300, env=_env(), check=False)


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["MESBOX_SITE_URL"] = "http://127.0.0.1/"
    return env
