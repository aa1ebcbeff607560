"""The four open licences an entry may carry: French names and the deeds they point to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LicenceInfo:
    id: str
    name: str
    url: str


LICENCES: dict[str, LicenceInfo] = {
    info.id: info
    for info in (
        LicenceInfo(
            "CC-BY-SA-4.0",
            "Creative Commons Attribution – Partage dans les mêmes conditions 4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
        ),
        LicenceInfo("CC-BY-4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/deed.fr"),
        LicenceInfo("CC0-1.0", "Creative Commons Zéro 1.0 (domaine public)", "https://creativecommons.org/publicdomain/zero/1.0/deed.fr"),
        LicenceInfo(
            "etalab-2.0", "Licence Ouverte / Open Licence 2.0 (Etalab)", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
        ),
    )
}
