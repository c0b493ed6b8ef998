"""Run one function over many items on both of the machine's cores, for the build's work after the engine is done.

Once the engine has finished, the builder is the only process left, so a second process doubles what it can do in
the same time. Forking copies the builder as it is (its modules already imported), so a worker starts at once. Where a
platform cannot fork, or there is too little work to share, the items are done here, one after another; the results
are the same, in the same order, either way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

WORKERS = 2
"""The CI machine and the deploy's runner have two cores; more workers than cores would only take turns."""
SHARED_FROM = 8
"""Fewer items than this are done in this process: starting a worker costs more than it saves."""


def map_on_cores(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`function` applied to each item, in order; `function` must be a module-level function (a worker finds it by
    name). The items go out largest-first wherever the caller sorted them so, one at a time, so no worker waits on
    another's long item."""
    cores = min(WORKERS, os.cpu_count() or 1)
    if cores < 2 or len(items) < SHARED_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        return pool.map(function, items, chunksize=1)
