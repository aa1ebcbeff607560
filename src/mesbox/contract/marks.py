"""mesbox's own marks in the pages it writes, declared once: `rendering` writes them, the check refuses
them in a body (E202), since one written there would be taken for mesbox's."""

from __future__ import annotations

# A late block waiting in a rendered page for the engine to put it in (`PageSource.fill(late=True)`).
LATE_BLOCK = "<!--mesbox:block:{}-->"
# The class of a Markdown heading that a run of generated blocks follows, with the run's number.
BLOCKS_CLASS = "mesbox-blocks-"
# Around a body link's number while Markdown converts the body (`rendering.wikilinks`): private use.
LINK_OPEN, LINK_CLOSE = "\ue000", "\ue001"
