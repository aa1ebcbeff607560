"""The floor of `mesbox check`: read every content file, split its front-matter, parse it with CSafeLoader. Nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(root: Path) -> int:
    count = 0
    for folder in ("fiches", "monographies", "content/recits", "grids"):
        for path in (root / folder).rglob("*.md"):
            text = path.read_text(encoding="utf-8")
            front = text.split("---\n", 2)[1]
            yaml.load(front, Loader=yaml.CSafeLoader)
            count += 1
    for path in (root / "taxonomies").glob("*.yml"):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        count += 1
    return count


if __name__ == "__main__":
    print(main(Path(sys.argv[1])))
