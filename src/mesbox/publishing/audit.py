"""Audit of the built site: nothing in it can run code that the theme or mesbox did not write.

Every HTML, SVG and XML file of the site folder is read by a real HTML parser (the standard
library's, independent of the sanitiser): a finding is a `<script>` that is neither a data
block, nor one of the theme's inline scripts, nor loaded from the theme's or the site's own
scripts; an event-handler attribute; a `javascript:`, `vbscript:` or `data:` URL; an element
that embeds or redirects (`iframe`, `object`, `embed`, `base`, `meta http-equiv=refresh`…);
a `<style>` (the theme and mesbox style pages from their stylesheets only). Any finding fails
the build: the sanitiser should have made each of them impossible, so one means a hole, not a
contributor's mistake.

Every HTML, SVG, XML, CSV and JSON file is also searched for the characters the check refuses
(E102) written as they are, and every CSV file is read as a spreadsheet would read it
(`csvformulas.py`): a cell that starts as a formula fails the build with its row and column.

A file that no known source wrote (MkDocs' own files, the theme's, mesbox's generated pages and
data, the search index) fails the build too: whatever put it there is not reviewed by anyone.
In a full build a program of its own (`auditprogram.py`) audits each page as MkDocs wrote it, while
MkDocs renders the next ones, so the pass over the site folder only lists the files and reads those
that were not audited yet (or changed since).

Parsing 2 000 pages in pure Python costs more than a tenth of a build, so each file is first
read quickly, as the bytes it is written in, with ASCII letters lower-cased: its plainly written
`<script>` elements are checked against what is allowed, then a few searches, each starting with a
fixed byte, look in the rest for anything the parser could report (the start of an element that
runs, embeds or styles, `on…=`, `refresh`, the letters of `script:` or `data:` once spaces and
controls are taken out, a character reference to a letter, a colon or a control), and the bytes
beyond ASCII for a refused character or a letter a Unicode match takes for an ASCII one.
A file with nothing of the kind cannot hold a finding; any other file is parsed in full.
"""

from __future__ import annotations

import csv
import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from mesbox.contract.characters import character_name, refused_characters
from mesbox.publishing.csp import ThemeScripts, runs
from mesbox.publishing.csvformulas import formula_cells, may_hold_formulas

AUDITED = (".html", ".htm", ".xhtml", ".svg", ".xml")
# Files read for refused characters too (the pages above, the data and the search index), and CSV files for formulas.
CHECKED = (*AUDITED, ".csv", ".json", ".geojson")
EMBEDDING = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "fencedframe"})
# Attributes holding a URL, in HTML and SVG; SVG animations may also set one through `values`, `from`, `to`.
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "xlink:href",
        "action",
        "formaction",
        "data",
        "poster",
        "srcset",
        "background",
        "cite",
        "longdesc",
        "ping",
        "manifest",
        "codebase",
        "icon",
        "values",
        "from",
        "to",
        "by",
    }
)
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_CODE_SCHEME = re.compile(r"(?:javascript|vbscript|data):", re.IGNORECASE)

# The quick reading works on the file's UTF-8 bytes with ASCII letters lower-cased (`bytes.lower`):
# a byte keeps its position, and each search below starts with a fixed byte, which the engine finds
# fast (a pattern that starts with a set of characters is searched ten times slower).
# Plainly written scripts and styles (double-quoted attributes without `<` or `>`, content without
# `</`; possessive quantifiers: a `<script>` left open fails at once), mesbox's policy (its text names
# `data:`), and any other start of an element that runs, embeds or styles. Each alternative starts with
# a letter: the engine skips at once those that cannot match after a `<`.
_ELEMENT = re.compile(
    rb"""<(?:s(cript|tyle)((?:\s++[a-z-]++="[^"<>]*+")*+)\s*+>([^<]*+(?:<(?!/)[^<]*+)*+)</s\1\s*+>"""
    rb"""|meta http-equiv="content-security-policy" content="[^"<>]*+">"""
    rb"""|iframe|frame|fencedframe|object|embed|applet|base|portal|script|style)"""
)
# Character references to a control, a space, a colon or an ASCII letter (decimal, hexadecimal), and the named ones.
_REFERENCE = re.compile(
    rb"&(?:#(?:0*(?:[0-9]|[12][0-9]|3[0-2]|58|6[5-9]|[7-9][0-9]|1[01][0-9]|12[0-2]|127)(?![0-9])"
    rb"|x0*(?:1?[0-9a-f]|20|3a|4[1-9a-f]|5[0-9a]|6[1-9a-f]|7[0-9af])(?![0-9a-f]))|colon;|tab;|newline;)"
)
# `on…=` where the parser could start an attribute: after a quote, a slash, a space (Python's `\s`,
# whose characters beyond ASCII end with a byte of 0x80 or more) or at the start; after `>` too, so that
# a piece of a file (`_plainly_clean`) reads the same at the start and after the `</li>` before it.
_HANDLER = re.compile(rb"on(?<![^\s'\"/>\x1c-\x1f\x80-\xff]on)[^\s/>=]*+[\s\x1c-\x1f\x80-\xff]*+=")
# What browsers and the parser ignore inside a scheme's letters.
_IGNORABLE = bytes(range(0x21)) + b"\x7f"
# The bytes beyond ASCII, and the refused ASCII controls marked 0xFF (never in UTF-8), hold what the quick
# reading leaves to the parser: a refused character (C1, bidi overrides, non-characters: the parser reads
# them, the audit reports them), and the letters a case-insensitive Unicode match takes for ASCII ones
# (ſ for s, K for k, İ and ı for i).
_PLAIN_ASCII = bytes(b for b in range(0x80) if b in b"\t\n\r" or 0x20 <= b < 0x7F)
_MARK_CONTROLS = bytes(0xFF if b < 0x20 or b == 0x7F else b for b in range(256))
_REFUSED_BYTES = rb"\xff|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xb7[\x90-\xaf]|\xbf[\xbe\xbf]"
_MAY_REFUSE = re.compile(_REFUSED_BYTES)
_NOT_PLAIN = re.compile(_REFUSED_BYTES + rb"|\xc5\xbf|\xe2\x84\xaa|\xc4[\xb0\xb1]")
# A file holding refused characters names this many, then says how many more.
_CHARACTERS_NAMED = 20


@dataclass(frozen=True)
class Finding:
    """What the audit found, in which file of the site (relative path) and at which line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


UNKNOWN = (
    "fichier écrit dans le site par aucune source connue (ni MkDocs, ni le thème, ni mesbox) : "
    "ce qui l'écrit doit passer par les fichiers de MkDocs"
)


@dataclass(frozen=True)
class Known:
    """What the build wrote through a known source: paths in the site, and folders written whole (the search index's)."""

    paths: frozenset[str]
    folders: tuple[str, ...] = ()  # each ends with `/`

    def __contains__(self, rel: object) -> bool:
        return isinstance(rel, str) and (rel in self.paths or rel.startswith(self.folders))


@dataclass(frozen=True)
class Allowed:
    """What the site may contain: the theme's inline scripts, and the folders or files its scripts load from."""

    theme: ThemeScripts
    script_paths: frozenset[str]  # site paths (no leading slash); a path ending in `/` allows the folder
    base: str = "/"  # the path of the site's address: absolute links (the 404 page's) start with it


def allowed_src(src: str, folder: str, allowed: Allowed) -> bool:
    """Whether a script's `src`, written in a file of `folder` (in the site), names one of the allowed scripts."""
    if "//" in src or ":" in src.split("/", 1)[0]:
        return False  # another host or a scheme: never one of the site's files
    src = src.split("?", 1)[0].split("#", 1)[0]
    if src.startswith("/"):
        if not src.startswith(allowed.base):
            return False
        src = "/" + src[len(allowed.base) :]
    path = posixpath.normpath(posixpath.join(folder, src)).lstrip("/")
    return any(path == script or (script.endswith("/") and path.startswith(script)) for script in allowed.script_paths)


class _Auditor(HTMLParser):
    def __init__(self, rel: str, allowed: Allowed) -> None:
        super().__init__(convert_charrefs=True)
        self.rel, self.allowed = rel, allowed
        self.findings: list[Finding] = []
        self.folder = posixpath.dirname(rel)
        self.inline: tuple[str, int, list[str]] | None = None  # an open script or style: its kind, line, text

    def report(self, message: str) -> None:
        self.findings.append(Finding(self.rel, self.getpos()[0], message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag in ("script", "style"):
            self.inline = (tag, self.getpos()[0], [])
            if tag == "script":
                self._script_start(attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag == "script":
            self._script_start(attrs)
            self.inline = None

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in EMBEDDING:
            self.report(f"balise <{tag}> : elle intègre une autre page ou change l'adresse de base")
        for name, value in attrs:
            if name.startswith("on") and value is not None:
                self.report(f"attribut « {name} » sur <{tag}> : un gestionnaire d'événement exécute du code")
            elif value and name in URL_ATTRIBUTES and _CODE_SCHEME.search(_IGNORED_IN_SCHEME.sub("", value)):
                self.report(f"adresse « {value[:60]} » dans « {name} » de <{tag}> : javascript:, vbscript: et data: sont interdits")
        if tag == "meta" and any(name == "http-equiv" and (value or "").strip().lower() == "refresh" for name, value in attrs):
            self.report('<meta http-equiv="refresh"> : une page ne redirige pas ailleurs')

    def _script_start(self, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        src = found.get("src") or found.get("href") or found.get("xlink:href")
        written = " ".join(f'{name}="{value}"' for name, value in attrs if name == "type")
        if src is not None:
            if not self.allowed_src(src):
                self.report(f'<script src="{src[:80]}"> : ce script n\'est ni du thème ni de mesbox')
            self.inline = None
        elif not runs(written):
            self.inline = None  # a data block (configuration, JSON-LD): browsers do not run it

    def allowed_src(self, src: str) -> bool:
        return allowed_src(src, self.folder, self.allowed)

    def handle_data(self, data: str) -> None:
        if self.inline is not None:
            self.inline[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.inline is None or tag != self.inline[0]:
            return
        kind, line, parts = self.inline
        self.inline = None
        text = "".join(parts)
        if kind == "script" and not self.allowed.theme.known(text):
            self.findings.append(Finding(self.rel, line, f"<script> en ligne inconnu du thème : « {text.strip()[:60]} »"))
        elif kind == "style":
            self.findings.append(
                Finding(self.rel, line, "<style> en ligne : le thème et mesbox ne mettent en forme que par leurs feuilles de style")
            )


def _plainly_clean(data: bytes, rel: str, allowed: Allowed) -> bool:
    """The quick reading: True only when the parser could find nothing in `data` (a file's UTF-8 bytes).

    Pages repeat most of their bytes (the theme's navigation, header and footer), so a file is read in
    pieces cut at each `</li>`, and the pieces found clean are remembered: only the others are read. The
    first and the last pieces (head and header, footer and scripts, around the page's own title, policy
    and JSON-LD) are cut further at the end tags of `_FINER`. No search of `_read_quickly` can match
    across an end tag (each stops at `<`, `/` or `>`, or is shorter; a plainly written script or style
    holds no `</`, so it is never cut, and any other goes to the parser), and none depends on what comes
    before or after a piece, so a piece is clean wherever it stands. A piece that holds a `<script>`
    depends on the site's allowed scripts and on the file's folder, which places the script's source:
    it is remembered for this `allowed` and this depth of folder, and only when each of its sources
    climbs to the site's root (`../` once per level) or starts there, so that it names the same file
    from every folder of that depth. A `<style>` never reads clean. The last piece, the same on most pages
    of a depth, is also remembered whole: once seen, it is neither cut nor looked up piece by piece."""
    depth = rel.count("/")
    scripted = _SCRIPTED.of(allowed)
    pieces = data.split(_PIECE_END)
    tail = pieces.pop()
    pieces[:1] = _FINER.split(pieces[0]) if pieces else []
    tail_known = tail in _CLEAN_PIECES or (depth, tail) in scripted
    if not tail_known:
        pieces.extend(_FINER.split(tail))
    unknown = [piece for piece in pieces if piece not in _CLEAN_PIECES and (depth, piece) not in scripted]
    if not unknown:
        return True
    if not _read_quickly(_PIECE_END.join(unknown), rel, allowed):
        return False
    if len(_CLEAN_PIECES) + len(scripted) < _PIECES_KEPT:
        up = b"../" * depth
        for piece in unknown if tail_known else [*unknown, tail]:  # its parts were all read (or known) clean
            if _ON_ITS_OWN.search(piece) is None:
                _CLEAN_PIECES.add(piece)
            elif all(src.startswith((up, b"/")) for src in _SCRIPT_SOURCE.findall(piece)):
                scripted.add((depth, piece))
    return True


@dataclass
class _ScriptedPieces:
    """The pieces holding a script read clean, by depth of folder, for one `Allowed`; forgotten for another
    (told apart by identity: hashing one for each page costs as much as the pieces it spares; a build makes one)."""

    allowed: Allowed | None = None
    pieces: set[tuple[int, bytes]] = field(default_factory=set)

    def of(self, allowed: Allowed) -> set[tuple[int, bytes]]:
        if self.allowed is not allowed:
            self.allowed, self.pieces = allowed, set()
        return self.pieces


_PIECE_END = b"</li>"
_PIECES_KEPT = 1 << 16
# End tags of the theme's frame: its header's and footer's pieces come back page after page, the title's apart.
_FINER = re.compile(rb"</(?:a|button|div|form|head|header|label|nav|span|svg|title)>")
_CLEAN_PIECES: set[bytes] = set()
_ON_ITS_OWN = re.compile(rb"<(?i:script|style)")
_SCRIPTED = _ScriptedPieces()
# A script's source in a piece read clean: the quick reading lets through no other way of writing one.
_SCRIPT_SOURCE = re.compile(rb'<(?i:script)\s+(?i:src)="([^"]*)"')


def _read_quickly(data: bytes, rel: str, allowed: Allowed) -> bool:
    """True only when the parser could find nothing in `data`."""
    if _NOT_PLAIN.search(data.translate(_MARK_CONTROLS, _PLAIN_ASCII)):
        return False
    low = data.lower()
    rest, start = [], 0
    for element in _ELEMENT.finditer(low):
        kind = element.group(1)
        if kind is None:
            if element.group(0)[1:5] != b"meta":
                return False  # an element that runs, embeds or styles, not plainly written
            rest.append(low[start : element.start()])  # the policy: left out of the rest
            start = element.end()
            continue
        if kind == b"tyle":
            return False
        attributes = data[element.start(2) : element.end(2)].decode("utf-8")
        content = data[element.start(3) : element.end(3)].decode("utf-8")
        if b"src" in element.group(2) or b"href" in element.group(2):  # the parser reads `href` as a script's source too
            found = _SRC.search(attributes)
            if found is None or not allowed_src(found.group(1), posixpath.dirname(rel), allowed) or content.strip():
                return False
        elif runs(attributes) and not allowed.theme.known(content):
            return False
        rest.append(low[start : element.start(3)])  # the attributes stay in the rest: they are searched below
        start = element.end(3)
    rest.append(low[start:])
    # The parts joined by a newline: a match within a part is still found, and a match across the newline
    # (the name of a scheme, `on…=`) only sends the file to the parser.
    text = b"\n".join(rest)
    if _REFERENCE.search(text) or _HANDLER.search(text):
        return False
    letters = text.translate(None, _IGNORABLE)  # `java\tscript:` is `javascript:` to a browser
    return b"script:" not in letters and b"data:" not in letters and b"refresh" not in letters


_SRC = re.compile(r"""^\s+src="([^"<>]*)"(?:\s+(?:defer|async))?\s*$""")


def audit_bytes(data: bytes, rel: str, allowed: Allowed) -> list[Finding]:
    """Findings in one file as written (UTF-8 bytes; `rel`, its path in the site, places its relative links):
    what could run code in a page (HTML, SVG, XML), refused characters in any file of `CHECKED`, and
    cells a spreadsheet would run in a CSV file."""
    name = rel.lower()
    if name.endswith(AUDITED):
        if _plainly_clean(data, rel, allowed):
            return []
        text = data.decode("utf-8", errors="replace")
        auditor = _Auditor(rel, allowed)
        auditor.feed(text)
        auditor.close()
        return auditor.findings + _refused(text, rel)
    findings = []
    if _MAY_REFUSE.search(data.translate(_MARK_CONTROLS, _PLAIN_ASCII)):
        findings.extend(_refused(data.decode("utf-8", errors="replace"), rel))
    if name.endswith(".csv") and may_hold_formulas(data):
        findings.extend(_formulas(data, rel))
    return findings


def _refused(text: str, rel: str) -> list[Finding]:
    """Each character the check refuses (E102) written as it is: the sanitiser and the exports replace or
    escape them, so one in a file means a path that skips both. A carriage return may end a line."""
    found = [match for match in refused_characters(text) if match.group() != "\r"]
    findings = [
        Finding(
            rel,
            text.count("\n", 0, match.start()) + 1,
            f"caractère refusé {character_name(match.group())} écrit tel quel : la vérification le refuse (E102) "
            "et l'assainisseur le remplace, ce qui l'a écrit ne passe par aucun des deux",
        )
        for match in found[:_CHARACTERS_NAMED]
    ]
    if len(found) > _CHARACTERS_NAMED:
        findings.append(Finding(rel, 0, f"… et {len(found) - _CHARACTERS_NAMED} autres caractères refusés"))
    return findings


def _formulas(data: bytes, rel: str) -> list[Finding]:
    """Each cell of a CSV file that a spreadsheet would run as a formula, by row and column."""
    try:
        cells = list(formula_cells(data.decode("utf-8", errors="replace")))
    except csv.Error as error:
        return [Finding(rel, 0, f"fichier CSV illisible ({error}) : un tableur ne le lirait pas comme prévu")]
    return [
        Finding(
            rel,
            0,
            f"ligne {cell.row} du tableau (celle de « {cell.first[:60]} »), colonne {cell.column} : la cellule commence par "
            f"« {cell.start.encode('unicode_escape').decode('ascii')} », un tableur la calculerait comme une formule ; "
            "l'export doit la neutraliser (une apostrophe devant)",
        )
        for cell in cells
    ]


def audit_text(text: str, rel: str, allowed: Allowed) -> list[Finding]:
    """Findings in one file's text, encoded as MkDocs writes it."""
    return audit_bytes(text.encode("utf-8", errors="xmlcharrefreplace"), rel, allowed)


def site_files(site_dir: Path) -> Iterable[tuple[str, Path]]:
    """Every audited file of the site (`CHECKED`), as (relative path, path), in a stable order."""
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in sorted(names):
            if name.lower().endswith(CHECKED):
                path = Path(folder, name)
                yield path.relative_to(site_dir).as_posix(), path


def every_file(site_dir: Path) -> Iterable[tuple[str, os.DirEntry[str]]]:
    """Every file of the site, as (relative path, its directory entry), in the order of `site_files`:
    a folder's files by name, then its folders by name. Folders wait on a stack with their path in the
    site: one generator for the whole site (a generator per folder costs a third more on 2 000 pages)."""
    waiting = [("", os.fspath(site_dir))]
    while waiting:
        prefix, folder = waiting.pop()
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_name)
        inner = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                inner.append((f"{prefix}{entry.name}/", entry.path))
            else:
                yield prefix + entry.name, entry
        waiting.extend(reversed(inner))


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def unknown_files(site_dir: Path, known: Known) -> list[Finding]:
    """A finding for each file of the site that no known source wrote."""
    return [Finding(rel, 0, UNKNOWN) for rel, _ in every_file(site_dir) if rel not in known]


def audit_site(site_dir: Path, allowed: Allowed, known: Known | None = None, audited: Mapping[str, int] | None = None) -> list[Finding]:
    """Every finding in the files of a built site: each file of `CHECKED` is read, except those
    `audited` already (path → size in bytes when audited: a file since rewritten is read again);
    with `known`, every file no known source wrote is a finding."""
    findings: list[Finding] = []
    done = audited or {}
    for rel, entry in every_file(site_dir):
        if known is not None and rel not in known:
            findings.append(Finding(rel, 0, UNKNOWN))
        elif rel.lower().endswith(CHECKED) and done.get(rel, -1) != entry.stat(follow_symlinks=False).st_size:
            findings.extend(audit_bytes(Path(entry.path).read_bytes(), rel, allowed))
    return findings
