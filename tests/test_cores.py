"""macros.cores: the builder's work after the engine, shared between two processes, gives what one process gives."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable

import pytest
from fresh import run_fresh

from macros import builder, cores


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_back_in_order_whichever_process_made_them() -> None:
    items = list(range(40, 0, -1))
    results = cores.map_on_cores(_square_and_pid, items)
    assert [square for square, _ in results] == [n * n for n in items]
    if (os.cpu_count() or 1) >= 2:
        assert {pid for _, pid in results} - {os.getpid()}, "no item went to a second process"


def test_a_little_work_stays_in_this_process() -> None:
    results = cores.map_on_cores(_square_and_pid, list(range(cores.SHARED_FROM - 1)))
    assert {pid for _, pid in results} == {os.getpid()}


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(ZeroDivisionError):
        cores.map_on_cores(_divide, list(range(cores.SHARED_FROM * 2)))


def _stop_handler(_: int) -> bool:
    return signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_workers_stop_at_once_when_told_and_none_is_left_behind() -> None:
    """Under the command line's SIGTERM handler (builder.terminate_as_exit), which a fork copies, a worker still dies at
    once when its pool stops it: unwound through Python's exit instead, one once waited forever on a queue's lock and
    hung a build. After the work, every worker has ended by itself."""
    with builder.terminate_as_exit():
        stops = cores.map_on_cores(_stop_handler, list(range(cores.SHARED_FROM * 2)))
        assert signal.getsignal(signal.SIGTERM) is builder._exit_on_signal
    assert all(stops)
    assert not multiprocessing.active_children()


def _divide(n: int) -> float:
    return 1 / (n - 3)


def _slow_square_and_pid(n: int) -> tuple[int, int]:
    time.sleep(0.005)  # long enough that the worker starts before the caller has taken every item, on a busy machine too
    return n * n, os.getpid()


def _squares_in_order(function: Callable[[int], tuple[int, int]], count: int, why: str) -> None:
    """In a process of one thread, every square of range(count) comes in order, and (on two cores) the worker made
    some of them; `why` says what it means when it made none."""
    assert cores._single_threaded(), "the fresh process runs more than one thread"
    items = list(range(count))
    results = list(cores.ahead(function, items))
    assert [square for square, _ in results] == [n * n for n in items]
    if (os.cpu_count() or 1) >= 2:
        assert {pid for _, pid in results} - {os.getpid()}, why


def shares_the_work() -> None:
    """Run by run_fresh: in a process of one thread, the worker takes items and every result comes in order."""
    _squares_in_order(_slow_square_and_pid, 100, "no item went to the worker")


def test_ahead_gives_every_result_in_order_and_shares_the_work() -> None:
    run_fresh("test_cores", "shares_the_work")


def test_ahead_raises_where_the_failing_item_comes_in_order() -> None:
    seen: list[float] = []
    with pytest.raises(ZeroDivisionError):
        for result in cores.ahead(_divide, list(range(cores.SHARED_FROM * 4))):
            seen.append(result)
    assert seen == [1 / (n - 3) for n in range(3)], "the results before the failing item all came, and none after"


_CALLER = os.getpid()


def _die_in_the_worker(n: int) -> tuple[int, int]:
    if os.getpid() != _CALLER and n >= 5:
        os._exit(3)  # the worker stops without a word, as a killed process would
    return _slow_square_and_pid(n)


def makes_up_for_a_worker_that_stops() -> None:
    """Run by run_fresh: the worker dies at item 5, and this process does the rest."""
    _squares_in_order(_die_in_the_worker, 60, "no item went to the worker before it stopped")


def test_ahead_does_the_rest_itself_when_the_worker_stops() -> None:
    run_fresh("test_cores", "makes_up_for_a_worker_that_stops")


def leaves_no_worker_behind() -> None:
    """Run by run_fresh, which starts no other child: after the caller stops reading, no child process is left."""
    assert cores._single_threaded(), "the fresh process runs more than one thread"
    results = cores.ahead(_slow_square_and_pid, list(range(400)))
    assert next(results)[0] == 0
    results.close()  # the caller stops reading: the worker must stop too, and be waited for
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return
    raise AssertionError("a worker is left behind")


def test_ahead_stopped_early_leaves_no_worker_behind() -> None:
    run_fresh("test_cores", "leaves_no_worker_behind")


def test_ahead_stays_in_this_process_while_another_thread_runs() -> None:
    """A fork copies only the thread that forks; a lock another thread held would stay locked in the copy forever."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        results = list(cores.ahead(_square_and_pid, list(range(40))))
    finally:
        stop.set()
        thread.join()
    assert {pid for _, pid in results} == {os.getpid()}
