"""Time the preview after one saved entry (`mkdocs serve --dirty`) against a full build, on the generated corpus.

Usage: python benchmarks/bench_preview.py [--entries 1000] [--edits 10] [--full-runs 3]

In one process, as `mkdocs serve` runs (the configuration read again before each build, the plugin
instance kept): full builds (`mkdocs build`), then a first dirty build, then `--edits` saves of one
entry each, alternately its title (its listings, term pages, "Cité par" targets change too) and its
text, each followed by a dirty build. Prints the medians, their ratio and every run.
Goal: a save shown in ≤ 2 s (median) on 1 000 entries. A measurement: exits 0 whatever the figures;
2 only if it cannot measure.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import corpus, spread

GOAL_SECONDS = 2.0


def build(root: Path, dirty: bool) -> float:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    started = time.perf_counter()
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), site_url="http://127.0.0.1:8000/")
    config.plugins.on_startup(command="serve", dirty=dirty)
    mkdocs_build(config, dirty=dirty)
    return time.perf_counter() - started


def edit(path: Path, number: int) -> None:
    """A contributor's save: a few words of the title, or a sentence of the text."""
    text = path.read_text(encoding="utf-8")
    if number % 2 == 0:
        quoted = '\ntitle: "' in text
        text = text.replace('\ntitle: "' if quoted else "\ntitle: ", f'\ntitle: "Version {number} : ' if quoted else f"\ntitle: Version {number}, ", 1)
    else:
        text += f"\nUne phrase ajoutée à la relecture n° {number}.\n"
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--full-runs", type=int, default=3)
    args = parser.parse_args()
    source = corpus(args.entries)
    if not (source / "mkdocs.yml").is_file():
        print(f"pas de mkdocs.yml dans {source} : rien à mesurer", file=sys.stderr)
        return 2
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="mesbox-preview-") as scratch:
        root = Path(scratch) / "repo"
        shutil.copytree(source, root)
        fiches = sorted((root / "fiches").rglob("*.md"))
        picked = [fiches[(i * 97) % len(fiches)] for i in range(args.edits)]
        try:
            full = [build(root, dirty=False) for _ in range(args.full_runs)]
            print(f"constructions complètes : {spread(full)} s", flush=True)
            first = build(root, dirty=True)
            saves = []
            for number, path in enumerate(picked):
                edit(path, number)
                saves.append(build(root, dirty=True))
                print(f"enregistrement {number + 1} ({path.name}) : {saves[-1]:.2f} s", flush=True)
        except Exception as error:  # noqa: BLE001 - a measurement reports why it could not measure
            print(f"construction impossible : {error}", file=sys.stderr)
            return 2
    full_median, save_median = statistics.median(full), statistics.median(saves)
    print(f"corpus : {args.entries} entrées ; {args.edits} enregistrements d'une entrée")
    print(f"construction complète : médiane {full_median:.2f} s ({spread(full)})")
    print(f"première construction de l'aperçu (--dirty, tout) : {first:.2f} s")
    print(f"aperçu après un enregistrement (--dirty) : médiane {save_median:.2f} s ({spread(saves)})")
    print(f"rapport aperçu / complète : {save_median / full_median:.2f} ; objectif ≤ {GOAL_SECONDS:g} s : "
          f"{'atteint' if save_median <= GOAL_SECONDS else 'non atteint'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
