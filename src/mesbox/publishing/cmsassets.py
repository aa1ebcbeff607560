"""The web editor's files, all served by the site: Sveltia CMS's script, its French messages and its fonts.

Sveltia CMS fetches its translations, its update check and its fonts from CDNs (unpkg,
jsDelivr) and GitHub's status page. The site makes no request to a third-party host, so the
script is served with those addresses turned into paths under `admin/vendor/`, where the same
files are published from the npm packages installed by `npm ci`. Every replacement must match:
a new version of the editor that moves an address stops the build's editor with a clear reason
instead of silently calling a CDN.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

VENDOR = "vendor/"
# The three fonts the editor's stylesheet names, and the npm package file that holds each.
_FONTS = {
    "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2": (
        "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2"
    ),
    "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2": (
        "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2"
    ),
    "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2": (
        "@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2"
    ),
}
# unpkg: the editor's own files (translations, update check) and lazily loaded helpers, all
# looked for under vendor/ instead; GitHub's status is answered by a local "no incident".
_ADDRESSES = {
    "`https://unpkg.com/${e}`": "`" + VENDOR + "${e}`",
    "`https://unpkg.com/@sveltia/cms`": "`" + VENDOR + "@sveltia/cms`",
    "`https://unpkg.com/@shikijs`": "`" + VENDOR + "@shikijs`",
    "`https://unpkg.com/@sveltia/ui`": "`" + VENDOR + "@sveltia/ui`",
    "`https://www.githubstatus.com/api/v2/status.json`": "`" + VENDOR + "githubstatus.json`",
}
THIRD_PARTY = re.compile(r"https://(?:unpkg\.com|cdn\.jsdelivr\.net|www\.githubstatus\.com/api)")


class EditorUnavailable(Exception):
    """The editor's packages are missing, or a new version calls an address this module does not know."""


@dataclass(frozen=True)
class EditorFiles:
    """What admin/ publishes besides its page and configuration: generated texts and copied files."""

    texts: dict[str, str]
    copies: dict[str, Path]


def editor_files(script: Path) -> EditorFiles:
    """The patched script and the files it asks for, from the node_modules folder holding `script`."""
    if not script.is_file():
        raise EditorUnavailable(f"{script} absent (lancez « npm ci »)")
    modules = next((p for p in script.parents if p.name == "node_modules"), None)
    if modules is None:
        raise EditorUnavailable(f"{script} n'est pas dans un dossier node_modules")
    package = modules / "@sveltia" / "cms"
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    text = script.read_text(encoding="utf-8")
    copies: dict[str, Path] = {}
    for address, file in _FONTS.items():
        if address not in text or not (modules / file).is_file():
            raise EditorUnavailable(f"police {address} introuvable dans le script ou dans node_modules/{file} (lancez « npm ci »)")
        local = f"{VENDOR}fonts/{Path(file).name}"
        text = text.replace(address, local)
        copies[local] = modules / file
        font_package = modules / file.split("/files/", 1)[0]
        if (font_package / "LICENSE").is_file():  # SIL Open Font License or Apache 2.0: shipped beside the font
            copies[f"{VENDOR}fonts/LICENSE-{font_package.name}.txt"] = font_package / "LICENSE"
    for address, local in _ADDRESSES.items():
        if address not in text:
            raise EditorUnavailable(f"adresse {address} absente du script de Sveltia CMS {version} : mettez à jour mesbox/cmsassets.py")
        text = text.replace(address, local)
    left = THIRD_PARTY.search(text)
    if left:
        raise EditorUnavailable(f"le script de Sveltia CMS {version} appelle encore {left.group(0)} : mettez à jour mesbox/cmsassets.py")
    for locale in sorted((package / "locales").glob("*.json")):
        copies[f"{VENDOR}@sveltia/cms@{version}/locales/{locale.name}"] = locale
    copies[f"{VENDOR}@sveltia/cms/package.json"] = package / "package.json"
    copies[f"{VENDOR}LICENSE-sveltia-cms.txt"] = package / "LICENSE.txt"
    texts = {"sveltia-cms.js": text, f"{VENDOR}githubstatus.json": json.dumps({"status": {"indicator": "none"}})}
    return EditorFiles(texts, copies)
