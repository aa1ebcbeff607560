"""Sharing files between worker processes: slices, job counts, order of results, fallback."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesbox.reading import workers
from mesbox.reading.workers import job_count, map_slices, slices

PARENT = os.getpid()


def squares_with_pid(part: Sequence[int]) -> tuple[int, list[int]]:
    return os.getpid(), [n * n for n in part]


def dies_in_a_worker(part: Sequence[int]) -> list[int]:
    if os.getpid() != PARENT:
        os._exit(3)  # a worker killed mid-way, as by the kernel's OOM killer
    return [n + 1 for n in part]


@given(st.lists(st.integers(), max_size=200), st.integers(min_value=1, max_value=9))
def test_slices_are_contiguous_nearly_equal_and_complete(items: list[int], count: int) -> None:
    parts = slices(items, count)
    assert len(parts) == count
    assert [n for part in parts for n in part] == items
    assert max(map(len, parts)) - min(map(len, parts)) <= 1


def test_job_count_needs_enough_files_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "available_cores", lambda: 4)
    assert job_count(0, 100) == 1  # a small repository stays in one process
    assert job_count(0, 4 * workers.MIN_ITEMS_PER_JOB) == 4  # 0: one per core
    assert job_count(0, 10 * workers.MIN_ITEMS_PER_JOB) == 4
    assert job_count(2, 10 * workers.MIN_ITEMS_PER_JOB) == 2
    assert job_count(1, 10 * workers.MIN_ITEMS_PER_JOB) == 1


def test_results_come_back_in_order_from_several_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "MIN_ITEMS_PER_JOB", 1)
    results = map_slices(squares_with_pid, list(range(10)), jobs=3)
    assert [n for _, part in results for n in part] == [n * n for n in range(10)]
    pids = [pid for pid, _ in results]
    assert pids[0] == os.getpid()  # the caller takes the first slice itself
    assert os.getpid() not in pids[1:]  # the others go to workers (one worker may take both)


def test_one_process_when_asked_or_too_few_files() -> None:
    assert map_slices(squares_with_pid, [1, 2, 3], jobs=0) == [(os.getpid(), [1, 4, 9])]


def test_a_dead_worker_share_is_done_by_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "MIN_ITEMS_PER_JOB", 1)
    results = map_slices(dies_in_a_worker, list(range(6)), jobs=2)
    assert [n for part in results for n in part] == [n + 1 for n in range(6)]
