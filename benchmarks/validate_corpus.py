"""Check a generated corpus against the contract without mesbox, so a generator bug is never blamed on the checker.

Usage: python benchmarks/validate_corpus.py CORPUS_DIR

Covers what the generator promises: every front-matter parses with CSafeLoader, ids are valid and unique,
references resolve (terms, related, [[id]], grid, dimensions), no self or draft reference, text lengths
and body sizes (400-800 words) are in range, fiche numbers are unique, territories are well formed.
Exit 1 and list the problems if any.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from generate_corpus import FOLDER_SIZE, ID_RE, WORDS_MAX, WORDS_MIN, count_words

COLLECTIONS = {"fiches": "fiches", "monographies": "monographies", "recits": "content/recits", "grilles": "grids"}
LINK_RE = re.compile(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]")
INSEE = {"commune": r"^(\d{5}|2[AB]\d{3})$", "departement": r"^(\d{2,3}|2[AB])$", "region": r"^\d{2}$", "intercommunalite": r"^\d{9}$"}


def split(text: str) -> tuple[str, str]:
    """Front-matter and body (the text between the first two `---` lines, then the rest)."""
    if not text.startswith("---\n"):
        raise ValueError("pas d'en-tête")
    end = text.index("\n---\n", 3)
    return text[4:end], text[end + 5 :]


def validate(root: Path) -> list[str]:
    problems: list[str] = []
    terms: dict[str, dict[str, dict]] = {}
    for name in ("themes", "methods", "territories", "actors"):
        items = yaml.load((root / "taxonomies" / f"{name}.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        terms[name] = {item["id"]: item for item in items}
        if len(terms[name]) != len(items):
            problems.append(f"{name}: ids en double")
        for item in items:
            if not ID_RE.match(item["id"]) or not 2 <= len(item["label"]) <= 100:
                problems.append(f"{name}: terme invalide {item}")
    for tid, item in terms["territories"].items():
        kind = item["kind"]
        if kind in INSEE and not re.match(INSEE[kind], str(item.get("insee", ""))):
            problems.append(f"territoire {tid}: insee {item.get('insee')!r}")
        if kind in ("quartier", "commune", "intercommunalite", "pays") and not (
            41 <= item.get("lat", 0) <= 51.2 and -5.2 <= item.get("lon", 99) <= 9.6
        ):
            problems.append(f"territoire {tid}: coordonnées hors métropole")
        seen, current = {tid}, item.get("parent")
        while current:
            if current in seen or current not in terms["territories"]:
                problems.append(f"territoire {tid}: parent cyclique ou inconnu")
                break
            seen.add(current)
            current = terms["territories"][current].get("parent")
    for aid, item in terms["actors"].items():
        if item["kind"] not in ("reseau", "structure", "collectivite", "recherche", "financeur"):
            problems.append(f"acteur {aid}: kind")

    entries: dict[str, tuple[str, Path, dict, str]] = {}
    duplicates: list[str] = []
    for collection, folder in COLLECTIONS.items():
        for path in sorted((root / folder).rglob("*.md")):
            front, body = split(path.read_text(encoding="utf-8"))
            data = yaml.load(front, Loader=yaml.CSafeLoader)
            if path.stem in entries:
                duplicates.append(path.stem)
            entries[path.stem] = (collection, path, data, body)
    problems += [f"id en double : {d}" for d in duplicates]
    for folder in {p.parent for _, p, _, _ in entries.values()}:
        if sum(1 for _ in folder.glob("*.md")) > FOLDER_SIZE:
            problems.append(f"{folder}: plus de {FOLDER_SIZE} fichiers")

    numbers: Counter[str] = Counter()
    words: list[int] = []
    for eid, (collection, path, d, body) in entries.items():
        where = str(path.relative_to(root))
        if not ID_RE.match(eid) or len(eid) > 80:
            problems.append(f"{where}: id invalide")
        if not 3 <= len(d["title"].strip()) <= 150:
            problems.append(f"{where}: titre de {len(d['title'])} caractères")
        if not 20 <= len(d["description"].strip()) <= 300:
            problems.append(f"{where}: description de {len(d['description'])} caractères")
        if not d["authors"] or any(not 2 <= len(a) <= 120 for a in d["authors"]):
            problems.append(f"{where}: auteurs")
        if not isinstance(d["date"], datetime.date) or ("updated" in d and d["updated"] < d["date"]):
            problems.append(f"{where}: dates")
        if collection != "grilles" and not d.get("themes"):
            problems.append(f"{where}: aucun thème")
        for key, vocabulary in (("themes", "themes"), ("methods", "methods"), ("territories", "territories"), ("actors", "actors")):
            values = d.get(key) or []
            if len(set(values)) != len(values) or any(v not in terms[vocabulary] for v in values):
                problems.append(f"{where}: {key} {values}")
        targets = list(d.get("related") or []) + LINK_RE.findall(body)
        for target in targets:
            if target == eid or target not in entries or (not d.get("draft") and entries[target][2].get("draft")):
                problems.append(f"{where}: référence {target!r} (soi-même, inconnue ou brouillon)")
        if len(set(d.get("related") or [])) != len(d.get("related") or []):
            problems.append(f"{where}: related en double")
        if collection != "grilles":
            words.append(count_words(body))
            if not WORDS_MIN <= words[-1] <= WORDS_MAX:
                problems.append(f"{where}: corps de {words[-1]} mots")
        if collection == "fiches":
            if d["kind"] not in ("thematique", "methode", "outil", "projet"):
                problems.append(f"{where}: kind")
            if "number" in d:
                numbers[d["number"]] += 1
                if not isinstance(d["number"], str) or not re.match(r"^\d+(\.\d+)*$", d["number"]):
                    problems.append(f"{where}: number {d['number']!r}")
        elif collection == "monographies":
            grid = d.get("grid")
            if not d.get("territories") or not d.get("actors") or not 3 <= len(d["initiative"]) <= 150:
                problems.append(f"{where}: champs obligatoires des monographies")
            if grid:
                dims = {x["id"] for x in entries[grid][2]["dimensions"]} if grid in entries else set()
                for key, text in (d.get("dimensions") or {}).items():
                    if key not in dims or not 20 <= len(text) <= 1200:
                        problems.append(f"{where}: dimension {key}")
        elif collection == "recits":
            if d["format"] not in ("texte", "portrait", "reportage", "video", "audio") or not d.get("territories"):
                problems.append(f"{where}: format ou territoires")
        else:
            if not d.get("dimensions") or (d.get("adapted_from") and d["adapted_from"] not in entries):
                problems.append(f"{where}: grille")
    problems += [f"numéro de fiche {n} en double" for n, c in numbers.items() if c > 1]
    if words:
        print(f"{len(entries)} entrées ; corps de {min(words)} à {max(words)} mots (moyenne {sum(words) / len(words):.0f})")
    return problems


def main() -> None:
    root = Path(sys.argv[1])
    problems = validate(root)
    for problem in problems[:50]:
        print(problem)
    print(f"{len(problems)} problème(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
