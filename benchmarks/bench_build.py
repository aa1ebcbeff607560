"""Time whole `mkdocs build` processes: mesbox vs the same Markdown as plain pages, vs Material's tags plugin; linearity.

Usage: python benchmarks/bench_build.py [--entries 2000] [--runs 3] [--quick]
Goals printed beside the ratios: mesbox ≤ 1.15 × plain, mesbox ≤ tags, t(4000) ≤ 4.4 × t(1000).
No assertion: a measurement. The plugin's own work (load, check, index, page sources) is read
from its log line and printed apart.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from timing import corpus, medians  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
ENTRY_FOLDERS = ("fiches", "monographies", "grids", "content/recits")


def plain_config(tags: bool) -> str:
    """The project's own mkdocs.yml (same theme, extensions, styles) with only search (and tags) as plugins."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    plugins = "plugins:\n  - search:\n      lang: fr\n" + ("  - tags\n" if tags else "")
    config = re.sub(r"^plugins:\n(?:[ ].*\n|\n)*", plugins + "\n", config, flags=re.MULTILINE)
    nav = "nav:\n  - Accueil: index.md\n" + ("  - Étiquettes: tags.md\n" if tags else "")
    config = config[: config.index("\nnav:\n") + 1] + nav
    return config + "not_in_nav: |\n  /entrees/**\n"


def plain_site(source: Path, target: Path, tags: bool) -> Path:
    """The corpus's entry files as ordinary pages of a Material site (optionally tagged with their terms)."""
    if target.exists():
        shutil.rmtree(target)
    docs = target / "content"
    (docs / "entrees").mkdir(parents=True)
    shutil.copytree(REPO / "overrides", target / "overrides")
    shutil.copytree(REPO / "content" / "assets", docs / "assets")
    for folder in ENTRY_FOLDERS:
        for path in (source / folder).rglob("*.md"):
            text = path.read_text(encoding="utf-8")
            if tags:
                front, _, body = text[4:].partition("\n---\n")
                terms = re.findall(r"^(?:themes|methods|territories): \[(.*)\]$", front, re.MULTILINE)
                values = [t.strip() for group in terms for t in group.split(",") if t.strip()]
                text = "---\n" + front + "\ntags:\n" + "".join(f"  - {v}\n" for v in values) + "---\n" + body
            (docs / "entrees" / path.name).write_text(text, encoding="utf-8")
    (docs / "index.md").write_text("# Accueil\n", encoding="utf-8")
    if tags:
        (docs / "tags.md").write_text("# Étiquettes\n\n<!-- material/tags -->\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(plain_config(tags), encoding="utf-8")
    return target


def build_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]


def plugin_share(log: str) -> str:
    found = re.search(r"mesbox: \d+ fichiers vérifiés en ([\d.]+) s, (\d+) pages générées en ([\d.]+) s", log)
    if not found:
        return "n/a"
    return f"{float(found.group(1)) + float(found.group(3)):.2f} s ({found.group(2)} pages générées)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="300 entrées, une exécution (essai)")
    args = parser.parse_args()
    entries, runs = (300, 1) if args.quick else (args.entries, args.runs)
    source = corpus(entries)
    plain = plain_site(source, Path(f"/tmp/mesbox-plain-{entries}"), tags=False)
    tagged = plain_site(source, Path(f"/tmp/mesbox-tags-{entries}"), tags=True)
    times, logs = medians({"mesbox": build_command(source), "plain": build_command(plain), "tags": build_command(tagged)}, runs)
    print(f"{entries} entrées, médiane de {runs} constructions")
    print(f"mesbox: {times['mesbox']:.1f} s  plain: {times['plain']:.1f} s  tags: {times['tags']:.1f} s")
    print(f"mesbox/plain: {times['mesbox'] / times['plain']:.2f} (objectif ≤ 1.15)  mesbox/tags: {times['mesbox'] / times['tags']:.2f} (objectif ≤ 1.0)")
    print(f"part propre de mesbox (chargement, vérification, index, sources des pages) : {plugin_share(logs['mesbox'])}")
    small, large = (max(100, entries // 8), entries // 2) if args.quick else (1000, 4000)
    scale, scale_logs = medians({"small": build_command(corpus(small)), "large": build_command(corpus(large))}, runs)
    print(f"linéarité : {small} entrées {scale['small']:.1f} s, {large} entrées {scale['large']:.1f} s, "
          f"rapport {scale['large'] / scale['small']:.2f} pour ×{large / small:.0f} (objectif ≤ {4.4 * large / small / 4:.1f})")
    print(f"part propre de mesbox à {large} entrées : {plugin_share(scale_logs['large'])}")


if __name__ == "__main__":
    main()
