"""The GitHub workflows pass zizmor, the workflow linter `make test` runs, so a regression fails the tests too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZIZMOR = Path(sys.executable).with_name("zizmor")


def zizmor(*args: str) -> subprocess.CompletedProcess[str]:
    """zizmor offline (no GitHub API calls) over .github/workflows, machine-readable output."""
    return subprocess.run([str(ZIZMOR), "--offline", "--format", "plain", *args, str(ROOT / ".github" / "workflows")],
                          capture_output=True, text=True, timeout=120)


def test_zizmor_finds_nothing_at_its_default_level() -> None:
    result = zizmor()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_no_template_expansion_in_run_blocks_even_when_pedantic() -> None:
    """A matrix value reaches a `run:` through `env:`, so the pedantic persona's template-injection audit is clean too."""
    result = zizmor("--persona", "pedantic")
    assert "template-injection" not in result.stdout + result.stderr, result.stdout
