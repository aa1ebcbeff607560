"""Links and images of a body that leave the site or lead nowhere.

- An image loaded from another host (`![](https://tracker…)`, `<img src="https://…">`) would
  make every reader's browser call that host: refused (E201), the site makes no third-party request.
- A relative link to a file (`../monographies/x.md`, `carte.png`) is kept with its place, so the
  checker can tell a link to a page or file that does not exist (E105) before the strict build does.
- A link from the site's root (`/fiches/x/`) is kept too: it breaks when the site is published
  under a sub-path (`https://exemple.org/mes/`), so the checker asks for the relative link (E105).
- A relative `href` of `<a>` or `src` of `<img>` written in raw HTML is kept as such: the engine
  does not rewrite it as it does a Markdown link, so the browser reads it from the page's address
  (`/fiches/x/`), not from the file's folder; the checker judges it where it will lead.

Links are read from the body with fenced code and inline code blanked out (Markdown does not
link there); brackets are matched with a stack, so `[![image](a.png)](page.md)` is an image
inside a link.
"""

from __future__ import annotations

import html
import posixpath
import re
import urllib.parse
from dataclasses import dataclass

from mesbox.contract.issues import Issue
from mesbox.reading.complexity import without_code

# An opener (`[` or `![`), a `]` possibly followed by an inline destination, or an escape.
_TOKEN = re.compile(r"\\.|!?\[|\](?:\(\s*(<[^>\n]*>|[^\s)]*))?")
_CODE_SPAN = re.compile(r"(`+)[^`\n]*\1")
_REFDEF = re.compile(r"^[ ]{0,3}\[([^\]\n]{1,300})\]:[ \t]*(?:\n[ \t]*)?<?([^\s>]+)>?", re.MULTILINE)
_IMAGE_REF = re.compile(r"!\[([^\[\]\n]{0,300})\](?:\[([^\[\]\n]{0,300})\])?")
_MEDIA_NAMES = ("img", "source", "video", "audio", "track", "input", "image", "picture")
_MEDIA_TAG = re.compile(rf"<\s*({'|'.join(_MEDIA_NAMES)})\b([^<>]*)>", re.IGNORECASE)
_MEDIA_URL = re.compile(r"""\b(src|srcset|poster|href|xlink:href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Raw HTML links and images (the sanitiser keeps no other URL a browser follows or loads).
_RAW_TAG = re.compile(r"<(a|img)(\s[^<>]*)>", re.IGNORECASE)
_RAW_URL = {
    "a": re.compile(r"""(?<![\w-])href\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""", re.IGNORECASE),
    "img": re.compile(r"""(?<![\w-])src\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""", re.IGNORECASE),
}
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
# Attribute lists (`{ data-toc-label='<img src=x>' }`): their values are attributes, not HTML the browser reads.
_ATTR_LIST = re.compile(r"\{[^{}\n]*=[^{}\n]*\}")


@dataclass(frozen=True)
class FileLink:
    """A relative (or root-absolute) link or image source of a body, as written, with the file line and
    column of its destination; `raw` when written in an HTML tag (read from the page's address)."""

    target: str
    line: int
    col: int
    raw: bool = False


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _remote_image(url: str) -> str | None:
    return url.strip("<> ") if _REMOTE.match(url) else None


def scan_links(body: str, rel: str, first_line: int) -> tuple[list[FileLink], list[Issue]]:
    """Relative links to files, and issues for images from other hosts."""
    if "](" not in body and "<" not in body and "![" not in body:
        return [], []
    # Images are looked for everywhere, code included (a code span the engine does not see as one
    # would hide a tracking pixel); relative links only outside code, where the engine makes links.
    prose = without_code(body)
    if "`" in prose:
        prose = _CODE_SPAN.sub(_blank, prose)
    raw_images = _images_anywhere(body)
    links: list[FileLink] = []
    issues: list[Issue] = []

    # Lines are counted from the last place asked for: many links cost one pass over the body, not one each.
    cursor = [0, first_line, 0]  # offset, its line, where that line starts

    def place(offset: int) -> tuple[int, int]:
        start, line, line_start = cursor if offset >= cursor[0] else (0, first_line, 0)
        line += prose.count("\n", start, offset)
        newline = prose.rfind("\n", start, offset)
        line_start = newline + 1 if newline >= 0 else line_start
        cursor[:] = [offset, line, line_start]
        return line, offset - line_start + 1

    def third_party(offset: int, url: str) -> None:
        line, col = place(offset)
        issues.append(
            Issue(
                rel,
                line,
                col,
                "E201",
                f"image « {url[:60]} » chargée depuis un autre site : le site ne fait aucune requête "
                "vers un tiers (chaque lecteur serait signalé à ce site) — enregistrez l'image à côté de la page et liez-la "
                "par un chemin relatif",
            )
        )

    for offset, url in raw_images:
        third_party(offset, url)
    if "](" in prose:
        for _, url, offset in _destinations(prose):
            if url and not _SCHEME.match(url) and not url.startswith(("#", "?", "//")):
                links.append(FileLink(url, *place(offset)))
    if "]:" in prose:
        for match in _REFDEF.finditer(prose):
            url = match.group(2)
            if not _SCHEME.match(url) and not url.startswith(("#", "?", "//")):
                links.append(FileLink(url, *place(match.start(2))))
    if "<" in prose:
        for offset, url in _raw_links(_ATTR_LIST.sub(_blank, prose) if "{" in prose else prose):
            links.append(FileLink(url, *place(offset), raw=True))
        links.sort(key=lambda link: (link.line, link.col))
    return links, issues


def _raw_links(prose: str) -> list[tuple[int, str]]:
    """(offset, URL as the browser reads it) of each relative `href` of `<a>` and `src` of `<img>`."""
    found = []
    for tag in _RAW_TAG.finditer(prose):
        attribute = _RAW_URL[tag.group(1).lower()].search(tag.group(2))
        if attribute is None:
            continue
        value = attribute.group(1)
        quoted = value[0] in "\"'"
        url = html.unescape(value[1:-1] if quoted else value).strip()
        if url and not _SCHEME.match(url) and not url.startswith(("#", "?", "//")):
            found.append((tag.start(2) + attribute.start(1) + quoted, url))
    return found


def _destinations(text: str) -> list[tuple[bool, str, int]]:
    """Inline link and image destinations: (is an image, URL, offset), brackets matched with a stack."""
    found: list[tuple[bool, str, int]] = []
    stack: list[bool] = []
    for token in _TOKEN.finditer(text):
        matched = token.group()
        if matched[0] == "\\":
            continue
        if matched in ("[", "!["):
            stack.append(matched == "![")
            continue
        image = stack.pop() if stack else False
        if token.group(1) is not None:
            found.append((image, token.group(1).strip("<>"), token.start(1)))
    return found


def _images_anywhere(body: str) -> list[tuple[int, str]]:
    """(offset, URL) of every image from another host: inline, by reference, or in an HTML tag."""
    found = [(offset, url) for image, url, offset in (_destinations(body) if "](" in body else []) if image and _remote_image(url)]
    if "![" in body:
        definitions = {match.group(1).strip().lower(): match.group(2) for match in _REFDEF.finditer(body)} if "]:" in body else {}
        for match in _IMAGE_REF.finditer(body) if definitions else ():
            if body.startswith("(", match.end()):
                continue  # inline image, judged above
            url = definitions.get((match.group(2) or match.group(1)).strip().lower())
            if url and _remote_image(url):
                found.append((match.start(), url))
    lowered = body.lower() if "<" in body else ""
    if any(f"<{name}" in lowered for name in _MEDIA_NAMES):  # a browser reads no tag from `< img`
        for tag in _MEDIA_TAG.finditer(body):
            for attribute in _MEDIA_URL.finditer(tag.group(2)):
                value = attribute.group(2).strip("\"'")
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if attribute.group(1).lower() == "srcset" else [value]
                remote = next((url for url in urls if _remote_image(url)), None)
                if remote:
                    found.append((tag.start(), remote))
                    break
    return sorted(found)


def page_url(page: str) -> str:
    """The address (directory style, from the site's root) of the page whose site path is `page`: `fiches/x/` for `fiches/x.md`."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def resolve_raw(page: str, target: str) -> str:
    """Where a relative raw HTML link of the page at site path `page` leads, as a path from the
    site's root (`fiches/carte.png`, `monographies/x/`, `""` for the home page), `..` out of the site."""
    path = urllib.parse.unquote(target.split("#", 1)[0].split("?", 1)[0])
    base = page_url(page)
    if not path:
        return base
    joined = posixpath.normpath(posixpath.join(base, path))
    if joined.startswith("../") or joined == "..":
        return ".."
    if joined == ".":
        return ""
    return joined + "/" if path.endswith("/") else joined


def resolve(page: str, target: str) -> str | None:
    """The site path a relative link of the page at site path `page` points to, or None when the
    link names a folder (`../themes/`), which the engine does not check either, or starts from the
    site's root (judged apart: see `filelinks`)."""
    if target.startswith("/"):
        return None
    path = urllib.parse.unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path or path.endswith("/"):
        return None
    if "." not in posixpath.basename(path):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return "" if joined.startswith("../") or joined == ".." else joined
