"""`mesbox new`: a new entry with every field ready to fill, so contributors start from a valid shape."""

from __future__ import annotations

import datetime
from pathlib import Path

from mesbox.contract.ids import slugify
from mesbox.reading.documents import COLLECTIONS
from mesbox.reading.files import collection_files
from mesbox.reading.placeholders import PLACEHOLDER, PLACEHOLDER_ID

_HEAD = """\
---
# Champs obligatoires : remplacez chaque texte « {p} » et chaque identifiant « {p_id} ».
title: {title}
description: "{p} : une ou deux phrases (20 à 300 caractères) qui disent de quoi parle la page."
# Une ligne « - » par personne ou collectif qui signe la page.
authors:
  - "{p} : votre nom"
date: {today}
"""

_TAIL = """\
# period (ce que la page rapporte : 2017, 2021-04, 2017-11-29 ou 2021-04/2022-03),
# sources (- title: …, puis year: … et url: https://…), licence (CC-BY-SA-4.0 par défaut), draft: true (brouillon).
# Dans le texte, liez une autre entrée par son identifiant entre doubles crochets : [[identifiant]].
# Une image se pose dans le même dossier que ce fichier, et s'affiche par ![ce que montre l'image](nom-de-l-image.jpg).
---

{p} : le texte de la page, en Markdown.
"""


class ScaffoldError(Exception):
    """The command cannot write the entry (bad collection or title, or the id is taken)."""


def new_entry(root: Path, collection_id: str, title: str, today: datetime.date | None = None, kind: str | None = None) -> Path:
    """Write the new entry's file and return its path; never overwrites, never reuses an id.

    A fiche needs its `kind`: it is written in the file, which goes to that kind's folder."""
    collection = COLLECTIONS.get(collection_id)
    if collection is None:
        raise ScaffoldError(f"collection « {collection_id} » inconnue : choisissez parmi {', '.join(COLLECTIONS)}")
    grouping = collection.grouping
    if grouping is not None and kind not in grouping.folders:
        allowed = list(grouping.folders)
        kinds = ", ".join(allowed[:-1]) + " ou " + allowed[-1]
        what = collection.singular.lower()
        given = f"type de {what} « {kind} » inconnu" if kind else f"indiquez le type de la {what}"
        raise ScaffoldError(f"{given} : ajoutez --kind suivi de {kinds} (par exemple --kind {allowed[1 % len(allowed)]})")
    if grouping is None and kind is not None:
        grouped = [c.plural.lower() for c in COLLECTIONS.values() if c.grouping]
        raise ScaffoldError(f"--kind ne sert qu'aux {', '.join(grouped)} : retirez-le")
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
    folder = root / collection.folder
    if grouping is not None and kind is not None:
        folder = folder / grouping.folders[kind]
    target = folder / f"{entry_id}.md"
    values = {
        "p": PLACEHOLDER,
        "p_id": PLACEHOLDER_ID,
        "kind": kind,
        "title": _yaml_string(title),
        "today": (today or datetime.date.today()).isoformat(),
    }
    text = (_HEAD + collection.scaffold + _TAIL).format(**values)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return target


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar: safe for colons, quotes and leading symbols in titles."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
