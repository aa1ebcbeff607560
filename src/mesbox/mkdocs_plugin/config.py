"""Typed options of the `mesbox` plugin in mkdocs.yml, each documented where it is declared."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class MesboxConfig(base.Config):
    """Settings of the `mesbox` entry under `plugins:`; every one has a default that suits the MES site."""

    root = c.Optional(c.Type(str))
    """The repository holding `fiches/`, `monographies/`, `grids/` and `taxonomies/`, relative to
    mkdocs.yml's folder (default: that folder)."""

    publication = c.Type(bool, default=False)
    """This build is the one published. Without `site_url` the site is not publishable (empty sitemap,
    relative feed links and JSON-LD ids): a build always says so, and with `publication` on a strict
    build stops there (CI's deploy job sets it through MESBOX_PUBLICATION)."""

    edit_branch = c.Type(str, default="main")
    """The branch of `repo_url` that an entry page's "edit" link opens its file in."""

    exports = c.Type(bool, default=True)
    """Publish the open-data exports (CSV, JSON, GeoJSON, JSON Schemas, Data Package) under `donnees/`."""

    feed = c.Type(bool, default=True)
    """Publish the RSS feed of new entries at `flux.xml`."""

    feed_title = c.Type(str, default="Boîte à outils du MES : nouvelles entrées")
    """The feed's title, as feed readers show it."""

    contact = c.Optional(c.Type(str))
    """An e-mail address or https:// page where readers write to the editorial team, shown at the
    foot of every page and on the 404 page; without it, the forge's issue form of `repo_url`."""

    search_index = c.Type(bool, default=True)
    """Write the readers' search index (mesbox's own) under `recherche/` for the « Explorer » page and the
    header's search box: entries with their facets and the hub pages, loaded only when someone searches."""

    fold_search = c.Type(bool, default=True)
    """Add accent-free copies of the words of the search index, so « economie » finds « économie »."""

    cache_nav = c.Type(bool, default=True)
    """Render the theme's navigation and the rest of the page frame that depends only on the folder once per folder
    for pages outside the nav (same HTML, less time; `navcache`)."""

    page_seconds = c.Type((int, float), default=30)
    """The longest time, in seconds, the Markdown conversion of one page may take before the build
    stops with the page's name (0: no bound). Ordinary pages take milliseconds."""

    admin = c.Type(bool, default=True)
    """Publish the web editor (Sveltia CMS) at `admin/`, its forms generated from the models and
    vocabularies; it needs a GitHub `repo_url` and the editor's script installed by `npm ci`."""

    admin_script = c.Type(str, default="node_modules/@sveltia/cms/dist/sveltia-cms.js")
    """The editor's script, relative to the repository: served from the site itself, never from a CDN."""

    admin_auth = c.Optional(c.Type(str))
    """The https:// address of the OAuth relay the editor's « Se connecter avec GitHub » goes through
    (for instance a sveltia-cms-auth worker the project hosts); without it, contributors sign in with
    a GitHub access token."""

    render_ahead = c.Deprecated(
        message="mesbox : le réglage « {} » n'a plus d'effet (les pages sont produites dans le processus de MkDocs) : "
        "retirez-le de mkdocs.yml",
        option_type=c.Type(bool),
    )
    """Removed in 0.2: page sources were written ahead by a forked second process."""
