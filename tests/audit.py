"""`make audit`: Lighthouse over every page of the built site, mobile and desktop, served gzipped.

Prints one table per preset, and fails (exit 1) when any page scores below the thresholds,
transfers more than its budget, or requests anything from another host.

    python tests/audit.py [SITE_DIR] [--runs N] [--pages N] [--presets mobile,desktop] [--record-budget]

Lighthouse's performance score moves by up to 15 points between identical runs on a shared machine, so
each page is audited --runs times (5 by default), in rounds over all pages, and the run with the median
performance score counts. Lighthouse's variability guide (docs/variability.md) finds the median of five
runs twice as stable as one run. The table shows each page's range beside it.

The page budget is 120% of the median transfer measured when the budget was recorded
(tests/page_budget.json); `--record-budget` measures and writes a new one. A text page (one with no tool and
no table from data/) has a fixed, lower limit: TEXT_PAGE_BYTES, what a first visit to the guide's prose costs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from serve import serving  # noqa: E402

THRESHOLDS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
BUDGET_FILE = HERE / "page_budget.json"
BUDGET_FACTOR = 1.2
TEXT_PAGE_BYTES = 70 * 1024
"""A text page's first load, compressed: stock Material for MkDocs 9.8 sends about 66 KB for one. Ours sends 40 to
45 KB: Material's script comes on the reader's first action (material-on-demand.js)."""
DATA_MARKERS = ('class="ifg-data', 'class="ifg-chart"', "data-ifg-calculator", "data-ifg-explorer", "data-ifg-streaming")
"""What only a page with a table or chart from data/, or a tool, holds (every page has data-ifg-palette)."""
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# The metrics behind the performance score, shown so that a low score says where the time went.
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
           "CLS": "cumulative-layout-shift"}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run --disable-sync"
)


@dataclass(frozen=True)
class Result:
    """One page under one preset."""

    page: str
    preset: str
    scores: dict[str, int]
    metrics: dict[str, float]
    transfer_bytes: int
    other_hosts: tuple[str, ...]
    failing_audits: tuple[str, ...]
    performance_range: tuple[int, int] = (0, 0)
    text_page: bool = False


def pages(site: Path) -> list[str]:
    """Every page of the built site as a path from the root, such as 'pricing/'."""
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return ["" if p == "index.html" else p.removesuffix("index.html") for p in found] + ["404.html"]


def lighthouse(url: str, preset: str) -> dict:
    """Run Lighthouse once and return its JSON report."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance,accessibility,best-practices,seo",
        ]
        if preset == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
        subprocess.run(command, check=True, env=env, capture_output=True)
        return json.loads(report.read_text(encoding="utf-8"))


def summarise(page: str, preset: str, report: dict, local_host: str) -> Result:
    """Scores out of 100, bytes transferred, other hosts contacted and the audits that lost points."""
    scores = {key: round((category["score"] or 0) * 100) for key, category in report["categories"].items()}
    requests = report["audits"]["network-requests"]["details"]["items"]
    hosts = {urlsplit(r["url"]).netloc for r in requests if r["url"].startswith("http")}
    failing = tuple(
        f"{key}:{ref['id']}"
        for key, category in report["categories"].items()
        for ref in category["auditRefs"]
        if ref["weight"] > 0 and (report["audits"][ref["id"]]["score"] or 0) < 1
        and report["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
    )
    transfer = int(report["audits"]["total-byte-weight"]["numericValue"])
    metrics = {name: report["audits"][audit]["numericValue"] for name, audit in METRICS.items()}
    return Result(page, preset, scores, metrics, transfer, tuple(sorted(hosts - {local_host})), failing)


def audit_page(site: Path, base: str, host: str, page: str, preset: str) -> Result:
    """One Lighthouse run of one page, knowing whether the page is a text page."""
    result = summarise(page, preset, lighthouse(base + page, preset), host)
    return replace(result, text_page=is_text_page(site, page))


def audit_rounds(selected: list[str], runs: int, audit: Callable[[str], Result]) -> list[Result]:
    """Audit every page `runs` times, a whole round of pages at a time, and keep each page's median run.

    Round by round, not page by page: a slow spell on a shared machine lasts minutes, and five runs of
    one page in a row would all fall inside it, while rounds spread it over a few pages' single runs.
    """
    rounds = [[audit(page) for page in selected] for _ in range(runs)]
    return [median_run(list(page_runs)) for page_runs in zip(*rounds, strict=True)]


def median_run(runs: list[Result]) -> Result:
    """The run with the median performance score, carrying the lowest and highest score of all runs."""
    ordered = sorted(runs, key=lambda r: r.scores["performance"])
    low, high = ordered[0].scores["performance"], ordered[-1].scores["performance"]
    return replace(ordered[(len(ordered) - 1) // 2], performance_range=(low, high))


def recorded_budget() -> dict | None:
    """The median transfer per page measured when the budget was recorded, and when; None before that."""
    return json.loads(BUDGET_FILE.read_text(encoding="utf-8")) if BUDGET_FILE.exists() else None


def page_budget() -> int:
    """Bytes a page may transfer: 120% of the recorded median."""
    recorded = recorded_budget()
    if recorded is None:
        raise FileNotFoundError(f"{BUDGET_FILE.relative_to(ROOT)} is missing: run `python tests/audit.py --record-budget`")
    return int(recorded["median_transfer_bytes"] * BUDGET_FACTOR)


def is_text_page(site: Path, page: str) -> bool:
    """A page of prose only: no interactive tool and no table rendered from data/."""
    html = (site / page if page.endswith(".html") else site / page / "index.html").read_text(encoding="utf-8")
    return not any(marker in html for marker in DATA_MARKERS)


def print_table(preset: str, results: list[Result], budget: int | None) -> None:
    """One Markdown table per preset."""
    print(f"\n### {preset}\n")
    print("| page | performance (range) | accessibility | best practices | SEO | FCP (s) | LCP (s) | TBT (ms) | CLS "
          "| transfer (KB) | other hosts |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in results:
        s, m = r.scores, r.metrics
        low, high = r.performance_range
        spread = f" ({low}–{high})" if low != high else ""
        over = " over budget" if budget and r.transfer_bytes > budget else ""
        over += " (text page, over its limit)" if r.text_page and r.transfer_bytes > TEXT_PAGE_BYTES else ""
        print(f"| /{r.page} | {s['performance']}{spread} | {s['accessibility']} | {s['best-practices']} | {s['seo']} "
              f"| {m['FCP'] / 1000:.1f} | {m['LCP'] / 1000:.1f} | {m['TBT']:.0f} | {m['CLS']:.2f} "
              f"| {r.transfer_bytes / 1024:.1f}{over} | {', '.join(r.other_hosts) or 'none'} |")


def problems(results: list[Result], budget: int | None, thresholds: dict[str, int] = THRESHOLDS) -> list[str]:
    """Everything that fails the gate, one line each."""
    found = []
    for r in results:
        for key, minimum in thresholds.items():
            if r.scores[key] < minimum:
                lost = ", ".join(a for a in r.failing_audits if a.startswith(key + ":"))
                found.append(f"/{r.page} ({r.preset}): {key} {r.scores[key]} < {minimum} ({lost})")
        if r.other_hosts:
            found.append(f"/{r.page} ({r.preset}): requests to {', '.join(r.other_hosts)}")
        if budget and r.transfer_bytes > budget:
            found.append(f"/{r.page} ({r.preset}): transfers {r.transfer_bytes} bytes, over the budget of {budget}")
        if r.text_page and r.transfer_bytes > TEXT_PAGE_BYTES:
            found.append(f"/{r.page} ({r.preset}): a text page transfers {r.transfer_bytes} bytes, "
                         f"over {TEXT_PAGE_BYTES} ({TEXT_PAGE_BYTES // 1024} KB)")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--presets", default="mobile,desktop")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page and preset; the median counts")
    parser.add_argument("--pages", type=int, default=0, help="audit only the first N pages (0: all)")
    parser.add_argument("--record-budget", action="store_true")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci --ignore-scripts` (make audit does).", file=sys.stderr)
        return 2
    selected = pages(args.site)[: args.pages or None]
    recorded = None if args.record_budget else recorded_budget()
    budget = int(recorded["median_transfer_bytes"] * BUDGET_FACTOR) if recorded else None
    all_results: list[Result] = []
    with serving(args.site) as base:
        host = urlsplit(base).netloc
        for preset in args.presets.split(","):
            results = audit_rounds(selected, args.runs,
                                   lambda page, preset=preset: audit_page(args.site, base, host, page, preset))
            print_table(preset, results, budget)
            all_results += results
    median = int(statistics.median(r.transfer_bytes for r in all_results))
    text = [r.transfer_bytes for r in all_results if r.text_page]
    if text:
        print(f"\nText pages ({len(text)} audits): largest first load {max(text) / 1024:.1f} KB, "
              f"limit {TEXT_PAGE_BYTES / 1024:.0f} KB")
    print(f"\nMedian transfer per page: {median / 1024:.1f} KB"
          + (f"; budget {budget / 1024:.1f} KB (120% of {recorded['median_transfer_bytes'] / 1024:.1f} KB "
             f"measured {recorded['measured_on']})" if recorded else ""))
    if args.record_budget:
        BUDGET_FILE.write_text(json.dumps({"median_transfer_bytes": median, "measured_on": dt.date.today().isoformat(),
                                           "pages": len(selected)}, indent=1) + "\n")
        print(f"Recorded the budget in {BUDGET_FILE.relative_to(ROOT)}")
    found = problems(all_results, budget)
    for line in found:
        print(f"FAIL {line}", file=sys.stderr)
    print(f"\n{len(all_results)} audits, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
