"""Official register numbers of an actor: SIREN (INSEE's Sirene directory) and RNA (associations).

The checker and `mesbox new acteur` read them through the same functions, so the command
never writes a number the check would refuse. Only the form is checked (length, Luhn key,
prefix): no register is shipped or queried (docs/decisions.md).
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s.\u00a0\u202f-]+")
_RNA = re.compile(r"^W[0-9A-Z]{9}$", re.ASCII)
_DIGITS = re.compile(r"^[0-9]+$", re.ASCII)


def luhn_ok(digits: str) -> bool:
    """The Luhn key INSEE puts on SIREN and SIRET numbers: every second digit from the right doubled."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def siren_problem(value: str) -> str | None:
    """What is wrong with a SIREN as written (French, naming the fix), or None when it is one."""
    compact = _SPACES.sub("", value)
    if compact != value and _DIGITS.match(compact) and len(compact) == 9 and luhn_ok(compact):
        return f"écrivez-le sans espaces ni points : « {compact} »"
    if not _DIGITS.match(compact):
        return "un SIREN s'écrit avec 9 chiffres, par exemple « 123456782 » (voir l'avis de situation Sirene de la structure)"
    if len(compact) == 14:
        siren = compact[:9]
        hint = f"gardez ses 9 premiers chiffres, « {siren} »" if luhn_ok(siren) else "reprenez le SIREN de la structure, 9 chiffres"
        return f"c'est un numéro SIRET (14 chiffres, celui d'un établissement) : le champ attend le SIREN de la structure — {hint}"
    if len(compact) != 9:
        return f"un SIREN a 9 chiffres (ici {len(compact)}) : recopiez-le depuis l'avis de situation Sirene de la structure"
    if not luhn_ok(compact):
        return (
            "sa clé de contrôle ne correspond pas (un chiffre mal recopié ou deux chiffres inversés ?) : "
            "recopiez-le depuis l'avis de situation Sirene"
        )
    return None


def rna_problem(value: str) -> str | None:
    """What is wrong with an RNA number (« W » and 9 characters) as written, or None when it is one."""
    compact = _SPACES.sub("", value).upper()
    if _RNA.match(compact) and compact != value:
        return f"écrivez-le en majuscules, sans espaces : « {compact} »"
    if _RNA.match(compact):
        return None
    if _DIGITS.match(compact) and len(compact) == 9:
        return f"il manque le « W » du début : écrivez « W{compact} » ; si c'est un SIREN (9 chiffres aussi), mettez-le dans « siren: »"
    return (
        "un numéro RNA s'écrit « W » suivi de 9 caractères, par exemple « W751234567 » "
        "(voir le récépissé de la préfecture ou le Journal officiel)"
    )
