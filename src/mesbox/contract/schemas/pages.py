"""Front-matter of an editorial page of `content/`: only what the theme needs, every value checked."""

from __future__ import annotations

from typing import Literal

from mesbox.contract.schemas.fields import Description, Strict, Title, UniqueList

# Material's `hide` values that change nothing but the layout (`tags` and `feedback` are not used here).
Hidden = Literal["navigation", "toc", "footer", "path"]


class PageMeta(Strict):
    """Optional front-matter of an editorial page: no key reaches the theme unless listed here
    (`template` is refused: a page cannot pick another template of the theme)."""

    title: Title | None = None
    description: Description | None = None
    hide: UniqueList[Hidden] = []
