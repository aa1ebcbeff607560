"""Write the compact extract of the official geographic code that `mesbox new territoire` reads.

Source: the npm package @etalab/decoupage-administratif (installed by `npm ci`), itself built
from INSEE's Code officiel géographique and the DGCL's list of EPCI à fiscalité propre, under
the Licence Ouverte 2.0. Kept: current communes (code, name, département, EPCI), EPCI (SIREN,
name, type), départements (code, name, région) and régions (code, name); nothing else.

    python scripts/cog_extract.py            # writes src/mesbox/assets/cog.json.gz

The output is reproducible (sorted, gzip without a timestamp): rerunning on the same package
version gives the same bytes.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "@etalab" / "decoupage-administratif"
OUT = ROOT / "src" / "mesbox" / "assets" / "cog.json.gz"


def read(name: str) -> list[dict]:
    return json.loads((PACKAGE / "data" / f"{name}.json").read_text(encoding="utf-8"))


def build() -> dict:
    version = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    epci_of: dict[str, str] = {}
    epci: dict[str, list[str]] = {}
    for group in read("epci"):
        epci[group["code"]] = [group["nom"], group["type"]]
        for member in group["membres"]:
            epci_of[member["code"]] = group["code"]
    communes = sorted(
        [c["code"], c["nom"], c["departement"], epci_of.get(c["code"], "")] for c in read("communes") if c.get("type") == "commune-actuelle"
    )
    return {
        "source": f"@etalab/decoupage-administratif {version} (npm) : Code officiel géographique (INSEE) et EPCI à fiscalité propre (DGCL)",
        "licence": "etalab-2.0",
        "vintage": _vintage(version),
        "regions": {r["code"]: r["nom"] for r in read("regions")},
        "departements": {d["code"]: [d["nom"], d["region"]] for d in read("departements")},
        "epci": dict(sorted(epci.items())),
        "communes": communes,
    }


def _vintage(version: str) -> str:
    """The package's README maps major versions to the year of the data (6.x: 2026)."""
    return str(2020 + int(version.split(".")[0]))


def main() -> int:
    if not PACKAGE.is_dir():
        sys.stderr.write("paquet @etalab/decoupage-administratif absent : lancez « npm ci » à la racine du dépôt\n")
        return 2
    data = json.dumps(build(), ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    sys.stdout.write(f"{OUT.relative_to(ROOT)} : {len(data)} octets, {OUT.stat().st_size} compressés\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
