"""Audit of the built site: nothing in it can run code that the theme or mesbox did not write.

Every HTML, SVG and XML file of the site folder is read by a real HTML parser (the standard
library's, independent of the sanitiser): a finding is a `<script>` that is neither a data
block, nor one of the theme's inline scripts, nor loaded from the theme's or the site's own
scripts; an event-handler attribute; a `javascript:`, `vbscript:` or `data:` URL; an element
that embeds or redirects (`iframe`, `object`, `embed`, `base`, `meta http-equiv=refresh`…);
a `<style>` (the theme and mesbox style pages from their stylesheets only). Any finding fails
the build: the sanitiser should have made each of them impossible, so one means a hole, not a
contributor's mistake.

A file that no known source wrote (MkDocs' own files, the theme's, mesbox's generated pages and
data, Pagefind's index) fails the build too: whatever put it there is not reviewed by anyone.
The plugin audits each page as MkDocs hands it over (its HTML is in memory), so the pass over the
site folder only lists the files and reads those that were not audited yet (or changed since).

Parsing 2 000 pages in pure Python costs more than a tenth of a build, so each file is first
read by a few regular expressions: its `<script>` elements are checked against what is allowed,
and the rest of the text is searched for anything the parser could report (an embedding tag,
`on…=`, `= refresh`, the letters of `script:` or `data:` even split by spaces or control
characters, a character reference to a letter, a colon or a control).
A file with nothing of the kind cannot hold a finding; any other file is parsed in full.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from mesbox.publishing.csp import ThemeScripts, runs

AUDITED = (".html", ".htm", ".xhtml", ".svg", ".xml")
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

# Only plainly written elements: double-quoted attributes without `<` or `>`, content without `</`
# (possessive quantifiers: a `<script>` left open fails at once, it is not tried every other way);
# and mesbox's own policy, whose text names `data:`.
_ELEMENT = re.compile(
    r"""<([sS][cC][rR][iI][pP][tT]|[sS][tT][yY][lL][eE])((?:\s++[a-zA-Z-]++="[^"<>]*+")*+)\s*+>([^<]*+(?:<(?!/)[^<]*+)*+)</\1\s*+>"""
    r"""|<meta http-equiv="Content-Security-Policy" content="[^"<>]*">"""
)
_SUSPECT_TAG = re.compile(r"<(?:iframe|frame|object|embed|applet|base|portal|fencedframe|script|style)", re.IGNORECASE)
# One pattern per spelling of `on`: a pattern that starts with a character class is searched ten times slower.
_HANDLERS = tuple(re.compile(prefix + r"[^\s/>=]*+\s*+=") for prefix in ("on", "On", "oN", "ON"))
# (Each pattern starts with a character that has no case: the search for it is fast.)
_NAMED = re.compile(r"&(?i:colon|tab|newline);")
_REFRESH = re.compile(r"""=\s*["']?\s*(?i:refresh)""")
# character references to a control, a colon or an ASCII letter, in decimal and hexadecimal
_BEFORE_COLON = frozenset("tTaA\x7f" + "".join(map(chr, range(0x21))))
_REFERENCE = re.compile(
    r"&#(?:0*(?:[0-9]|[12][0-9]|3[0-2]|58|6[5-9]|[7-9][0-9]|1[01][0-9]|12[0-2]|127)(?![0-9])"
    r"|[xX]0*(?:1?[0-9a-fA-F]|20|3[aA]|4[1-9a-fA-F]|5[0-9aA]|6[1-9a-fA-F]|7[0-9aAfF])(?![0-9a-fA-F]))"
)


def _suspect(text: str) -> bool:
    """Whether the parser could find something in `text` (a part of a file outside its plainly allowed elements)."""
    if _SUSPECT_TAG.search(text) or _NAMED.search(text) or _REFRESH.search(text) or _REFERENCE.search(text):
        return True
    for handler in _HANDLERS:
        if any(match.start() == 0 or text[match.start() - 1] in "'\"/ \t\n\r\f" for match in handler.finditer(text)):
            return True
    colon = text.find(":")
    while colon != -1:  # after the `t` of `script`, the `a` of `data`, or spaces and controls that may separate them
        if colon and text[colon - 1] in _BEFORE_COLON and _word_before(text, colon).endswith(("script", "data")):
            return True
        colon = text.find(":", colon + 1)
    return False


def _word_before(text: str, end: int) -> str:
    """The last six characters before `end` that are not controls or spaces, lower-cased (what a URL's scheme is made of)."""
    kept: list[str] = []
    index = end - 1
    while index >= 0 and len(kept) < 6:
        char = text[index]
        if char > " " and char != "\x7f":
            kept.append(char)
        index -= 1
    return "".join(reversed(kept)).lower()


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
    """What the build wrote through a known source: paths in the site, and folders written whole (Pagefind's)."""

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
        if "//" in src or ":" in src.split("/", 1)[0]:
            return False  # another host or a scheme: never one of the site's files
        src = src.split("?", 1)[0].split("#", 1)[0]
        if src.startswith("/"):
            if not src.startswith(self.allowed.base):
                return False
            src = "/" + src[len(self.allowed.base) :]
        path = posixpath.normpath(posixpath.join(self.folder, src)).lstrip("/")
        return any(path == allowed or (allowed.endswith("/") and path.startswith(allowed)) for allowed in self.allowed.script_paths)

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


def _plainly_clean(text: str, rel: str, allowed: Allowed) -> bool:
    """The quick reading: True only when the parser could find nothing in `text`."""
    auditor = _Auditor(rel, allowed)
    rest, start = [], 0
    for element in _ELEMENT.finditer(text):
        kind, attributes, content = (element.group(1) or "").lower(), element.group(2) or "", element.group(3) or ""
        if _suspect(attributes):
            return False
        if not kind:
            pass  # the policy
        elif kind == "style":
            return False
        elif "src" in attributes.lower():
            found = _SRC.search(attributes)
            if found is None or not auditor.allowed_src(found.group(1)) or content.strip():
                return False
        elif runs(attributes) and not allowed.theme.known(content):
            return False
        rest.append(text[start : element.start()])
        start = element.end()
    rest.append(text[start:])
    # One search over the parts joined by a newline: a match within a part is still found, and a match
    # across the newline (the name of a scheme, `on…=`) only sends the file to the parser.
    return not _suspect("\n".join(rest))


_SRC = re.compile(r"""^\s+src="([^"<>]*)"(?:\s+(?:defer|async))?\s*$""")


def audit_text(text: str, rel: str, allowed: Allowed) -> list[Finding]:
    """Findings in one file's text (`rel`, its path in the site, places its relative links)."""
    if _plainly_clean(text, rel, allowed):
        return []
    auditor = _Auditor(rel, allowed)
    auditor.feed(text)
    auditor.close()
    return auditor.findings


def site_files(site_dir: Path) -> Iterable[tuple[str, Path]]:
    """Every audited file of the site, as (relative path, path), in a stable order."""
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in sorted(names):
            if name.lower().endswith(AUDITED):
                path = Path(folder, name)
                yield path.relative_to(site_dir).as_posix(), path


def every_file(site_dir: Path) -> Iterable[tuple[str, os.DirEntry[str]]]:
    """Every file of the site, as (relative path, its directory entry), in the order of `site_files`:
    a folder's files by name, then its folders by name."""
    with os.scandir(site_dir) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    folders = [entry for entry in entries if entry.is_dir(follow_symlinks=False)]
    for entry in entries:
        if not entry.is_dir(follow_symlinks=False):
            yield entry.name, entry
    for folder in folders:
        for rel, inner in every_file(Path(folder.path)):
            yield f"{folder.name}/{rel}", inner


def unknown_files(site_dir: Path, known: Known) -> list[Finding]:
    """A finding for each file of the site that no known source wrote."""
    return [Finding(rel, 0, UNKNOWN) for rel, _ in every_file(site_dir) if rel not in known]


def audit_site(site_dir: Path, allowed: Allowed, known: Known | None = None, audited: Mapping[str, int] | None = None) -> list[Finding]:
    """Every finding in the files of a built site: each HTML, SVG and XML file is read, except those
    `audited` already (path → size in bytes when audited: a file since rewritten is read again);
    with `known`, every file no known source wrote is a finding."""
    findings: list[Finding] = []
    done = audited or {}
    for rel, entry in every_file(site_dir):
        if known is not None and rel not in known:
            findings.append(Finding(rel, 0, UNKNOWN))
        elif rel.lower().endswith(AUDITED) and done.get(rel, -1) != entry.stat(follow_symlinks=False).st_size:
            findings.extend(audit_text(Path(entry.path).read_text(encoding="utf-8", errors="replace"), rel, allowed))
    return findings
