"""Read one content file once: size limits, UTF-8, BOM, CRLF, and the front-matter split."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mesbox.contract.issues import Issue

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FRONT_MATTER_BYTES = 64 * 1024
_CLOSING = re.compile(r"^---[ \t]*$", re.MULTILINE)


_OS_ERRORS = {
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier introuvable",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ELOOP: "trop de liens symboliques",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EIO: "erreur de lecture du disque",
    errno.ENOSPC: "disque plein",
    errno.EROFS: "disque en lecture seule",
}


def os_error_text(error: OSError) -> str:
    """The system's reason in French (its own text is in the system's language, often English)."""
    return _OS_ERRORS.get(error.errno or 0, f"erreur système n° {error.errno}" if error.errno else "erreur système")


class SourceError(Exception):
    """A file that cannot be read as content; carries the issue to report."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(str(issue))
        self.issue = issue


@dataclass(frozen=True)
class Source:
    """A decoded Markdown file split in two: the YAML text and the body, with the body's first line."""

    path: str
    front_matter: str
    body: str
    body_line: int


def read_text(file: Path | str, rel: str) -> str:
    """Decode a file as UTF-8 (BOM dropped, CRLF folded), refusing oversize or invalid bytes (E001)."""
    try:
        with open(file, "rb") as handle:
            # Size first: `read(n)` sets aside n bytes before reading, and a 2 MiB buffer for every small
            # file would cost more than the file. One byte more than its size tells a file that grew.
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise SourceError(
                    Issue(rel, 1, 1, "E001", "fichier trop gros (plus de 2 Mio) : découpez-le ou retirez les images intégrées")
                )
            raw = handle.read(size + 1)
            if len(raw) > size:  # written to meanwhile: the rest, up to the limit
                raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
    except OSError as error:
        raise SourceError(Issue(rel, 1, 1, "E001", f"fichier illisible ({os_error_text(error)}) : vérifiez ses droits")) from None
    if len(raw) > MAX_FILE_BYTES:
        raise SourceError(Issue(rel, 1, 1, "E001", "fichier trop gros (plus de 2 Mio) : découpez-le ou retirez les images intégrées"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise SourceError(
            Issue(rel, line, col, "E001", f"octet non UTF-8 à la position {error.start} : enregistrez le fichier en UTF-8")
        ) from None
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_front_matter(text: str, rel: str) -> Source:
    """Cut the `---` block off the top of a Markdown file (E002 when absent or unterminated)."""
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip() != "---":
        raise SourceError(
            Issue(rel, 1, 1, "E002", "en-tête absent : le fichier doit commencer par une ligne « --- », les champs YAML, puis « --- »")
        )
    start = first_end + 1 if first_end >= 0 else len(text)
    closing = _CLOSING.search(text, start)
    if closing is None:
        raise SourceError(Issue(rel, 1, 1, "E002", "en-tête non fermé : ajoutez une ligne « --- » après le dernier champ"))
    close = closing.start()
    line_end = closing.end()
    front = text[start:close]
    if len(front) * 4 > MAX_FRONT_MATTER_BYTES and len(front.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise SourceError(Issue(rel, 2, 1, "E001", "en-tête trop gros (plus de 64 Kio) : gardez les longs textes dans le corps"))
    body = text[line_end + 1 :]
    body_line = front.count("\n") + 3
    return Source(rel, front, body, body_line)
