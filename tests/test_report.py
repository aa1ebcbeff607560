"""Output for people, for GitHub and for programs."""

import io
import json

from mesbox.issues import Issue
from mesbox.report import summary, write_github, write_json, write_text

ISSUES = [
    Issue("fiches/a.md", 4, 10, "E104", "thème inconnu « cooperaton » — vouliez-vous dire « cooperation » ?"),
    Issue("fiches/a,b.md", 2, 1, "E101", "champ obligatoire « title » manquant : ajoutez-le\n100%"),
    Issue("fiches/c.md", 1, 1, "E104", "thème inconnu « x »"),
]


def test_summary_counts_per_code() -> None:
    assert summary(ISSUES, 12) == "3 erreurs dans 3 fichiers sur 12 (E101 ×1, E104 ×2)."
    assert summary([], 1) == "Aucune erreur : 1 fichier vérifié."


def test_text_is_the_contract_line() -> None:
    out = io.StringIO()
    write_text(ISSUES[:1], 3, out)
    text = out.getvalue()
    assert "fiches/a.md:4:10: E104 thème inconnu « cooperaton » — vouliez-vous dire « cooperation » ?" in text
    assert "\x1b[" not in text  # no colour when the stream is not a terminal


def test_github_annotations_are_escaped() -> None:
    out = io.StringIO()
    write_github(ISSUES[1:2], 3, out)
    line = out.getvalue().splitlines()[0]
    assert line == "::error file=fiches/a%2Cb.md,line=2,col=1,title=E101::E101 champ obligatoire « title » manquant : ajoutez-le%0A100%25"


def test_json_shape() -> None:
    out = io.StringIO()
    write_json(ISSUES, 12, out)
    data = json.loads(out.getvalue())
    assert data["ok"] is False and data["files"] == 12 and data["counts"] == {"E101": 1, "E104": 2}
    assert data["errors"][0] == {"file": "fiches/a.md", "line": 4, "col": 10, "code": "E104", "message": ISSUES[0].message}
