"""The project's furniture: REUSE clean, one version everywhere, valid citation file, issue forms and code owners."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import mesbox

ROOT = Path(__file__).resolve().parent.parent
FORMS = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
FIELD_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_reuse_lint_passes() -> None:
    """Every file of the repository has its copyright and licence (REUSE.toml); reuse works offline."""
    if not (ROOT / ".git").exists():
        pytest.skip("reuse reads .gitignore through git: run from a clone")
    done = subprocess.run(
        [sys.executable, "-m", "reuse", "--root", str(ROOT), "lint"], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_one_version_everywhere() -> None:
    version = mesbox.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert str(load(ROOT / "CITATION.cff")["version"]) == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog, re.MULTILINE)
    assert released and released[0][0] == version
    done = subprocess.run([sys.executable, "-m", "mesbox", "--version"], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == f"mesbox {version}"


def test_changelog_keeps_a_changelog() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\]", changelog, re.MULTILINE)
    assert headings[0] == "Non publié"
    for heading in headings:
        assert re.search(rf"^\[{re.escape(heading)}\]: https://", changelog, re.MULTILINE), f"no link for {heading}"
    dates = re.findall(r"^## \[\d+\.\d+\.\d+\] - (\d{4}-\d{2}-\d{2})$", changelog, re.MULTILINE)
    assert dates == sorted(dates, reverse=True)
    sections = set(re.findall(r"^### (.+)$", changelog, re.MULTILINE))
    assert sections <= {"Ajouté", "Modifié", "Obsolète", "Supprimé", "Corrigé", "Sécurité"}


def test_citation_file_is_cff_1_2() -> None:
    citation = load(ROOT / "CITATION.cff")
    assert citation["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(citation)
    assert citation["license"] == "EUPL-1.2" and citation["type"] == "software"
    # Authors are the collective (an entity has a name), no invented person.
    assert citation["authors"] == [{"name": "Équipe mesbox"}]
    assert str(citation["repository-code"]).startswith("https://")


@pytest.mark.parametrize("path", [p for p in FORMS if p.name != "config.yml"], ids=lambda p: p.name)
def test_issue_forms_are_valid(path: Path) -> None:
    form = load(path)
    assert form["name"] and form["description"] and form["body"]
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in FIELD_TYPES
        if item["type"] != "markdown":
            assert item["id"] and item["attributes"]["label"]
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]


def test_issue_forms_cover_entries_and_errors() -> None:
    names = {load(path).get("name") for path in FORMS}
    assert {"Proposer une entrée", "Signaler une erreur dans une page"} <= names
    config = load(ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml")
    assert all(link["url"].startswith("https://") for link in config["contact_links"])


def test_code_owners_name_existing_paths() -> None:
    lines = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    assert rules
    for path, *owners in rules:
        assert (ROOT / path.strip("/")).exists(), path
        assert owners and all(owner.startswith("@mouvement-economie-solidaire/") for owner in owners)
