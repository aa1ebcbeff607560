"""An entry of the toolbox: one checked Markdown file."""

from __future__ import annotations

from dataclasses import dataclass, field

from mesbox.contract.schemas import EntryMeta
from mesbox.reading.bodies import WikiLink
from mesbox.reading.bodylinks import FileLink
from mesbox.reading.documents.collections import Collection
from mesbox.reading.yamldata import YamlData


@dataclass
class Candidate:
    """Any file whose front-matter parsed to a mapping, valid or not: what cross-entry rules look at.

    Checking references of invalid files too means a contributor sees every error in one run.
    """

    id: str
    collection: Collection
    path: str
    data: YamlData
    links: list[WikiLink]
    draft: bool
    # Relative links to files of the site (pages, images, documents), judged once every file is known.
    files: list[FileLink] = field(default_factory=list)

    def refs(self, key: str) -> list[str]:
        """The text items of a list field, as written (empty when the field is not a list)."""
        value = self.data.value.get(key) if isinstance(self.data.value, dict) else None
        if not isinstance(value, list):
            return []
        return [item.strip() if isinstance(item, str) else "" for item in value]

    def ref(self, key: str) -> str | None:
        value = self.data.value.get(key) if isinstance(self.data.value, dict) else None
        return value.strip() if isinstance(value, str) else None


@dataclass
class Entry:
    """A valid entry: its metadata, its body, the links it holds and where every value sits in the file."""

    id: str
    collection: Collection
    path: str
    meta: EntryMeta
    body: str
    body_line: int
    links: list[WikiLink] = field(default_factory=list)
    data: YamlData = field(default_factory=YamlData, repr=False)

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def draft(self) -> bool:
        return self.meta.draft

    @property
    def url(self) -> str:
        """Site-relative URL of the entry page, per docs/contrat.md §1."""
        return f"{self.collection.id}/{self.id}/"
