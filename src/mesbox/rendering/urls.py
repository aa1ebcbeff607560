"""Site URLs: every page URL is directory-style (`fiches/x/`), links between pages are relative."""

from __future__ import annotations


def root_prefix(from_url: str) -> str:
    """`../` once per folder of a directory-style page URL: the way back to the site root."""
    return "../" * from_url.count("/")


def relative(from_url: str, to_url: str) -> str:
    """The href from one directory-style page URL to another, relative so the site works from any base path.

    It climbs to the root and descends again (`../../themes/x/`): one string operation per link,
    which matters on sites with thousands of pages and dozens of links each.
    """
    if to_url.startswith(("http://", "https://", "mailto:", "#")):
        return to_url
    return root_prefix(from_url) + to_url or "./"


def absolute(site_url: str, url: str) -> str:
    """A full URL when the site's address is known, else the root-relative path."""
    if site_url:
        return site_url.rstrip("/") + "/" + url
    return "/" + url
