"""Problems found in the content: one shape for every error, with a stable code and a place."""

from __future__ import annotations

from dataclasses import dataclass

CODES: dict[str, str] = {
    "E001": "fichier illisible, pas en UTF-8 ou trop gros",
    "E002": "en-tête YAML absent, non fermé, pas un ensemble de champs, ou YAML invalide",
    "E003": "fonction YAML refusée (alias, ancre, étiquette, clé en double)",
    "E004": "fichier refusé (type non publiable, extension autre que .md, lien symbolique)",
    "E101": "champ obligatoire manquant ou vide",
    "E102": "type ou valeur incorrects",
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
