"""Shared fixtures.

`valid_repo` writes, as plain text, the smallest repository that uses every
part of the contract: four vocabularies, a grid, a thematic and a method fiche,
a monograph answering the grid, a story and a draft. Read `VALID_FILES` as the
documentation of a valid repository; each test breaks it in one place.

`repo` (a copy of tests/fixtures/site) is kept for the site, export and feed tests.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from mesbox.checking.checker import check

sys.path.insert(0, str(Path(__file__).parent))

FIXTURE = Path(__file__).parent / "fixtures" / "site"

THEMES = "taxonomies/themes.yml"
METHODS = "taxonomies/methods.yml"
TERRITORIES = "taxonomies/territories.yml"
ACTORS = "taxonomies/actors.yml"
GRID = "grids/grille-commune.md"
FICHE = "fiches/initiative-solidaire.md"
METHOD = "fiches/methodes/organiser-une-visite.md"
MONO = "monographies/visite-colombelles.md"
STORY = "content/recits/recit-plateau.md"
DRAFT = "fiches/brouillon.md"
HOME = "content/index.md"

VALID_FILES: dict[str, str] = {
    THEMES: """\
# Thèmes : une liste de termes, chacun avec un identifiant et un libellé français.
- id: economie-solidaire
  label: Économie solidaire
- id: emploi
  label: Emploi
- id: cooperation
  label: Coopération
  description: Travailler ensemble entre acteurs d'un même territoire.
""",
    METHODS: """\
- id: visite-apprenante
  label: Visite apprenante
- id: seminaire-reflexif
  label: Séminaire réflexif
""",
    TERRITORIES: """\
# Du plus grand au plus petit : chaque territoire nomme son parent.
- id: normandie
  label: Normandie
  kind: region
  insee: "28"
- id: calvados
  label: Calvados
  kind: departement
  insee: "14"
  parent: normandie
- id: colombelles
  label: Colombelles
  kind: commune
  insee: "14167"
  parent: calvados
  lat: 49.2014
  lon: -0.2975
- id: caen
  label: Caen
  kind: commune
  insee: "14118"
  parent: calvados
  lat: 49.1829
  lon: -0.3707
- id: plateau
  label: Le Plateau
  kind: quartier
  parent: colombelles
  lat: 49.205
  lon: -0.29
""",
    ACTORS: """\
- id: ardes
  label: ARDES
  kind: structure
  region: normandie
  website: https://exemple.org/ardes
- id: mes
  label: Mouvement pour l'économie solidaire
  kind: reseau
""",
    GRID: """\
---
title: Grille commune de questionnement
description: Les questions posées lors de chaque visite apprenante du réseau.
authors: [Communauté apprenante du MES]
date: 2025-09-01
dimensions:
  - id: gouvernance
    title: Gouvernance
    questions:
      - Qui décide, et comment ?
  - id: cooperation
    title: Coopération
    questions:
      - Avec qui l'initiative coopère-t-elle ?
      - Qu'est-ce qui a rendu la coopération possible ?
---

Cette grille sert de fil rouge aux visites.
""",
    FICHE: """\
---
title: Qu'est-ce qu'une initiative solidaire ?
description: Les traits communs des initiatives d'économie solidaire sur un territoire.
authors:
  - Communauté apprenante du MES
date: 2026-01-15
kind: thematique
number: "2.1"
themes: [economie-solidaire, cooperation]
territories: [normandie]
audiences: [elus, citoyens]
sources:
  - title: Rapport de la recherche-action
    year: 2022
    url: https://exemple.org/rapport
---

Une initiative solidaire part des besoins d'un territoire.

Pour aller voir sur place : [[organiser-une-visite|organiser une visite]].
""",
    METHOD: """\
---
title: Organiser une visite apprenante
description: Préparer, conduire et restituer une visite d'apprentissage entre pairs.
authors: [Équipe éditoriale]
date: 2026-02-01
updated: 2026-03-01
kind: methode
number: "3.2"
themes: [cooperation]
methods: [visite-apprenante]
related: [initiative-solidaire]
---

Une visite se prépare avec la [[grille-commune]].
""",
    MONO: """\
---
title: Visite apprenante à Colombelles
description: Ce que la visite du pôle de coopération de Colombelles a appris au réseau.
authors: [Communauté apprenante du MES]
date: 2026-03-10
themes: [cooperation, emploi]
methods: [visite-apprenante]
territories: [colombelles]
actors: [ardes]
initiative: Le pôle territorial de coopération économique
visit:
  start: 2022-03-01
  end: 2022-03-02
  participants: 12
grid: grille-commune
dimensions:
  cooperation: Les acteurs se sont réunis autour d'un lieu partagé et d'un projet commun.
related: [initiative-solidaire]
---

La visite a montré l'importance d'un lieu partagé.
""",
    STORY: """\
---
title: Récit du Plateau
description: Des habitants racontent comment le quartier du Plateau s'est organisé.
authors: [Collectif du Plateau]
date: 2026-04-01
format: texte
themes: [emploi]
territories: [plateau]
voices: [Une habitante du Plateau]
---

Tout a commencé par un café associatif. Voir [[visite-colombelles]].
""",
    DRAFT: """\
---
title: Une fiche en préparation
description: Cette fiche n'est pas encore prête à être publiée sur le site.
authors: [Équipe éditoriale]
date: 2026-05-01
kind: outil
themes: [emploi]
territories: [colombelles]
draft: true
---

Un brouillon peut citer une entrée publiée : [[initiative-solidaire]].
""",
    HOME: """\
# Boîte à outils

Commencez par [[initiative-solidaire]].
""",
}

# A minimal valid fiche, for tests that add entries.
ENTRY = """---
title: Une fiche de test
description: Une description suffisamment longue pour le contrat.
authors: [Équipe de test]
date: 2026-01-01
kind: outil
themes: [emploi]
---
Corps.
"""


def write(root: Path, rel: str, text: str | bytes) -> Path:
    """Write one file of a repository (text as UTF-8, bytes as they are), creating its folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def replace(root: Path, rel: str, old: str, new: str) -> None:
    """Change one piece of a file; fails loudly if the piece is not there, so a broken test cannot pass silently."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    """1-based line of the first line of a file holding `needle` (the place an error must point to)."""
    for number, line in enumerate((root / rel).read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} absent de {rel}")


def found(root: Path) -> list[tuple[str, str, int]]:
    """(code, file, line) of every issue of a check."""
    return [(i.code, i.path, i.line) for i in check(root).issues]


@pytest.fixture(autouse=True)
def _check_cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mesbox check` keeps a cache in the user's cache folder: the tests keep theirs in a temporary one."""
    monkeypatch.setenv("MESBOX_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "mesbox-cache"))


def write_valid_repo(root: Path) -> Path:
    for rel, text in VALID_FILES.items():
        write(root, rel, text)
    return root


@pytest.fixture()
def valid_repo(tmp_path: Path) -> Path:
    """The valid repository of `VALID_FILES`, written as plain text files."""
    return write_valid_repo(tmp_path / "depot")


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/site: the richer repository the site, export and feed tests build."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root
