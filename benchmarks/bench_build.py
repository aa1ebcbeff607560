"""Time whole `mkdocs build` processes: mesbox against the same Markdown as plain pages and against Material's tags plugin.

Usage: python benchmarks/bench_build.py [--entries 2000] [--runs 3] [--seed 1] [--quick] [--no-preview]

Three sites built from one generated corpus, one after the other in each round:
- mesbox: the repository's own mkdocs.yml (read at run time), its plugins (mesbox alone: readers search
  with its search index, so the theme's `search` plugin is off) mounting the collections of the corpus;
- plain: the same entry files copied as ordinary pages of a Material site with the same theme, extensions
  and styles, and Material's `search` plugin as a plain Material site has it (the index its search box
  needs), the entries kept out of the nav (`not_in_nav`) as mesbox keeps them;
- tags: the plain site plus Material's `tags` plugin, each copy tagged with the labels of its themes,
  methods and territories, and a tags index page.
All three are built as for publication, with a site address (`MESBOX_SITE_URL`, `SITE_URL` unless set).
Then mesbox alone at 1 000 and 4 000 entries, for linearity; then, beside the full build at 1 000
entries, the preview's figure: one saved entry shown by `mkdocs serve --dirty` (median of 10 saves,
`bench_preview.py`; `--no-preview` leaves it out).
Goals: mesbox ≤ 1.15 × plain, mesbox ≤ tags, t(4000) ≤ 4.4 × t(1000), a save shown in ≤ 2 s. A measurement: exits 0 whatever
the ratios; exits 2 only if it cannot measure (no mkdocs.yml, no mesbox plugin, a failed build).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
from importlib import metadata
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_preview import GOAL_SECONDS, measure
from generate_corpus import write_site_files
from timing import CommandFailed, corpus, medians, spread

REPO = Path(__file__).resolve().parent.parent
# corpus folder → URL folder of its entries (docs/contrat.md §1): the plain copies get the same URLs
ENTRY_FOLDERS = {"fiches": "fiches", "monographies": "monographies", "content/recits": "recits", "grids": "grilles"}
TERM_FILES = ("themes", "methods", "territories")
GOALS = {"plain": 1.15, "tags": 1.0, "linear": 4.4}
# Every site is built as for publication, with an address (example.org is reserved for examples, RFC 2606):
# without one, mesbox warns that the site is not publishable, and the measured build is not the published one.
SITE_URL = "https://example.org/mesbox/"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, default]` resolved, other tags (python names) dropped."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in values[:-1] if len(values) > 1 else values:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return values[-1] if len(values) > 1 else None


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def repo_config() -> dict:
    path = REPO / "mkdocs.yml"
    if not path.is_file():
        raise CommandFailed(f"{path} n'existe pas encore : rien à mesurer")
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def plugin_entries(config: dict) -> list[tuple[str, object]]:
    """The `plugins:` setting as (name, options) pairs, whichever of its YAML forms is used."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        return list(plugins.items())
    return [next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins]


def check_plugin(config: dict) -> None:
    names = [name for name, _ in plugin_entries(config)]
    if "mesbox" not in names:
        raise CommandFailed(f"le mkdocs.yml du dépôt n'active pas l'extension mesbox (plugins : {names})")
    if not any(ep.name == "mesbox" for ep in metadata.entry_points(group="mkdocs.plugins")):
        raise CommandFailed("l'extension mesbox n'est pas installée dans cet environnement (pip install -e .)")


def plain_config(config: dict, tags: bool) -> dict:
    """The repository's configuration (theme, extensions, styles) with search (and tags), nav = home page.
    Search as a plain Material site has it (the theme's language), whether or not the repository uses it."""
    plain = dict(config)
    plain["plugins"] = ["search"] + (["tags"] if tags else [])
    plain["nav"] = [{"Accueil": "index.md"}] + ([{"Étiquettes": "etiquettes.md"}] if tags else [])
    plain["not_in_nav"] = "".join(f"/{folder}/\n" for folder in ENTRY_FOLDERS.values())
    for key in ("site_url",):  # None after !ENV without a value: MkDocs wants a string or nothing
        if plain.get(key) is None:
            plain.pop(key, None)
    return plain


def term_labels(root: Path) -> dict[str, dict[str, str]]:
    return {
        name: {
            t["id"]: t["label"]
            for t in yaml.load((root / "taxonomies" / f"{name}.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        }
        for name in TERM_FILES
    }


def plain_site(source: Path, target: Path, config: dict, tags: bool) -> Path:
    """The corpus's entry files as ordinary pages of a Material site, under the URLs mesbox gives them."""
    shutil.rmtree(target, ignore_errors=True)
    docs_name = str(config.get("docs_dir") or "docs")
    docs = target / docs_name
    docs.mkdir(parents=True)
    write_site_files(target)  # theme overrides, styles and editorial pages, as the mesbox site has them
    labels = term_labels(source) if tags else {}
    for folder, url_folder in ENTRY_FOLDERS.items():
        out = docs / url_folder
        out.mkdir(parents=True, exist_ok=True)
        for path in (source / folder).rglob("*.md"):
            text = path.read_text(encoding="utf-8")
            if tags:
                end = text.index("\n---\n", 3)
                data = yaml.load(text[4:end], Loader=yaml.CSafeLoader)
                values = [labels[name][term] for name in TERM_FILES for term in data.get(name) or []]
                tag_lines = "".join(f"\n  - {json.dumps(v, ensure_ascii=False)}" for v in dict.fromkeys(values))
                text = text[:end] + ("\ntags:" + tag_lines if tag_lines else "") + text[end:]
            (out / path.name).write_text(text, encoding="utf-8")
    (docs / "index.md").write_text("# Accueil\n\nLes mêmes entrées, en pages ordinaires de Material.\n", encoding="utf-8")
    if tags:
        (docs / "etiquettes.md").write_text("# Étiquettes\n\n<!-- material/tags -->\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(yaml.safe_dump(plain_config(config, tags), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def build(root: Path, name: str) -> list[str]:
    """A whole `mkdocs build` process; the site goes to /tmp, out of the corpus."""
    return [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", f"/tmp/mesbox-bench-site-{name}"]


def mesbox_site(entries: int, seed: int) -> Path:
    root = corpus(entries, seed)
    write_site_files(root)  # the repository's current mkdocs.yml, even in a cached corpus
    return root


def plugin_share(output: str, total: float) -> str:
    """The plugin's own time in MkDocs' process, from its INFO lines (`mesbox: … en X s`, `… X s`), as seconds
    and share. Page sources written ahead by mesbox's second process are not counted: only the wait for them."""
    lines = [line.split("mesbox:", 1)[1].strip() for line in output.splitlines() if "mesbox:" in line]
    seconds = [float(x) for line in lines for x in re.findall(r"(\d+(?:[.,]\d+)?) ?s\b", line.replace(",", "."))]
    if not seconds:
        return "n/a"
    return f"{sum(seconds):.2f} s, {sum(seconds) / total:.0%} du total  [{' ; '.join(lines)}]"


def problems(output: str) -> str:
    """Warnings and errors of a build: a build that logs them does not measure what it should."""
    count = sum(1 for line in output.splitlines() if line.startswith(("WARNING", "ERROR")))
    return f"  ({count} avertissements ou erreurs dans le journal)" if count else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000, help="taille du corpus comparé (défaut : 2000)")
    parser.add_argument("--runs", type=int, default=3, help="constructions mesurées de chaque site (défaut : 3)")
    parser.add_argument("--warmup", type=int, default=0, help="tours de chauffe non mesurés (défaut : 0 ; une construction dure 10 à 40 s)")
    parser.add_argument("--seed", type=int, default=1, help="graine des corpus (défaut : 1)")
    parser.add_argument("--quick", action="store_true", help="essai : 300 entrées, une construction, linéarité à 100 et 400")
    parser.add_argument(
        "--no-preview",
        dest="preview",
        action="store_false",
        help="sans la mesure de l'aperçu (mkdocs serve --dirty, 10 enregistrements ; quelques minutes)",
    )
    args = parser.parse_args()
    entries, runs = (300, 1) if args.quick else (args.entries, args.runs)
    small, large = (100, 400) if args.quick else (1000, 4000)

    os.environ.setdefault("MESBOX_SITE_URL", SITE_URL)  # read by mkdocs.yml (`!ENV`): here and by the builds
    try:
        config = repo_config()
        check_plugin(config)
        source = mesbox_site(entries, args.seed)
        plain = plain_site(source, Path(f"/tmp/mesbox-bench-plain-{entries}"), config, tags=False)
        tagged = plain_site(source, Path(f"/tmp/mesbox-bench-tags-{entries}"), config, tags=True)
        sites = {"mesbox": build(source, "mesbox"), "plain": build(plain, "plain"), "tags": build(tagged, "tags")}
        times, all_runs, outputs = medians(sites, runs, args.warmup)
        print(f"{entries} entrées, médiane de {runs} construction(s) par site")
        for name in sites:
            print(f"  {name} : {spread(all_runs[name])} s{problems(outputs[name])}")
        print(f"mesbox: {times['mesbox']:.1f} s  plain: {times['plain']:.1f} s  tags: {times['tags']:.1f} s")
        print(
            f"mesbox/plain: {times['mesbox'] / times['plain']:.2f} (objectif ≤ {GOALS['plain']})  "
            f"mesbox/tags: {times['mesbox'] / times['tags']:.2f} (objectif ≤ {GOALS['tags']})"
        )
        print(f"part propre de l'extension : {plugin_share(outputs['mesbox'], times['mesbox'])}")

        scale_sites = {
            "small": build(mesbox_site(small, args.seed), f"mesbox-{small}"),
            "large": build(mesbox_site(large, args.seed), f"mesbox-{large}"),
        }
        scale, scale_runs, scale_outputs = medians(scale_sites, runs, args.warmup)
        print(
            f"linéarité : {small} entrées {scale['small']:.1f} s ({spread(scale_runs['small'])}), "
            f"{large} entrées {scale['large']:.1f} s ({spread(scale_runs['large'])})"
        )
        print(f"t({large})/t({small}): {scale['large'] / scale['small']:.2f} (objectif ≤ {GOALS['linear']})")
        print(f"part propre de l'extension à {large} entrées : {plugin_share(scale_outputs['large'], scale['large'])}")
        if args.preview:
            try:
                preview = measure(small, edits=4 if args.quick else 10, full_runs=1, echo=False)
            except Exception as error:  # reported as any failed measurement
                raise CommandFailed(f"aperçu : {error}") from error
            save = statistics.median(preview.saves)
            print(
                f"aperçu à {small} entrées (mkdocs serve --dirty) : un enregistrement affiché en {save:.2f} s "
                f"(médiane de {len(preview.saves)} : {spread(preview.saves)}) ; construction complète {scale['small']:.1f} s "
                f"(processus entier), {preview.full[0]:.1f} s (dans le même processus que l'aperçu)"
            )
            save_cpu = statistics.median(preview.saves_cpu)
            print(
                f"aperçu / construction complète : {save / preview.full[0]:.2f} (temps processeur : {save_cpu:.2f} s / "
                f"{preview.full_cpu[0]:.2f} s = {save_cpu / preview.full_cpu[0]:.2f}) ; objectif ≤ {GOAL_SECONDS:g} s : "
                f"{'atteint' if save <= GOAL_SECONDS else 'non atteint'} ; charge moyenne : {' | '.join(preview.loads)}"
            )
    except CommandFailed as failure:
        print(f"mesure impossible : {failure}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
