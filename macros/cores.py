"""Run one function over many items on both of the machine's cores.

Two ways, for two kinds of work:
- `map_on_cores`, for the build's work after the engine is done. Once the engine has finished, the builder is the only
  process left, so a second process doubles what it can do in the same time.
- `ahead`, for a pipeline: a second process works out each item's result in order while this one uses the results
  already made. Loading the data reads YAML this way, while this process checks the files already read.

Forking copies the process as it is (its modules already imported), so a worker starts at once. Where a platform
cannot fork, or there is too little work to share, the items are done here, one after another; the results are the
same, in the same order, either way.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import select
import signal
import struct
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO, TypeVar

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
    pool = multiprocessing.get_context("fork").Pool(cores, initializer=_stop_when_told)
    try:
        results = pool.map(function, items, chunksize=1)
        pool.close()  # each worker ends by itself once no item is left, without being sent a signal
        pool.join()
        return results
    finally:
        pool.terminate()  # after an error, the workers still at work are stopped


def _stop_when_told() -> None:
    """A worker dies at once when its pool stops it (SIGTERM), as multiprocessing expects, rather than run the handler
    it inherits from the command line (builder.terminate_as_exit): that unwinds it through Python's exit, which can wait
    forever on a queue's lock that another worker held when it was stopped, and the pool waits for it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _single_threaded() -> bool:
    """Whether this process runs one thread only, so a fork copies no lock another thread holds.

    An engine that serves the site (mkdocs serve) watches files on other threads, and Zensical's own threads are
    invisible to Python's threading module; Linux lists every thread of the process under /proc/self/task."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class _Claims:
    """Which items no one has taken yet: the worker takes them from the front, the caller from the back."""

    def __init__(self, count: int) -> None:
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self._front = context.RawValue("q", 0)
        self._back = context.RawValue("q", count)

    def front(self) -> int | None:
        with self._lock:
            if self._front.value >= self._back.value:
                return None
            self._front.value += 1
            return int(self._front.value) - 1

    def back(self) -> int | None:
        with self._lock:
            if self._front.value >= self._back.value:
                return None
            self._back.value -= 1
            return int(self._back.value)


def _attempt(function: Callable[[T], R], item: T) -> tuple[bool, R | None]:
    """(True, the result), or (False, None) when `function` raised: the caller does that item again, in its turn,
    and raises there, so an exception comes out where it would without a worker."""
    try:
        return True, function(item)
    except Exception:  # noqa: BLE001 - raised again in order by the caller
        return False, None


_HEADER = struct.Struct("<Q")
"""Each message on the pipe: its length, then the pickled (index, made, result)."""


def _exactly(pipe: BinaryIO, size: int) -> bytes | None:
    """`size` bytes from the pipe, or None when the worker closed it first."""
    data = bytearray()
    while len(data) < size:
        chunk = pipe.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def _receive(pipe: BinaryIO) -> tuple[int, bool, object] | None:
    header = _exactly(pipe, _HEADER.size)
    body = None if header is None else _exactly(pipe, _HEADER.unpack(header)[0])
    return None if body is None else pickle.loads(body)


def _work(function: Callable[[T], R], items: Sequence[T], claims: _Claims, writing: int) -> None:
    """The worker: each item it claims, from the front, sent back as soon as it is done."""
    with os.fdopen(writing, "wb") as out:
        while (index := claims.front()) is not None:
            body = pickle.dumps((index, *_attempt(function, items[index])), protocol=pickle.HIGHEST_PROTOCOL)
            out.write(_HEADER.pack(len(body)) + body)
            out.flush()


PIPE_BYTES = 1 << 20
"""What the pipe holds before the worker must wait for the caller to read: Linux's default limit for a pipe, and
room for a dozen files read ahead (a provider file of 100 models and its value come to about 90 KB)."""


def _widen(pipe: int) -> None:
    """Let the pipe hold PIPE_BYTES, where Linux allows it: its default 64 KB holds less than one file, so the worker
    would wait on the caller after every file, and the two would take turns instead of working at once."""
    try:
        import fcntl  # Unix only, as fork is
        fcntl.fcntl(pipe, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):
        pass  # no such setting, or a lower limit set by the machine: the pipe still works, only slower


def ahead(function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
    """`function` applied to each item, in order, while the caller uses the results already made.

    A forked worker takes the items from the front. Whenever the next result has not arrived yet, the caller does an
    item from the back itself rather than wait, so neither process sits idle while items are left, whichever side is
    slower: the worker sends its results into a pipe wide enough to hold several, so it need not wait on the caller.
    A worker's result crosses the pipe pickled, so it must be cheap to pickle.
    An item whose function raised, and every item a worker that stopped never sent, is done again here in its turn,
    so an exception is raised here, with its traceback, exactly as without the worker."""
    if (min(WORKERS, os.cpu_count() or 1) < 2 or len(items) < SHARED_FROM
            or "fork" not in multiprocessing.get_all_start_methods() or not _single_threaded()):
        yield from map(function, items)
        return
    claims = _Claims(len(items))
    reading, writing = os.pipe()
    _widen(writing)
    pid = os.fork()
    if pid == 0:  # the worker: it never returns, and leaves without running the parent's clean-up or exit hooks
        os.close(reading)
        try:
            _work(function, items, claims, writing)
        finally:
            os._exit(0)
    os.close(writing)
    done: dict[int, tuple[bool, object]] = {}
    try:
        with os.fdopen(reading, "rb", buffering=0) as pipe:  # unbuffered, so select() sees every byte not yet read
            worker = True
            for index, item in enumerate(items):
                while index not in done:
                    waiting = worker and not select.select([pipe], [], [], 0)[0]
                    mine = claims.back() if waiting else None
                    if mine is not None:
                        done[mine] = _attempt(function, items[mine])
                    elif worker:
                        message = _receive(pipe)
                        if message is None:
                            worker = False
                        else:
                            done[message[0]] = (message[1], message[2])
                    else:  # the worker stopped before sending this one
                        done[index] = (False, None)
                made, result = done.pop(index)
                yield result if made else function(item)  # type: ignore[misc]
    finally:  # with the pipe closed, a worker still writing stops at once
        os.waitpid(pid, 0)
