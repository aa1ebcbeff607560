"""The readers' search index: words, shards, scores, files, and the program that writes them."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mesbox.publishing import searchindex
from mesbox.publishing.programs import start_low
from mesbox.publishing.searchindex import (
    FOLDER,
    PAGES_PER_FILE,
    SHARDS,
    Doc,
    SearchIndexer,
    SearchIndexError,
    fold,
    index_files,
    read_record,
    record_line,
    serve,
    shard,
    stem,
    term_counts,
    terms,
)
from mesbox.rendering.searchtext import SearchRecord

RECORDS = [
    SearchRecord(
        "fiches/cooperer/", "Coopérer entre voisins", "Fiche méthode", "Une page sur la coopération. " * 3, {"Type": ["Fiche méthode"]}
    ),
    SearchRecord(
        "recits/plateau/", "Récit du Plateau", "Récit de territoire", "Les habitants parlent d'économie solidaire.", {"Année": ["2026"]}
    ),
    SearchRecord("themes/economie-solidaire/", "Économie solidaire", "Thème", "Un thème.", {"Type": ["Thème"]}, hub=True),
    SearchRecord(
        "fiches/economie/",
        "Un guide",
        "Fiche thématique",
        "L'économie solidaire, l'économie solidaire encore, et les réseaux de l'économie solidaire.",
        {"Type": ["Fiche thématique"], "Territoire": ["Normandie", "Calvados"]},
    ),
]


def docs(records: list[SearchRecord]) -> list[Doc]:
    return [read_record(json.loads(record_line(record))) for record in records]


def scores(files: dict[str, bytes], term: str) -> dict[str, int]:
    """The term's postings as {url: score}, decoded as the Explorer decodes them."""
    postings = json.loads(files[f"mots/{shard(term)}.json"])["terms"].get(term, [])
    found, number = {}, 0
    for gap, score in zip(postings[::2], postings[1::2], strict=True):
        number += gap
        found[page(files, number)["url"]] = score
    return found


def page(files: dict[str, bytes], number: int) -> dict[str, str]:
    """A document's text as the Explorer finds it: in its file of `PAGES_PER_FILE`, at its place."""
    return json.loads(files[f"pages/{number // PAGES_PER_FILE}.json"])[number % PAGES_PER_FILE]


def test_words_are_folded_split_and_stemmed() -> None:
    assert fold("Économie ŒUVRE Cæsar") == "economie oeuvre caesar"
    assert terms("L'économie des réseaux, 2026 : les cas") == ["l", "economie", "des", "reseau", "2026", "les", "cas"]
    plurals = ["territoires", "jeux", "bus", "cas", "projet", "bras"]
    assert [stem(word) for word in plurals] == ["territoire", "jeu", "bus", "cas", "projet", "bra"]
    assert terms("e\u0301te\u0301") == terms("été") == ["ete"]
    assert term_counts("Les réseaux, le Réseau ; les") == {"les": 2, "reseau": 2, "le": 1}


def test_every_shard_is_written_and_a_term_is_in_the_one_its_first_letters_choose() -> None:
    files = index_files(docs(RECORDS))
    assert sorted(name for name in files if name.startswith("mots/")) == sorted(f"mots/{n}.json" for n in range(SHARDS))
    assert shard("cooperation") == shard("coop") != shard("economie")
    cooperation = json.loads(files[f"mots/{shard('cooperation')}.json"])
    assert "cooperation" in cooperation["terms"] and cooperation["docs"] == 4
    manifest = json.loads(files["index.json"])
    assert manifest["tag"] == cooperation["tag"] and len(manifest["facets"]) == 4
    calvados = manifest["values"].index(["Territoire", "Calvados"])
    assert [calvados in values for values in manifest["facets"]] == [False, False, True, False]  # hub, then by URL


def test_a_hub_comes_first_for_its_name_and_a_title_beats_a_text() -> None:
    files = index_files(docs(RECORDS))
    economie = scores(files, "economie")
    assert max(economie, key=economie.__getitem__) == "themes/economie-solidaire/"  # though the guide says it three times
    assert economie["fiches/economie/"] > economie["recits/plateau/"]  # three times in a text beats once
    cooperer = scores(files, "cooperer")
    assert list(cooperer) == ["fiches/cooperer/"]
    voisin = scores(files, "voisin")
    assert voisin["fiches/cooperer/"] > max(scores(files, "cooperation").values())  # in the title, over three times in the text
    assert page(files, 0)["url"] == "themes/economie-solidaire/"  # hubs numbered first


def test_same_records_same_bytes_in_any_order_and_the_last_record_of_a_url_wins() -> None:
    once = index_files(docs(RECORDS))
    assert index_files(docs(RECORDS[::-1])) == once
    changed = [*RECORDS, SearchRecord("recits/plateau/", "Récit du Plateau", "Récit de territoire", "Autre chose.")]
    again = index_files(docs(changed))
    assert json.loads(again["index.json"])["docs"] == 4 and again["index.json"] != once["index.json"]
    assert "habitant" not in json.loads(again[f"mots/{shard('habitant')}.json"])["terms"]


def test_markup_entities_and_refused_characters_are_never_written_raw() -> None:
    hostile = SearchRecord("fiches/hostile/", "<script>alert(1)</script>", "Fiche", "Texte &amp; suite \u202e\x85 fin", {"Type": ["<b>"]})
    files = index_files(docs([hostile]))
    for content in files.values():
        assert b"<" not in content and b">" not in content and b"&" not in content
        assert "\u202e".encode() not in content and "\x85".encode() not in content
    written = page(files, 0)
    assert written["title"] == "<script>alert(1)</script>" and written["text"] == "Texte & suite \u202e\x85 fin"
    assert json.loads(files["index.json"])["values"] == [["Type", "<b>"]]


def test_an_empty_site_has_an_empty_index() -> None:
    files = index_files([])
    assert json.loads(files["index.json"]) == {"tag": json.loads(files["mots/0.json"])["tag"], "docs": 0, "values": [], "facets": []}
    assert not [name for name in files if name.startswith("pages/")]
    assert all(json.loads(files[f"mots/{n}.json"])["terms"] == {} for n in range(SHARDS))


def test_the_program_writes_the_same_files_twice_and_only_them(tmp_path: Path) -> None:
    written = []
    for run in ("a", "b"):
        site = tmp_path / run
        (site / FOLDER / "mots").mkdir(parents=True)
        (site / FOLDER / "mots" / "ancien.json").write_text("{}", encoding="utf-8")  # an earlier build's
        indexer = SearchIndexer()
        for record in RECORDS:
            indexer.add(record)
        assert indexer.write(site) == 4
        written.append({p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / FOLDER).rglob("*")) if p.is_file()})
    assert written[0] == written[1] == {f"{FOLDER}/{rel}": content for rel, content in index_files(docs(RECORDS)).items()}


def test_a_program_that_stops_or_fails_is_reported_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    indexer = SearchIndexer()
    indexer._process.kill()
    indexer._process.wait()
    with pytest.raises(SearchIndexError, match="s'est arrêté pendant l'indexation"):
        indexer.write_soon(tmp_path)
    indexer.close()
    indexer = SearchIndexer()
    with pytest.raises(SearchIndexError, match="l'index n'a pas été écrit"):
        indexer.finish()
    blocker = tmp_path / "fichier"
    blocker.write_text("x", encoding="utf-8")
    indexer = SearchIndexer()
    indexer.add(RECORDS[0])
    with pytest.raises(SearchIndexError, match="n'a pas pu écrire l'index : "):
        indexer.write(blocker)  # a file where the site's folder should be
    crashing = [sys.executable, "-c", "import sys; sys.stdin.buffer.readline(); sys.exit(3)"]
    monkeypatch.setattr(searchindex, "start_program", lambda module: start_low(crashing))
    indexer = SearchIndexer()
    indexer.add(RECORDS[0])
    with pytest.raises(SearchIndexError, match=r"s'est arrêté sans écrire l'index \(code 3\)"):
        indexer.write(tmp_path)


def test_a_bad_record_or_a_folder_that_cannot_be_written_is_answered_as_an_error(tmp_path: Path) -> None:
    answers = io.BytesIO()
    assert serve(io.BytesIO(b'["seulement une URL"]\n'), answers) == 1
    assert "error" in json.loads(answers.getvalue())
    blocker = tmp_path / "fichier"
    blocker.write_text("x", encoding="utf-8")
    answers = io.BytesIO()
    lines = record_line(RECORDS[0]) + json.dumps({"write": str(blocker / FOLDER)}).encode() + b"\n"
    assert serve(io.BytesIO(lines), answers) == 1
    assert "error" in json.loads(answers.getvalue())
    answers = io.BytesIO()
    assert serve(io.BytesIO(record_line(RECORDS[0])), answers) == 1
    assert "avant la demande d'écriture" in json.loads(answers.getvalue())["error"]


def test_a_record_sent_with_its_page_html_is_read_with_the_page_text() -> None:
    record = SearchRecord("fiches/a/", "A", "Fiche méthode", "La description.", {"Type": ["Fiche méthode"]})
    html = '<h2 id="x">Titre<a class="headerlink" href="#x">¶</a></h2>\n<p>Un <em>mot</em>.</p>'
    assert read_record(json.loads(record_line(record, html))).content == "La description. Titre Un mot."
    assert read_record(json.loads(record_line(record))).content == "La description."


def test_the_index_program_starts_without_the_catalogue_or_the_schemas() -> None:
    """It imports what reads records and writes files: pydantic and the catalogue are MkDocs' process's work."""
    heavy = "('pydantic', 'mesbox.catalogue', 'jinja2')"
    code = f"import sys, mesbox.publishing.searchindex; print(sorted(m for m in sys.modules if m.startswith({heavy})))"
    assert subprocess.run([sys.executable, "-P", "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


def test_the_engine_learns_the_index_is_written_without_waiting_for_it(tmp_path: Path) -> None:
    """`written` turns true once the program has answered, before `finish`: the files are on disk by then
    (the plugin hands the folder to the audit program while MkDocs writes the pages)."""
    indexer = SearchIndexer()
    for record in RECORDS:
        indexer.add(record)
    assert not indexer.written
    indexer.write_soon(tmp_path)
    deadline = time.monotonic() + 30
    while not indexer.written and time.monotonic() < deadline:
        time.sleep(0.01)
    assert indexer.written and (tmp_path / FOLDER / "index.json").is_file()
    assert indexer.finish() == 4


def test_texts_are_written_a_few_to_a_file_in_document_order() -> None:
    """Fewer files for the engine to create: document d is in file d // PAGES_PER_FILE, at its place."""
    records = [SearchRecord(f"fiches/f{n:02}/", f"Fiche {n}", "Fiche", f"Texte {n}.") for n in range(PAGES_PER_FILE * 2 + 1)]
    files = index_files(docs(records))
    assert sorted(name for name in files if name.startswith("pages/")) == ["pages/0.json", "pages/1.json", "pages/2.json"]
    assert [page(files, n)["url"] for n in range(len(records))] == [record.url for record in records]
    assert len(json.loads(files["pages/2.json"])) == 1
