"""Share a long list of independent files between worker processes.

Reading, parsing and validating one file does not depend on any other file, so on a
machine with several cores the list is cut into contiguous slices: the calling process
works on the first slice while workers take the others, and the results come back in
file order. Workers start the platform's default way (`fork` on Linux, `spawn` on macOS
and Windows, where forking is unsafe), so `work` and the items must pickle. Small
repositories and broken workers fall back to doing the work here: the answer never
depends on how it was computed.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from itertools import pairwise
from pickle import PicklingError
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many files per process, starting a worker and sending results back costs more than it saves.
MIN_ITEMS_PER_JOB = 500


def available_cores() -> int:
    """Cores this process may run on (a CI container often gets fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def job_count(requested: int, items: int) -> int:
    """How many processes are worth starting for `items` files when `requested` are allowed (0: all cores)."""
    allowed = available_cores() if requested <= 0 else requested
    return max(1, min(allowed, items // MIN_ITEMS_PER_JOB))


def slices(items: Sequence[Item], count: int) -> list[Sequence[Item]]:
    """`count` contiguous slices of nearly equal length, in order."""
    size, extra = divmod(len(items), count)
    bounds = [0]
    for index in range(count):
        bounds.append(bounds[-1] + size + (1 if index < extra else 0))
    return [items[start:end] for start, end in pairwise(bounds)]


def map_slices(work: Callable[[Sequence[Item]], Result], items: Sequence[Item], jobs: int) -> list[Result]:
    """`work` applied to contiguous slices of `items`, results in order; `jobs` as for `job_count`."""
    count = job_count(jobs, len(items))
    if count == 1:
        return [work(items)]
    from concurrent.futures import ProcessPoolExecutor  # only a large repository pays for this import
    from concurrent.futures.process import BrokenProcessPool

    parts = slices(items, count)
    context = multiprocessing.get_context()  # the platform's default start method
    with ProcessPoolExecutor(max_workers=count - 1, mp_context=context) as pool:
        pending: list[Future[Result]] = [pool.submit(work, part) for part in parts[1:]]
        results = [work(parts[0])]
        for part, future in zip(parts[1:], pending):
            try:
                results.append(future.result())
            except (BrokenProcessPool, PicklingError, OSError):
                results.append(work(part))  # a worker died or could not answer: do its share here
    return results
