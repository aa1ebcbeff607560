"""The four controlled vocabularies and the terms they hold (contract §5)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Term


@dataclass(frozen=True)
class Taxonomy:
    """A vocabulary: its file, the front-matter key that uses it and its URL segment."""

    id: str
    file: str
    url_segment: str
    singular: str
    plural: str

    @property
    def url(self) -> str:
        return f"{self.url_segment}/"


TAXONOMIES: dict[str, Taxonomy] = {
    t.id: t
    for t in (
        Taxonomy("themes", "taxonomies/themes.yml", "themes", "Thème", "Thèmes"),
        Taxonomy("methods", "taxonomies/methods.yml", "methodes", "Méthode", "Méthodes"),
        Taxonomy("territories", "taxonomies/territories.yml", "territoires", "Territoire", "Territoires"),
        Taxonomy("actors", "taxonomies/actors.yml", "acteurs", "Acteur", "Acteurs"),
    )
}

TERRITORY_KINDS: dict[str, str] = {
    "quartier": "Quartier",
    "commune": "Commune",
    "intercommunalite": "Intercommunalité",
    "pays": "Pays",
    "departement": "Département",
    "region": "Région",
}
ACTOR_KINDS: dict[str, str] = {
    "reseau": "Réseau",
    "structure": "Structure",
    "collectivite": "Collectivité",
    "recherche": "Recherche",
    "financeur": "Financeur",
}


@dataclass
class TermEntry:
    """A term of a vocabulary with its place in the catalogue."""

    taxonomy: Taxonomy
    term: Term
    line: int
    index: int
    children: list[TermEntry] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.term.id

    @property
    def label(self) -> str:
        return self.term.label

    @property
    def url(self) -> str:
        return f"{self.taxonomy.url_segment}/{self.term.id}/"
