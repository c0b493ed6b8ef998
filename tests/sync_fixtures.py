"""The sync fixtures and the options that run sync on them, shared by the sync tests, the workflow test and bench."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from macros.sync.run import Options

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "upstream"
LITELLM_SHA256 = "1fddd6e1c45f882a84d7c8d16880f69982c1908bcd8a350a398c2c3fd62fb1c3"
"""The sha256 of tests/fixtures/upstream/litellm.json, passed as the weekly workflow passes a new release's hash."""
LITELLM = FIXTURES / "litellm.json"
OPTIONS = ["--genai-prices", str(FIXTURES / "genai-prices.json"), "--genai-prices-date", "2026-12-01",
           "--litellm-release", "9.9.9", "--litellm-sha256", LITELLM_SHA256, "--litellm-date", "2026-12-02"]
"""The same run on the command line, besides --litellm LITELLM."""


def fixture_options(data: Path, write: bool = False, litellm: Path | None = None,
                    litellm_sha256: str | None = LITELLM_SHA256, litellm_release: str = "9.9.9",
                    genai: Path | None = None, genai_date: str = "2026-12-01") -> Options:
    """Sync on the fixtures: release 9.9.9 of each dataset, published 2026-12-01 and 2026-12-02."""
    return Options(data, litellm or LITELLM, litellm_release, litellm_sha256,
                   dt.date(2026, 12, 2), genai or FIXTURES / "genai-prices.json", dt.date.fromisoformat(genai_date), write)
