"""Time the preview after one saved entry (`mkdocs serve --dirty`) against a full build, on the generated corpus.

Usage: python benchmarks/bench_preview.py [--entries 1000] [--edits 10] [--full-runs 3]

In one process: `--full-runs` full builds (`mkdocs build`), then a preview session as `mkdocs serve
--dirty` runs it (`on_startup` once, the configuration read again before each build, the plugin
instance kept): a first build, then `--edits` saves of one entry each, alternately its title (its
listings, term pages, "Cité par" targets change too) and its text, each followed by a build.
Prints the medians, their ratio, every run and the load average (the machine may be shared).
Goal: a save shown in ≤ 2 s (median) on 1 000 entries. A measurement: exits 0 whatever the figures;
2 only if it cannot measure.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import write_site_files
from timing import corpus, spread

GOAL_SECONDS = 2.0
SITE_URL = "http://127.0.0.1:8000/"


def cpu() -> float:
    """Processor seconds of this process and of the programs it waited for (the search index's): less
    sensitive than wall-clock time to what else the machine runs."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def build(root: Path, site: Path, *, dirty: bool, command: Literal["build", "serve"] | None = None) -> tuple[float, float]:
    """One build as MkDocs runs it, its wall-clock and processor seconds; `command` starts a new
    session first (`mkdocs build` does, each save of `mkdocs serve` does not: its plugin instance goes on)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    started, used = time.perf_counter(), cpu()
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), site_url=SITE_URL)
    if command is not None:
        config.plugins.on_startup(command=command, dirty=dirty)
    mkdocs_build(config, dirty=dirty)
    return time.perf_counter() - started, cpu() - used


def load() -> str:
    """The load average over 1, 5 and 15 minutes: the figures' noise on a shared machine."""
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def edit(path: Path, number: int) -> None:
    """A contributor's save: a few words of the title, or a sentence of the text."""
    text = path.read_text(encoding="utf-8")
    if number % 2 == 0:
        quoted = '\ntitle: "' in text
        text = text.replace(
            '\ntitle: "' if quoted else "\ntitle: ", f'\ntitle: "Version {number} : ' if quoted else f"\ntitle: Version {number}, ", 1
        )
    else:
        text += f"\nUne phrase ajoutée à la relecture n° {number}.\n"
    path.write_text(text, encoding="utf-8")


@dataclass
class Preview:
    """What one measurement found: seconds of each full build, of the preview's first build, of each save."""

    entries: int
    full: list[float]
    first: float
    saves: list[float]
    loads: list[str]
    full_cpu: list[float]
    saves_cpu: list[float]

    @property
    def ratio(self) -> float:
        return statistics.median(self.saves) / statistics.median(self.full)

    def summary(self) -> str:
        """The figures for a reader, in French."""
        full, save = statistics.median(self.full), statistics.median(self.saves)
        return (
            f"corpus : {self.entries} entrées ; {len(self.saves)} enregistrements d'une entrée\n"
            f"construction complète (mkdocs build) : médiane {full:.2f} s ({spread(self.full)})\n"
            f"première construction de l'aperçu (mkdocs serve --dirty, tout le site) : {self.first:.2f} s\n"
            f"aperçu après un enregistrement : médiane {save:.2f} s ({spread(self.saves)})\n"
            f"temps processeur (peu sensible à la charge) : construction complète {statistics.median(self.full_cpu):.2f} s, "
            f"enregistrement {statistics.median(self.saves_cpu):.2f} s (médianes), "
            f"rapport {statistics.median(self.saves_cpu) / statistics.median(self.full_cpu):.2f}\n"
            f"rapport aperçu / complète : {self.ratio:.2f} ; objectif ≤ {GOAL_SECONDS:g} s : "
            f"{'atteint' if save <= GOAL_SECONDS else 'non atteint'}\n"
            f"charge moyenne (1, 5, 15 min) : {' | '.join(self.loads)}"
        )


def measure(entries: int, edits: int = 10, full_runs: int = 3, echo: bool = True) -> Preview:
    """Full builds, then a preview session of `edits` saves, on a copy of the corpus."""
    source = corpus(entries)
    if not (source / "mkdocs.yml").is_file():
        raise FileNotFoundError(f"pas de mkdocs.yml dans {source} : rien à mesurer")
    say = print if echo else (lambda *_, **__: None)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="mesbox-preview-") as scratch:
        root = Path(scratch) / "repo"
        shutil.copytree(source, root)
        write_site_files(root)  # the repository's current mkdocs.yml and theme overrides, even in a cached corpus
        fiches = sorted((root / "fiches").rglob("*.md"))
        picked = [fiches[(i * 97) % len(fiches)] for i in range(edits)]
        loads = [load()]
        timings = [build(root, Path(scratch) / "built", dirty=False, command="build") for _ in range(full_runs)]
        full, full_cpu = [wall for wall, _ in timings], [used for _, used in timings]
        say(f"constructions complètes : {spread(full)} s (charge {load()})", flush=True)
        served = Path(scratch) / "served"
        from mkdocs.config import load_config

        try:
            first = build(root, served, dirty=True, command="serve")[0]
            loads.append(load())
            saves, saves_cpu = [], []
            for number, path in enumerate(picked):
                edit(path, number)
                wall, used = build(root, served, dirty=True)
                saves.append(wall)
                saves_cpu.append(used)
                say(f"enregistrement {number + 1} ({path.name}) : {wall:.2f} s, processeur {used:.2f} s (charge {load()})", flush=True)
        finally:
            load_config(str(root / "mkdocs.yml"), site_dir=str(served), site_url=SITE_URL).plugins.on_shutdown()
        loads.append(load())
    return Preview(entries, full, first, saves, loads, full_cpu, saves_cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--full-runs", type=int, default=3)
    args = parser.parse_args()
    try:
        found = measure(args.entries, args.edits, args.full_runs)
    except Exception as error:  # noqa: BLE001 - a measurement reports why it could not measure
        print(f"mesure impossible : {error}", file=sys.stderr)
        return 2
    print(found.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
