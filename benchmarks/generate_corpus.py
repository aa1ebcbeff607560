"""Write a valid mesbox repository of N entries with realistic French text, for the benchmarks.

Usage: python benchmarks/generate_corpus.py OUT_DIR --entries N [--seed S]

Vocabularies: 20 themes, 25 methods, 60 territories, 30 actors; one common grid of
5 dimensions plus a few adapted grids; entries spread over the four collections in
sub-folders of at most 500 files; bodies of 400-800 words with headings, lists and
[[id]] links. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUBJECTS = ["La coopérative", "Le collectif d'habitants", "L'association", "Le tiers-lieu", "La régie de quartier", "Le pôle territorial",
            "L'entreprise à but d'emploi", "Le réseau régional", "La monnaie locale", "Le groupement d'employeurs", "La ressourcerie", "L'épicerie solidaire"]
VERBS = ["accompagne", "réunit", "soutient", "expérimente", "anime", "finance", "outille", "relie", "fait connaître", "consolide", "évalue", "co-construit"]
OBJECTS = ["les initiatives citoyennes du territoire", "une démarche de coopération entre acteurs", "des emplois utiles aux habitants",
           "un projet alimentaire territorial", "la participation des habitants", "les besoins non couverts du quartier",
           "une évaluation de l'utilité sociale", "les porteurs de projet éloignés des réseaux", "la transition écologique et solidaire",
           "un lieu partagé ouvert à tous", "des circuits courts entre producteurs et mangeurs", "la commande publique responsable"]
TAILS = ["avec l'appui de la collectivité", "depuis plusieurs années", "en lien avec les acteurs de l'économie solidaire",
         "grâce à une communauté apprenante", "dans une logique de réciprocité", "sans chercher à reproduire un modèle tout fait",
         "au plus près des besoins exprimés", "en associant chercheurs et praticiens", "malgré des moyens encore fragiles"]
HEADINGS = ["Le contexte", "Ce qui a été fait", "Les acteurs en présence", "Ce que l'on en retient", "Les questions ouvertes", "Pour aller plus loin"]
THEMES = ["Coopération", "Accompagnement", "Citoyenneté économique", "Utilité sociale", "Animation territoriale", "Politiques publiques",
          "Innovation sociale", "Transition écologique", "Emploi", "Circuits courts", "Culture", "Tiers-lieux", "Monnaies locales", "Communs",
          "Développement endogène", "Essaimage", "Écosystème territorial", "Participation", "Ruralité", "Jeunesse"]
METHODS = [f"Méthode {name}" for name in ("visite", "séminaire", "grille", "notes", "communauté", "recherche-action", "récit", "appel",
           "jeu", "accompagnement", "progrès", "évaluation", "journée", "monographie", "distance", "résidence", "atelier", "diagnostic",
           "cartographie", "forum", "chantier", "enquête", "portrait", "débat", "fresque")]
AUDIENCES = ["accompagnateurs", "elus", "techniciens", "acteurs-ess", "citoyens", "chercheurs"]


def ident(label: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def body(rng: random.Random, link_ids: list[str]) -> str:
    """400-800 words: sections with a heading, a paragraph (sometimes a [[link]]) and a short list."""
    target = rng.randint(400, 800)
    blocks: list[str] = []
    words = 0
    while True:
        heading = f"## {rng.choice(HEADINGS)}\n"
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        if link_ids and rng.random() < 0.5:
            paragraph += f" Voir aussi [[{rng.choice(link_ids)}]]."
        items = "".join(f"- {sentence(rng)}\n" for _ in range(rng.randint(2, 4)))
        for block in (heading, paragraph + "\n", items):
            size = len(block.split())
            if words + size > target:
                while words < 400:
                    filler = sentence(rng)
                    blocks.append(filler + "\n")
                    words += len(filler.split())
                return "\n".join(blocks)
            blocks.append(block)
            words += size


def description(rng: random.Random) -> str:
    """One or two sentences, 20-300 characters, as the contract asks."""
    text = f"{sentence(rng)} {sentence(rng)}"
    return text if len(text) <= 300 else sentence(rng)


def yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def taxonomies(rng: random.Random) -> tuple[str, str, str, str, list[str], list[str], list[str], list[str]]:
    theme_ids = [ident(t) for t in THEMES]
    themes = "".join(f"- id: {i}\n  label: {t}\n  description: Le thème {t.lower()} dans l'économie solidaire.\n" for i, t in zip(theme_ids, THEMES))
    method_ids = [ident(m) for m in METHODS]
    methods = "".join(f"- id: {i}\n  label: {m}\n" for i, m in zip(method_ids, METHODS))
    lines: list[str] = []
    territory_ids: list[str] = []
    regions = [("region-nord", "Région Nord", "32", 50.3, 2.8), ("region-ouest", "Région Ouest", "28", 49.2, -0.4),
               ("region-est", "Région Est", "27", 47.3, 5.0), ("region-sud", "Région Sud", "76", 43.6, 1.4)]
    for rid, label, code, lat, lon in regions:
        lines.append(f'- id: {rid}\n  label: {label}\n  kind: region\n  insee: "{code}"\n')
        territory_ids.append(rid)
        for d in range(3):
            did = f"{rid}-dep-{d}"
            lines.append(f'- id: {did}\n  label: Département {label[7:]} {d + 1}\n  kind: departement\n  insee: "{10 + len(territory_ids)}"\n  parent: {rid}\n'
                         f"  lat: {lat + d * 0.2:.4f}\n  lon: {lon + d * 0.2:.4f}\n")
            territory_ids.append(did)
            epci = f"{did}-agglo"
            lines.append(f'- id: {epci}\n  label: Agglomération {label[7:]} {d + 1}\n  kind: intercommunalite\n  insee: "{200000000 + len(territory_ids)}"\n'
                         f"  parent: {did}\n  lat: {lat + d * 0.2:.4f}\n  lon: {lon + d * 0.2 + 0.1:.4f}\n")
            territory_ids.append(epci)
            for c in range(2):
                cid = f"{epci}-commune-{c}"
                lines.append(f'- id: {cid}\n  label: Commune {label[7:]} {d + 1}-{c + 1}\n  kind: commune\n  insee: "{10000 + len(territory_ids)}"\n'
                             f"  parent: {epci}\n  lat: {lat + d * 0.2 + c * 0.05:.4f}\n  lon: {lon + d * 0.2 + c * 0.05:.4f}\n")
                territory_ids.append(cid)
    while len(territory_ids) < 60:
        n = len(territory_ids)
        parent = territory_ids[-1]
        lines.append(f"- id: quartier-{n}\n  label: Quartier {n}\n  kind: quartier\n  parent: {parent}\n  lat: 47.3\n  lon: 5.0\n")
        territory_ids.append(f"quartier-{n}")
    kinds = ["reseau", "structure", "collectivite", "recherche", "financeur"]
    actor_ids = [f"acteur-{n}" for n in range(30)]
    actors = "".join(f"- id: {a}\n  label: Acteur {n}\n  kind: {kinds[n % 5]}\n" for n, a in enumerate(actor_ids))
    return themes, methods, "".join(lines), actors, theme_ids, method_ids, territory_ids, actor_ids


def front(fields: list[tuple[str, str]]) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields) + "---\n\n"


def generate(out: Path, entries: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "taxonomies").mkdir(parents=True)
    themes, methods, territories, actors, theme_ids, method_ids, territory_ids, actor_ids = taxonomies(rng)
    for name, text in (("themes", themes), ("methods", methods), ("territories", territories), ("actors", actors)):
        (out / "taxonomies" / f"{name}.yml").write_text(text, encoding="utf-8")
    dimensions = ["posture", "innovation", "cooperation", "participation", "transition"]
    grid_dimensions = "\n" + "".join(f"  - id: {d}\n    title: Dimension {d}\n    questions: [Que voit-on ?, Qui agit ?]\n" for d in dimensions)
    grid = front([("title", "Grille commune"), ("description", "La grille commune des visites apprenantes du corpus de test."),
                  ("authors", "[Équipe de test]"), ("date", "2026-01-01"), ("dimensions", grid_dimensions.rstrip("\n"))]) + "La grille.\n"
    (out / "grids").mkdir()
    (out / "grids" / "grille-commune.md").write_text(grid, encoding="utf-8")
    plan = ["fiches"] * 60 + ["monographies"] * 25 + ["recits"] * 15
    folders = {"fiches": "fiches", "monographies": "monographies", "recits": "content/recits"}
    ids: list[str] = []
    counters: dict[str, int] = {}
    for n in range(entries):
        collection = plan[rng.randrange(len(plan))]
        count = counters[collection] = counters.get(collection, 0) + 1
        entry_id = f"{collection[:4]}-{n:05d}-{ident(rng.choice(THEMES))}"
        title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"[:140]
        fields = [
            ("title", f'"{title}"'),
            ("description", f'"{description(rng)}"'),
            ("authors", "[Équipe de test]"),
            ("date", f"20{rng.randint(20, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
            ("themes", yaml_list(rng.sample(theme_ids, rng.randint(1, 3)))),
            ("methods", yaml_list(rng.sample(method_ids, rng.randint(1, 2)))),
        ]
        related = rng.sample(ids[-200:], min(len(ids[-200:]), rng.randint(0, 3)))
        if related:
            fields.append(("related", yaml_list(related)))
        if collection == "fiches":
            fields += [("kind", rng.choice(["thematique", "methode", "outil", "projet"])), ("number", f'"3.{count}"'),
                       ("audiences", yaml_list(rng.sample(AUDIENCES, 2)))]
            if rng.random() < 0.3:
                fields.append(("territories", yaml_list(rng.sample(territory_ids, 1))))
        elif collection == "monographies":
            fields += [("initiative", f'"{rng.choice(SUBJECTS)} du territoire"'), ("territories", yaml_list(rng.sample(territory_ids, 2))),
                       ("actors", yaml_list(rng.sample(actor_ids, 2))), ("grid", "grille-commune"),
                       ("dimensions", "\n" + "".join(f"  {d}: \"{sentence(rng)} {sentence(rng)}\"\n" for d in dimensions).rstrip("\n"))]
        else:
            fields += [("format", "texte"), ("territories", yaml_list(rng.sample(territory_ids, 1)))]
        folder = out / folders[collection] / f"lot-{count // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{entry_id}.md").write_text(front(fields) + body(rng, ids[-300:]), encoding="utf-8")
        ids.append(entry_id)
    content = out / "content"
    content.mkdir(exist_ok=True)
    (content / "index.md").write_text("# Corpus de test\n\nVoir les [fiches](fiches/index.md).\n", encoding="utf-8")
    for page in ("a-propos", "contribuer", "licences", "donnees"):
        (content / f"{page}.md").write_text(f"# {page}\n\nTexte.\n", encoding="utf-8")
    if (REPO / "mkdocs.yml").is_file():
        shutil.copy(REPO / "mkdocs.yml", out / "mkdocs.yml")
        shutil.copytree(REPO / "overrides", out / "overrides")
        shutil.copytree(REPO / "content" / "assets", content / "assets")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.entries, args.seed)
    print(f"{args.entries} entrées écrites dans {args.out}")


if __name__ == "__main__":
    main()
