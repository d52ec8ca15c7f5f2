"""Where extraction runs: in this process, or in a pool of worker processes.

:func:`ordered_map` applies a function to a stream of items in ``jobs``
processes and yields the results in input order, with at most a few batches
in flight: a corpus of any size streams through in bounded memory, and the
output is the same, byte for byte, as with one process. It knows nothing of
the pipeline; :mod:`figures.pipeline` hands it whole batches of documents.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from .errors import SettingError

T = TypeVar("T")
R = TypeVar("R")

#: Batches in flight per worker: enough to keep every worker busy, few enough to bound memory.
IN_FLIGHT = 3


def check_jobs(jobs: int) -> int:
    """``jobs`` itself when it is a usable number of processes; 0 means one per CPU."""
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 0:
        raise SettingError("jobs", f"must be a whole number of processes (0 for one per CPU), not {jobs!r}")
    return jobs or os.cpu_count() or 1


def ordered_map(func: Callable[[T], R], items: Iterable[T], jobs: int = 1) -> Iterator[R]:
    """``func(item)`` for each item, in order, computed in ``jobs`` processes.

    ``func`` must be picklable (a module-level function). With ``jobs=1`` it
    runs here, in this process, with no pool at all.
    """
    jobs = check_jobs(jobs)
    if jobs == 1:
        yield from map(func, items)
        return
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    if os.name == "posix":  # the server loads the word lists once; each worker forks from it ready
        context.set_forkserver_preload([func.__module__])
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(func, item))
            if len(pending) >= jobs * IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
