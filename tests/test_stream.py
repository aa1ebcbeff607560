"""Page sources written ahead by a second process: same pages, any order, survives the process dying."""

from __future__ import annotations

import filecmp
import os
import random
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from types import SimpleNamespace

import pytest
from sitebuild import build_here, make_repo

from mesbox.checker import check
from mesbox.render import stream
from mesbox.render.pages import PageSource, PlannedPage, SiteSettings
from mesbox.render.site import site_plan
from mesbox.render.stream import PageStream


def planned(repo: Path) -> list[PlannedPage]:
    return site_plan(check(repo).catalogue, SiteSettings(site_url="https://exemple.org/"))


def same(a: PageSource, b: PageSource) -> bool:
    return (a.src_uri, a.url, a.content, a.blocks, a.late, a.headings, a.meta) == (b.src_uri, b.url, b.content, b.blocks, b.late, b.headings, b.meta)


def test_pages_written_ahead_are_the_pages_rendered_here_in_any_order(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "BATCH", 3)
    plan = planned(repo)
    assert len(plan) > 20
    pages = PageStream(plan, ahead=True)
    assert pages.ahead and pages.process is not None and pages.process.pid != os.getpid()
    order = list(plan)
    random.Random(4).shuffle(order)  # the engine may ask in any order: the others wait in memory
    for page in order:
        assert same(pages.get(page.src_uri)[0], page.render()), page.src_uri
    pages.close()
    assert pages.process is None and pages.receiver is None


def test_without_ahead_no_process_is_started(repo: Path) -> None:
    plan = planned(repo)
    pages = PageStream(plan, ahead=False)
    assert not pages.ahead and pages.process is None
    assert pages.get(plan[0].src_uri)[1] is None
    assert same(pages.get(plan[0].src_uri)[0], plan[0].render())


def dies_after_one_batch(planned: Sequence[PlannedPage], sender: Connection, extra: object, taken: object) -> None:
    sender.send([(page.render(), None) for page in planned[:2]])
    os._exit(9)  # killed half-way, as by the kernel's OOM killer


def test_a_dead_process_leaves_the_rest_to_this_one(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "BATCH", 2)
    monkeypatch.setattr(stream, "_render_all", dies_after_one_batch)
    plan = planned(repo)
    pages = PageStream(plan, ahead=True)
    assert pages.ahead
    for page in plan:
        assert same(pages.get(page.src_uri)[0], page.render())
    assert pages.process is None  # noticed the end of the pipe and cleaned up


def where_and_what(source: PageSource) -> tuple[int, str]:
    return os.getpid(), source.url


def test_extra_work_is_done_in_the_second_process(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "BATCH", 4)
    monkeypatch.setattr(stream, "LEAD", -(10**6))  # extra work for every page, however far ahead
    plan = planned(repo)
    pages = PageStream(plan, ahead=True, extra=where_and_what)
    for page in plan:
        source, (pid, url) = pages.get(page.src_uri)
        assert url == source.url == page.url and pid != os.getpid()
    pages.close()


def test_extra_work_only_while_far_enough_ahead_of_the_engine(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine has already taken all but 8 pages: only the pages at least LEAD after its count
    get the extra work; closer ones are only written, so the engine does not wait for them."""
    monkeypatch.setattr(stream, "BATCH", 4)
    monkeypatch.setattr(stream, "LEAD", 5)
    plan = planned(repo)
    taken = SimpleNamespace(value=len(plan) - 8)
    sender = Collected()
    stream._render_all(plan, sender, where_and_what, taken)  # type: ignore[arg-type]  # here, in order: deterministic
    received = [item for batch in sender.batches for item in batch]
    assert [source.url for source, _ in received] == [page.url for page in plan]
    with_extra = [index for index, (_, work) in enumerate(received) if work is not None]
    # Pages at least LEAD after the engine's count get the extra work, the others not.
    assert with_extra == list(range(len(plan) - 8 + 5, len(plan)))


class Collected:
    """Stands for the pipe's sending end: keeps the batches."""

    def __init__(self) -> None:
        self.batches: list[list[tuple[PageSource, object]]] = []

    def send(self, batch: list[tuple[PageSource, object]]) -> None:
        self.batches.append(batch)

    def close(self) -> None:
        pass


def test_the_engine_counts_the_pages_it_takes(repo: Path) -> None:
    plan = planned(repo)
    pages = PageStream(plan, ahead=True)
    assert pages.taken is not None and pages.taken.value == 0
    for page in plan[:7]:
        pages.get(page.src_uri)
    assert pages.taken.value == 7
    pages.close()


def test_closing_early_stops_the_process(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "BATCH", 1)
    pages = PageStream(planned(repo), ahead=True)
    process = pages.process
    assert process is not None
    pages.close()  # a build that fails after on_files
    assert not process.is_alive()


def test_site_written_ahead_is_byte_identical_to_one_written_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every entry page converted by MkDocs in the second process: the same bytes as a build without it."""
    monkeypatch.setattr(stream, "LEAD", -(10**6))  # extra work for every page, however far ahead
    ahead = make_repo(tmp_path / "ahead")
    here = make_repo(tmp_path / "here")
    for root, value in ((ahead, "true"), (here, "false")):
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "\n  - mesbox\n" in text
        config.write_text(text.replace("\n  - mesbox\n", f"\n  - mesbox:\n      render_ahead: {value}\n"), encoding="utf-8")
    logs = {}
    for root in (ahead, here):
        ok, logged = build_here(root)
        assert ok, logged
        logs[root] = "\n".join(logged)
    entries = len(check(ahead).catalogue.entries)
    assert f"écrites d'avance par un second processus ({entries} converties en HTML là-bas)" in logs[ahead]
    assert "écrites dans ce processus" in logs[here]
    pages = sorted(str(p.relative_to(ahead / "site")) for p in (ahead / "site").rglob("*.html"))
    assert len(pages) > 30
    match, mismatch, errors = filecmp.cmpfiles(ahead / "site", here / "site", pages, shallow=False)
    assert (mismatch, errors) == ([], []) and len(match) == len(pages)
