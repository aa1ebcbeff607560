"""Where readers write to the editorial team: a setting, never an invented address.

Without the setting, readers are sent to the forge's issue form, which exists for every
repository; with it, to the address given (an e-mail address or an https:// page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+")


@dataclass(frozen=True)
class Contact:
    """A link to write to the team, with the words that introduce it."""

    href: str
    label: str


def resolve_contact(setting: str | None, repo_url: str) -> Contact | None:
    """The contact link for `setting` (an e-mail address or an https:// URL), else the issue form of
    `repo_url`, else nothing. Raises ValueError, in French, for a setting that is neither."""
    value = (setting or "").strip()
    if value:
        if _EMAIL.fullmatch(value):
            return Contact(f"mailto:{value}", "Écrire à l’équipe éditoriale")
        if value.startswith("https://") and not any(c.isspace() for c in value):
            return Contact(value, "Écrire à l’équipe éditoriale")
        raise ValueError(
            f"mesbox : le réglage contact « {value} » n'est ni une adresse e-mail ni une adresse https:// : corrigez-le dans mkdocs.yml"
        )
    repo = repo_url.strip().rstrip("/")
    if repo.startswith("https://"):
        return Contact(f"{repo}/issues/new/choose", "Écrire à l’équipe éditoriale (formulaire de la forge, compte nécessaire)")
    return None
