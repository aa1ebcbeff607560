"""Page sources rendered from the catalogue alone, without any site engine."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
from conftest import replace
from markupsafe import Markup

from mesbox.checking.checker import check
from mesbox.contract.registry import TAXONOMIES
from mesbox.rendering.pages import PageSource, SiteRenderer, SiteSettings, french_date, joined, markdown_heading, term_rows
from mesbox.rendering.site import site_pages


def pages_by_url(root: Path) -> dict[str, str]:
    result = check(root)
    assert result.ok, [str(i) for i in result.issues]
    return {page.url: page.inline() for page in site_pages(result.catalogue, SiteSettings(site_url="https://exemple.org/"))}


def test_one_page_per_published_entry_and_none_for_drafts(valid_repo: Path) -> None:
    pages = pages_by_url(valid_repo)
    for url in (
        "fiches/initiative-solidaire/",
        "fiches/organiser-une-visite/",
        "monographies/visite-colombelles/",
        "recits/recit-plateau/",
        "grilles/grille-commune/",
    ):
        assert url in pages
    assert "fiches/brouillon/" not in pages
    assert not any("brouillon" in content for content in pages.values())


def test_every_contract_url_family_is_generated(valid_repo: Path) -> None:
    pages = pages_by_url(valid_repo)
    for url in (
        "fiches/",
        "monographies/",
        "recits/",
        "grilles/",
        "themes/",
        "methodes/",
        "territoires/",
        "acteurs/",
        "themes/emploi/",
        "methodes/visite-apprenante/",
        "territoires/calvados/",
        "acteurs/ardes/",
        "grilles/grille-commune/analyse/",
    ):
        assert url in pages, url


def test_entry_page_has_type_card_licence_see_also_and_cited_by(valid_repo: Path) -> None:
    pages = pages_by_url(valid_repo)
    page = pages["fiches/initiative-solidaire/"]
    assert "Fiche thématique" in page and "n° 2.1" in page
    assert 'rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr"' in page
    assert 'href="../../themes/economie-solidaire/"' in page
    cited = page.split("## Cité par", 1)[1]
    assert 'href="../../monographies/visite-colombelles/"' in cited
    # Every entry sharing a term with the sheet cites it or is the path through it: no "Voir aussi" to show.
    assert "## Voir aussi" not in page
    # The wiki link became an ordinary relative link to the method sheet.
    assert '<a href="../../fiches/organiser-une-visite/">organiser une visite</a>' in page
    monograph = pages["monographies/visite-colombelles/"]
    see_also = monograph.split("## Voir aussi", 1)[1].split("## Cité par", 1)
    assert 'href="../../fiches/initiative-solidaire/"' in see_also[0] and 'href="../../recits/recit-plateau/"' in see_also[1]


def test_entry_card_links_its_terms_in_their_order(valid_repo: Path) -> None:
    """Each term a chip linking its page, in the entry's order, one space between (rendered once per page depth)."""
    pages = pages_by_url(valid_repo)
    chips = (
        '<dd><a class="mesbox-chip" href="../../themes/economie-solidaire/">Économie solidaire</a> '
        '<a class="mesbox-chip" href="../../themes/cooperation/">Coopération</a></dd>'
    )
    assert chips in pages["fiches/initiative-solidaire/"]
    assert '<a class="mesbox-chip" href="../../territoires/normandie/">Normandie</a></dd>' in pages["fiches/initiative-solidaire/"]


def test_joined_keeps_markup_and_escapes_text() -> None:
    """A listing's items side by side: rendered HTML as it is, anything else escaped."""
    item = lambda value: Markup(f"<li>{value}</li>") if value.isalnum() else value
    assert joined(["a", "b"], item) == "<li>a</li><li>b</li>"
    assert joined(["a", "<b>"], item) == "<li>a</li>&lt;b&gt;"
    assert joined([], item) == "" and isinstance(joined([], item), Markup)


def test_front_matter_is_json_with_jsonld(valid_repo: Path) -> None:
    page = pages_by_url(valid_repo)["fiches/organiser-une-visite/"]
    front = json.loads(page.split("---\n", 2)[1])
    assert front["title"] == "Organiser une visite apprenante"
    assert front["description"] == "Préparer, conduire et restituer une visite d&#39;apprentissage entre pairs."
    data = json.loads(front["mesbox_jsonld"])
    assert data["@type"] == "LearningResource"
    assert data["license"].startswith("https://creativecommons.org/licenses/by/4.0/")
    assert data["dateModified"] == "2026-03-01"
    assert data["url"] == "https://exemple.org/fiches/organiser-une-visite/"


def test_hostile_front_matter_is_escaped_everywhere(valid_repo: Path) -> None:
    hostile = '<script>alert("x")</script> & <b>gras</b>'
    replace(valid_repo, "fiches/methodes/organiser-une-visite.md", "title: Organiser une visite apprenante", f"title: '{hostile}'")
    pages = pages_by_url(valid_repo)
    assert not any("<script>alert" in content for content in pages.values())
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt;" in pages["fiches/"]
    jsonld = json.loads(pages["fiches/organiser-une-visite/"].split("---\n", 2)[1])["mesbox_jsonld"]
    assert "<" not in jsonld and "\\u003cscript" in jsonld


def test_territory_page_includes_child_territories(valid_repo: Path) -> None:
    pages = pages_by_url(valid_repo)
    normandie = pages["territoires/normandie/"]
    for url in ("monographies/visite-colombelles/", "recits/recit-plateau/", "fiches/initiative-solidaire/"):
        assert f'href="../../{url}"' in normandie
    assert "Territoires inclus" in normandie and "Calvados" in normandie


def test_unused_term_says_so_and_invites_contribution(valid_repo: Path) -> None:
    culture = pages_by_url(valid_repo)["themes/culture/"]
    assert "Aucune entrée publiée ne porte encore ce terme" in culture
    assert 'href="../../contribuer/"' in culture


def test_grid_analysis_crosses_monographs_and_dimensions(valid_repo: Path) -> None:
    analysis = pages_by_url(valid_repo)["grilles/grille-commune/analyse/"]
    assert analysis.count('<th scope="col">') == 3  # Monographie + 2 dimensions
    assert 'href="../../../monographies/visite-colombelles/#dimension-cooperation"' in analysis
    assert "Les acteurs se sont réunis autour" in analysis


def test_listings_sort_in_french_order(valid_repo: Path) -> None:
    themes = pages_by_url(valid_repo)["themes/"]
    labels = re.findall(r'<a href="../themes/[a-z-]+/">([^<]+)</a>', themes)
    assert labels == ["Coopération", "Culture", "Économie solidaire", "Emploi"]


def test_territory_overview_has_accessible_map_and_list(valid_repo: Path) -> None:
    overview = pages_by_url(valid_repo)["territoires/"]
    assert "<svg" in overview and 'aria-label="Calvados' in overview
    assert overview.index("<svg") < overview.index('class="mesbox-terms"')


def test_territory_codes_are_named_for_readers(valid_repo: Path) -> None:
    """A commune's code says what it is; no bare « INSEE / SIREN », no package name under the map."""
    pages = pages_by_url(valid_repo)
    colombelles, normandie = pages["territoires/colombelles/"], pages["territoires/normandie/"]
    assert "Code officiel de la commune (Insee)" in colombelles and "14167" in colombelles
    assert "Code officiel de la région (Insee)" in normandie
    assert not [url for url, page in pages.items() if "INSEE / SIREN" in page or "npm" in page]


def test_entry_src_uri_keeps_subfolder_and_edit_path(valid_repo: Path) -> None:
    result = check(valid_repo)
    page = SiteRenderer(result.catalogue).entry_page(result.catalogue.entries["organiser-une-visite"])
    assert page.src_uri == "fiches/methodes/organiser-une-visite.md"
    assert page.url == "fiches/organiser-une-visite/"
    assert page.edit_path == "fiches/methodes/organiser-une-visite.md"


def test_entry_card_shows_the_period_apart_from_publication(valid_repo: Path) -> None:
    replace(valid_repo, "fiches/methodes/organiser-une-visite.md", "kind: methode", "kind: methode\nperiod: 2021-04/2022-03")
    replace(valid_repo, "fiches/initiative-solidaire.md", "kind: thematique", "kind: thematique\nperiod: 2017-11-29")
    pages = pages_by_url(valid_repo)
    assert "<dt>Période couverte</dt>\n<dd>d'avril 2021 à mars 2022</dd>" in pages["fiches/organiser-une-visite/"].replace("&#39;", "'")
    assert '<dd><time datetime="2017-11-29">29 novembre 2017</time></dd>' in pages["fiches/initiative-solidaire/"]
    assert "Période couverte" not in pages["monographies/visite-colombelles/"]


def test_french_date() -> None:
    import datetime

    assert french_date(datetime.date(2026, 11, 1)) == "1er novembre 2026"
    assert french_date(datetime.date(2022, 8, 24)) == "24 août 2022"


def _converted(page: PageSource) -> str:
    """The page's Markdown as an engine renders it (front matter left out), links put in."""
    body = page.content.split("\n---\n", 1)[1] if page.content.startswith("---\n") else page.content
    return page.linked(markdown.markdown(body, extensions=["attr_list", "toc"]))


def test_generated_html_waits_in_blocks_outside_markdown(valid_repo: Path) -> None:
    result = check(valid_repo)
    page = SiteRenderer(result.catalogue).entry_page(result.catalogue.entries["initiative-solidaire"])
    # Neither the blocks nor any placeholder of them is Markdown: the engine reads none of it.
    assert "<dl" not in page.content and "<h1" not in page.content and "<!--" not in page.content
    early = page.fill(_converted(page))
    # The first run goes before the body (breadcrumb, title, print head, card); each other run follows its heading.
    assert early.startswith(
        '<!--mesbox:block:0-->\n<h1>Qu&#39;est-ce qu&#39;une initiative solidaire ?</h1>\n<div class="mesbox-entry-header">'
    )
    assert re.search(r'<h2 id="sources">Sources</h2>\n<ul class="mesbox-sources">', early)
    assert re.search(r'<h2 data-search-exclude id="cite-par">Cité par</h2>\n<!--mesbox:block:[0-9]+-->$', early)
    assert "mesbox-blocks-" not in early
    # The breadcrumb, the printed address, the card and the late sections wait for the search index.
    assert "<dl" not in early and "mesbox-breadcrumb" not in early and "mesbox-print-head" not in early
    late = page.fill(early, late=True)
    assert '<dl class="mesbox-meta">' in late and "mesbox-breadcrumb" in late and "mesbox-print-head" in late
    assert "<!--mesbox:block" not in late
    inline = page.inline()
    assert "<!--mesbox:block" not in inline and "mesbox-blocks-" not in inline and '<dl class="mesbox-meta">' in inline
    assert inline.index("## Sources\n\n<ul") < inline.index("## Cité par {: data-search-exclude }\n\n<")


def test_a_run_follows_only_the_last_heading_marked_with_its_number_and_is_never_dropped(valid_repo: Path) -> None:
    result = check(valid_repo)
    page = SiteRenderer(result.catalogue).entry_page(result.catalogue.entries["initiative-solidaire"])
    converted = _converted(page)
    # A body's mark (a character reference the sanitiser decodes) comes before mesbox's headings: only removed.
    forged = page.fill('<h2 class="mesbox-blocks-1" id="faux">Faux</h2>\n<p>corps</p>\n' + converted)
    assert forged.count('<ul class="mesbox-sources">') == 1 and '<h2 id="faux">Faux</h2>\n<p>corps</p>' in forged
    assert forged.index('<ul class="mesbox-sources">') > forged.index('<h2 id="sources">Sources</h2>')
    # Headings swallowed as text by an HTML block left open: their runs go at the end of the page.
    swallowed = page.fill(re.sub(r'<h2 class="mesbox-blocks-[0-9]+"[^>]*>.*?</h2>', "", converted))
    assert swallowed.count('<ul class="mesbox-sources">') == 1 and swallowed.endswith("<!--mesbox:block:6-->")
    assert swallowed.index("<!--mesbox:block:5-->") < swallowed.index("<!--mesbox:block:6-->")


def test_section_titles_are_markdown_headings(valid_repo: Path) -> None:
    """The `toc` extension writes their ids and permalinks; the late sections' titles stay out of search."""
    result = check(valid_repo)
    page = SiteRenderer(result.catalogue).entry_page(result.catalogue.entries["initiative-solidaire"])
    headings = [line for line in page.content.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Sources {: .mesbox-blocks-1 }",
        "## Parcours qui passent par cette entrée {: .mesbox-blocks-2 data-search-exclude }",
        "## Cité par {: .mesbox-blocks-3 data-search-exclude }",
    ]


def test_dimension_headings_carry_their_anchor_and_escaped_title(valid_repo: Path) -> None:
    result = check(valid_repo)
    renderer = SiteRenderer(result.catalogue)
    monograph = renderer.entry_page(result.catalogue.entries["visite-colombelles"]).content
    assert "## Lecture selon la grille\n\n### " in monograph
    assert re.search(r"^### .+ \{: \.mesbox-blocks-[0-9]+ #dimension-cooperation \}$", monograph, re.MULTILINE)


def test_markdown_text_reads_as_text_whatever_the_extensions() -> None:
    import markdown

    title = "A & <b>B</b> *c* {: #x} [l](javascript:x) ~~d~~ 1. \\"
    html = markdown.markdown(markdown_heading(3, title, anchor="dimension-a"), extensions=["attr_list", "toc", "pymdownx.tilde"])
    assert html.startswith('<h3 id="dimension-a">') and "<b>" not in html and "<a" not in html and "<em" not in html and "<del" not in html
    from html import unescape

    assert unescape(re.sub(r"<[^>]+>", "", html)) == title


def _h2(page: str) -> list[str]:
    return re.findall(r'<h2 id="[^"]+">([^<]+?) <span class="mesbox-count">\((\d+)\)</span></h2>', page)


def test_territory_page_opens_with_its_monographs_and_stories(valid_repo: Path) -> None:
    """The monograph and the story answer "what happened there": they come before the fiches, as cards."""
    normandie = pages_by_url(valid_repo)["territoires/normandie/"]
    assert _h2(normandie) == [("Monographies", "1"), ("Récits de territoire", "1"), ("Fiches thématiques", "1")]
    lead = normandie.split("Récits de territoire", 1)[0]
    assert 'class="mesbox-cards"' in lead and 'href="../../monographies/visite-colombelles/"' in lead
    assert normandie.index("visite-colombelles") < normandie.index("initiative-solidaire/")


def test_method_page_opens_with_its_method_sheet(valid_repo: Path) -> None:
    """A case that used the method comes after the sheet that describes it."""
    method = pages_by_url(valid_repo)["methodes/visite-apprenante/"]
    assert _h2(method) == [("Fiches méthode", "1"), ("Monographies", "1")]
    assert method.index("fiches/organiser-une-visite/") < method.index("monographies/visite-colombelles/")


def test_entry_without_citing_entries_has_no_cited_by_section(valid_repo: Path) -> None:
    """No empty section: the story is cited by nobody, so it has no "Cité par" heading at all."""
    story = pages_by_url(valid_repo)["recits/recit-plateau/"]
    assert "Cité par" not in story and "mesbox-cited-by" not in story


def test_audience_index_and_pages(valid_repo: Path) -> None:
    """/publics/ lists the audiences that have entries, with counts; every audience has its page."""
    pages = pages_by_url(valid_repo)
    overview = pages["publics/"]
    assert re.findall(r'<a href="../publics/([a-z-]+)/">([^<]+)</a>', overview) == [
        ("elus", "Élus et élues"),
        ("citoyens", "Citoyens et citoyennes"),
    ]
    assert "chercheurs" not in overview
    elus = pages["publics/elus/"]
    assert _h2(elus) == [("Fiches thématiques", "1")] and 'href="../../fiches/initiative-solidaire/"' in elus
    assert "Aucune entrée publiée" in pages["publics/chercheurs/"] and 'href="../../contribuer/"' in pages["publics/chercheurs/"]
    sheet = pages["fiches/initiative-solidaire/"]
    assert '<a class="mesbox-chip" href="../../publics/elus/">Élus et élues</a>' in sheet


def _trail(page: str) -> list[tuple[str, str]]:
    crumbs = page.split('<nav class="mesbox-breadcrumb" aria-label="Fil d’Ariane">', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]*)">([^<]+)</a>', crumbs)


def test_breadcrumbs_on_entries_terms_analyses_and_audiences(valid_repo: Path) -> None:
    """Every generated page below a tab says where it sits, with relative links, above its title."""
    pages = pages_by_url(valid_repo)
    assert _trail(pages["fiches/organiser-une-visite/"]) == [
        ("../../", "Accueil"),
        ("../../fiches/", "Fiches"),
        ("../../fiches/#fiches-methode", "Fiches méthode"),
    ]
    assert _trail(pages["monographies/visite-colombelles/"]) == [("../../", "Accueil"), ("../../monographies/", "Monographies")]
    assert _trail(pages["territoires/colombelles/"]) == [
        ("../../", "Accueil"),
        ("../../territoires/", "Territoires"),
        ("../../territoires/normandie/", "Normandie"),
        ("../../territoires/calvados/", "Calvados"),
    ]
    assert _trail(pages["grilles/grille-commune/analyse/"])[-1] == ("../../../grilles/grille-commune/", "Grille commune de questionnement")
    assert _trail(pages["publics/elus/"]) == [("../../", "Accueil"), ("../../publics/", "Publics")]
    sheet = pages["fiches/organiser-une-visite/"]
    assert sheet.index("mesbox-breadcrumb") < sheet.index("<h1>")
    assert 'id="fiches-methode"' in pages["fiches/"]  # the crumb's anchor exists


def test_printed_head_gives_the_address_and_the_citation(valid_repo: Path) -> None:
    """With the site's address known, the printed address is absolute; without it, the page's script writes it."""
    pages = pages_by_url(valid_repo)
    sheet = pages["fiches/organiser-une-visite/"]
    head = sheet.split('<div class="mesbox-print-head">', 1)[1].split("</div>", 1)[0]
    assert '<span class="mesbox-print-head__url">https://exemple.org/fiches/organiser-une-visite/</span>' in head
    assert "Pour citer : « Organiser une visite apprenante », Équipe éditoriale, boîte à outils du MES, 2026, CC-BY-4.0." in head
    assert "https://exemple.org/grilles/grille-commune/analyse/</span>" in pages["grilles/grille-commune/analyse/"]
    result = check(valid_repo)
    bare = SiteRenderer(result.catalogue).entry_page(result.catalogue.entries["organiser-une-visite"])
    assert '<span class="mesbox-print-head__url" data-mesbox-here>/fiches/organiser-une-visite/</span>' in bare.inline()


def test_analysis_reads_dimension_by_dimension_too(valid_repo: Path) -> None:
    """Beside the table, each dimension gets its block with every monograph's answer (phones, paper); an
    unanswered dimension says so and links to the monograph, not to a section it does not have."""
    analysis = pages_by_url(valid_repo)["grilles/grille-commune/analyse/"]
    assert 'role="region" aria-labelledby="tableau-titre" tabindex="0"' in analysis
    blocks = analysis.split('id="dimension-par-dimension"', 1)[1]
    assert re.findall(r"<h3 id=\"analyse-([a-z-]+)\">", blocks) == ["gouvernance", "cooperation"]
    assert blocks.count("<dt>") == 2 and "Les acteurs se sont réunis autour" in blocks
    gouvernance = blocks.split('id="analyse-cooperation"', 1)[0]
    assert '<dt><a href="../../../monographies/visite-colombelles/">' in gouvernance and "non renseigné" in gouvernance
    assert 'href="../../../monographies/visite-colombelles/#dimension-cooperation"' in blocks


def test_latest_entries_newest_first_updates_count(valid_repo: Path) -> None:
    """An update counts as news; drafts never appear; each item says what it is and when."""
    from mesbox.rendering.pages import latest_entries

    latest = latest_entries(check(valid_repo).catalogue, 3)
    assert [item.url for item in latest] == ["recits/recit-plateau/", "monographies/visite-colombelles/", "fiches/organiser-une-visite/"]
    assert latest[2].when == "Mise à jour : 1er mars 2026" and latest[2].kind == "Fiche méthode" and latest[2].date == "2026-03-01"
    assert latest[0].when == "Publication : 1er avril 2026"


def test_vocabulary_overviews_follow_their_declaration(valid_repo: Path) -> None:
    """Actors are grouped by kind under plural labels (registry `group_by`); territories form a tree."""
    result = check(valid_repo)
    actors = term_rows(result.catalogue, TAXONOMIES["actors"])
    assert actors and all(label is not None and label.endswith(("s", "x")) for label, _ in actors)
    territories = term_rows(result.catalogue, TAXONOMIES["territories"])
    assert [label for label, _ in territories] == [None]
    assert any(depth > 0 for _, _, depth in territories[0][1])  # children sit below their parent
