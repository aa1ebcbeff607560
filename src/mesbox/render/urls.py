"""Site URLs: every page URL is directory-style (`fiches/x/`), links between pages are relative."""

from __future__ import annotations

import posixpath


def relative(from_url: str, to_url: str) -> str:
    """The relative href from one directory-style page URL to another, so the site works from any base path."""
    if to_url.startswith(("http://", "https://", "mailto:", "#")):
        return to_url
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target, _, anchor = to_url.partition("#")
    path = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") and path != ".":
        path += "/"
    elif path == ".":
        path = "./"
    return path + (f"#{anchor}" if anchor else "")


def absolute(site_url: str, url: str) -> str:
    """A full URL when the site's address is known, else the root-relative path."""
    if site_url:
        return site_url.rstrip("/") + "/" + url
    return "/" + url
