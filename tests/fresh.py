"""Run a check in a new Python process, for behaviour that only a process with one thread shows.

`cores.ahead` forks a worker only from a process that runs one thread. A full test run is not one: the browser tests
leave Playwright's threads and its driver process behind. So the checks that need the worker, or need to see every
child process this one started, run on their own in a fresh interpreter, which has one thread and no children.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_fresh(module: str, function: str, *args: str) -> None:
    """Call tests/<module>.py's `function(*args)` in a new interpreter; fail with its output if it raises."""
    code = (f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]; import {module}; "
            f"{module}.{function}(*sys.argv[1:])")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, f"{module}.{function} failed in a fresh process:\n{result.stdout}{result.stderr}"
