"""The plugin's settings: the README documents each of them with its real default."""

from __future__ import annotations

import ast
import inspect
import itertools
import re
from pathlib import Path

import yaml
from mkdocs.config import config_options as c

from mesbox.mkdocs_plugin import config as config_module
from mesbox.mkdocs_plugin.config import MesboxConfig

README = Path(__file__).resolve().parent.parent / "README.md"
CURRENT = {name for name, option in MesboxConfig._schema if not isinstance(option, c.Deprecated)}


def documented() -> dict[str, object]:
    block = re.search(r"```yaml\n(plugins:\n.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert block, "README: the plugins: example is missing"
    plugins = yaml.safe_load(block.group(1))["plugins"]
    return next(p["mesbox"] for p in plugins if isinstance(p, dict) and "mesbox" in p)


def test_readme_lists_every_setting_with_its_default() -> None:
    config = MesboxConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    shown = documented()
    assert set(shown) == CURRENT
    for key, value in shown.items():
        if key != "root":  # the README shows what the default means, not None
            assert config[key] == value, key
    assert config["root"] is None and shown["root"] == "."


def test_the_documented_settings_are_valid() -> None:
    config = MesboxConfig()
    config.load_dict(documented())
    assert config.validate() == ([], [])


def test_every_setting_is_documented_where_it_is_declared() -> None:
    """Each setting is followed by its docstring in MesboxConfig (what mkdocstrings and readers see)."""
    tree = ast.parse(inspect.getsource(config_module))
    body = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "MesboxConfig").body
    documented = {
        node.targets[0].id
        for node, following in itertools.pairwise(body)
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(following, ast.Expr)
        and isinstance(following.value, ast.Constant)
        and isinstance(following.value.value, str)
    }
    assert documented == {name for name, _ in MesboxConfig._schema}


def test_a_removed_setting_warns_in_french_and_is_ignored() -> None:
    config = MesboxConfig()
    config.load_dict({"render_ahead": True})
    errors, warnings = config.validate()
    assert errors == []
    assert [key for key, _ in warnings] == ["render_ahead"]
    assert "n'a plus d'effet" in warnings[0][1] and "render_ahead" in warnings[0][1]
