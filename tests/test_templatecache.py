"""Templates compiled once per preview session: a new environment reuses the code, an edited template is compiled again."""

from __future__ import annotations

from typing import Any

import pytest
from jinja2 import DictLoader, Environment

from mesbox.rendering.templatecache import MemoryBytecodeCache


def environment(cache: MemoryBytecodeCache, source: str) -> Environment:
    return Environment(loader=DictLoader({"page.html": source}), bytecode_cache=cache)


def test_a_new_environment_reuses_the_compiled_template(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = MemoryBytecodeCache()
    assert environment(cache, "Bonjour {{ nom }}").get_template("page.html").render(nom="Lou") == "Bonjour Lou"
    assert len(cache.store) == 1

    again = environment(cache, "Bonjour {{ nom }}")

    def no_compile(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(again, "compile", no_compile)
    assert again.get_template("page.html").render(nom="Sam") == "Bonjour Sam"

    edited = environment(cache, "Salut {{ nom }}")  # another source, another checksum
    assert edited.get_template("page.html").render(nom="Sam") == "Salut Sam"

    cache.clear()
    assert cache.store == {}
