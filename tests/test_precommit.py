"""The pre-commit hooks the repository ships: its own config passes on a copy of the repository
(offline: the local hook uses this environment's mesbox), fails on a broken entry, and the manifest
offered to other repositories is valid and selects the content files only."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import replace

from mesbox.contract.registry import COLLECTIONS, TAXONOMIES
from mesbox.reading.files import EDITORIAL_FOLDER

REPOSITORY = Path(__file__).resolve().parents[1]
# Every folder mesbox reads: the collections', the vocabularies' and the editorial pages'.
CONTENT = sorted(
    {c.folder.split("/")[0] for c in COLLECTIONS.values()} | {t.file.split("/")[0] for t in TAXONOMIES.values()} | {EDITORIAL_FOLDER}
)
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

pytestmark = pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit absent (pip install -e '.[test]')")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """The repository's content and hook config in a fresh git repository, everything staged."""
    root = tmp_path / "depot"
    root.mkdir()
    for folder in CONTENT:
        shutil.copytree(REPOSITORY / folder, root / folder)
    for name in ("mkdocs.yml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml"):
        shutil.copy2(REPOSITORY / name, root / name)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    return root


def _pre_commit(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": f"{PRE_COMMIT.parent}{os.pathsep}{os.environ.get('PATH', '')}",  # this environment's mesbox
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files"], cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_shipped_config_passes_on_the_repository(copy: Path, tmp_path: Path) -> None:
    done = _pre_commit(copy, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"mesbox check\.+Passed", done.stdout)


def test_shipped_config_fails_on_a_broken_entry(copy: Path, tmp_path: Path) -> None:
    fiche = next(p for p in sorted((copy / "fiches").rglob("*.md")) if "\nthemes:" in p.read_text(encoding="utf-8"))
    rel = fiche.relative_to(copy).as_posix()
    replace(copy, rel, "\nthemes:", "\nthemes: [theme-qui-n-existe-pas]\nancien_themes:")
    _git(copy, "add", "-A")
    done = _pre_commit(copy, tmp_path)
    assert done.returncode == 1
    assert f"{rel}:" in done.stdout and "E104" in done.stdout and "E103" in done.stdout


def test_manifest_is_valid_and_selects_content_files_only(tmp_path: Path) -> None:
    manifest = REPOSITORY / ".pre-commit-hooks.yaml"
    validated = subprocess.run(
        [str(PRE_COMMIT), "validate-manifest", str(manifest)], capture_output=True, text=True, timeout=60, check=False
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    hooks = {hook["id"]: hook for hook in yaml.safe_load(manifest.read_text(encoding="utf-8"))}
    own = yaml.safe_load((REPOSITORY / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    hook = hooks["mesbox-check"]
    assert hook["language"] == "python" and hook["entry"] == own["entry"] == "mesbox check"
    assert hook["files"] == own["files"] and hook["exclude"] == own["exclude"] and hook["require_serial"] is True

    def selects(path: str) -> bool:
        return bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)

    wanted = [f"{c.folder}/a.md" for c in COLLECTIONS.values()] + [f"{c.folder}/sous/b.md" for c in COLLECTIONS.values()]
    wanted += [t.file for t in TAXONOMIES.values()] + [f"{EDITORIAL_FOLDER}/page.md"]
    for path in wanted:
        assert selects(path), path
    for path in (
        "README.md",
        "mkdocs.yml",
        "src/mesbox/cli/main.py",
        "fiches/image.png",
        "docs/decisions.md",
        ".github/workflows/check.yml",
        "tests/fixtures/repo/fiches/a.md",
        "benchmarks/README.md",
    ):
        assert not selects(path), path
