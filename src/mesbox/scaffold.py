"""`mesbox new`: a new entry with every field ready to fill, so contributors start from a valid shape."""

from __future__ import annotations

import datetime
from pathlib import Path

from .files import collection_files
from .ids import slugify
from .placeholders import PLACEHOLDER
from .structure import COLLECTIONS


_COMMON = """\
---
# Champs obligatoires : remplacez chaque texte à compléter (en majuscules).
title: {title}
description: "{p} : une ou deux phrases (20 à 300 caractères) qui disent de quoi parle la page."
authors:
  - Équipe éditoriale de la boîte à outils du MES
date: {today}
# Identifiants tirés de taxonomies/themes.yml (au moins un).
themes: [{p_themes}]
"""

_BY_COLLECTION = {
    "fiches": """\
# thematique, methode, outil ou projet
kind: {p}
# Facultatif : number: "2.14" (unique), audiences: [accompagnateurs, elus, techniciens, acteurs-ess, citoyens, chercheurs]
""",
    "monographies": """\
initiative: "{p} : l'initiative phare étudiée"
# Identifiants tirés de taxonomies/territories.yml et taxonomies/actors.yml (au moins un chacun).
territories: [{p_id}]
actors: [{p_id}]
# Facultatif : grid: grille-commune, puis dimensions: {{identifiant-de-dimension: synthèse}}
""",
    "recits": """\
# texte, video, audio, portrait ou reportage (video et audio demandent media: https://…)
format: texte
# Identifiants tirés de taxonomies/territories.yml (au moins un).
territories: [{p_id}]
""",
    "grilles": """\
dimensions:
  - id: {p_id}
    title: "{p} : le nom de la dimension"
    questions:
      - "{p} : une question ouverte ?"
""",
}

_TAIL = """\
# Facultatif : period (ce que la page rapporte : 2017, 2021-04, 2017-11-29 ou 2021-04/2022-03),
# methods, territories, actors, related (identifiants d'entrées),
# sources (- title: …, year: …, url: https://…), licence (CC-BY-SA-4.0 par défaut), draft: true
# Dans le texte, liez une autre entrée par son identifiant entre doubles crochets : [[identifiant]].
---

{p} : le texte de la page, en Markdown.
"""


class ScaffoldError(Exception):
    """The command cannot write the entry (bad collection or title, or the id is taken)."""


def new_entry(root: Path, collection_id: str, title: str, today: datetime.date | None = None) -> Path:
    """Write the new entry's file and return its path; never overwrites, never reuses an id."""
    collection = COLLECTIONS.get(collection_id)
    if collection is None:
        raise ScaffoldError(f"collection « {collection_id} » inconnue : choisissez parmi {', '.join(COLLECTIONS)}")
    title = title.strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in title):
        raise ScaffoldError("le titre tient sur une seule ligne, sans tabulation ni caractère de contrôle")
    if not 3 <= len(title) <= 150:
        raise ScaffoldError("le titre doit faire de 3 à 150 caractères")
    entry_id = slugify(title)
    if not entry_id:
        raise ScaffoldError("le titre doit contenir au moins une lettre ou un chiffre")
    for other in COLLECTIONS.values():
        for _, rel in collection_files(root, other):
            if rel.rsplit("/", 1)[-1] == f"{entry_id}.md":
                raise ScaffoldError(f"l'identifiant « {entry_id} » est déjà pris par {rel} : choisissez un autre titre")
    target = root / collection.folder / f"{entry_id}.md"
    values = {
        "p": PLACEHOLDER,
        "p_themes": "a-completer",
        "p_id": "a-completer",
        "title": _yaml_string(title),
        "today": (today or datetime.date.today()).isoformat(),
    }
    text = (_COMMON + _BY_COLLECTION[collection.id] + _TAIL).format(**values)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return target


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar: safe for colons, quotes and leading symbols in titles."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
