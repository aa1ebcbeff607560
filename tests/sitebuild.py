"""Helpers to build the fixture repository as a real site and serve it, shared by the site and browser tests."""

from __future__ import annotations

import functools
import http.server
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from conftest import FIXTURE

REPO = Path(__file__).resolve().parent.parent
# The address the built fixture site declares (mkdocs.yml reads it from MESBOX_SITE_URL).
SITE_URL = "http://127.0.0.1/"
# Debian's Chromium, which the browser tests drive (.ci/run installs it).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def make_repo(target: Path) -> Path:
    """The fixture content with the project's own mkdocs.yml, theme overrides and stylesheet."""
    shutil.copytree(FIXTURE, target)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", target / "overrides")
    shutil.copytree(REPO / "content" / "assets", target / "content" / "assets")
    return target


def build(root: Path, engine: str = "mkdocs", strict: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a whole `mkdocs build` (or `properdocs build`) in a subprocess, as a contributor would;
    `env` adds to or replaces the variables mkdocs.yml reads (MESBOX_SITE_URL, MESBOX_PUBLICATION)."""
    command = [sys.executable, "-m", engine, "build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300, env=_env(env or {}), check=False)


def _env(overrides: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "MESBOX_PUBLICATION"}
    env["MESBOX_SITE_URL"] = SITE_URL
    return env | overrides


def build_in_process(
    root: Path, site: Path, *, command: Literal["build", "serve"] = "serve", dirty: bool = False, start: bool = True
) -> Path:
    """One quiet build in this process, as `mkdocs serve` (with --dirty or not) or `mkdocs build` runs it;
    `start` begins a new session first, which a save under `mkdocs serve` does not. Returns the site folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), site_url=SITE_URL, strict=False)
    if start:
        config.plugins.on_startup(command=command, dirty=dirty)
    logging.getLogger("mkdocs").setLevel(logging.CRITICAL)
    try:
        mkdocs_build(config, dirty=dirty)
    finally:
        logging.getLogger("mkdocs").setLevel(logging.NOTSET)
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No line per request in the test output."""


@contextmanager
def served(site: Path) -> Iterator[str]:
    """A built site over HTTP on a free local port, for as long as the block runs; yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
