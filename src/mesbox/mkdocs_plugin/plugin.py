"""mesbox as an MkDocs (and ProperDocs) plugin, on MkDocs' documented plugin API.

Events used, in build order:
- on_startup: keep one plugin instance across `mkdocs serve` rebuilds; note whether serving.
- on_config: resolve the repository root; make sure `attr_list` is on (generated headings carry ids);
  refuse symbolic links in the docs folder before MkDocs walks it (following them); say when the
  site is not publishable (no `site_url`).
- on_files, in named steps: check the repository (fail a strict build on any error), keep of the
  docs folder only editorial pages and allowlisted assets, register the
  generated pages (entries and term pages out of the nav), mount the collections' assets, then
  the open-data exports and the RSS feed, the web editor at admin/, and start the readers' search
  index (its own program) with the hub pages. While serving, also the preview's pages: drafts,
  an error page at the address of each broken entry, and the list of every current error.
- on_nav: note the URLs of the nav, which decide which pages may share a rendered nav; give pages
  outside the nav the section of their folder, so their tab is active.
- on_env: wrap the parts of the theme's page frame that depend only on the page's folder (navigation, footer,
  header controls, config, scripts and styles) in a per-folder cache that also drops their layout whitespace;
  while serving, keep the compiled templates; every page is converted, so the index program starts writing the
  readers' search index while MkDocs writes the pages.
- on_page_read_source: hand over a generated page's source when the engine reaches it (a full build renders
  them all at the first request, in a row).
- on_page_markdown: give a generated page its metadata (no front matter to parse); render `[[id]]` links
  in editorial pages; escape their front-matter values.
- on_page_content: sanitise the table of contents' titles now, and by batches, in a thread of its own,
  the HTML Markdown made of the content (with the body's links put in first); then put the generated
  HTML blocks after their headings and hand an entry's HTML to the search index; while serving,
  open each page whose file has errors with their list, and each draft with a draft notice.
- on_page_context: give entry pages the edit link of their real file, the home page its latest entries.
- on_post_page: put in the blocks kept out of the search index ("Voir aussi", "Cité par"); last,
  write the page's Content-Security-Policy, then name the page written before it to the audit program
  (on_post_template does both for the 404 page and the sitemap).
- on_post_build: fold accents in the search index (in memory before the search plugin writes it,
  or in its file after); wait for the search index (while serving, written at the first build only:
  see `previewsearch`); last, the audit program audits the rest of the site folder (a dirty build audits
  what it changed, itself), and the build fails on any finding or any file no known source wrote.
- on_serve: watch the collection and taxonomy folders.
- on_shutdown: forget the preview's copy of the search index and what else a preview keeps.

In a dirty build (`mkdocs serve --dirty`), only the generated pages whose content changed are
rebuilt (see `incremental`): the result is the same site, byte for byte, as a full build.
"""

from __future__ import annotations

import json
import logging
import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils.templates import TemplateContext

from mesbox.checking.checker import CheckResult, check
from mesbox.contract.issues import Issue
from mesbox.contract.report import summary
from mesbox.contract.sanitize import escape_text, escape_values, sanitize_html
from mesbox.mkdocs_plugin import navcache, sections
from mesbox.mkdocs_plugin.config import MesboxConfig
from mesbox.mkdocs_plugin.incremental import AuditedFiles, GeneratedPage, Incremental, SearchEntries, rebuilt, stamp, tree
from mesbox.mkdocs_plugin.pagetimer import PageTimer
from mesbox.mkdocs_plugin.previewsearch import PreviewSearch
from mesbox.publishing.audit import AUDITED, Allowed, Known, unknown_files
from mesbox.publishing.auditprogram import AuditProgram, AuditProgramError
from mesbox.publishing.cms import ADMIN_PAGE, cms_config, config_yaml, github_repo
from mesbox.publishing.cmsassets import EditorUnavailable, editor_files
from mesbox.publishing.csp import ThemeScripts, with_policy
from mesbox.publishing.explorerdata import explorer_json
from mesbox.publishing.exports import export_files
from mesbox.publishing.feed import render_feed
from mesbox.publishing.search import fold_search_index
from mesbox.publishing.searchindex import FOLDER, SearchIndexer, SearchIndexError
from mesbox.reading.documents import COLLECTIONS, Entry
from mesbox.reading.files import EDITORIAL_FOLDER
from mesbox.reading.loader import EntryMemo
from mesbox.reading.publication import links_under, published_editorial
from mesbox.rendering.contact import Contact, resolve_contact
from mesbox.rendering.dependencies import page_fingerprints, shared_fingerprint
from mesbox.rendering.pages import (
    EXPLORER_DATA,
    EXPLORER_URL,
    PageSource,
    PlannedPage,
    SiteRenderer,
    SiteSettings,
    entry_src_uri,
    latest_entries,
)
from mesbox.rendering.preview import ERRORS_URL, banner, by_path, draft_banner, preview_plan, search_notice
from mesbox.rendering.searchrecords import search_records
from mesbox.rendering.searchtext import SearchRecord
from mesbox.rendering.site import site_plan
from mesbox.rendering.templatecache import MemoryBytecodeCache
from mesbox.rendering.urls import relative
from mesbox.rendering.wikilinks import render_wikilinks

if TYPE_CHECKING:  # `mkdocs build` never imports the preview's server (http.server, watchdog: 8 ms)
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.mesbox")
UNPUBLISHABLE = (
    "site non publiable : site_url est vide (MESBOX_SITE_URL), donc le plan du site (sitemap.xml) est vide, "
    "et les liens du flux RSS, les identifiants JSON-LD et les adresses des données ouvertes sont relatifs. "
    "Donnez l'adresse publique du site pour le publier"
)


# Pages sanitised in a row: the sanitiser's memory stays warm over them (`MesboxPlugin._send_pages`);
# 256 rather than 64: 0.24 s instead of 0.27 s for 2 000 entries, and the search index waits no longer at the end.
SANITISED_TOGETHER = 256


def _sanitized(fragments: list[str]) -> tuple[list[str], float]:
    """Each fragment sanitised, and the processor time it took (in the sanitiser's thread)."""
    started = time.thread_time()
    return [sanitize_html(fragment) for fragment in fragments], time.thread_time() - started


def _sanitize_toc(toc: TableOfContents, done: dict[str, str]) -> None:
    """Table of contents titles are HTML taken from the headings (and from `data-toc-label`): sanitised too.
    Most come back page after page (« Voir aussi », a template's sections): `done` keeps each title sanitised."""
    stack = list(toc)
    while stack:
        item = stack.pop()
        title = done.get(item.title)
        if title is None:
            title = done[item.title] = sanitize_html(item.title)
        item.title = title
        stack.extend(item.children)


class MesboxPlugin(BasePlugin[MesboxConfig]):
    """Mount the checked catalogue into the site."""

    def __init__(self) -> None:
        self.result: CheckResult | None = None
        self.planned: dict[str, PlannedPage] = {}
        self.ahead: dict[str, PageSource] | None = None  # sources rendered before the engine asked for them
        self.generated: dict[str, PageSource] = {}
        self.root = Path(".")
        self.nav_urls: set[str] = set()
        self.rendering = 0.0
        self.folded = False
        self.contact: Contact | None = None
        self.serving = False
        self.issues: dict[str, list[Issue]] = {}
        self.drafts: set[str] = set()
        self.preview_pages: set[str] = set()
        self.timer = PageTimer(0)
        # Rendered HTML of each entry page's content, by URL, for the readers' search index.
        self.bodies: dict[str, str] = {}
        self.entries: dict[str, Entry] = {}  # published entries by URL
        # Every page's search record by URL, built once a build: the Explorer's list, then the search index.
        self.records: dict[str, SearchRecord] = {}
        # The readers' search index, fed while pages render; the URLs of the entries it has.
        self.indexer: SearchIndexer | None = None
        self.indexed: set[str] = set()
        self.index_audited = False  # the search index handed to the audit program (`_hand_over`)
        self.dirty = False
        self.incremental = Incremental()
        self.audited = AuditedFiles()
        self.files: Files | None = None
        self.search: SearchEntries | None = None
        self.theme_scripts = ThemeScripts(())
        # Time the output's safety takes on MkDocs' thread, and processor time beside it (sanitiser's thread, audit program).
        self.sanitizing = self.sanitized_beside = self.auditing = 0.0
        self.toc_titles: dict[str, str] = {}  # table of contents titles as written → sanitised, for a build
        self.converted: list[Page] = []  # pages converted, waiting to be sanitised together (`_send_pages`)
        # The sanitiser's thread, and the batches of pages handed to it, in order (`_send_pages`).
        self.sanitizer: ThreadPoolExecutor | None = None
        self.batches: list[tuple[list[Page], list[str], Future[tuple[list[str], float]]]] = []
        self.preview_search = PreviewSearch()
        self.compiled = MemoryBytecodeCache()
        self.memo: EntryMemo | None = None
        # The output audit: what it allows; in a full build, its program and the last file handed over
        # (on disk once the next one comes).
        self.allowed = Allowed(ThemeScripts(()), frozenset())
        self.auditor: AuditProgram | None = None
        self.last_output: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that `mkdocs serve` keeps one plugin instance (per-build state is reset in
        on_files); a preview shows errors and drafts in its pages, a build never does."""
        self.serving = command == "serve"
        self.dirty = dirty
        self.preview_search.reset()
        self.audited = AuditedFiles()
        self.memo = EntryMemo() if self.serving else None  # a preview checks the repository on every save
        self.compiled.clear()

    def on_shutdown(self) -> None:
        """The end of `mkdocs serve`: what the preview kept between saves is released."""
        self.preview_search.reset()
        self.compiled.clear()
        self.memo = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path or ".").resolve().parent
        self.root = (base / self.config.root).resolve() if self.config.root else base
        if not config.use_directory_urls:
            raise PluginError("mesbox : use_directory_urls doit rester à true (les adresses /fiches/<id>/ font partie du contrat)")
        try:
            self.contact = resolve_contact(self.config.contact, config.repo_url or "")
        except ValueError as error:
            raise PluginError(str(error)) from None
        self.timer = PageTimer(float(self.config.page_seconds))
        if "attr_list" not in config.markdown_extensions:  # the `#dimension-<id>` anchors of generated headings
            config.markdown_extensions.append("attr_list")
        # MkDocs lists its docs folder following links, right after this event: a link there could
        # publish a file from outside the repository, or loop for ever. Stop before, whatever the mode.
        links = links_under(config.docs_dir)
        if links:
            raise PluginError(
                "mesbox : lien symbolique refusé dans le dossier des pages : "
                + ", ".join(links[:20])
                + " — remplacez chaque lien par le fichier lui-même (mesbox check les signale tous)."
            )
        if not config.site_url:
            self._unpublishable(strict=bool(config.strict))
        return config

    def _unpublishable(self, *, strict: bool) -> None:
        """One message when the site's address is missing. A warning, except in a strict build that is not
        the publication (the README's local build), where MkDocs would count it as a failure; an error
        that stops a strict publication build (CI's deploy job)."""
        if self.config.publication and strict:
            raise PluginError(f"mesbox : {UNPUBLISHABLE} (réglage publication: true)")
        log.log(logging.WARNING if self.config.publication or not strict else logging.INFO, "mesbox : %s", UNPUBLISHABLE)

    # All steps at priority 50, before plugins at the default priority (0): those see the generated
    # pages, assets and data files as files of the site (Material's search, tags or blog plugins,
    # a redirect or minify plugin). A plugin that runs earlier than 50 does not see them.

    @event_priority(50)
    def _start_programs(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Start the index program and, for a full build, the audit program before anything else: their
        interpreters start, and the audit reads the theme, on the core the check leaves idle. (A dirty
        build audits the files it changed on disk, as it finds them: `AuditedFiles`; a preview's saves
        keep its first index.)"""
        self._stop_search_index()
        self._stop_audit()
        self.indexed = set()
        self.index_audited = False
        self.sanitizing = self.sanitized_beside = self.auditing = 0.0
        try:
            if self.config.search_index and not self.preview_search.ready:
                self.indexer = SearchIndexer()
            if not self.dirty:
                started = time.perf_counter()
                self.auditor = AuditProgram(Path(config.site_dir), config.theme.dirs)
                self.auditing += time.perf_counter() - started
        except SearchIndexError as error:
            raise PluginError(f"mesbox : index de recherche : {error}") from None
        except AuditProgramError as error:
            raise PluginError(f"mesbox : audit du site : {error}") from None
        return files

    @event_priority(50)
    def _check_repository(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Run the core check once; every problem is logged, and a strict build stops on any."""
        started = time.perf_counter()
        self.result = result = check(self.root, memo=self.memo)
        for issue in result.issues:
            log.error(str(issue))
        if result.issues:
            message = summary(result.issues, result.files)
            if config.strict:
                raise PluginError(f"mesbox : {message} Corrigez-les (mesbox check) : aucun site n'est publié avec une entrée manquante.")
            log.error(message)
        log.info("mesbox: %d fichiers vérifiés en %.2f s", result.files, time.perf_counter() - started)
        return files

    @event_priority(50)
    def _register_pages(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Every generated page becomes a file of the site (its source comes in on_page_read_source);
        of docs_dir, only editorial pages and allowlisted assets stay (the stories' own Markdown
        files give way to their generated pages)."""
        assert self.result is not None
        self._keep_content_only(files, config, self.result)
        self.generated, self.rendering, self.converted, self.toc_titles = {}, 0.0, [], {}
        self._stop_sanitizer()
        self.entries = {entry.url: entry for entry in self.result.catalogue.entries.values()}
        # A dirty build renders only the pages that changed: the others' text is the last build's.
        self.bodies = {url: text for url, text in self.bodies.items() if url in self.entries} if self.dirty else {}
        self.theme_scripts = ThemeScripts.from_templates(config.theme.dirs)
        settings = SiteSettings(site_url=config.site_url or "")
        planned = site_plan(self.result.catalogue, settings)
        self.issues, self.drafts, self.preview_pages = {}, set(), set()
        if self.serving:
            catalogue = self.result.catalogue
            renderer = SiteRenderer(catalogue, settings)
            preview = preview_plan(catalogue, self.result.issues, self.result.files, renderer, {page.src_uri for page in planned})
            planned += preview
            self.issues = by_path(self.result.issues)
            self.drafts = {entry_src_uri(draft) for draft in catalogue.drafts.values()}
            self.preview_pages = {page.src_uri for page in preview} - self.drafts
            log.info("mesbox: aperçu, erreurs et brouillons affichés dans les pages ; liste des erreurs : /%s", ERRORS_URL)
        self.planned = {page.src_uri: page for page in planned}
        self.ahead = None
        fingerprints: dict[str, str] = {}
        changed: set[str] = set()
        if self.dirty:
            # Editorial pages are always rebuilt (few; they hold the menu and the latest entries).
            files = Files([rebuilt(f) if type(f) is File and f.is_documentation_page() else f for f in files])
            fingerprints = page_fingerprints(self.result.catalogue, self.issues)
            changed = self.incremental.changed(self._shared_stamp(config, files), fingerprints)
        for page in planned:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = GeneratedPage.generated(config, page.src_uri, content="", inclusion=inclusion)
            assert isinstance(file, GeneratedPage)  # File.generated builds an instance of the class it is called on
            file.modified = not self.dirty or page.in_nav or page.src_uri not in fingerprints or page.src_uri in changed
            expected = page.url + "index.html"
            if file.dest_uri != expected:
                file.dest_uri = expected
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(file)
        return files

    def _shared_stamp(self, config: MkDocsConfig, files: Files) -> str:
        """What every page shows besides its own content: settings, vocabularies, theme and the docs
        folder's files (the menu's titles); when it changes, a dirty build rebuilds every page."""
        assert self.result is not None
        engine = [f.abs_src_path for f in files if f.abs_src_path] + tree(config.theme.custom_dir)
        engine.append(config.config_file_path or "")
        settings = f"{config.site_dir}\x00{config.site_url}\x00{self.serving}\x00{self.root}"
        return f"{settings}\x00{shared_fingerprint(self.result.catalogue)}\x00{stamp(engine)}"

    def _keep_content_only(self, files: Files, config: MkDocsConfig, result: CheckResult) -> None:
        """Of what MkDocs found in its docs folder, keep editorial pages and allowlisted assets: a
        `.markdown` page, an `.html` or `.js` file, a file at a generated path is not published,
        even by a build that is not strict (which has already logged why). Story files become
        generated pages; the check decides which of their assets are published."""
        docs = os.path.normpath(config.docs_dir) + os.sep
        # Collections whose folder lies inside docs_dir (the stories, `content/recits/`), as docs_dir paths.
        inside = tuple(c.folder.split("/", 1)[1] + "/" for c in COLLECTIONS.values() if c.folder.startswith(EDITORIAL_FOLDER + "/"))
        assets = {asset.src_uri for asset in result.assets}
        # A page whose structure the check refused (E202) would recurse or stall the engine.
        unconvertible = {issue.path for issue in result.issues if issue.code == "E202"}
        for file in list(files):
            if file.abs_src_path is None or not os.path.normpath(file.abs_src_path).startswith(docs):
                continue  # added by another plugin
            if file.src_uri.startswith(inside):
                keep = file.src_uri in assets
            else:
                keep = published_editorial(file.src_uri) and (file.src_uri.endswith(".md") or file.src_uri in assets)
                keep = keep and f"content/{file.src_uri}" not in unconvertible
            if not keep:
                files.remove(file)

    @event_priority(50)
    def _mount_assets(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Assets stored beside entries (allowlisted types, found by the check) are published under the collection's URL."""
        assert self.result is not None
        for asset in self.result.assets:
            if asset.rel.startswith(EDITORIAL_FOLDER + "/"):
                continue  # already inside docs_dir
            if files.get_file_from_path(asset.src_uri) is None:
                files.append(File.generated(config, asset.src_uri, abs_src_path=asset.path))
        return files

    @event_priority(50)
    def _mount_data(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Open-data exports, the feed and the Explorer's list are files of the site like any other, so
        links to them are checked and the audit knows them."""
        assert self.result is not None
        started = time.perf_counter()
        site_url = config.site_url or ""
        records = search_records(self.result.catalogue)
        self.records = {record.url: record for record in records}
        data: dict[str, bytes] = {EXPLORER_DATA: explorer_json(records)}
        if self.config.exports:
            data.update({f"donnees/{rel}": content for rel, content in export_files(self.result.catalogue, site_url).items()})
        if self.config.feed:
            data["flux.xml"] = render_feed(self.result.catalogue, site_url, self.config.feed_title, config.site_description or "")
        for src_uri, content in data.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, src_uri, content=content))
        log.info("mesbox: %d pages prévues, données ouvertes écrites en %.2f s", len(self.planned), time.perf_counter() - started)
        return files

    @event_priority(50)
    def _mount_admin(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The web editor at admin/: its page, its configuration generated from the models and
        vocabularies, and its script copied from the repository's npm packages (no CDN)."""
        assert self.result is not None
        if not self.config.admin:
            return files
        repo = github_repo(config.repo_url or "")
        try:
            if not repo:
                raise EditorUnavailable("repo_url n'est pas un dépôt GitHub")
            editor = editor_files(self.root / self.config.admin_script)
        except EditorUnavailable as reason:
            log.info("mesbox: éditeur en ligne (admin/) non publié : %s", reason)
            return files
        page = ADMIN_PAGE.replace("{{ site_name }}", str(escape(config.site_name or "")))
        cms = config_yaml(
            cms_config(self.result.catalogue, repo, self.config.edit_branch, config.site_url or "", self.config.admin_auth or "")
        )
        for rel, content in {"index.html": page, "config.yml": cms, **editor.texts}.items():
            files.append(File.generated(config, f"admin/{rel}", content=content))
        for rel, path in editor.copies.items():
            files.append(File.generated(config, f"admin/{rel}", abs_src_path=str(path)))
        return files

    @event_priority(50)
    def _index_hubs(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The hub pages (terms, audiences, listings) go to the index program right away; each entry goes
        in with its page's text, as it is converted."""
        if self.indexer is not None:
            try:
                for record in self.records.values():
                    if record.hub:
                        self.indexer.add(record)
            except SearchIndexError as error:
                raise PluginError(f"mesbox : index de recherche : {error}") from None
        return files

    def _stop_search_index(self) -> None:
        if self.indexer is not None:
            self.indexer.close()
            self.indexer = None

    on_files = CombinedEvent(_start_programs, _check_repository, _register_pages, _mount_assets, _mount_data, _mount_admin, _index_hubs)

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A generated page's source, handed over when the engine reaches the page.

        A full build renders every source at the first request, in a row: between two pages, a Markdown
        conversion would evict mesbox's templates and the catalogue from the processor's caches (2 000
        entries: 1.07 to 1.54 s page by page, 0.67 to 0.90 s in a row). The sources then wait in memory,
        as the engine keeps each page's Markdown until the end of the build anyway. A dirty build (the
        preview) renders only the pages the engine asks for: those that changed."""
        src_uri = page.file.src_uri
        planned = self.planned.get(src_uri)
        if planned is None:
            return None
        started = time.perf_counter()
        if self.ahead is None:
            self.ahead = {} if self.dirty else {uri: plan.render() for uri, plan in self.planned.items()}
        ahead = self.ahead  # rendered ahead; a dirty build, or a page asked for twice, renders it now
        source = self.generated[src_uri] = ahead.pop(src_uri) if src_uri in ahead else planned.render()
        self.rendering += time.perf_counter() - started
        return source.content

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav_urls = set()
        items = list(nav.items)
        while items:
            item = items.pop()
            url = getattr(item, "url", None)
            if isinstance(url, str):
                self.nav_urls.add(url)
            items.extend(getattr(item, "children", None) or [])
        sections.adopt(nav, files)
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """The theme's templates get the contact link (footer, 404 page) as `mesbox_contact`; while
        serving, their compiled code is kept from one build to the next (`rendering.templatecache`)."""
        env.globals["mesbox_contact"] = self.contact
        if self.serving:
            env.bytecode_cache = self.compiled
        self.files = files
        # The theme's scripts, the site's own (extra_javascript) and the web editor's, which mesbox mounts at admin/.
        scripts = {"assets/javascripts/", "admin/", *(str(getattr(item, "path", item)).lstrip("/") for item in config.extra_javascript)}
        base = urlsplit(config.site_url or "").path or "/"
        self.allowed = Allowed(self.theme_scripts, frozenset(scripts), base if base.endswith("/") else base + "/")
        self._allow_scripts()
        self._finish_pages()
        self._write_search_index(config)
        # What the cached parts link to: the nav's pages, and the Explorer (the header's search box).
        navcache.install(env, navcache.NavCache(self.nav_urls | {EXPLORER_URL}, keep=self.config.cache_nav))
        return env

    def _allow_scripts(self) -> None:
        """The audit program learns what the site may load once every plugin has set it (`allowed`)."""
        if self.auditor is not None:
            started = time.perf_counter()
            self.auditor.allow(self.allowed.script_paths, self.allowed.base)
            self.auditing += time.perf_counter() - started

    def _stop_audit(self) -> None:
        if self.auditor is not None:
            self.auditor.close()
            self.auditor = None
        self.last_output = None

    def _generated_meta(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's metadata, handed over as it is rather than as front matter for MkDocs to parse
        (its YAML reader, in pure Python, took 0.1 to 0.25 s on 2 000 entries); first, so that any plugin's
        `on_page_markdown` sees it."""
        source = self.generated.get(page.file.src_uri)
        if source is not None:
            page.meta = source.meta
        return markdown

    def _render_wikilinks(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Editorial pages may link entries with `[[id]]` too (generated pages already carry links)."""
        if self.result is None or page.file.src_uri in self.generated:  # generated pages carry their links
            return markdown
        # Themes write front-matter values into HTML as they are (<title>, <meta>, the nav): escape them here.
        page.meta = escape_values(page.meta)
        return render_wikilinks(markdown, self.result.catalogue, lambda target: relative(page.url, target))

    def _start_timer(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Last before the engine converts the page: from here, the conversion is bounded in time."""
        self.timer.start(page.file.src_uri)
        return markdown

    on_page_markdown = CombinedEvent(event_priority(100)(_generated_meta), _render_wikilinks, event_priority(-100)(_start_timer))

    def _stop_timer(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.timer.stop()
        return html

    def _sanitize_headings(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The table of contents and a title taken from the first heading are HTML from the content: sanitised
        now. The page's HTML waits for the next pages (`_send_pages`), the last ones for on_env."""
        started = time.perf_counter()
        if page.toc is not None:
            _sanitize_toc(page.toc, self.toc_titles)
        if page.file.src_uri not in self.generated and "title" not in page.meta and page.title:  # HTML text
            page.meta["title"] = escape_text(unescape(page.title))
        self.sanitizing += time.perf_counter() - started
        if len(self.converted) >= SANITISED_TOGETHER:  # pages whose content MkDocs has set: not this one yet
            self._send_pages()
        self.converted.append(page)
        return html

    def _send_pages(self) -> None:
        """Hand what Markdown made of the content of the pages converted since the last call (with the links
        of their bodies) to the sanitiser's thread, and finish the batches it is done with. nh3 lets go of
        the interpreter while it works: it sanitises on the other core while MkDocs converts the next pages
        (2 000 entries: 0.28 s less on MkDocs' thread). It runs on `SANITISED_TOGETHER` pages in a row, three
        times faster than between two Markdown conversions (its memory stays warm)."""
        if self.converted:
            started = time.perf_counter()
            if self.sanitizer is None:
                self.sanitizer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mesbox-sanitizer")
            fragments = [self._linked(page) for page in self.converted]
            self.batches.append((self.converted, fragments, self.sanitizer.submit(_sanitized, fragments)))
            self.converted = []
            self.sanitizing += time.perf_counter() - started
        while self.batches and self.batches[0][2].done():
            pages, _, done = self.batches.pop(0)
            self._finish_batch(pages, self._beside(done))

    def _finish_pages(self) -> None:
        """Every page is converted (on_env): the batches the sanitiser's thread has not started, and the last
        pages, are sanitised here while it finishes the one it is on (nh3 lets go of the interpreter: both
        run at once), rather than waited for; then every batch is finished and the thread stopped."""
        running = []
        for pages, fragments, future in self.batches:
            if future.cancel():
                self._finish_batch(pages, self._sanitized_here(fragments))
            else:
                running.append((pages, future))
        if self.converted:
            self._finish_batch(self.converted, self._sanitized_here([self._linked(page) for page in self.converted]))
        for pages, future in running:
            self._finish_batch(pages, self._beside(future))
        self.converted = []
        self._stop_sanitizer()

    def _stop_sanitizer(self) -> None:
        if self.sanitizer is not None:
            self.sanitizer.shutdown(wait=True, cancel_futures=True)
            self.sanitizer = None
        self.batches = []

    def _sanitized_here(self, fragments: list[str]) -> list[str]:
        """Fragments sanitised on MkDocs' thread (counted as its time)."""
        started = time.perf_counter()
        contents = _sanitized(fragments)[0]
        self.sanitizing += time.perf_counter() - started
        return contents

    def _beside(self, sanitized: Future[tuple[list[str], float]]) -> list[str]:
        """What the sanitiser's thread made of a batch (waiting for it, if it is not done yet)."""
        started = time.perf_counter()
        contents, seconds = sanitized.result()
        self.sanitizing += time.perf_counter() - started
        self.sanitized_beside += seconds
        return contents

    def _finish_batch(self, pages: list[Page], contents: list[str]) -> None:
        """Put the generated HTML blocks back in the sanitised pages (mesbox's own, escaped by Jinja: they skip
        the Markdown parser, which is slow on large HTML) and hand each entry's text to the search index,
        which still gets the records while MkDocs converts the next pages."""
        for page, html in zip(pages, contents, strict=True):
            source = self.generated.get(page.file.src_uri)
            if source is not None:
                html = source.fill(html)
            entry = self.entries.get(page.url)
            if self.indexer is not None and entry is not None:  # "Voir aussi" and the like are not in yet
                self._index_entry(entry, html)
            page.content = self._preview_notices(page, source) + html if self.serving else html

    def _linked(self, page: Page) -> str:
        """A generated page's HTML with the body's links in place of their tokens (before the sanitiser)."""
        source = self.generated.get(page.file.src_uri)
        return source.linked(page.content or "") if source is not None else page.content or ""

    def _index_entry(self, entry: Entry, html: str) -> None:
        """Hand an entry's record and its page's HTML to the index program (once: it takes the text out of
        it), and keep the HTML for the next dirty build."""
        assert self.indexer is not None and self.result is not None
        self.bodies[entry.url] = html
        if entry.url not in self.indexed:
            self.indexed.add(entry.url)
            try:
                self.indexer.add(self.records[entry.url], html)
            except SearchIndexError as error:
                raise PluginError(f"mesbox : index de recherche : {error}") from None

    def _write_search_index(self, config: MkDocsConfig) -> None:
        """Every page is converted (on_env comes next): the index program writes its files while MkDocs writes the pages."""
        if self.indexer is None:
            return
        for url, entry in self.entries.items():  # pages a dirty build did not convert: their last text
            if url not in self.indexed:
                self._index_entry(entry, self.bodies.get(url, ""))
        self.indexer.write_soon(Path(config.site_dir))

    def _preview_notices(self, page: Page, source: PageSource | None) -> str:
        """What a preview adds above a page: its file's errors, and the draft notice."""
        src_uri = page.file.src_uri
        if src_uri in self.preview_pages:  # the error pages already say it all
            return ""
        path = source.edit_path if source is not None else None
        if path is None and page.file.abs_src_path:
            try:
                path = Path(page.file.abs_src_path).resolve().relative_to(self.root).as_posix()
            except ValueError:
                path = None
        found = self.issues.get(path or "", [])
        notices = banner(found, page.url) if found else ""
        if page.url == EXPLORER_URL and self.config.search_index:
            notices += search_notice()
        return (draft_banner() if src_uri in self.drafts else "") + notices

    on_page_content = CombinedEvent(event_priority(100)(_stop_timer), _sanitize_headings)

    def on_build_error(self, *, error: Exception) -> None:
        self.timer.stop()
        self.incremental.reset()  # what the site folder holds is unknown: the next build rebuilds it all
        self.bodies = {}
        self._stop_search_index()
        self._stop_audit()
        self._stop_sanitizer()

    def _fill_late(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """ "Voir aussi" and "Cité par" go in last: they guide readers but are not what a search should find."""
        source = self.generated.get(page.file.src_uri)
        return source.fill(output, late=True) if source is not None else output

    def _add_policy(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """After every other plugin: the policy hashes the page's inline scripts as they will be served."""
        return with_policy(output, self.theme_scripts)

    def _audit_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """MkDocs writes the page once every plugin has it: the audit program reads it when the next comes."""
        self._hand_over(page.file.dest_uri)
        return output

    def _hand_over(self, rel: str) -> None:
        """The page written before this one goes to the audit program, and the search index once its program
        has written it (while MkDocs writes the pages): the pass over the site folder at the end skips both."""
        if self.auditor is not None:
            started = time.perf_counter()
            if self.last_output is not None:
                self.auditor.written(self.last_output)
            self.last_output = rel
            if not self.index_audited and self.indexer is not None and self.indexer.written:
                self.index_audited = True
                self.auditor.written_folder(FOLDER)
            self.auditing += time.perf_counter() - started

    on_post_page = CombinedEvent(_fill_late, event_priority(-100)(_add_policy), event_priority(-110)(_audit_page))

    def _template_policy(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Pages written from a bare template (the 404 page) get their policy too."""
        return with_policy(output_content, self.theme_scripts) if template_name.endswith(".html") else output_content

    def _audit_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Templates are written at their own name in the site (404.html, sitemap.xml)."""
        if template_name.lower().endswith(AUDITED):
            self._hand_over(template_name)
        return output_content

    on_post_template = CombinedEvent(event_priority(-100)(_template_policy), event_priority(-110)(_audit_template))

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        source = self.generated.get(page.file.src_uri)
        if source is not None:
            path = source.edit_path
            repo = (config.repo_url or "").rstrip("/")
            page.edit_url = f"{repo}/edit/{self.config.edit_branch}/{path}" if path and repo else None
        if page.is_homepage and self.result is not None:  # the home page's "Nouveautés"
            context["mesbox_latest"] = latest_entries(self.result.catalogue)  # type: ignore[typeddict-unknown-key]  # read by our template
        return context

    def _fold_in_memory(self, *, config: MkDocsConfig) -> None:
        """Fold accents in the theme's search index before it is written (Material keeps its entries
        in `search_index.entries`): no second reading and writing of a file of several megabytes."""
        self.folded = False
        if not self.config.fold_search:
            return
        for plugin in config.plugins.values():
            entries = getattr(getattr(plugin, "search_index", None), "entries", None)
            if isinstance(entries, list) and all(isinstance(entry, dict) for entry in entries[:1]):
                fold_search_index({"docs": entries})
                self.folded = True
                if self.dirty and self.files is not None:  # the pages not rebuilt keep their entries
                    pages = [(f.page.url, f.is_modified()) for f in self.files.documentation_pages(inclusion=self._inclusion) if f.page]
                    self.search = self.incremental.merge_search(entries, pages)
                return

    def _inclusion(self, level: InclusionLevel) -> bool:
        """Which files this build writes: drafts of the docs folder only while serving, as MkDocs does."""
        return level.is_in_serve() if self.serving else level.is_included()

    def _finish(self, *, config: MkDocsConfig) -> None:
        log.info("mesbox: sources des pages écrites en %.2f s", self.rendering)
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self.dirty and self.files is not None:
            if self.search is not None and index.is_file():
                self.incremental.rewrite_search(index, self.search)
            self.search = None
            outputs = {f.abs_dest_path for f in self.files if self._inclusion(f.inclusion)}
            self.incremental.commit(os.path.normpath(config.site_dir), outputs)
        if self.config.fold_search and not self.folded and index.is_file():  # another search plugin: fold its file
            data = json.loads(index.read_text(encoding="utf-8"))
            index.write_text(json.dumps(fold_search_index(data), ensure_ascii=False), encoding="utf-8")
        if self.config.search_index and self.preview_search.ready:  # a preview's saves keep its first index
            self.preview_search.restore(Path(config.site_dir))
        elif self.indexer is not None:
            started = time.perf_counter()
            indexer, self.indexer = self.indexer, None
            try:
                count = indexer.finish()
            except SearchIndexError as error:
                raise PluginError(f"mesbox : index de recherche : {error}") from None
            log.info(
                "mesbox: index de recherche de %d pages : fin de l'écriture attendue %.2f s",
                count,
                time.perf_counter() - started,
            )
            if self.serving:
                self.preview_search.keep(Path(config.site_dir))

    def _known(self, config: MkDocsConfig) -> Known:
        """What this build wrote through a known source: MkDocs' files (pages, the theme's and the docs
        folder's files, mesbox's generated pages and data), the theme's templates, the search index's folder, and
        the theme's search index when its plugin is on."""
        paths = {f.dest_uri for f in self.files or () if self._inclusion(f.inclusion)}
        templates = [*config.theme.static_templates, *config.extra_templates]
        paths.update(templates, ["sitemap.xml.gz"] if "sitemap.xml" in templates else [])
        folders = [FOLDER + "/"] if self.config.search_index else []
        if any(name.rsplit("/", 1)[-1] == "search" for name in config.plugins):
            folders.append("search/")
        return Known(frozenset(paths), tuple(folders))

    def _audit(self, *, config: MkDocsConfig) -> None:
        """Last of all: every HTML, SVG and XML file of the site is parsed (pages were, as they were written),
        and every file must come from a known source; a finding fails the build, strict or not."""
        started = time.perf_counter()
        site, known = Path(config.site_dir), self._known(config)
        if self.auditor is None:  # a dirty build audits again only what it wrote (and what an earlier audit did not find clean)
            findings = self.audited.audit(site, self.allowed) + unknown_files(site, known)
            beside = 0.0
        else:
            auditor, last = self.auditor, self.last_output
            self.auditor, self.last_output = None, None
            try:
                if last is not None:
                    auditor.written(last)
                findings = auditor.finish(known)
            except AuditProgramError as error:
                raise PluginError(f"mesbox : audit du site : {error}") from None
            finally:
                auditor.close()
            beside = auditor.seconds  # its processor time, beside MkDocs
        # On MkDocs' thread: what the build waits for. Beside it: the sanitiser's thread and the audit program.
        log.info(
            "mesbox: contenu assaini en %.2f s, site audité en %.2f s sur le fil de MkDocs "
            "(à côté : assainissement %.2f s, programme d'audit %.2f s de processeur)",
            self.sanitizing,
            self.auditing + time.perf_counter() - started,
            self.sanitized_beside,
            beside,
        )
        if findings:
            listed = "\n".join(f"  {finding}" for finding in findings[:50])
            more = f"\n  … et {len(findings) - 50} autres" if len(findings) > 50 else ""
            raise PluginError(
                f"mesbox : l'audit du site a trouvé {len(findings)} élément(s) "
                f"qui pourraient exécuter du code ou qu'aucune source connue n'a écrits :\n{listed}{more}"
            )

    # Before the search plugin writes its index, then after every other plugin is done, then the audit.
    on_post_build = CombinedEvent(event_priority(100)(_fold_in_memory), event_priority(-100)(_finish), event_priority(-110)(_audit))

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for folder in ("taxonomies", *(c.folder for c in COLLECTIONS.values())):
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server
