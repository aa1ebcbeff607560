"""Front-matter models of the four collections (contract §3)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .dates import Day
from .fields import (
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

    title: Title
    url: HttpsUrl | None = None
    year: Year | None = None


class EntryMeta(Strict):
    """Fields common to every collection (§3.1)."""

    title: Title
    description: Description
    authors: Annotated[UniqueList[Author], Field(min_length=1)]
    date: Day
    updated: Day | None = None
    period: Period | None = None
    licence: Licence = DEFAULT_LICENCE
    themes: Annotated[RefList, Field(min_length=1)]
    methods: RefList = []
    territories: RefList = []
    actors: RefList = []
    related: RefList = []
    sources: list[Source] = []
    draft: bool = False

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

    kind: Literal["thematique", "methode", "outil", "projet"]
    number: FicheNumber | None = None
    audiences: UniqueList[Audience] = []


class Visit(Strict):
    """A learning visit's dates and size."""

    start: Day
    end: Day
    participants: Annotated[int, Field(ge=1, le=500)] | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Visit:
        if self.end < self.start:
            raise PydanticCustomError("E102", "la visite finit ({end}) avant de commencer ({start}) : vérifiez les dates", {"end": self.end.isoformat(), "start": self.start.isoformat(), "field": "end"})
        return self


Synthesis = Annotated[str, Field(min_length=20, max_length=1200)]


class MonographMeta(EntryMeta):
    """A monograph of a local cooperation ecosystem (§3.3)."""

    initiative: Title
    territories: Annotated[RefList, Field(min_length=1)]
    actors: Annotated[RefList, Field(min_length=1)]
    grid: Ref | None = None
    visit: Visit | None = None
    dimensions: dict[str, Synthesis] = {}

    @model_validator(mode="after")
    def _dimensions_need_grid(self) -> MonographMeta:
        if self.dimensions and self.grid is None:
            raise PydanticCustomError("E101", "« dimensions » demande le champ « grid » : indiquez la grille à laquelle la monographie répond", {"field": "dimensions"})
        return self


class StoryMeta(EntryMeta):
    """A territory story: text, video, audio, portrait or report (§3.4)."""

    format: Literal["texte", "video", "audio", "portrait", "reportage"]
    media: HttpsUrl | None = None
    voices: UniqueList[Author] = []
    territories: Annotated[RefList, Field(min_length=1)]

    @model_validator(mode="after")
    def _media_for_video_audio(self) -> StoryMeta:
        if self.format in ("video", "audio") and self.media is None:
            raise PydanticCustomError("E101", "un récit « {format} » demande le champ « media » : l'adresse https:// de l'enregistrement", {"format": self.format, "field": "format"})
        return self


class Dimension(Strict):
    """One dimension of a grid and its open questions."""

    id: Id
    title: Title
    questions: Annotated[UniqueList[Annotated[str, Field(min_length=3)]], Field(min_length=1)]


class GridMeta(EntryMeta):
    """A questioning grid (§3.5): themes optional, dimensions required."""

    themes: RefList = []
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    adapted_from: Ref | None = None

    @model_validator(mode="after")
    def _unique_dimensions(self) -> GridMeta:
        seen: set[str] = set()
        for index, dimension in enumerate(self.dimensions):
            if dimension.id in seen:
                raise PydanticCustomError("E107", "dimension « {id} » en double dans la grille : donnez-lui un autre identifiant", {"id": dimension.id, "field": "dimensions", "index": index})
            seen.add(dimension.id)
        return self


Instruction = Annotated[str, Field(min_length=3, max_length=300)]


class Step(Strict):
    """One step of a learning path: an entry to work through, what to do with it and how long it takes."""

    entry: Ref
    instruction: Instruction
    # Minutes: a step is a reading, an exercise or a workshop, from a few minutes to a day.
    duration: Annotated[int, Field(ge=1, le=1440)]


class PathMeta(EntryMeta):
    """A learning path through existing entries, for a teaching kit: ordered steps, audiences, objectives."""

    audiences: Annotated[UniqueList[Audience], Field(min_length=1)]
    objectives: Annotated[UniqueList[Instruction], Field(min_length=1)]
    prerequisites: UniqueList[Instruction] = []
    steps: Annotated[list[Step], Field(min_length=2)]
