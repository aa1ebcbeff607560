"""Front-matter models of the four collections (docs/contrat.md §3)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from mesbox.contract.schemas.dates import Day
from mesbox.contract.schemas.fields import (
    DEFAULT_LICENCE,
    Author,
    Description,
    FicheNumber,
    HttpsUrl,
    Id,
    Licence,
    Period,
    Ref,
    RefList,
    Strict,
    Title,
    UniqueList,
    Year,
)


class Source(Strict):
    """A document the entry draws on."""

    title: Annotated[Title, Field(description="le titre du document")]
    url: Annotated[HttpsUrl | None, Field(description="son adresse https://")] = None
    year: Annotated[Year | None, Field(description="son année")] = None


class EntryMeta(Strict):
    """Fields common to every collection (§3.1)."""

    title: Annotated[Title, Field(description="le titre de la page")]
    description: Annotated[
        Description,
        Field(description="une ou deux phrases ; elles s'affichent sur les cartes, dans les moteurs de recherche et dans le flux RSS"),
    ]
    authors: Annotated[UniqueList[Author], Field(min_length=1, description="les personnes ou collectifs qui signent la page")]
    date: Annotated[Day, Field(description="la date de première publication : 2025-03-12 pour le 12 mars 2025")]
    updated: Annotated[Day | None, Field(description="la date de la dernière mise à jour, égale ou postérieure à date")] = None
    period: Annotated[
        Period | None,
        Field(
            description="la période couverte : la date de ce que la page rapporte (rencontre, visite, document), distincte de sa "
            "publication ; une année (2017), un mois (2021-04), un jour (2017-11-29) ou un intervalle (2021-04/2022-03)"
        ),
    ] = None
    licence: Annotated[Licence, Field(description="la licence libre du contenu, par son identifiant SPDX (voir la page Licences)")] = (
        DEFAULT_LICENCE
    )
    themes: Annotated[RefList, Field(min_length=1, description="des identifiants de thèmes (taxonomies/themes.yml)")]
    methods: Annotated[RefList, Field(description="des identifiants de méthodes (taxonomies/methods.yml)")] = []
    territories: Annotated[RefList, Field(description="des identifiants de territoires (taxonomies/territories.yml)")] = []
    actors: Annotated[RefList, Field(description="des identifiants d'acteurs (taxonomies/actors.yml)")] = []
    related: Annotated[
        RefList, Field(description="les identifiants d'autres pages à lire ensuite (pas la page elle-même, pas un brouillon)")
    ] = []
    sources: Annotated[
        list[Source], Field(description="les documents sur lesquels la page s'appuie : title, et si possible year et url")
    ] = []
    draft: Annotated[
        bool, Field(description="true pour un brouillon : vérifié, mais ni publié ni repris dans les index et les données")
    ] = False

    @model_validator(mode="after")
    def _updated_after_date(self) -> EntryMeta:
        if self.updated is not None and self.updated < self.date:
            raise PydanticCustomError(
                "E102",
                "« updated » ({updated}) précède « date » ({date}) : la mise à jour vient après la première publication",
                {"updated": self.updated.isoformat(), "date": self.date.isoformat(), "field": "updated"},
            )
        return self


Audience = Literal["accompagnateurs", "elus", "techniciens", "acteurs-ess", "citoyens", "chercheurs"]


class FicheMeta(EntryMeta):
    """A sheet: thematic, method, tool or project (§3.2)."""

    kind: Annotated[
        Literal["thematique", "methode", "outil", "projet"],
        Field(description="le type de fiche : thématique, méthode, outil (jeu, modèle, grille en usage…) ou projet"),
    ]
    number: Annotated[
        FicheNumber | None,
        Field(
            description=(
                'un numéro entre guillemets, par exemple "2.14", unique parmi les fiches ; '
                "les fiches sont classées par numéro, puis par titre"
            )
        ),
    ] = None
    audiences: Annotated[UniqueList[Audience], Field(description="à qui s'adresse la fiche")] = []


class Visit(Strict):
    """A learning visit's dates and size."""

    start: Annotated[Day, Field(description="premier jour")]
    end: Annotated[Day, Field(description="dernier jour, pas avant le premier")]
    participants: Annotated[int | None, Field(ge=1, le=500, description="nombre de participants")] = None

    @model_validator(mode="after")
    def _ordered(self) -> Visit:
        if self.end < self.start:
            raise PydanticCustomError(
                "E102",
                "la visite finit ({end}) avant de commencer ({start}) : vérifiez les dates",
                {"end": self.end.isoformat(), "start": self.start.isoformat(), "field": "end"},
            )
        return self


Synthesis = Annotated[str, Field(min_length=20, max_length=1200)]


class MonographMeta(EntryMeta):
    """A monograph of a local cooperation ecosystem (§3.3)."""

    initiative: Annotated[Title, Field(description="l'initiative emblématique étudiée")]
    territories: Annotated[RefList, Field(min_length=1)]
    actors: Annotated[RefList, Field(min_length=1)]
    grid: Annotated[Ref | None, Field(description="l'identifiant de la grille à laquelle la monographie répond")] = None
    visit: Annotated[Visit | None, Field(description="la visite apprenante : start, end et participants")] = None
    dimensions: Annotated[
        dict[str, Synthesis],
        Field(
            description="avec grid seulement : pour chaque dimension de cette grille, la synthèse de la monographie ; "
            "une dimension sur laquelle on ne sait rien se dit franchement"
        ),
    ] = {}

    @model_validator(mode="after")
    def _dimensions_need_grid(self) -> MonographMeta:
        if self.dimensions and self.grid is None:
            raise PydanticCustomError(
                "E101",
                "« dimensions » demande le champ « grid » : indiquez la grille à laquelle la monographie répond",
                {"field": "dimensions"},
            )
        return self


class StoryMeta(EntryMeta):
    """A territory story: text, video, audio, portrait or report (§3.4)."""

    format: Annotated[Literal["texte", "video", "audio", "portrait", "reportage"], Field(description="la forme du récit")]
    media: Annotated[
        HttpsUrl | None,
        Field(
            description=(
                "obligatoire pour une vidéo ou un son : l'adresse https:// de l'enregistrement ; "
                "le site affiche un lien, sans lecteur intégré"
            )
        ),
    ] = None
    voices: Annotated[UniqueList[Author], Field(description="les personnes dont la parole est rapportée")] = []
    territories: Annotated[RefList, Field(min_length=1)]

    @model_validator(mode="after")
    def _media_for_video_audio(self) -> StoryMeta:
        if self.format in ("video", "audio") and self.media is None:
            raise PydanticCustomError(
                "E101",
                "un récit « {format} » demande le champ « media » : l'adresse https:// de l'enregistrement",
                {"format": self.format, "field": "format"},
            )
        return self


class Dimension(Strict):
    """One dimension of a grid and its open questions."""

    id: Annotated[Id, Field(description="un identifiant unique dans la grille")]
    title: Annotated[Title, Field(description="le nom de la dimension")]
    questions: Annotated[UniqueList[Annotated[str, Field(min_length=3)]], Field(min_length=1, description="des questions ouvertes")]


class GridMeta(EntryMeta):
    """A questioning grid (§3.5): themes optional, dimensions required."""

    themes: Annotated[RefList, Field(description="des identifiants de thèmes (taxonomies/themes.yml)")] = []
    dimensions: Annotated[list[Dimension], Field(min_length=1, description="les dimensions : id, title et questions")]
    adapted_from: Annotated[
        Ref | None, Field(description="l'identifiant de la grille commune dont celle-ci est une adaptation à une visite")
    ] = None

    @model_validator(mode="after")
    def _unique_dimensions(self) -> GridMeta:
        seen: set[str] = set()
        for index, dimension in enumerate(self.dimensions):
            if dimension.id in seen:
                raise PydanticCustomError(
                    "E107",
                    "dimension « {id} » en double dans la grille : donnez-lui un autre identifiant",
                    {"id": dimension.id, "field": "dimensions", "index": index},
                )
            seen.add(dimension.id)
        return self


Instruction = Annotated[str, Field(min_length=3, max_length=300)]


class Step(Strict):
    """One step of a learning path: an entry to work through, what to do with it and how long it takes."""

    entry: Annotated[Ref, Field(description="l'identifiant de l'entrée à travailler")]
    instruction: Annotated[Instruction, Field(description="ce qu'il faut en faire, en une phrase")]
    # Minutes: a step is a reading, an exercise or a workshop, from a few minutes to a day.
    duration: Annotated[int, Field(ge=1, le=1440, description="la durée de l'étape, en minutes")]


class PathMeta(EntryMeta):
    """A learning path through existing entries, for a teaching kit: ordered steps, audiences, objectives."""

    audiences: Annotated[UniqueList[Audience], Field(min_length=1, description="à qui s'adresse le parcours")]
    objectives: Annotated[UniqueList[Instruction], Field(min_length=1, description="ce que l'on saura faire à la fin du parcours")]
    prerequisites: Annotated[UniqueList[Instruction], Field(description="ce qu'il faut savoir avant de commencer")] = []
    steps: Annotated[list[Step], Field(min_length=2, description="les étapes dans l'ordre : entry, instruction et duration")]
