"""The four collections: where their files live, their URL and their French names (contract §1)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Collection:
    """One collection of entries."""

    id: str
    folder: str
    singular: str
    plural: str

    @property
    def url(self) -> str:
        return f"{self.id}/"

    def __reduce__(self) -> tuple[object, tuple[str]]:
        """Sent between processes by id: entries loaded elsewhere point at the same registered collection."""
        return (_registered, (self.id,))


def _registered(collection_id: str) -> Collection:
    return COLLECTIONS[collection_id]


COLLECTIONS: dict[str, Collection] = {
    c.id: c
    for c in (
        Collection("fiches", "fiches", "Fiche", "Fiches"),
        Collection("monographies", "monographies", "Monographie", "Monographies"),
        Collection("recits", "content/recits", "Récit de territoire", "Récits de territoire"),
        Collection("grilles", "grids", "Grille de questionnement", "Grilles de questionnement"),
    )
}

FICHE_KINDS: dict[str, str] = {
    "thematique": "Fiche thématique",
    "methode": "Fiche méthode",
    "outil": "Fiche outil",
    "projet": "Fiche projet",
}
STORY_FORMATS: dict[str, str] = {
    "texte": "Récit écrit",
    "video": "Récit vidéo",
    "audio": "Récit audio",
    "portrait": "Portrait",
    "reportage": "Reportage",
}
AUDIENCES: dict[str, str] = {
    "accompagnateurs": "Accompagnateurs et accompagnatrices",
    "elus": "Élus et élues",
    "techniciens": "Techniciens et techniciennes des collectivités",
    "acteurs-ess": "Acteurs de l'ESS",
    "citoyens": "Citoyens et citoyennes",
    "chercheurs": "Chercheurs et chercheuses",
}
