"""One declaration per collection and per vocabulary: everything else reads it.

A collection says where its files live, which model checks them, its URL and French names,
how its entries are listed, exported, scaffolded and described in JSON-LD, and which
front-matter fields name other entries. A vocabulary says its file, its model, its URL,
its French names, the front-matter key that uses it and how entries are indexed by it.
The labels of every allowed value (`Literal` in the models) are here too; a test ties
them to the models. Adding a collection or a vocabulary is one declaration here, its
model, its templates and its fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mesbox.contract.schemas import ActorTerm, EntryMeta, FicheMeta, GridMeta, MonographMeta, StoryMeta, Term, TerritoryTerm
from mesbox.contract.schemas.entries import PathMeta
from mesbox.contract.schemas.fields import NUMBER_PATTERN

# Labels of allowed values, in their listing order -------------------------------------------

FICHE_KINDS: dict[str, str] = {
    "thematique": "Fiche thématique",
    "methode": "Fiche méthode",
    "outil": "Fiche outil",
    "projet": "Fiche projet",
}
# The same kinds as headings of a listing (plural).
FICHE_GROUPS: dict[str, str] = {
    "thematique": "Fiches thématiques",
    "methode": "Fiches méthode",
    "outil": "Fiches outil",
    "projet": "Fiches projet",
}
# Where a fiche of each kind is filed (`fiches/methodes/…`): the folders the repository already uses.
FICHE_KIND_FOLDERS: dict[str, str] = {"thematique": "thematiques", "methode": "methodes", "outil": "outils", "projet": "projets"}
STORY_FORMATS: dict[str, str] = {
    "texte": "Récit écrit",
    "video": "Récit vidéo",
    "audio": "Récit audio",
    "portrait": "Portrait",
    "reportage": "Reportage",
}
# The front-matter key naming an entry's audiences (fiches and paths), values among AUDIENCES.
AUDIENCE_KEY = "audiences"
AUDIENCES: dict[str, str] = {
    "accompagnateurs": "Accompagnateurs et accompagnatrices",
    "elus": "Élus et élues",
    "techniciens": "Techniciens et techniciennes des collectivités",
    "acteurs-ess": "Acteurs de l'ESS",
    "citoyens": "Citoyens et citoyennes",
    "chercheurs": "Chercheurs et chercheuses",
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


# Collections ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """A front-matter field that names another entry, checked like `related` (E105)."""

    field: str
    # How messages name it: « grille « x » : grille inconnue ».
    what: str
    # The collection the entry must belong to (None: any collection).
    target: str | None = None
    # For a list of mappings (a path's steps): the key of each item that holds the id.
    item_key: str | None = None
    # A mapping field whose keys must be dimensions of the grid named (a monograph's `dimensions`).
    keys_field: str | None = None
    # The heading under which the entry named lists the entries naming it (empty: no such list).
    backlinks: str = ""


def reference_ids(meta: EntryMeta, reference: Reference) -> list[str]:
    """The ids a valid entry names in a declared field, in order."""
    value = getattr(meta, reference.field, None)
    if reference.item_key is None:
        return [value] if isinstance(value, str) else []
    return [getattr(item, reference.item_key) for item in value or ()]


@dataclass(frozen=True)
class Column:
    """A collection's own column in catalogue.csv, with its French title and description."""

    name: str
    title: str
    description: str
    type: str = "string"
    # A `;`-joined list in the CSV (a JSON array in catalogue.json).
    is_list: bool = False
    # For a list of mappings (a path's steps): the key of each item the CSV shows.
    item_key: str | None = None
    # Frictionless constraints besides the allowed values, which come from the collection's labels.
    constraints: dict[str, object] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Grouping:
    """A collection split by one of its fields (fiches by kind): each value has a heading on listings
    and hub pages, a sub-folder, and a collection of its own in the web editor."""

    field: str
    # Value → plural heading, in listing order.
    headings: dict[str, str]
    # Value → the sub-folder its entries are filed in.
    folders: dict[str, str]


@dataclass(frozen=True)
class Collection:
    """One collection of entries."""

    id: str
    folder: str
    singular: str
    plural: str
    model: type[EntryMeta]
    # What the folder holds, for the JSON Schema and the contributor guide.
    description: str
    # schema.org type of its pages' JSON-LD.
    jsonld_type: str = "CreativeWork"
    # Front-matter fields naming other entries, besides `related` and `[[id]]` links.
    references: tuple[Reference, ...] = ()
    # Listing order: by this field first (a dotted number such as 2.14), then French title order.
    number_field: str | None = None
    # Its own columns in catalogue.csv, after the common ones.
    csv_columns: tuple[Column, ...] = ()
    # Labels of its fields' allowed values (field → value → French label).
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # The heading of the collection's own section of an entry page (a path's steps), drawn by the
    # `section_<id>` macro of templates/entry.html; empty: none.
    section: str = ""
    # The field that splits it into groups, with their headings and folders; None: one list.
    grouping: Grouping | None = None
    # Lines `mesbox new` writes after the common fields: required ones, then a comment naming the
    # optional ones (`{p}`: the placeholder text, `{p_id}`: an id to fill, `{kind}`: a fiche's kind).
    scaffold: str = ""

    @property
    def url(self) -> str:
        return f"{self.id}/"

    def __reduce__(self) -> tuple[object, tuple[str]]:
        """Sent between processes by id: entries loaded elsewhere point at the same registered collection."""
        return (_registered, (self.id,))


def _registered(collection_id: str) -> Collection:
    return COLLECTIONS[collection_id]


GRID = Reference("grid", "grille", target="grilles", keys_field="dimensions")

COLLECTIONS: dict[str, Collection] = {
    c.id: c
    for c in (
        Collection(
            "fiches",
            "fiches",
            "Fiche",
            "Fiches",
            FicheMeta,
            "Champs de l'en-tête YAML d'une fiche (dossier fiches/) : thématique, méthode, outil ou projet.",
            jsonld_type="LearningResource",
            number_field="number",
            csv_columns=(
                Column("kind", "Type de fiche", "Fiches : thematique, methode, outil ou projet."),
                Column(
                    "number",
                    "Numéro",
                    "Fiches : numéro dans la boîte à outils, par exemple 2.7.",
                    constraints={"pattern": NUMBER_PATTERN.strip("^$")},
                ),
                Column("audiences", "Publics", "Fiches et parcours : publics visés.", is_list=True),
            ),
            labels={"kind": FICHE_KINDS, "audiences": AUDIENCES},
            grouping=Grouping("kind", FICHE_GROUPS, FICHE_KIND_FOLDERS),
            scaffold="""\
# Identifiants tirés de taxonomies/themes.yml (au moins un).
themes: [{p_id}]
# thematique, methode, outil ou projet
kind: {kind}
# Facultatif : number: "2.14" (entre guillemets, unique),
# audiences: [accompagnateurs, elus, techniciens, acteurs-ess, citoyens, chercheurs],
# methods, territories, actors (identifiants des vocabulaires), related (identifiants d'entrées),
""",
        ),
        Collection(
            "monographies",
            "monographies",
            "Monographie",
            "Monographies",
            MonographMeta,
            "Champs de l'en-tête YAML d'une monographie d'écosystème local de coopération (dossier monographies/).",
            references=(GRID,),
            csv_columns=(
                Column("initiative", "Initiative", "Monographies : initiative phare étudiée."),
                Column("grid", "Grille", "Monographies : identifiant de la grille à laquelle la monographie répond."),
                Column("visit_start", "Début de la visite", "Monographies : premier jour de la visite apprenante.", type="date"),
                Column("visit_end", "Fin de la visite", "Monographies : dernier jour de la visite apprenante.", type="date"),
                Column(
                    "visit_participants",
                    "Participants",
                    "Monographies : nombre de participants à la visite apprenante.",
                    type="integer",
                    constraints={"minimum": 1, "maximum": 500},
                ),
            ),
            scaffold="""\
# Identifiants tirés de taxonomies/themes.yml (au moins un).
themes: [{p_id}]
initiative: "{p} : l'initiative phare étudiée"
# Identifiants tirés de taxonomies/territories.yml et taxonomies/actors.yml (au moins un chacun).
territories: [{p_id}]
actors: [{p_id}]
# Facultatif : methods (identifiants de taxonomies/methods.yml), related (identifiants d'entrées),
# visit (start, end, participants), grid: grille-commune, puis dimensions: {{identifiant-de-dimension: synthèse}},
""",
        ),
        Collection(
            "recits",
            "content/recits",
            "Récit de territoire",
            "Récits de territoire",
            StoryMeta,
            "Champs de l'en-tête YAML d'un récit de territoire (dossier content/recits/).",
            csv_columns=(
                Column("format", "Format", "Récits : texte, video, audio, portrait ou reportage."),
                Column("media", "Média", "Récits : adresse https:// de l'enregistrement."),
                Column("voices", "Voix", "Récits : personnes dont la parole est rapportée.", is_list=True),
            ),
            labels={"format": STORY_FORMATS},
            scaffold="""\
# Identifiants tirés de taxonomies/themes.yml (au moins un).
themes: [{p_id}]
# texte, video, audio, portrait ou reportage (video et audio demandent media: https://…)
format: texte
# Identifiants tirés de taxonomies/territories.yml (au moins un).
territories: [{p_id}]
# Facultatif : media: https://…, voices (les personnes qui racontent), methods, actors (identifiants des vocabulaires),
# related (identifiants d'entrées),
""",
        ),
        Collection(
            "grilles",
            "grids",
            "Grille de questionnement",
            "Grilles de questionnement",
            GridMeta,
            "Champs de l'en-tête YAML d'une grille de questionnement (dossier grids/).",
            references=(Reference("adapted_from", "grille d'origine", target="grilles"),),
            csv_columns=(Column("adapted_from", "Adaptée de", "Grilles : identifiant de la grille commune adaptée."),),
            scaffold="""\
dimensions:
  - id: {p_id}
    title: "{p} : le nom de la dimension"
    questions:
      - "{p} : une question ouverte ?"
# Facultatif : themes, methods (identifiants des vocabulaires), related (identifiants d'entrées), adapted_from (une grille),
""",
        ),
        Collection(
            "parcours",
            "parcours",
            "Parcours",
            "Parcours",
            PathMeta,
            "Champs de l'en-tête YAML d'un parcours d'apprentissage (dossier parcours/) : des étapes ordonnées à travers les entrées.",
            jsonld_type="LearningResource",
            references=(Reference("steps", "étape", item_key="entry", backlinks="Parcours qui passent par cette entrée"),),
            csv_columns=(
                Column("audiences", "Publics", "Fiches et parcours : publics visés.", is_list=True),
                Column("steps", "Étapes", "Parcours : identifiants des entrées, dans l'ordre des étapes.", is_list=True, item_key="entry"),
            ),
            labels={"audiences": AUDIENCES},
            section="Étapes du parcours",
            scaffold="""\
# Identifiants tirés de taxonomies/themes.yml (au moins un).
themes: [{p_id}]
# Au moins un public, à choisir : accompagnateurs, elus, techniciens, acteurs-ess, citoyens, chercheurs
audiences: [accompagnateurs]
objectives:
  - "{p} : ce que l'on saura faire à la fin du parcours"
# Des étapes dans l'ordre (au moins deux) : l'identifiant d'une entrée, ce qu'il faut en faire, la durée en minutes.
steps:
  - entry: {p_id}
    instruction: "{p} : ce qu'il faut lire ou faire"
    duration: 30
  - entry: {p_id}
    instruction: "{p} : ce qu'il faut lire ou faire"
    duration: 30
# Facultatif : prerequisites (ce qu'il faut savoir avant), methods, territories, actors, related,
""",
        ),
    )
}


# Vocabularies -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    """A controlled vocabulary: its file, its model, the front-matter key that uses it and its URL."""

    id: str
    file: str
    url_segment: str
    singular: str
    plural: str
    model: type[Term]
    # The front-matter key of entries that names its terms.
    key: str
    # « thème inconnu » in E104 messages.
    unknown: str
    # The next step an E104 message gives when no close term exists.
    how_to_add: str
    # What replaces `mesbox new`'s placeholder id in its key (E101).
    fill_hint: str
    # The web editor's hint under its field (empty: none).
    form_hint: str = ""
    # Whether a term also gathers the entries of the terms below it (`parent`).
    hierarchical: bool = False
    # Rank in "Voir aussi" (shared terms of rarer vocabularies first); None: not used there.
    see_also_rank: int | None = None
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # The field whose labelled values group the terms of its overview page (actors by kind); None: one list.
    group_by: str | None = None
    # What a term's page shows first because it answers the page's question (a method's own fiches, a
    # territory's monographs and stories): groups of entries, named as hub pages name them (a collection
    # id, or a value of a collection's grouping field).
    leads: tuple[str, ...] = ()
    # The vocabulary that says what an entry is about: JSON-LD `keywords` and `about`, the feed's categories.
    subject: bool = False
    # Its terms are places: the overview's map, the GeoJSON export, JSON-LD `spatialCoverage`, term trails.
    places: bool = False

    @property
    def url(self) -> str:
        return f"{self.url_segment}/"


TAXONOMIES: dict[str, Taxonomy] = {
    t.id: t
    for t in (
        Taxonomy(
            "themes",
            "taxonomies/themes.yml",
            "themes",
            "Thème",
            "Thèmes",
            Term,
            "themes",
            "thème inconnu",
            "choisissez un thème de taxonomies/themes.yml (la liste est sur la page « Thèmes » du site) ; s'il en manque un, "
            "proposez-le en l'ajoutant à ce fichier (« - id: … » et « label: … »)",
            "un ou plusieurs thèmes de taxonomies/themes.yml (la liste est sur la page « Thèmes » du site)",
            see_also_rank=2,
            subject=True,
            form_hint="au moins un",
        ),
        Taxonomy(
            "methods",
            "taxonomies/methods.yml",
            "methodes",
            "Méthode",
            "Méthodes",
            Term,
            "methods",
            "méthode inconnue",
            "choisissez une méthode de taxonomies/methods.yml (la liste est sur la page « Méthodes » du site) ; s'il en manque une, "
            "proposez-la en l'ajoutant à ce fichier (« - id: … » et « label: … »)",
            "des méthodes de taxonomies/methods.yml",
            see_also_rank=1,
            leads=("methode",),
        ),
        Taxonomy(
            "territories",
            "taxonomies/territories.yml",
            "territoires",
            "Territoire",
            "Territoires",
            TerritoryTerm,
            "territories",
            "territoire inconnu",
            "choisissez un territoire de taxonomies/territories.yml, ou ajoutez-le avec ses parents par la commande "
            '« mesbox new territoire "Nom de la commune" »',
            'des territoires de taxonomies/territories.yml (un territoire absent s\'ajoute par « mesbox new territoire "Nom" »)',
            hierarchical=True,
            see_also_rank=0,
            labels={"kind": TERRITORY_KINDS},
            places=True,
            leads=("monographies", "recits"),
            form_hint="un territoire absent s'ajoute par « mesbox new territoire » ou en le demandant à l'équipe",
        ),
        Taxonomy(
            "actors",
            "taxonomies/actors.yml",
            "acteurs",
            "Acteur",
            "Acteurs",
            ActorTerm,
            "actors",
            "acteur inconnu",
            "choisissez un acteur de taxonomies/actors.yml, ou ajoutez-le à ce fichier : « - id: … », « label: … » et « kind: » "
            "(reseau, structure, collectivite, recherche ou financeur)",
            "des acteurs de taxonomies/actors.yml",
            labels={"kind": ACTOR_KINDS},
            group_by="kind",
        ),
    )
}

# Vocabularies compared by "Voir aussi", rarer first.
SEE_ALSO_TAXONOMIES: tuple[Taxonomy, ...] = tuple(
    sorted((t for t in TAXONOMIES.values() if t.see_also_rank is not None), key=lambda t: t.see_also_rank or 0)
)

# Collections whose entries others answer part by part (a monograph's answers by its grid's dimensions,
# a reference with `keys_field`): each of their entries has a cross-analysis page, `<id>/<entry>/analyse.md`.
ANALYSED: tuple[str, ...] = tuple(
    dict.fromkeys(str(r.target) for c in COLLECTIONS.values() for r in c.references if r.keys_field and r.target)
)

# The one vocabulary of places and the one of subjects (a test checks there is exactly one of each).
PLACES: Taxonomy = next(t for t in TAXONOMIES.values() if t.places)
SUBJECTS: Taxonomy = next(t for t in TAXONOMIES.values() if t.subject)
# Kinds of entries as hub pages group them, in their default order, with their plural heading:
# a grouped collection's values, any other collection's id.
TYPE_GROUPS: dict[str, str] = {
    key: heading for c in COLLECTIONS.values() for key, heading in (c.grouping.headings.items() if c.grouping else [(c.id, c.plural)])
}
