"""Problems found in the content: one shape for every error, with a stable code and a place."""

from __future__ import annotations

from dataclasses import dataclass

CODES: dict[str, str] = {
    "E001": "fichier illisible, pas en UTF-8 ou trop gros",
    "E002": "en-tête YAML absent, non fermé, pas un ensemble de champs, ou YAML invalide",
    "E003": "fonction YAML refusée (alias, ancre, étiquette, clé en double)",
    "E004": "fichier refusé (type non publiable, extension autre que .md, lien symbolique, fichier joint qu'aucune page ne cite)",
    "E101": "champ obligatoire manquant ou vide",
    "E102": "type ou valeur incorrects, ou caractère invisible refusé",
    "E103": "champ inconnu",
    "E104": "terme de vocabulaire inconnu",
    "E105": "référence inconnue, vers soi-même ou vers un brouillon",
    "E106": "identifiant invalide",
    "E107": "identifiant ou numéro en double",
    "E108": "licence refusée",
    "E109": "identifiant ou chemin réservé à une page écrite par mesbox ou le thème",
    "E201": "HTML ou URL dangereux dans le corps",
    "E202": "corps trop imbriqué ou trop long à convertir, ou commentaire réservé à mesbox",
    "E301": "fichier de vocabulaire invalide",
}

# What each code means and what to do, at length: the contract and the contributor guide print it.
CODE_DETAILS: dict[str, tuple[str, str]] = {
    "E001": (
        "fichier illisible, pas en UTF-8, ou trop gros (plus de 2 Mio, ou en-tête de plus de 64 Kio)",
        "réenregistrer le fichier en UTF-8 ; alléger",
    ),
    "E002": (
        "en-tête absent, non fermé par `---`, qui n'est pas une liste de champs, ou erreur de syntaxe YAML",
        "vérifier les deux lignes `---`, l'indentation et les guillemets",
    ),
    "E003": (
        "fonction YAML refusée : ancre, alias, étiquette (`!...`) ou champ écrit deux fois",
        "écrire des données simples, chaque champ une seule fois",
    ),
    "E004": (
        (
            "fichier refusé : type qui n'est pas publié (seuls `.md` et les images, PDF et données de la liste le sont), "
            "page en `.MD` ou `.markdown`, lien symbolique, fichier joint à côté des entrées qu'aucune page ne cite"
        ),
        (
            "convertir (un SVG en PNG), renommer en `.md`, remplacer le lien par le fichier, "
            "lier le fichier joint depuis sa page ou le retirer"
        ),
    ),
    "E101": ("champ obligatoire manquant ou vide, ou « À COMPLÉTER » laissé tel quel", "remplir le champ"),
    "E102": (
        (
            "type ou valeur incorrects (texte trop court ou trop long, date mal écrite ou à venir, valeur hors liste, "
            "caractère de contrôle, de direction ou non-caractère dans l'en-tête ou le texte, "
            "doublon dans une liste…)"
        ),
        "suivre l'indication du message",
    ),
    "E103": ("champ inconnu, souvent une faute de frappe dans son nom", "corriger le nom proposé"),
    "E104": (
        "terme inconnu dans un vocabulaire (thème, méthode, territoire, acteur)",
        "choisir le terme proposé, ou ajouter le terme dans `taxonomies/`",
    ),
    "E105": (
        (
            "renvoi (`related`, lien entre doubles crochets, `grid`, `dimensions`, `adapted_from`, étape d'un parcours, lien du texte) "
            "vers une page inconnue, vers la page elle-même ou vers un brouillon, ou lien écrit depuis la racine du site (`/fiches/…`)"
        ),
        (
            "corriger l'identifiant ou retirer le renvoi ; "
            "écrire le lien relatif au fichier, ou le lien entre doubles crochets, que propose le message"
        ),
    ),
    "E106": (
        "identifiant invalide (nom de fichier ou terme de vocabulaire)",
        "renommer en minuscules sans accents, chiffres et tirets : le message propose un nom",
    ),
    "E107": (
        (
            "identifiant déjà pris (par une autre page, ou un autre terme du même vocabulaire) ou numéro de fiche déjà "
            "utilisé (l'erreur va sur la fiche à la `date` la plus récente)"
        ),
        "choisir un autre nom ou un autre numéro",
    ),
    "E108": (
        "licence refusée : seules les licences libres de la liste sont acceptées",
        "choisir `CC-BY-SA-4.0`, `CC-BY-4.0`, `CC0-1.0` ou `etalab-2.0`",
    ),
    "E109": (
        (
            "nom réservé à une page que le site écrit lui-même (`index`, une grille `analyse`, `content/themes.md`, un "
            "dossier `content/fiches/`…)"
        ),
        "choisir un autre nom",
    ),
    "E201": ("HTML ou lien dangereux dans le texte", "retirer la balise ou le lien ; pour une vidéo, utiliser `media`"),
    "E202": (
        (
            "texte trop imbriqué ou trop long d'un seul tenant pour être converti (listes ou encadrés sur plus de 16 "
            "niveaux, citations sur plus de 8, crochets ou « < » jamais fermés, paragraphe de plus de 64 Kio…), ou "
            "repère réservé à mesbox (commentaire `<!--mesbox:…-->`, classe de titre `mesbox-blocks` suivie "
            "d’un numéro, caractères U+E000 et U+E001)"
        ),
        r"simplifier la structure, découper le paragraphe par des lignes vides, écrire `\[` ou `&lt;` pour un signe seul",
    ),
    "E301": (
        "fichier de vocabulaire (`taxonomies/*.yml`) invalide",
        "suivre l'indication du message",
    ),
}


@dataclass(frozen=True, order=True)
class Issue:
    """One error: where (file, 1-based line and column), which rule (code) and what to do (message)."""

    path: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        return {"file": self.path, "line": self.line, "col": self.col, "code": self.code, "message": self.message}
