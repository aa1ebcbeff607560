"""The floor of `mesbox check`: read every content file, split off its front-matter, parse it with CSafeLoader.

Usage: python benchmarks/floor.py CORPUS_DIR

Why: no checker can read and parse the same YAML faster than libyaml does it here, so `check / floor`
says how much the checking itself costs. Nothing else is done on purpose (no validation, no bodies).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

FOLDERS = ("fiches", "monographies", "content/recits", "grids")


def front_matter(text: str) -> str | None:
    """The text between the first two `---` lines (None when the file has no front-matter)."""
    text = text.removeprefix("\ufeff")
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    return text[3:end] if end != -1 else None


def main(root: Path) -> int:
    parsed = 0
    for folder in FOLDERS:
        for path in (root / folder).rglob("*.md"):
            front = front_matter(path.read_text(encoding="utf-8"))
            if front is not None:
                yaml.load(front, Loader=yaml.CSafeLoader)
                parsed += 1
    for path in (root / "taxonomies").glob("*.yml"):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        parsed += 1
    return parsed


if __name__ == "__main__":
    print(f"{main(Path(sys.argv[1]))} fichiers lus")
