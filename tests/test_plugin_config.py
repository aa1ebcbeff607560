"""The plugin's settings: the README documents each of them with its real default."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from mesbox.mkdocs_plugin.config import MesboxConfig

README = Path(__file__).resolve().parent.parent / "README.md"


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
    assert set(shown) == set(config.keys())
    for key, value in shown.items():
        if key != "root":  # the README shows what the default means, not None
            assert config[key] == value, key
    assert config["root"] is None and shown["root"] == "."


def test_the_documented_settings_are_valid() -> None:
    config = MesboxConfig()
    config.load_dict(documented())
    assert config.validate() == ([], [])
