"""`python -m macros sync`: read both datasets, compare, report, and with --write edit data/."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from macros.data.models import UpstreamFile
from macros.data.problems import DataError, printable
from macros.data.reader import load_file
from macros.data.validate import parse, review_dataset
from macros.sync import edit, upstream
from macros.sync.compare import compare
from macros.sync.report import sync_markdown


@dataclass
class Options:
    """What the command line passes to a sync run."""

    data_dir: Path
    litellm: Path
    litellm_release: str = upstream.LITELLM_PIN[0]
    litellm_sha256: str | None = None
    litellm_date: dt.date | None = None
    genai_prices: Path | None = None
    genai_prices_date: dt.date | None = None
    write: bool = False
    output: Path | None = None
    max_listed: int = 10


def run(options: Options) -> int:
    """Print the report (and write it to `output`); 1 when the input or our data has a problem or a write failed."""
    dataset, found = review_dataset(options.data_dir)
    errors = [problem for problem in found if problem.severity == "error"]
    mapping_path = options.data_dir / "upstream.yaml"
    try:
        mapping, mapping_problems = parse(UpstreamFile, load_file(mapping_path, "data/upstream.yaml"))
    except (DataError, OSError) as exc:
        mapping, mapping_problems = None, getattr(exc, "problems", [])
        if not mapping_problems:
            print(f"data/upstream.yaml: cannot be read ({exc})", file=sys.stderr)
    if dataset is None or mapping is None or errors or mapping_problems:
        for problem in errors + mapping_problems:
            print(problem, file=sys.stderr)
        print("sync compares only valid data: fix data/ first (python -m macros validate)", file=sys.stderr)
        return 1
    reads = {
        "genai-prices": upstream.read_genai_prices(options.genai_prices, options.genai_prices_date),
        "litellm": upstream.read_litellm(options.litellm, options.litellm_release, options.litellm_date,
                                         options.litellm_sha256),
    }
    comparison = compare(dataset.listings, mapping, reads)
    failed = any(read.release is None for read in reads.values())
    written: list[str] = []
    write_problems: list[str] = []
    if options.write and failed:
        write_problems = ["an upstream file was refused, so no price is written from either dataset"]
    elif options.write and comparison.writable:
        releases = {name: read.release for name, read in reads.items() if read.release is not None}
        written, write_problems = edit.write(comparison.writable, releases, options.data_dir)
    sha = upstream.sha256(options.litellm) if reads["litellm"].release is not None else None
    report = sync_markdown(comparison, written, write_problems, sha, options.max_listed)
    print(report, end="")
    if options.output is not None:
        options.output.write_text(report, encoding="utf-8")
    for problem in comparison.problems + write_problems:
        print(printable(problem), file=sys.stderr)
    return 1 if failed or write_problems else 0
