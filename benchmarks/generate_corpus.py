"""Write a complete, valid mesbox repository of N entries with realistic French text, for the benchmarks.

Usage: python benchmarks/generate_corpus.py OUT_DIR --entries N [--seed S]

Why generated: speed goals are stated for 10 000 entries, far more than the real toolbox holds, and the
numbers only mean something if the files look like real ones (front-matter of the same shape, bodies of
400-800 words of French with accents, headings, lists and [[id]] links).

What is written: taxonomies (20 themes, 25 methods, 60 territories, 30 actors), a handful of grids
(`grille-commune` with 5 dimensions and three grids adapted from it), then N entries: about 63 % fiches,
21 % monographies and 16 % récits (the 60/20/15 split of the brief, grids being kept to a handful),
spread over sub-folders of at most 500 files. About 1 % are drafts, which nothing references.
Every value follows docs/contrat.md (the contract). Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MARKER = ".mesbox-corpus"  # only a folder holding this file is ever wiped by the generator
FOLDER_SIZE = 500
WORDS_MIN, WORDS_MAX = 400, 800
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Sections of the site that mesbox writes itself (collections, vocabularies, audiences): never stubbed.
GENERATED_SECTIONS = ("fiches", "monographies", "recits", "grilles", "parcours", "themes", "territoires", "methodes", "acteurs", "publics")

# --- Vocabularies -------------------------------------------------------------------------------------

# (id, label, phrase with its article, for use inside sentences)
THEMES = [
    ("cooperation-territoriale", "Coopération territoriale", "la coopération territoriale"),
    ("accompagnement", "Accompagnement des initiatives", "l'accompagnement des initiatives"),
    ("citoyennete-economique", "Citoyenneté économique", "la citoyenneté économique"),
    ("utilite-sociale", "Utilité sociale", "l'utilité sociale"),
    ("animation-territoriale", "Animation territoriale", "l'animation territoriale"),
    ("politiques-publiques-ess", "Politiques publiques de l'ESS", "les politiques publiques de l'ESS"),
    ("innovation-sociale", "Innovation sociale", "l'innovation sociale"),
    ("transition-ecologique", "Transition écologique", "la transition écologique"),
    ("emploi-insertion", "Emploi et insertion", "l'emploi et l'insertion"),
    ("alimentation-durable", "Alimentation durable", "l'alimentation durable"),
    ("education-populaire", "Culture et éducation populaire", "l'éducation populaire"),
    ("tiers-lieux", "Tiers-lieux", "les tiers-lieux"),
    ("monnaies-locales", "Monnaies locales complémentaires", "les monnaies locales complémentaires"),
    ("communs", "Communs", "les communs"),
    ("finances-solidaires", "Finances solidaires", "les finances solidaires"),
    ("commande-publique", "Commande publique responsable", "la commande publique responsable"),
    ("ecosysteme-territorial", "Écosystème territorial", "l'écosystème territorial"),
    ("participation-citoyenne", "Participation citoyenne", "la participation citoyenne"),
    ("ruralite", "Ruralité et villages", "la vie des villages"),
    ("habitat-participatif", "Habitat participatif", "l'habitat participatif"),
]
METHODS = [
    ("visite-apprenante", "Visite apprenante", "une visite apprenante"),
    ("seminaire-reflexif", "Séminaire réflexif", "un séminaire réflexif"),
    ("grille-de-questionnement", "Grille de questionnement", "une grille de questionnement"),
    ("recherche-action", "Recherche-action participative", "une recherche-action participative"),
    ("communaute-apprenante", "Communauté apprenante", "une communauté apprenante"),
    ("monographie", "Monographie", "une monographie"),
    ("mise-en-recit", "Mise en récit territoriale", "une mise en récit territoriale"),
    ("diagnostic-partage", "Diagnostic partagé", "un diagnostic partagé"),
    ("cartographie-des-acteurs", "Cartographie des acteurs", "une cartographie des acteurs"),
    ("forum-ouvert", "Forum ouvert", "un forum ouvert"),
    ("world-cafe", "Café des savoirs", "un café des savoirs"),
    ("theatre-forum", "Théâtre-forum", "un théâtre-forum"),
    ("evaluation-utilite-sociale", "Évaluation de l'utilité sociale", "une évaluation de l'utilité sociale"),
    ("demarche-de-progres", "Démarche de progrès", "une démarche de progrès"),
    ("fresque-de-la-cooperation", "Fresque de la coopération", "une fresque de la coopération"),
    ("atelier-d-ecriture", "Atelier d'écriture", "un atelier d'écriture"),
    ("entretien-semi-directif", "Entretien semi-directif", "un entretien semi-directif"),
    ("observation-participante", "Observation participante", "une observation participante"),
    ("enquete-conscientisante", "Enquête conscientisante", "une enquête conscientisante"),
    ("jeu-cooperatif", "Jeu coopératif", "un jeu coopératif"),
    ("universite-populaire", "Université populaire", "une université populaire"),
    ("marche-exploratoire", "Marche exploratoire", "une marche exploratoire"),
    ("analyse-de-pratiques", "Analyse de pratiques", "une analyse de pratiques"),
    ("capitalisation", "Capitalisation d'expériences", "une capitalisation d'expériences"),
    ("accompagnement-communautaire", "Accompagnement communautaire", "un accompagnement communautaire"),
]
REGIONS = [  # id, label, INSEE code
    ("hauts-de-france", "Hauts-de-France", "32"),
    ("normandie", "Normandie", "28"),
    ("bourgogne-franche-comte", "Bourgogne-Franche-Comté", "27"),
    ("occitanie", "Occitanie", "76"),
    ("auvergne-rhone-alpes", "Auvergne-Rhône-Alpes", "84"),
    ("bretagne", "Bretagne", "53"),
]
DEPARTEMENTS = [  # id, label, code, parent region, lat, lon (prefecture)
    ("nord", "Nord", "59", "hauts-de-france", 50.6292, 3.0573),
    ("pas-de-calais", "Pas-de-Calais", "62", "hauts-de-france", 50.2910, 2.7775),
    ("calvados", "Calvados", "14", "normandie", 49.1829, -0.3707),
    ("cote-d-or", "Côte-d'Or", "21", "bourgogne-franche-comte", 47.3220, 5.0415),
    ("doubs", "Doubs", "25", "bourgogne-franche-comte", 47.2378, 6.0241),
    ("haute-garonne", "Haute-Garonne", "31", "occitanie", 43.6047, 1.4442),
    ("ariege", "Ariège", "09", "occitanie", 42.9653, 1.6070),
    ("drome", "Drôme", "26", "auvergne-rhone-alpes", 44.9334, 4.8924),
    ("isere", "Isère", "38", "auvergne-rhone-alpes", 45.1885, 5.7245),
    ("ille-et-vilaine", "Ille-et-Vilaine", "35", "bretagne", 48.1173, -1.6778),
]
INTERCOS = [  # id, label, SIREN, parent département, lat, lon
    ("metropole-europeenne-de-lille", "Métropole européenne de Lille", "200093201", "nord", 50.6310, 3.0600),
    ("cu-arras", "Communauté urbaine d'Arras", "200033579", "pas-de-calais", 50.2930, 2.7800),
    ("ca-lens-lievin", "Communauté d'agglomération de Lens-Liévin", "246200364", "pas-de-calais", 50.4300, 2.8200),
    ("caen-la-mer", "Communauté urbaine Caen la Mer", "200065597", "calvados", 49.1850, -0.3600),
    ("dijon-metropole", "Dijon Métropole", "242100410", "cote-d-or", 47.3200, 5.0400),
    ("grand-besancon-metropole", "Grand Besançon Métropole", "242500361", "doubs", 47.2400, 6.0200),
    ("toulouse-metropole", "Toulouse Métropole", "243100518", "haute-garonne", 43.6000, 1.4400),
    ("cc-couserans-pyrenees", "Communauté de communes Couserans-Pyrénées", "200067940", "ariege", 42.9800, 1.1500),
    ("cc-diois", "Communauté des communes du Diois", "242600534", "drome", 44.7500, 5.3700),
    ("grenoble-alpes-metropole", "Grenoble-Alpes Métropole", "200040715", "isere", 45.1900, 5.7200),
    ("rennes-metropole", "Rennes Métropole", "243500139", "ille-et-vilaine", 48.1100, -1.6800),
]
COMMUNES = [  # id, label, INSEE code, parent intercommunalité, lat, lon
    ("lille", "Lille", "59350", "metropole-europeenne-de-lille", 50.6292, 3.0573),
    ("roubaix", "Roubaix", "59512", "metropole-europeenne-de-lille", 50.6942, 3.1746),
    ("tourcoing", "Tourcoing", "59599", "metropole-europeenne-de-lille", 50.7239, 3.1612),
    ("villeneuve-d-ascq", "Villeneuve-d'Ascq", "59009", "metropole-europeenne-de-lille", 50.6233, 3.1450),
    ("arras", "Arras", "62041", "cu-arras", 50.2910, 2.7775),
    ("loos-en-gohelle", "Loos-en-Gohelle", "62528", "ca-lens-lievin", 50.4578, 2.7925),
    ("lens", "Lens", "62498", "ca-lens-lievin", 50.4322, 2.8333),
    ("caen", "Caen", "14118", "caen-la-mer", 49.1829, -0.3707),
    ("colombelles", "Colombelles", "14167", "caen-la-mer", 49.2008, -0.2989),
    ("herouville-saint-clair", "Hérouville-Saint-Clair", "14327", "caen-la-mer", 49.2044, -0.3289),
    ("dijon", "Dijon", "21231", "dijon-metropole", 47.3220, 5.0415),
    ("chenove", "Chenôve", "21166", "dijon-metropole", 47.2924, 5.0058),
    ("quetigny", "Quetigny", "21515", "dijon-metropole", 47.3144, 5.1081),
    ("besancon", "Besançon", "25056", "grand-besancon-metropole", 47.2378, 6.0241),
    ("toulouse", "Toulouse", "31555", "toulouse-metropole", 43.6047, 1.4442),
    ("colomiers", "Colomiers", "31149", "toulouse-metropole", 43.6112, 1.3350),
    ("blagnac", "Blagnac", "31069", "toulouse-metropole", 43.6370, 1.3908),
    ("saint-girons", "Saint-Girons", "09261", "cc-couserans-pyrenees", 42.9850, 1.1467),
    ("massat", "Massat", "09182", "cc-couserans-pyrenees", 42.8886, 1.3508),
    ("seix", "Seix", "09285", "cc-couserans-pyrenees", 42.8667, 1.2000),
    ("die", "Die", "26113", "cc-diois", 44.7536, 5.3703),
    ("chatillon-en-diois", "Châtillon-en-Diois", "26086", "cc-diois", 44.6958, 5.4842),
    ("luc-en-diois", "Luc-en-Diois", "26167", "cc-diois", 44.6160, 5.4470),
    ("grenoble", "Grenoble", "38185", "grenoble-alpes-metropole", 45.1885, 5.7245),
    ("echirolles", "Échirolles", "38151", "grenoble-alpes-metropole", 45.1436, 5.7200),
    ("saint-martin-d-heres", "Saint-Martin-d'Hères", "38421", "grenoble-alpes-metropole", 45.1672, 5.7653),
    ("rennes", "Rennes", "35238", "rennes-metropole", 48.1173, -1.6778),
    ("saint-jacques-de-la-lande", "Saint-Jacques-de-la-Lande", "35281", "rennes-metropole", 48.0653, -1.7203),
    ("cesson-sevigne", "Cesson-Sévigné", "35051", "rennes-metropole", 48.1211, -1.6031),
]
OTHER_PLACES = [  # id, label, kind, parent, lat, lon: no INSEE code for these kinds
    ("quartier-de-l-alma", "Quartier de l'Alma", "quartier", "roubaix", 50.6960, 3.1720),
    ("la-villeneuve", "La Villeneuve", "quartier", "grenoble", 45.1650, 5.7330),
    ("pays-du-couserans", "Pays du Couserans", "pays", "ariege", 42.9800, 1.1500),
    ("pays-de-broceliande", "Pays de Brocéliande", "pays", "ille-et-vilaine", 48.1000, -2.0500),
]
ACTORS = [  # id, label, kind, region (or None)
    ("mouvement-economie-solidaire", "Mouvement pour l'Économie Solidaire", "reseau", None),
    ("apes-hauts-de-france", "APES Hauts-de-France", "reseau", "hauts-de-france"),
    ("reseau-tiers-lieux-drome", "Réseau des tiers-lieux de la Drôme", "reseau", "auvergne-rhone-alpes"),
    ("collectif-monnaies-bretagne", "Collectif des monnaies locales de Bretagne", "reseau", "bretagne"),
    ("urscop-occitanie", "Union régionale des Scop d'Occitanie", "reseau", "occitanie"),
    ("regies-de-quartier-normandie", "Réseau des régies de quartier de Normandie", "reseau", "normandie"),
    ("la-voisinerie", "La Voisinerie, tiers-lieu de quartier", "structure", "hauts-de-france"),
    ("le-panier-partage", "Épicerie solidaire Le Panier partagé", "structure", "bourgogne-franche-comte"),
    ("ressourcerie-du-diois", "Ressourcerie du Diois", "structure", "auvergne-rhone-alpes"),
    ("cae-solid-arras", "Coopérative d'activités Solid'Arras", "structure", "hauts-de-france"),
    ("regie-de-l-alma", "Régie de quartier de l'Alma", "structure", "hauts-de-france"),
    ("jardins-des-sentiers", "Jardin d'insertion Les Sentiers", "structure", "occitanie"),
    ("atelier-la-rustine", "Atelier vélo La Rustine", "structure", "bretagne"),
    ("cafe-le-grain-de-sel", "Café associatif Le Grain de sel", "structure", "occitanie"),
    ("energies-citoyennes-couserans", "SCIC Énergies citoyennes du Couserans", "structure", "occitanie"),
    ("ebe-colombelles", "Entreprise à but d'emploi de Colombelles", "structure", "normandie"),
    ("ville-de-loos-en-gohelle", "Ville de Loos-en-Gohelle", "collectivite", "hauts-de-france"),
    ("cu-arras-service-ess", "Communauté urbaine d'Arras, service ESS", "collectivite", "hauts-de-france"),
    ("departement-ariege", "Conseil départemental de l'Ariège", "collectivite", "occitanie"),
    ("region-bfc-ess", "Région Bourgogne-Franche-Comté, direction de l'ESS", "collectivite", "bourgogne-franche-comte"),
    ("ville-de-chenove", "Ville de Chenôve", "collectivite", "bourgogne-franche-comte"),
    ("rennes-metropole-mission-ess", "Rennes Métropole, mission ESS", "collectivite", "bretagne"),
    ("labo-territoires-cooperations", "Laboratoire Territoires et coopérations", "recherche", None),
    ("chaire-ess-caen", "Chaire ESS de l'université de Caen", "recherche", "normandie"),
    ("collectif-chercheurs-es", "Collectif de chercheurs en économie solidaire", "recherche", None),
    ("institut-developpement-local", "Institut d'études du développement local", "recherche", "occitanie"),
    ("france-active-bfc", "France Active Bourgogne-Franche-Comté", "financeur", "bourgogne-franche-comte"),
    ("fondation-cooperation-locale", "Fondation pour la coopération locale", "financeur", None),
    ("fonds-innovation-sociale", "Fonds régional d'innovation sociale", "financeur", "hauts-de-france"),
    ("cigales-drome", "Club d'investisseurs solidaires de la Drôme", "financeur", "auvergne-rhone-alpes"),
]
GRID_DIMENSIONS = [  # id, title, questions
    (
        "posture-ressources-accompagnement",
        "Posture et ressources de l'accompagnement",
        [
            "Qui accompagne l'initiative, depuis quand, et à quel titre ?",
            "Quelle posture la structure d'accompagnement adopte-t-elle : expertise, animation, compagnonnage ?",
            "De quelles ressources humaines, financières et relationnelles l'accompagnement dispose-t-il ?",
        ],
    ),
    (
        "innovation-sociale-produite",
        "Nature de l'innovation sociale produite",
        [
            "À quel besoin non couvert l'initiative répond-elle, et qui l'a formulé ?",
            "En quoi la réponse est-elle nouvelle pour ce territoire ?",
            "L'innovation tient-elle au service rendu, à la manière de s'organiser, ou aux deux ?",
        ],
    ),
    (
        "formes-cooperation",
        "Formes et parties prenantes de la coopération",
        [
            "Qui coopère avec qui : associations, entreprises, collectivités, habitants, chercheurs ?",
            "Quelles formes prend la coopération : convention, groupement, lieu partagé, instance de pilotage ?",
            "Quelles tensions a-t-il fallu traverser pour que la coopération tienne ?",
        ],
    ),
    (
        "participation-citoyenne",
        "Place et modalités de la participation citoyenne",
        [
            "Quelle place les habitants ont-ils dans la conception et la conduite de l'initiative ?",
            "Par quels moyens concrets participent-ils : instances, chantiers, débats, gouvernance ?",
            "Qu'est-ce qui facilite ou freine leur participation ?",
        ],
    ),
    (
        "transition-ecologique",
        "Effets sur la transition écologique du territoire",
        [
            "L'initiative contribue-t-elle à la transition écologique du territoire, et comment ?",
            "Comment lie-t-elle enjeux écologiques et justice sociale ?",
            "Quels effets sont observés, et lesquels restent à documenter ?",
        ],
    ),
]
ADAPTED_GRIDS = [
    ("grille-visite-diois", "Die", "cc-diois"),
    ("grille-visite-couserans", "Saint-Girons", "cc-couserans-pyrenees"),
    ("grille-visite-arras", "Arras", "cu-arras"),
]
AUTHORS = [
    "Communauté apprenante du MES",
    "Équipe éditoriale de la boîte à outils du MES",
    "Claire Martin",
    "Yannick Le Goff",
    "Fatima Benali",
    "Jean-Marc Dupuis",
    "Hélène Rousseau",
    "Mamadou Diallo",
    "Sophie Lefèvre",
    "Thierry Garnier",
    "Nadia Cherif",
    "Loïc Morvan",
    "Émilie Faure",
    "Bernard Chevalier",
    "Aurélie Perrin",
    "Karim Haddad",
    "Chloé Marchand",
    "Pierre-Yves Le Bihan",
    "Inès Moreau",
    "Collectif Récits de territoire",
    "Groupe de travail Accompagnement",
    "Julien Bonnet",
    "Marie-Thérèse Lambert",
    "Samia Boukhari",
    "François Aubert",
]
AUDIENCES = ["accompagnateurs", "elus", "techniciens", "acteurs-ess", "citoyens", "chercheurs"]
LICENCES = ["CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0", "etalab-2.0"]

# --- Phrase lists for bodies ----------------------------------------------------------------------------

SUBJECTS = [
    "la coopérative d'activités et d'emploi",
    "le collectif d'habitants",
    "l'association de quartier",
    "le tiers-lieu",
    "la régie de quartier",
    "le pôle territorial de coopération économique",
    "l'entreprise à but d'emploi",
    "le réseau régional de l'économie solidaire",
    "la monnaie locale complémentaire",
    "le groupement d'employeurs",
    "la ressourcerie",
    "l'épicerie solidaire",
    "la société coopérative d'intérêt collectif",
    "le jardin partagé",
    "la chargée de mission développement local",
    "l'élu délégué à l'économie sociale et solidaire",
    "le centre social",
    "la chambre régionale de l'ESS",
    "le fonds territorial",
    "l'atelier vélo participatif",
    "la cuisine collective",
    "le café associatif",
    "la plateforme de mobilité solidaire",
    "l'université populaire",
    "la communauté apprenante",
]
VERBS = [
    "accompagne",
    "réunit",
    "soutient",
    "expérimente",
    "anime",
    "finance",
    "outille",
    "relie",
    "fait connaître",
    "consolide",
    "évalue",
    "co-construit",
    "met en réseau",
    "rend visible",
    "questionne",
    "mutualise",
    "structure",
    "valorise",
    "documente",
    "porte",
    "défend",
    "renforce",
]
OBJECTS = [
    "les initiatives citoyennes du territoire",
    "une démarche de coopération entre acteurs",
    "des emplois utiles aux habitants",
    "un projet alimentaire territorial",
    "la participation des habitants",
    "les besoins non couverts du quartier",
    "une évaluation partagée de l'utilité sociale",
    "les porteurs de projet éloignés des réseaux",
    "la transition écologique et solidaire",
    "un lieu partagé ouvert à tous",
    "des circuits courts entre producteurs et mangeurs",
    "la commande publique responsable",
    "une gouvernance partagée entre élus et associations",
    "les savoirs d'expérience des habitants",
    "un fonds de confiance pour les premières années",
    "la mémoire ouvrière de la vallée",
    "des chantiers participatifs",
    "une coopération entre villages voisins",
    "les échanges entre pairs",
    "une culture commune de l'accompagnement",
    "des parcours d'insertion plus longs",
    "les liens entre recherche et terrain",
    "une économie au service des personnes",
    "la place des femmes dans les projets",
    "les jeunes qui veulent entreprendre autrement",
]
COMPLEMENTS = [
    "avec l'appui de la collectivité",
    "depuis plusieurs années",
    "en lien avec les acteurs de l'économie solidaire",
    "grâce à une communauté apprenante",
    "dans une logique de réciprocité",
    "sans chercher à reproduire un modèle tout fait",
    "au plus près des besoins exprimés",
    "en associant chercheurs et praticiens",
    "malgré des moyens encore fragiles",
    "à l'échelle du bassin de vie",
    "en s'appuyant sur des bénévoles engagés",
    "avec une attention constante à l'écologie",
    "sans attendre les appels à projets",
    "au rythme des habitants",
    "en croisant les regards",
    "pas à pas",
    "à partir de ce qui existe déjà",
    "en prenant le temps de se connaître",
]
PLURALS = [
    "les habitants",
    "les bénévoles",
    "les salariés de la structure",
    "les partenaires publics",
    "les chercheurs associés",
    "les élus locaux",
    "les visiteurs",
    "les accompagnateurs",
    "les commerçants du bourg",
    "les agriculteurs du secteur",
    "les jeunes du quartier",
    "les membres du réseau",
]
PLURAL_VERBS = [
    "s'approprient",
    "construisent",
    "défendent",
    "interrogent",
    "découvrent",
    "partagent",
    "animent",
    "financent",
    "évaluent",
    "racontent",
    "transforment",
    "soutiennent",
]
CONNECTORS = [
    "Concrètement",
    "Au fil des rencontres",
    "Dès le départ",
    "De fait",
    "Pourtant",
    "En pratique",
    "Peu à peu",
    "Au départ",
    "Aujourd'hui",
    "Dans un premier temps",
    "Par la suite",
    "Du point de vue des acteurs",
    "Ici comme ailleurs",
    "Sur ce territoire",
]
PURPOSES = [
    "répondre à un besoin local",
    "sortir de la logique de guichet",
    "tenir dans la durée",
    "élargir le cercle des partenaires",
    "donner une place aux habitants",
    "convaincre les financeurs",
    "partager les risques",
    "garder la maîtrise du projet",
    "apprendre des autres territoires",
    "préparer la relève",
]
OBSERVATIONS = [
    "la qualité des relations entre les personnes",
    "la capacité à dire ses désaccords",
    "le temps long de la confiance",
    "l'importance d'un lieu où se retrouver",
    "le rôle discret mais décisif de la collectivité",
    "la fierté retrouvée des habitants",
    "la fragilité des financements",
    "la force des réseaux informels",
    "l'écart entre le discours et les moyens",
    "la créativité née de la contrainte",
]
QUOTES = [
    "on ne coopère pas par décret, on coopère parce qu'on se connaît",
    "ici, chacun peut prendre sa place",
    "le territoire, c'est d'abord des gens qui se parlent",
    "nous avons appris à dire ce que nous ne savions pas faire",
    "l'argent public doit servir à ce qui dure",
    "sans les habitants, ce lieu n'aurait aucun sens",
    "on a mis trois ans à se faire confiance, et ça valait le coup",
    "la visite nous a obligés à regarder notre travail autrement",
    "l'économie, ce n'est pas seulement le marché",
    "on répare des objets, mais surtout du lien",
]
WHO_SAYS = [
    "une habitante",
    "un bénévole de la première heure",
    "la directrice de la structure",
    "un élu de la commune",
    "une chercheuse associée",
    "le coordinateur du réseau",
    "une salariée en insertion",
    "un agriculteur partenaire",
]
BULLETS = [
    "un comité de pilotage ouvert aux habitants",
    "une convention pluriannuelle avec la commune",
    "des temps de rencontre réguliers entre structures",
    "un poste de coordination partagé",
    "une charte de coopération écrite ensemble",
    "un fonds d'amorçage alimenté par l'épargne locale",
    "des visites croisées entre territoires",
    "une évaluation conduite avec les bénéficiaires",
    "un lieu ressource pour les porteurs de projet",
    "des formations courtes pour les bénévoles",
    "un répertoire des acteurs tenu à jour",
    "une lettre d'information trimestrielle",
    "des achats groupés entre associations",
    "une place réservée aux jeunes dans la gouvernance",
    "des permanences dans les villages",
    "un partenariat avec le lycée agricole",
    "un café-débat chaque mois",
    "une mutualisation des locaux et du matériel",
]
HEADINGS = {
    "fiches": [
        "De quoi parle-t-on ?",
        "Pourquoi c'est important",
        "Quelques repères",
        "Comment s'y prendre",
        "Points de vigilance",
        "Exemples sur les territoires",
        "Ce qu'en disent les acteurs",
        "Les étapes",
        "Pour aller plus loin",
    ],
    "monographies": [
        "Le territoire",
        "L'initiative phare",
        "Les acteurs de l'écosystème",
        "La visite apprenante",
        "Ce que la visite a montré",
        "Enseignements",
        "Questions ouvertes",
    ],
    "recits": ["Les débuts", "La rencontre", "Ce qui a changé", "Les difficultés", "Aujourd'hui", "Et demain ?"],
}
TOOLS = [
    "Le jeu de cartes de la coopération",
    "La mallette pédagogique",
    "Le carnet de visite",
    "La fresque des acteurs",
    "Le modèle de convention de partenariat",
    "La trame d'entretien",
    "Le tableau de bord de l'utilité sociale",
    "Le kit d'animation du séminaire",
    "La carte des ressources du territoire",
    "Le guide d'autodiagnostic",
]
TOOL_PURPOSES = [
    "ouvrir une réunion",
    "cartographier les acteurs",
    "préparer une visite",
    "évaluer une démarche",
    "animer un débat",
    "écrire une monographie",
    "associer les habitants",
    "convaincre des élus",
]
INITIATIVES = [
    "Une épicerie solidaire",
    "Un tiers-lieu nourricier",
    "Une ressourcerie de quartier",
    "Un pôle territorial de coopération",
    "Une entreprise à but d'emploi",
    "Une monnaie locale",
    "Un garage solidaire",
    "Une cuisine partagée",
    "Un habitat participatif",
    "Une coopérative d'énergie citoyenne",
    "Un atelier vélo",
    "Une conciergerie de territoire",
    "Un jardin d'insertion",
    "Une plateforme de mobilité",
    "Une recyclerie sportive",
]
THEMATIC_TITLES = [
    "Comprendre {p}",
    "{L} : repères pour agir",
    "{L} : ce que disent les territoires",
    "Agir pour {p} à l'échelle locale",
    "Pourquoi {p} change la donne",
    "{L} : questions pour les élus",
    "Mettre en débat {p}",
    "{L} et {l2}",
]
METHOD_TITLES = [
    "Animer {m}",
    "Préparer {m}",
    "Conduire {m} pas à pas",
    "Réussir {m} avec les habitants",
    "{M} : mode d'emploi",
    "Adapter {m} à un territoire rural",
]
STORIES = [
    "le quartier a ouvert son épicerie",
    "les habitants ont repris le café du village",
    "une coopérative est née d'une fermeture d'usine",
    "des jeunes ont lancé un atelier de réparation",
    "la vallée a inventé sa monnaie",
    "un ancien garage est devenu un tiers-lieu",
    "les agriculteurs ont ouvert un magasin de producteurs",
    "la commune a confié un bâtiment aux associations",
    "une friche est devenue un jardin nourricier",
    "un festival a réuni tout le canton",
]
PEOPLE = [
    ("Claire", "f"),
    ("Yannick", "m"),
    ("Fatima", "f"),
    ("Jean-Marc", "m"),
    ("Hélène", "f"),
    ("Mamadou", "m"),
    ("Sophie", "f"),
    ("Thierry", "m"),
    ("Nadia", "f"),
    ("Loïc", "m"),
    ("Émilie", "f"),
    ("Bernard", "m"),
    ("Aurélie", "f"),
    ("Karim", "m"),
]
ROLES = {
    "f": ["bénévole", "coopératrice", "élue", "accompagnatrice", "maraîchère", "coordinatrice", "salariée en insertion", "habitante"],
    "m": ["bénévole", "coopérateur", "élu", "accompagnateur", "maraîcher", "coordinateur", "salarié en insertion", "habitant"],
}


ENTRY_TERRITORIES = [c[0] for c in COMMUNES] + [p[0] for p in OTHER_PLACES] + [i[0] for i in INTERCOS] + [d[0] for d in DEPARTEMENTS]
ACTOR_IDS = [a[0] for a in ACTORS]


def ident(label: str) -> str:
    """The id a contributor would get from a label (same folding as `mesbox new`)."""
    text = unicodedata.normalize("NFKD", label.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in text).split())


def de(text: str) -> str:
    """French elision: « de Arras » is written « d'Arras », « de une » « d'une »."""
    return f"d'{text}" if text[:1].lower() in "aeiouyhéèêàâîôû" else f"de {text}"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML; keeps accents readable)."""
    return json.dumps(text, ensure_ascii=False)


def flow(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def count_words(text: str) -> int:
    """Words as a reader counts them: whitespace-separated tokens holding a letter or digit (not `##`, `-`, `«`)."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


# --- Text ---------------------------------------------------------------------------------------------


class Writer:
    """French sentences, paragraphs and bodies from the phrase lists, driven by one seeded generator."""

    def __init__(self, rng: random.Random, places: list[str]) -> None:
        self.rng = rng
        self.places = places

    def clause(self) -> str:
        r = self.rng
        return f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}"

    def sentence(self) -> str:
        r = self.rng
        form = r.randrange(9)
        if form == 0:
            return f"{cap(self.clause())} {r.choice(COMPLEMENTS)}."
        if form == 1:
            return f"À {r.choice(self.places)}, {self.clause()}."
        if form == 2:
            return f"Pour {r.choice(PURPOSES)}, {self.clause()} {r.choice(COMPLEMENTS)}."
        if form == 3:
            return f"Comme le dit {r.choice(WHO_SAYS)} : « {cap(r.choice(QUOTES))} »."
        if form == 4:
            return f"Ce qui frappe, c'est {r.choice(OBSERVATIONS)}."
        if form == 5:
            return f"{cap(r.choice(PLURALS))} {r.choice(PLURAL_VERBS)} {r.choice(OBJECTS)} {r.choice(COMPLEMENTS)}."
        if form == 6:
            return f"{r.choice(CONNECTORS)}, {self.clause()}."
        if form == 7:
            return f"{r.choice(CONNECTORS)}, {r.choice(PLURALS)} {r.choice(PLURAL_VERBS)} {r.choice(OBJECTS)}."
        return f"Reste une question : comment {r.choice(PURPOSES)} quand {r.choice(PLURALS)} {r.choice(PLURAL_VERBS)} {r.choice(OBJECTS)} ?"

    def paragraph(self, links: list[tuple[str, str]]) -> str:
        r = self.rng
        sentences = [self.sentence() for _ in range(r.randint(3, 5))]
        if links and r.random() < 0.45:
            target, title = r.choice(links)
            if r.random() < 0.5:
                sentences.insert(r.randrange(len(sentences) + 1), f"La démarche est décrite dans [[{target}]].")
            else:
                sentences.append(f"Voir aussi « [[{target}|{title}]] ».")
        if r.random() < 0.25:
            word = r.choice(OBSERVATIONS)
            sentences.append(f"Retenons surtout **{word}**.")
        return " ".join(sentences)

    def bullets(self) -> str:
        items = self.rng.sample(BULLETS, self.rng.randint(3, 5))
        lead = self.rng.choice(
            ["Parmi les moyens mis en place :", "Ce qui a aidé :", "Les acteurs citent notamment :", "Quelques points d'appui :"]
        )
        return lead + "\n\n" + "\n".join(f"- {cap(item)} ;" if i < len(items) - 1 else f"- {cap(item)}." for i, item in enumerate(items))

    def body(self, collection: str, links: list[tuple[str, str]]) -> str:
        """400-800 words: sections with a heading, paragraphs, sometimes a list; some [[id]] links."""
        r = self.rng
        target = r.randint(WORDS_MIN + 20, 640)  # a block is < 160 words, so the text stays under 800
        headings = HEADINGS[collection][:]
        r.shuffle(headings)
        blocks: list[str] = [self.paragraph(links)]
        words = count_words(blocks[0])
        section = 0
        while words < target:
            new = [self.bullets() if r.random() < 0.3 else self.paragraph(links)]
            if section < len(headings) and (section == 0 or r.random() < 0.5):
                new.insert(0, f"## {headings[section]}")
                section += 1
            size = sum(count_words(block) for block in new)
            if words + size > WORDS_MAX:
                break  # only when words > 800 - 200: the text is long enough already
            blocks += new
            words += size
        return "\n\n".join(blocks) + "\n"


# --- Taxonomies and grids ------------------------------------------------------------------------------


def taxonomy_files() -> dict[str, str]:
    """The four vocabularies as YAML text, with a heading comment like the real files."""
    themes = ["# Thèmes (corpus de mesure généré)\n"]
    for tid, label, phrase in THEMES:
        themes.append(
            f"- id: {tid}\n  label: {q(label)}\n  description: {q(cap(phrase) + ' dans les écosystèmes locaux de coopération.')}\n"
        )
    methods = ["# Méthodes (corpus de mesure généré)\n"]
    for mid, label, _phrase in METHODS:
        methods.append(f"- id: {mid}\n  label: {q(label)}\n")
    territories = ["# Territoires (corpus de mesure généré) : codes du COG, SIREN des intercommunalités, coordonnées WGS84\n"]
    for rid, label, code in REGIONS:
        territories.append(f'- id: {rid}\n  label: {q(label)}\n  kind: region\n  insee: "{code}"\n')
    for did, label, code, parent, lat, lon in DEPARTEMENTS:
        territories.append(
            f'- id: {did}\n  label: {q(label)}\n  kind: departement\n  insee: "{code}"\n  parent: {parent}\n  lat: {lat}\n  lon: {lon}\n'
        )
    for iid, label, code, parent, lat, lon in INTERCOS:
        territories.append(
            f'- id: {iid}\n  label: {q(label)}\n  kind: intercommunalite\n  insee: "{code}"\n'
            f"  parent: {parent}\n  lat: {lat}\n  lon: {lon}\n"
        )
    for cid, label, code, parent, lat, lon in COMMUNES:
        territories.append(
            f'- id: {cid}\n  label: {q(label)}\n  kind: commune\n  insee: "{code}"\n  parent: {parent}\n  lat: {lat}\n  lon: {lon}\n'
        )
    for pid, label, kind, parent, lat, lon in OTHER_PLACES:
        territories.append(f"- id: {pid}\n  label: {q(label)}\n  kind: {kind}\n  parent: {parent}\n  lat: {lat}\n  lon: {lon}\n")
    actors = ["# Acteurs (corpus de mesure généré)\n"]
    for n, (aid, label, kind, region) in enumerate(ACTORS):
        text = f"- id: {aid}\n  label: {q(label)}\n  kind: {kind}\n"
        if region:
            text += f"  region: {region}\n"
        if n % 3 == 0:
            text += f"  website: https://example.org/acteurs/{aid}/\n"
        actors.append(text)
    return {"themes": "".join(themes), "methods": "".join(methods), "territories": "".join(territories), "actors": "".join(actors)}


def grid_files() -> dict[str, str]:
    """`grille-commune` (5 dimensions) and three grids adapted to one visit each."""

    def dims(selected: list[tuple[str, str, list[str]]], place: str | None) -> str:
        out = "dimensions:\n"
        for did, title, questions in selected:
            out += f"  - id: {did}\n    title: {q(title)}\n    questions:\n"
            for question in questions:
                out += f"      - {q(question)}\n"
            if place:
                out += f"      - {q(f'Qu’est-ce qui, à {place}, éclaire particulièrement cette dimension ?')}\n"
        return out

    files = {
        "grille-commune": (
            "---\ntitle: Grille de questionnement commune des visites apprenantes\n"
            f"description: {q('Les cinq dimensions et les questions ouvertes que les visiteurs emportent sur chaque visite apprenante.')}\n"
            "authors: [Communauté apprenante du MES]\ndate: 2021-03-15\n"
            "themes: [accompagnement, innovation-sociale, cooperation-territoriale, participation-citoyenne, transition-ecologique]\n"
            "methods: [grille-de-questionnement, visite-apprenante]\n" + dims(GRID_DIMENSIONS, None) + "---\n\n"
            "La grille commune relie les visites apprenantes entre elles. Avant chaque visite, elle est **adaptée** au territoire "
            "qui accueille : certaines questions sont précisées, d'autres laissées de côté.\n"
        )
    }
    for n, (gid, place, territory) in enumerate(ADAPTED_GRIDS):
        selected = GRID_DIMENSIONS[n % 2 :][:4]
        files[gid] = (
            f"---\ntitle: {q(f'Grille adaptée à la visite de {place}')}\n"
            f"description: {q(f'La grille commune, précisée avec les acteurs de {place} pour préparer la visite apprenante.')}\n"
            f"authors: [Communauté apprenante du MES]\ndate: 202{2 + n}-05-1{n}\nthemes: [ecosysteme-territorial]\n"
            f"territories: [{territory}]\nadapted_from: grille-commune\n" + dims(selected, place) + "---\n\n"
            f"Cette grille reprend la grille commune ([[grille-commune]]) et l'adapte à la visite de {place}.\n"
        )
    return files


# --- Entries ------------------------------------------------------------------------------------------


@dataclass
class Plan:
    """One entry decided before any file is written, so references may point forward too."""

    id: str
    collection: str
    title: str
    draft: bool
    themes: list[str]
    folder: str
    extra: dict[str, object] = field(default_factory=dict)


def weighted_sample(rng: random.Random, population: list[str], weights: list[float], k: int) -> list[str]:
    """k distinct items, popular ones more often (real vocabularies are skewed)."""
    chosen: list[str] = []
    while len(chosen) < k:
        item = rng.choices(population, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def unique_id(title: str, taken: set[str]) -> str:
    """The id derived from the title, cut at a word under 70 characters, with -2, -3… if already taken."""
    base = ident(title)
    if len(base) > 70:
        base = base[:70].rsplit("-", 1)[0]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def person(rng: random.Random, place: str) -> str:
    name, gender = rng.choice(PEOPLE)
    return f"{name}, {rng.choice(ROLES[gender])} à {place}"


def plan_entries(rng: random.Random, entries: int, reserved: set[str]) -> list[Plan]:
    """Decide every entry's collection, title, id, themes and folder."""
    n_monos = round(entries * 20 / 95)
    n_recits = round(entries * 15 / 95)
    n_fiches = entries - n_monos - n_recits
    collections = ["fiches"] * n_fiches + ["monographies"] * n_monos + ["recits"] * n_recits
    rng.shuffle(collections)
    theme_ids = [t[0] for t in THEMES]
    theme_weights = [1 / (1 + n * 0.15) for n in range(len(THEMES))]
    commune_labels = [c[1] for c in COMMUNES]
    taken = set(reserved)
    counts = {"fiches": 0, "monographies": 0, "recits": 0}
    plans: list[Plan] = []
    for collection in collections:
        index = counts[collection]
        counts[collection] += 1
        themes = weighted_sample(rng, theme_ids, theme_weights, rng.randint(1, 3))
        extra: dict[str, object] = {}
        if collection == "fiches":
            kind = rng.choices(["thematique", "methode", "outil", "projet"], [30, 30, 20, 20])[0]
            extra["kind"] = kind
            if kind == "thematique":
                theme = next(t for t in THEMES if t[0] == themes[0])
                other = rng.choice([t for t in THEMES if t[0] != theme[0]])
                title = rng.choice(THEMATIC_TITLES).format(p=theme[2], L=theme[1], l2=other[1][0].lower() + other[1][1:])
            elif kind == "methode":
                method = rng.choice(METHODS)
                extra["method"] = method[0]
                title = rng.choice(METHOD_TITLES).format(m=method[2], M=method[1])
            elif kind == "outil":
                title = f"{rng.choice(TOOLS)} pour {rng.choice(TOOL_PURPOSES)}"
            else:
                title = f"{rng.choice(INITIATIVES)} à {rng.choice(commune_labels)}"
            if rng.random() < 0.9:
                extra["number"] = f"{1 + index % 9}.{1 + index // 9}"  # unique: (section, rank) is a bijection of index
        elif collection == "monographies":
            commune = rng.choice(COMMUNES)
            initiative = rng.choice(INITIATIVES)
            extra["commune"] = commune
            extra["initiative"] = f"{initiative} à {commune[1]}"
            extra["initiative_base"] = initiative[0].lower() + initiative[1:]
            title = rng.choice(
                [
                    f"{commune[1]} : {initiative[0].lower()}{initiative[1:]} au cœur d'un écosystème de coopération",
                    f"L'écosystème de coopération {de(commune[1])}",
                    f"{initiative} à {commune[1]} et ses partenaires",
                ]
            )
        else:
            commune = rng.choice(COMMUNES)
            extra["commune"] = commune
            story = rng.choice(STORIES)
            title = rng.choice([f"À {commune[1]}, {story}", f"Le jour où {story}", person(rng, commune[1])])
        folder = {"fiches": "fiches", "monographies": "monographies", "recits": "content/recits"}[collection]
        folder = f"{folder}/g{index // FOLDER_SIZE:02d}"
        plans.append(Plan(unique_id(title, taken), collection, title, rng.random() < 0.01, themes, folder, extra))
    return plans


def description_for(plan: Plan, writer: Writer) -> str:
    """One or two sentences, 20-300 characters."""
    rng = writer.rng
    if plan.collection == "fiches":
        theme = next(t for t in THEMES if t[0] == plan.themes[0])
        first = rng.choice(
            [
                f"Des repères pour comprendre {theme[2]} et agir avec les acteurs de l'économie solidaire.",
                f"Ce qu'il faut savoir sur {theme[2]} avant de se lancer sur son territoire.",
                f"Une fiche pour outiller les équipes qui travaillent sur {theme[2]}.",
            ]
        )
    elif plan.collection == "monographies":
        commune = plan.extra["commune"]
        first = f"Monographie de l'écosystème de coopération {de(commune[1])}, autour {de(str(plan.extra['initiative_base']))}."
    else:
        first = f"Récit de territoire : « {plan.title} », raconté par celles et ceux qui l'ont vécu."
    second = writer.sentence()
    text = f"{first} {second}"
    return text if len(text) <= 300 else first[:300]


def front_matter(plan: Plan, writer: Writer, by_theme: dict[str, list[str]], published: list[str]) -> str:
    """The front-matter block, keys in the order a contributor would write them."""
    rng = writer.rng
    lines = [f"title: {q(plan.title)}", f"description: {q(description_for(plan, writer))}"]
    lines.append(f"authors: {flow([q(a) for a in rng.sample(AUTHORS, rng.choices([1, 2, 3], [60, 30, 10])[0])])}")
    year, month, day = rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28)
    lines.append(f"date: {year}-{month:02d}-{day:02d}")
    if rng.random() < 0.2:
        lines.append(f"updated: {min(year + rng.randint(0, 2), 2025)}-{month:02d}-{day:02d}")  # never after the day of a check
    if rng.random() < 0.15:
        lines.append(f"licence: {rng.choice(LICENCES)}")
    lines.append(f"themes: {flow(plan.themes)}")
    methods = [str(plan.extra["method"])] if "method" in plan.extra else []
    for method in rng.sample([m[0] for m in METHODS], rng.choices([0, 1, 2], [30, 50, 20])[0]):
        if method not in methods:
            methods.append(method)
    if methods:
        lines.append(f"methods: {flow(methods)}")
    if plan.collection in ("monographies", "recits"):
        commune = plan.extra["commune"]
        territories = [commune[0], commune[3]] if rng.random() < 0.5 else [commune[0]]
        lines.append(f"territories: {flow(territories)}")
    elif rng.random() < 0.3:
        lines.append(f"territories: {flow(rng.sample(ENTRY_TERRITORIES, rng.randint(1, 2)))}")
    if plan.collection == "monographies":
        lines.append(f"actors: {flow(rng.sample(ACTOR_IDS, rng.randint(1, 4)))}")
    elif rng.random() < 0.2:
        lines.append(f"actors: {flow(rng.sample(ACTOR_IDS, 1))}")
    related: list[str] = []
    for _ in range(rng.choices([0, 1, 2, 3], [25, 30, 25, 20])[0]):
        pool = by_theme[rng.choice(plan.themes)] if rng.random() < 0.7 else published
        candidate = rng.choice(pool)
        if candidate != plan.id and candidate not in related:
            related.append(candidate)
    if related:
        lines.append(f"related: {flow(related)}")
    if rng.random() < 0.1:
        lines.append("sources:")
        for n in range(rng.randint(1, 2)):
            lines.append(f"  - title: {q(f'Rapport de capitalisation de la recherche-action, partie {n + 1}')}")
            if rng.random() < 0.5:
                lines.append(f"    url: https://example.org/documents/{plan.id}-{n + 1}.pdf")
            lines.append(f"    year: {rng.randint(2015, 2025)}")
    if plan.draft:
        lines.append("draft: true")
    if plan.collection == "fiches":
        lines.append(f"kind: {plan.extra['kind']}")
        if "number" in plan.extra:
            lines.append(f'number: "{plan.extra["number"]}"')
        if rng.random() < 0.6:
            lines.append(f"audiences: {flow(rng.sample(AUDIENCES, rng.randint(1, 3)))}")
    elif plan.collection == "monographies":
        lines.append(f"initiative: {q(str(plan.extra['initiative']))}")
        if rng.random() < 0.4:
            start = f"{year}-{month:02d}-{day:02d}"
            end = f"{year}-{month:02d}-{min(day + rng.randint(0, 2), 28):02d}"
            lines += ["visit:", f"  start: {start}", f"  end: {end}", f"  participants: {rng.randint(8, 60)}"]
        lines.append("grid: grille-commune")
        lines.append("dimensions:")
        for dim_id, _title, _questions in GRID_DIMENSIONS:
            text = " ".join(writer.sentence() for _ in range(rng.randint(1, 4)))
            lines.append(f"  {dim_id}: {q(text[:1200])}")
    else:
        lines.append(f"format: {rng.choices(['texte', 'portrait', 'reportage'], [80, 10, 10])[0]}")
        if rng.random() < 0.5:
            lines.append(f"voices: {flow([q(v) for v in rng.sample(AUTHORS[2:19], rng.randint(1, 3))])}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


# --- Site files ---------------------------------------------------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/name` tags SafeLoader refuses: any tag becomes None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_pages(config_text: str) -> list[str]:
    """Every page path named in the `nav:` of an mkdocs.yml."""
    config = yaml.load(config_text, Loader=_ConfigLoader) or {}
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str) and node.endswith(".md"):
            found.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config.get("nav"))
    return found


def write_site_files(out: Path) -> bool:
    """Copy the repository's mkdocs.yml, theme overrides and styles, and stub the editorial pages its nav names.

    Returns False (and says why) when the repository has no mkdocs.yml yet.
    """
    source = REPO / "mkdocs.yml"
    if not source.is_file():
        print(f"note : {source} n'existe pas encore ; pas de mkdocs.yml dans le corpus", file=sys.stderr)
        return False
    text = source.read_text(encoding="utf-8")
    (out / "mkdocs.yml").write_text(text, encoding="utf-8")
    config = yaml.load(text, Loader=_ConfigLoader) or {}
    docs = out / str(config.get("docs_dir") or "docs")
    docs.mkdir(parents=True, exist_ok=True)
    custom_dir = (config.get("theme") or {}).get("custom_dir") if isinstance(config.get("theme"), dict) else None
    if custom_dir and (REPO / custom_dir).is_dir():
        shutil.rmtree(out / custom_dir, ignore_errors=True)
        shutil.copytree(REPO / custom_dir, out / custom_dir)
    repo_docs = REPO / str(config.get("docs_dir") or "docs")
    for asset in [*(config.get("extra_css") or []), *(config.get("extra_javascript") or [])]:
        path = asset if isinstance(asset, str) else (asset or {}).get("path")
        if isinstance(path, str) and (repo_docs / path).is_file():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(repo_docs / path, docs / path)
    for page in nav_pages(text):
        if page.split("/", 1)[0] in GENERATED_SECTIONS or page == "index.md":
            continue
        target = docs / page
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            name = cap(Path(page).stem.replace("-", " "))
            target.write_text(f"# {name}\n\nPage éditoriale du corpus de mesure : elle remplace « {page} » du dépôt.\n", encoding="utf-8")
    return True


def index_page(plans: list[Plan]) -> str:
    published = [p for p in plans if not p.draft]
    picks = published[:3]
    links = "\n".join(f"- [[{p.id}]]" for p in picks)
    return (
        "# Boîte à outils du MES (corpus de mesure)\n\n"
        f"Ce dépôt généré compte {len(plans)} entrées : fiches, monographies et récits de territoire, "
        "écrits pour mesurer la vitesse de `mesbox check` et de la construction du site.\n\n"
        f"Pour commencer :\n\n{links}\n"
    )


# --- Main ---------------------------------------------------------------------------------------------


def prepare(out: Path) -> None:
    """Refuse to overwrite anything but a corpus written by this script."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise SystemExit(f"{out} existe et n'est pas un corpus généré (pas de {MARKER}) : choisissez un dossier vide")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("corpus généré par benchmarks/generate_corpus.py ; ce dossier peut être effacé\n", encoding="utf-8")


def generate(out: Path, entries: int, seed: int = 1) -> Path:
    """Write the corpus; the same (entries, seed) always gives the same files."""
    rng = random.Random(seed)
    prepare(out)
    (out / "taxonomies").mkdir()
    for name, text in taxonomy_files().items():
        (out / "taxonomies" / f"{name}.yml").write_text(text, encoding="utf-8")
    (out / "grids").mkdir()
    grids = grid_files()
    for gid, text in grids.items():
        (out / "grids" / f"{gid}.md").write_text(text, encoding="utf-8")

    plans = plan_entries(rng, entries, reserved=set(grids))
    published = [p.id for p in plans if not p.draft] + list(grids)
    titles = {p.id: p.title for p in plans}
    titles.update({gid: "Grille de questionnement" for gid in grids})
    by_theme: dict[str, list[str]] = {t[0]: [] for t in THEMES}
    for p in plans:
        if not p.draft:
            for theme in p.themes:
                by_theme[theme].append(p.id)
    for theme, ids in by_theme.items():
        if not ids:
            ids.extend(published)
    writer = Writer(rng, [c[1] for c in COMMUNES])
    link_pool = [(pid, titles[pid]) for pid in published]
    made: set[str] = set()
    for plan in plans:
        links = [rng.choice(link_pool) for _ in range(4)]
        links = [link for link in links if link[0] != plan.id]
        text = front_matter(plan, writer, by_theme, published) + writer.body(plan.collection, links)
        folder = out / plan.folder
        if plan.folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(plan.folder)
        (folder / f"{plan.id}.md").write_text(text, encoding="utf-8")

    content = out / "content"
    content.mkdir(exist_ok=True)
    (content / "index.md").write_text(index_page(plans), encoding="utf-8")
    write_site_files(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="dossier à écrire (vide, ou un corpus déjà généré)")
    parser.add_argument("--entries", type=int, default=1000, help="nombre d'entrées hors grilles (défaut : 1000)")
    parser.add_argument("--seed", type=int, default=1, help="graine du hasard (défaut : 1)")
    args = parser.parse_args()
    if args.entries < 10:
        parser.error("--entries doit valoir au moins 10")
    started = time.perf_counter()
    generate(args.out, args.entries, args.seed)
    print(f"{args.entries} entrées (+ {len(ADAPTED_GRIDS) + 1} grilles) écrites dans {args.out} en {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
