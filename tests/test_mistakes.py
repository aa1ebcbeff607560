"""The contributors' walk (issue 13): a coordinator's typical mistakes, one at a time, each answered
by a French message that names the fix — the corrected value where the checker can compute it.

Each case breaks the valid thematic fiche of conftest.py in one place, like the review's 53
isolated mistakes (docs of the contributors' review, appendix): `REVIEW_WALK` maps each of the
53 to the case here that replays it, so that none is left without a message that names the fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ENTRY, FICHE, line_of, replace, write

from mesbox.checking.checker import check
from mesbox.contract.issues import Issue


@dataclass(frozen=True)
class Mistake:
    """`old` → `new` in the fiche; the error must be `code` on the line holding `at`, saying `says`."""

    name: str
    old: str
    new: str
    code: str
    at: str
    says: str


DATE = "date: 2026-01-15"
KIND = "kind: thematique"
THEMES = "themes: [economie-solidaire, cooperation]"
BODY = "Une initiative solidaire part des besoins d'un territoire."
TITLE = "title: Qu'est-ce qu'une initiative solidaire ?"

MISTAKES: list[Mistake] = [
    Mistake("date-day-first", DATE, "date: 12/03/2026", "E102", "date:", "écrivez 2026-03-12 (12 mars 2026)"),
    Mistake("date-without-zeros", DATE, "date: 2026-3-12", "E102", "date:", "écrivez 2026-03-12"),
    Mistake("date-impossible", DATE, "date: 2026-02-30", "E102", "date:", "le 30 février 2026 n'existe pas"),
    Mistake("date-in-words", DATE, "date: 12 mars 2026", "E102", "date:", "écrivez 2026-03-12"),
    Mistake("date-first-of-month", DATE, "date: 1er avril 2026", "E102", "date:", "écrivez 2026-04-01 (1er avril 2026)"),
    Mistake(
        "date-year-only", DATE, "date: 2026", "E102", "date:", "demande le jour et le mois, pas seulement l'année : écrivez 2026-MM-JJ"
    ),
    Mistake("date-month-and-year", DATE, "date: mars 2026", "E102", "date:", "demande aussi le jour : écrivez 2026-03-JJ"),
    Mistake("date-with-time", DATE, "date: 2026-01-15 10:30", "E102", "date:", "sans heure : écrivez 2026-01-15"),
    Mistake("updated-before-date", DATE, DATE + "\nupdated: 2025-01-01", "E102", "updated:", "la mise à jour vient après"),
    Mistake("licence-nc", KIND, KIND + "\nlicence: CC-BY-NC-4.0", "E108", "licence:", "n'est pas libre"),
    Mistake("licence-nc-spaces", KIND, KIND + "\nlicence: CC BY-NC", "E108", "licence:", "n'est pas libre"),
    Mistake(
        "licence-cc-name", KIND, KIND + "\nlicence: CC BY-SA 4.0", "E108", "licence:", "écrivez son identifiant, « licence: CC-BY-SA-4.0 »"
    ),
    Mistake("licence-lowercase", KIND, KIND + "\nlicence: cc-by-sa", "E108", "licence:", "« licence: CC-BY-SA-4.0 »"),
    Mistake("licence-ouverte", KIND, KIND + "\nlicence: Licence Ouverte 2.0", "E108", "licence:", "« licence: etalab-2.0 »"),
    Mistake("licence-cc-by", KIND, KIND + "\nlicence: Creative Commons BY 4.0", "E108", "licence:", "« licence: CC-BY-4.0 »"),
    Mistake("licence-reserved", KIND, KIND + "\nlicence: Tous droits réservés", "E108", "licence:", "choisissez CC-BY-SA-4.0"),
    Mistake("theme-accented", "cooperation]", "coopération]", "E104", "themes:", "vouliez-vous dire « cooperation »"),
    Mistake("theme-label", "economie-solidaire,", "Économie solidaire,", "E104", "themes:", "vouliez-vous dire « economie-solidaire »"),
    Mistake("theme-unknown", "cooperation]", "tiers-lieux]", "E104", "themes:", "la liste est sur la page « Thèmes » du site"),
    Mistake("themes-text", THEMES, "themes: cooperation", "E102", "themes:", "une liste"),
    Mistake("themes-empty", THEMES, "themes: []", "E101", "themes:", "ajoutez-y l'identifiant d'un terme de taxonomies/themes.yml"),
    Mistake("theme-twice", THEMES, "themes: [cooperation, cooperation]", "E102", "themes:", "retirez le doublon"),
    Mistake(
        "description-missing",
        "description: Les traits communs des initiatives d'économie solidaire sur un territoire.\n",
        "",
        "E101",
        "title:",
        "ajoutez une ligne « description: … »",
    ),
    Mistake(
        "description-short",
        "description: Les traits communs des initiatives d'économie solidaire sur un territoire.",
        "description: Une recyclerie.",
        "E102",
        "description:",
        "20 caractères au moins",
    ),
    Mistake("title-in-french", "title: Qu'est", "titre: Qu'est", "E103", "titre:", "vouliez-vous dire « title »"),
    Mistake("title-capitalised", "title: Qu'est", "Title: Qu'est", "E103", "Title:", "vouliez-vous dire « title »"),
    Mistake("authors-in-french", "authors:", "auteurs:", "E103", "auteurs:", "vouliez-vous dire « authors »"),
    Mistake("authors-text", "authors:\n  - Communauté apprenante du MES", "authors: Marie Le Gall", "E102", "authors:", "une liste"),
    Mistake(
        "colon-in-title",
        "title: Qu'est-ce qu'une initiative solidaire ?",
        "title: Une recyclerie : une initiative",
        "E002",
        "title:",
        "mettez la valeur entre guillemets",
    ),
    Mistake("tab-indent", "  - Communauté apprenante du MES", "\t- Communauté apprenante du MES", "E002", "Communauté", "tabulation"),
    Mistake(
        "kind-accented",
        KIND,
        "kind: thématique",
        "E102",
        "kind:",
        "vouliez-vous dire « thematique » ? Valeurs possibles : thematique, methode, outil, projet",
    ),
    Mistake("kind-missing", KIND + "\n", "", "E101", "title:", "ajoutez une ligne « kind: … » (thematique, methode, outil ou projet)"),
    Mistake("territory-unknown", "territories: [normandie]", "territories: [morlaix]", "E104", "territories:", "mesbox new territoire"),
    Mistake(
        "territory-label", "territories: [normandie]", "territories: [Pays de Morlaix]", "E104", "territories:", "mesbox new territoire"
    ),
    Mistake(
        "territory-close", "territories: [normandie]", "territories: [normandi]", "E104", "territories:", "vouliez-vous dire « normandie »"
    ),
    Mistake(
        "actor-unknown",
        "territories: [normandie]",
        "territories: [normandie]\nactors: [recyclerie-de-morlaix]",
        "E104",
        "actors:",
        "« kind: » (reseau, structure",
    ),
    Mistake(
        "wiki-link-typo",
        "[[organiser-une-visite|",
        "[[organiser-une-visit|",
        "E105",
        "[[organiser-une-visit|",
        "vouliez-vous dire « organiser-une-visite »",
    ),
    Mistake(
        "wiki-link-title",
        "[[organiser-une-visite|organiser une visite]]",
        "[[Organiser une visite]]",
        "E105",
        "[[Organiser",
        "vouliez-vous dire « organiser-une-visite »",
    ),
    Mistake(
        "wiki-link-to-theme",
        "[[organiser-une-visite|organiser une visite]]",
        "[[cooperation]]",
        "E105",
        "[[cooperation]]",
        "« cooperation » est un thème (taxonomies/themes.yml), pas une entrée : ajoutez-le à « themes: »",
    ),
    Mistake(
        "wiki-link-to-territory",
        "[[organiser-une-visite|organiser une visite]]",
        "[[normandie]]",
        "E105",
        "[[normandie]]",
        "liez sa page par [Normandie](../../territoires/normandie/)",
    ),
    Mistake(
        "related-unknown",
        "territories: [normandie]",
        "territories: [normandie]\nrelated: [organiser-une-visit]",
        "E105",
        "related:",
        "vouliez-vous dire « organiser-une-visite »",
    ),
    Mistake(
        "related-self",
        "territories: [normandie]",
        "territories: [normandie]\nrelated: [initiative-solidaire]",
        "E105",
        "related:",
        "retirez-le",
    ),
    Mistake(
        "number-unquoted",
        'number: "2.1"',
        "number: 2.10",
        "E102",
        "number:",
        'mettez-le entre guillemets, sinon « 2.10 » se lit comme un nombre — écrivez number: "2.10"',
    ),
    Mistake(
        "source-http",
        "url: https://exemple.org/rapport",
        "url: http://exemple.org/rapport",
        "E102",
        "url:",
        "écrivez « https://exemple.org/rapport »",
    ),
    Mistake(
        "source-as-text",
        "  - title: Rapport de la recherche-action\n    year: 2022\n    url: https://exemple.org/rapport",
        "  - Rapport de la recherche-action",
        "E102",
        "- Rapport",
        'la source n° 1 doit s\'écrire avec ses champs, un par ligne : « - title: "Rapport de la recherche-action" »',
    ),
    Mistake(
        "source-without-title",
        "  - title: Rapport de la recherche-action\n    year: 2022",
        "  - year: 2022",
        "E101",
        "year: 2022",
        "champ obligatoire « title » manquant dans la source n° 1",
    ),
    Mistake("placeholder-in-body", BODY, "À COMPLÉTER " + BODY, "E101", "À COMPLÉTER", "laissé tel quel dans le texte de la page"),
    Mistake(
        "placeholder-in-description",
        "description: Les traits",
        "description: À COMPLÉTER Les traits",
        "E101",
        "description:",
        "laissé tel quel dans « description »",
    ),
    Mistake(
        "placeholder-author",
        "  - Communauté apprenante du MES",
        '  - "À COMPLÉTER : votre nom"',
        "E101",
        "À COMPLÉTER",
        "laissé tel quel dans « authors »",
    ),
    Mistake("key-twice", KIND, KIND + "\nkind: outil", "E003", "kind: outil", "gardez une seule ligne « kind: »"),
    Mistake("theme-capitalised", "cooperation]", "Cooperation]", "E104", "themes:", "vouliez-vous dire « cooperation »"),
    Mistake("title-missing", TITLE + "\n", "", "E101", "description:", "ajoutez une ligne « title: … »"),
    Mistake("quote-unclosed", TITLE, "title: 'La recyclerie de Morlaix", "E002", "title:", "ajoutez « ' » à la fin de la valeur, ligne 2"),
    Mistake("closing-marker-missing", "---\n\n" + BODY, "\n" + BODY, "E002", "---", "ajoutez une ligne « --- » après le dernier champ"),
    Mistake(
        "territory-accented",
        "territories: [normandie]",
        "territories: [normandié]",
        "E104",
        "territories:",
        "vouliez-vous dire « normandie »",
    ),
    Mistake(
        "iframe", BODY, '<iframe src="https://exemple.org/video"></iframe>\n\n' + BODY, "E201", "<iframe", "supprimez-la avec son contenu"
    ),
    Mistake("date-future", DATE, "date: 2099-03-12", "E102", "date:", "indiquez le jour où l'entrée a été publiée"),
    Mistake(
        "md-link-wrong-path",
        BODY,
        "Voir [le protocole](organiser-une-visite.md).\n\n" + BODY,
        "E105",
        "[le protocole]",
        "vouliez-vous dire « methodes/organiser-une-visite.md » ou [[organiser-une-visite]] ?",
    ),
    Mistake(
        "site-address-link",
        BODY,
        "Voir [le protocole](/fiches/organiser-une-visite/).\n\n" + BODY,
        "E105",
        "[le protocole]",
        "écrivez [[organiser-une-visite]] ou le lien relatif « methodes/organiser-une-visite.md »",
    ),
    Mistake(
        "image-missing",
        BODY,
        "![La recyclerie](photo-recyclerie.jpg)\n\n" + BODY,
        "E105",
        "![La recyclerie]",
        "enregistrez l'image dans fiches/, à côté de la page, sous ce nom, ou corrigez le nom",
    ),
]

# The review's 53 isolated mistakes, by their heading there, and the case of this module that
# replays each: a Mistake's name, or a test of this module for those that are not one edit and one
# error (a value that must pass, a number taken by another fiche).
REVIEW_WALK: dict[str, str] = {
    "date JJ/MM/AAAA": "date-day-first",
    "date sans zéro": "date-without-zeros",
    "date impossible": "date-impossible",
    "date en toutes lettres": "date-in-words",
    "date année seule": "date-year-only",
    "date entre guillemets": "test_quoted_iso_date_passes",
    "date future": "date-future",
    "updated avant date": "updated-before-date",
    "licence CC-BY-NC-4.0": "licence-nc",
    "licence 'CC BY-NC'": "licence-nc-spaces",
    "licence 'CC BY-SA 4.0' (espaces)": "licence-cc-name",
    "licence cc-by-sa (minuscules, sans version)": "licence-lowercase",
    "licence Licence Ouverte 2.0": "licence-ouverte",
    "licence tous droits réservés": "licence-reserved",
    "theme accentué": "theme-accented",
    "theme libellé": "theme-label",
    "theme majuscules": "theme-capitalised",
    "themes texte seul": "themes-text",
    "themes vide": "themes-empty",
    "theme en double": "theme-twice",
    "description manquante": "description-missing",
    "description trop courte": "description-short",
    "title manquant": "title-missing",
    "champ en français titre:": "title-in-french",
    "champ Title majuscule": "title-capitalised",
    "champ auteurs:": "authors-in-french",
    "authors texte seul": "authors-text",
    "deux-points sans guillemets": "colon-in-title",
    "apostrophe en tête sans guillemets fermants": "quote-unclosed",
    "tabulation": "tab-indent",
    "--- de fin manquant": "closing-marker-missing",
    "kind accentué": "kind-accented",
    "kind manquant": "kind-missing",
    "territoire inexistant": "territory-unknown",
    "territoire libellé": "territory-label",
    "territoire proche": "territory-close",
    "territoire accentué": "territory-accented",
    "acteur inexistant": "actor-unknown",
    "lien [[...]] faute": "wiki-link-typo",
    "lien [[...]] par titre": "wiki-link-title",
    "lien [[...]] vers thème": "wiki-link-to-theme",
    "lien markdown relatif .md": "md-link-wrong-path",
    "lien markdown vers adresse du site": "site-address-link",
    "image locale": "image-missing",
    "related inconnu": "related-unknown",
    "related vers soi": "related-self",
    "number non quoté": "number-unquoted",
    "number déjà pris": "test_duplicate_number_is_reported_on_the_new_fiche_wherever_it_sits",
    "source url http": "source-http",
    "source sans title": "source-as-text",
    "iframe vidéo": "iframe",
    "À COMPLÉTER restant": "placeholder-in-body",
    "champ écrit deux fois": "key-twice",
}


def test_the_walk_covers_the_53_mistakes_of_the_review() -> None:
    names = {m.name for m in MISTAKES}
    tests = {name for name in globals() if name.startswith("test_")}
    assert len(REVIEW_WALK) == 53
    assert [case for case in REVIEW_WALK.values() if case not in names | tests] == []
    assert len(names) == len(MISTAKES)


def run(root: Path, mistake: Mistake) -> tuple[list[Issue], int]:
    replace(root, FICHE, mistake.old, mistake.new)
    return check(root).issues, line_of(root, FICHE, mistake.at)


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_each_mistake_gets_a_message_that_names_the_fix(valid_repo: Path, mistake: Mistake) -> None:
    issues, line = run(valid_repo, mistake)
    matching = [i for i in issues if (i.code, i.path, i.line) == (mistake.code, FICHE, line)]
    assert matching, [str(i) for i in issues]
    assert any(mistake.says in i.message for i in matching), [i.message for i in matching]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_messages_keep_french_punctuation(valid_repo: Path, mistake: Mistake) -> None:
    """No « ? : » run-ons, no typographic apostrophe in one message and a straight one elsewhere."""
    issues, _ = run(valid_repo, mistake)
    for issue in issues:
        assert "? :" not in issue.message and "’" not in issue.message, issue.message
        assert "[1]" not in issue.message and "] ." not in issue.message, issue.message


def test_quoted_iso_date_passes(valid_repo: Path) -> None:
    replace(valid_repo, FICHE, DATE, 'date: "2026-01-15"')
    assert check(valid_repo).issues == []


def test_duplicate_number_is_reported_on_the_new_fiche_wherever_it_sits(valid_repo: Path) -> None:
    """The review's case: the new fiche, dated later, is named, even when its path sorts first."""
    write(
        valid_repo,
        "fiches/projets/aa-recyclerie.md",
        ENTRY.replace("kind: outil", 'kind: projet\nnumber: "2.1"').replace("2026-01-01", "2026-11-30"),
    )
    issues = check(valid_repo).issues
    assert [(i.code, i.path) for i in issues] == [("E107", "fiches/projets/aa-recyclerie.md")]
    assert f"déjà pris par {FICHE}" in issues[0].message


def test_a_wiki_link_to_a_theme_from_an_editorial_page_gives_the_link_from_that_page(valid_repo: Path) -> None:
    write(valid_repo, "content/a-propos.md", "# À propos\n\nVoir [[emploi]].\n")
    issues = check(valid_repo).issues
    assert [(i.code, i.path, i.line) for i in issues] == [("E105", "content/a-propos.md", 3)]
    assert "[Emploi](../themes/emploi/)" in issues[0].message


def test_a_sheet_put_in_content_is_told_where_it_belongs(valid_repo: Path) -> None:
    """The review's case: a fiche saved in content/ (where « Modifier » leads) is an editorial page with entry fields."""
    write(valid_repo, "content/ma-fiche.md", ENTRY)
    issues = [i for i in check(valid_repo).issues if i.path == "content/ma-fiche.md"]
    assert issues and {i.code for i in issues} == {"E103"}
    assert all("déplacez le fichier dans fiches/<type>/, monographies/ ou grids/" in i.message for i in issues), [i.message for i in issues]
