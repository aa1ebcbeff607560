"""The package layout follows the pipeline: a stage imports only from itself and the stages before it,
the core never imports MkDocs (or ProperDocs), and no module reaches into another's private names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"

# The pipeline, in order: each stage may import from itself and the ones before it, never after.
STAGES = ("contract", "reading", "catalogue", "rendering", "checking", "publishing", "cli", "mkdocs_plugin")
SITE_ENGINES = ("mkdocs", "properdocs")


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, absolute module, imported names) of every import in the file, lazy ones included."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: list[tuple[int, str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            found.append((node.lineno, target, [alias.name for alias in node.names]))
    return found


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "mesbox" and parts[1] in STAGES else None


MODULES = sorted((SOURCE / "mesbox").rglob("*.py"))


def test_every_module_belongs_to_a_stage() -> None:
    loose = [module_name(path) for path in MODULES if stage_of(module_name(path)) is None]
    assert loose == ["mesbox", "mesbox.__main__"]


def layering_problems(path: Path) -> list[str]:
    name = module_name(path)
    own = stage_of(name)
    problems = []
    for line, target, names in imports(path):
        where = f"{name}:{line}"
        if own is not None and (other := stage_of(target)) is not None and STAGES.index(other) > STAGES.index(own):
            problems.append(f"{where} imports {target} (stage '{other}' comes after '{own}')")
        if own != "mkdocs_plugin" and target.split(".")[0] in SITE_ENGINES:
            problems.append(f"{where} imports {target}: only mkdocs_plugin may use the site engine")
        if target.startswith("mesbox") and target != name:
            private = [imported for imported in names if imported.startswith("_") and not imported.startswith("__")]
            if private:
                problems.append(f"{where} imports private {', '.join(private)} from {target}")
    return problems


@pytest.mark.parametrize("path", MODULES, ids=module_name)
def test_imports_follow_the_pipeline(path: Path) -> None:
    assert layering_problems(path) == []


def test_the_rules_catch_what_they_forbid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above are not vacuous: a module breaking each rule is reported."""
    package = tmp_path / "mesbox" / "reading"
    package.mkdir(parents=True)
    bad = package / "bad.py"
    bad.write_text(
        "from mesbox.rendering.pages import render\n"
        "from ..contract.registry import COLLECTIONS, _private\n"
        "def late():\n    import mkdocs.plugins\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.SOURCE", tmp_path)
    assert layering_problems(bad) == [
        "mesbox.reading.bad:1 imports mesbox.rendering.pages (stage 'rendering' comes after 'reading')",
        "mesbox.reading.bad:2 imports private _private from mesbox.contract.registry",
        "mesbox.reading.bad:4 imports mkdocs.plugins: only mkdocs_plugin may use the site engine",
    ]
