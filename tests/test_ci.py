"""What CI installs and runs: the README's test command is `.ci/run`, and the lock pins everything pyproject.toml asks for."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)


def locked(name: str) -> dict[str, list[tuple[Version, bool]]]:
    """Each pinned package of a lock file: its versions (one per environment marker) and whether every pin has hashes."""
    pins: dict[str, list[tuple[Version, bool]]] = {}
    lines = (ROOT / "requirements" / name).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        match = PIN.match(line)
        if match:
            hashed = number + 1 < len(lines) and lines[number + 1].strip().startswith("--hash=sha256:")
            pins.setdefault(canonicalize_name(match.group(1)), []).append((Version(match.group(2)), hashed))
    return pins


def requirements(*extras: str) -> list[Requirement]:
    project = PYPROJECT["project"]
    wanted = [*project["dependencies"], *PYPROJECT["build-system"]["requires"]]
    for extra in extras:
        wanted += project["optional-dependencies"][extra]
    return [Requirement(text) for text in wanted]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    commands = [block for block in shell_blocks() if "pytest" in block]
    assert len(commands) == 1, "README: one test command"
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip("\n").splitlines()
    assert run[-1] == commands[0]


def test_readme_commands_install_the_locked_versions() -> None:
    build = next(block for block in shell_blocks() if "mkdocs build" in block)
    assert "--require-hashes -r requirements/site.txt" in build and "--no-deps" in build
    test = next(block for block in shell_blocks() if "pytest" in block)
    assert "--require-hashes -r requirements/dev.txt" in test and "--no-deps" in test


@pytest.mark.parametrize(("lock", "extras"), [("site.txt", ()), ("dev.txt", tuple(PYPROJECT["project"]["optional-dependencies"]))])
def test_lock_pins_every_requirement_within_its_bounds(lock: str, extras: tuple[str, ...]) -> None:
    pins = locked(lock)
    assert pins, lock
    assert all(hashed for versions in pins.values() for _, hashed in versions), f"{lock}: a pin without its sha256"
    for requirement in requirements(*extras):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock} does not pin {name}: run requirements/update"
        for version, _ in pins[name]:
            assert requirement.specifier.contains(version, prereleases=True), f"{lock}: {name}=={version} outside {requirement.specifier}"


def test_build_input_is_the_build_system() -> None:
    lines = (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == PYPROJECT["build-system"]["requires"]
