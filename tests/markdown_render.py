"""Bodies rendered as the site renders them: Python-Markdown with the extensions of the repository's mkdocs.yml."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import markdown
import yaml

MKDOCS_YML = Path(__file__).resolve().parent.parent / "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's `!ENV` and Python tags are not needed for its extensions: read as nothing."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@cache
def extensions() -> tuple[list[str], dict[str, Any]]:
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=_Loader)["markdown_extensions"]:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = config or {}
    return names, configs


def render(body: str) -> str:
    names, configs = extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
