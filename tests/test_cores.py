"""macros.cores: the builder's work after the engine, shared between two processes, gives what one process gives."""

from __future__ import annotations

import os

import pytest

from macros import cores


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


def _divide(n: int) -> float:
    return 1 / (n - 3)
