"""Command line for contributors and CI.

python -m macros validate [--max-age DAYS] [--summary FILE] [FILE...]
    Check data/ (or only the given files). Errors exit 1; warnings, such as a price checked more
    than 90 days ago, are printed and exit 0. With --max-age, a price checked more than DAYS days
    ago is an error.
python -m macros schema [--check]
    Regenerate data/schema/*.json from the typed models; with --check, write nothing and exit 1
    when a committed schema differs from the generated one.
python -m macros build [--engine mkdocs|properdocs|zensical] [--site-dir DIR]
    Build the site into DIR (default: site/) and replace the old one only when the build succeeds.
    The engine defaults to $IFG_ENGINE, or mkdocs.
python -m macros diff [--repo DIR] BASE [HEAD]
    Print a Markdown report of models added and removed and prices changed between two git
    revisions. Without HEAD it compares BASE with the working tree, uncommitted edits included.
    The repository is the one holding the current directory, or DIR. Exit 1 when a change looks
    like a mistake (a price a thousandfold off, a model id given to another model), 2 when git
    cannot supply a revision.
python -m macros sync --litellm FILE [--write] [--output FILE] [...]
    Compare data/ with the upstream datasets (the installed genai-prices package, or --genai-prices FILE, and
    LiteLLM's map in FILE, checked against its pinned sha256) through data/upstream.yaml, and print a Markdown
    report: new models per host, price drift, deprecations, entries dropped upstream. With --write, the prices
    both datasets agree on are written into data/providers/. Exit 1 when an input is refused or a write fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from macros import builder, commands
from macros.sync import run as sync_run
from macros.sync import upstream


def _days(text: str) -> int:
    days = int(text)
    if days < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more days (got {days})")
    return days


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date written YYYY-MM-DD (got {text})") from None


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; the exit status is non-zero when data is wrong."""
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check data/ (or the given files) without building the site")
    check.add_argument("files", nargs="*", type=Path)
    check.add_argument("--max-age", type=_days, metavar="DAYS",
                       help="fail when a price was checked more than DAYS days ago (default: only warn after 90)")
    check.add_argument("--summary", type=Path, metavar="FILE",
                       help="also append the problems as escaped Markdown to FILE, such as $GITHUB_STEP_SUMMARY")
    schema = sub.add_parser("schema", help="regenerate data/schema/*.json from the typed models")
    schema.add_argument("--check", action="store_true", help="write nothing; exit 1 when a committed schema is stale")
    make = sub.add_parser("build", help="build the site, replacing the old one only when the build succeeds")
    make.add_argument("--engine", choices=sorted(builder.ENGINES), default=os.environ.get("IFG_ENGINE") or "mkdocs",
                      help="the engine that builds it (default: $IFG_ENGINE, or mkdocs)")
    make.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (default: site/)")
    compare = sub.add_parser("diff", help="report models added and removed and prices changed between git revisions")
    compare.add_argument("base", help="the revision to compare from, for example origin/main or HEAD~1")
    compare.add_argument("head", nargs="?", help="the revision to compare to (default: the working tree)")
    compare.add_argument("--repo", type=Path, default=Path.cwd(),
                         help="a folder in the git repository to read (default: the current directory)")
    sync = sub.add_parser("sync", help="compare data/ with genai-prices and LiteLLM, report, and with --write edit data/")
    sync.add_argument("--litellm", type=Path, required=True, metavar="FILE",
                      help="LiteLLM's model_prices_and_context_window.json")
    sync.add_argument("--litellm-release", default=upstream.LITELLM_PIN[0], metavar="VERSION",
                      help=f"the LiteLLM release the file comes from (default: the pinned {upstream.LITELLM_PIN[0]})")
    sync.add_argument("--litellm-sha256", metavar="HASH", help="accept a file with this sha256 instead of the pinned one")
    sync.add_argument("--litellm-date", type=_date, metavar="YYYY-MM-DD", help="the release's upload date, when not known")
    sync.add_argument("--genai-prices", type=Path, metavar="FILE",
                      help="genai-prices data as JSON (tests' fixtures); default: the installed package")
    sync.add_argument("--genai-prices-date", type=_date, metavar="YYYY-MM-DD", help="the release's upload date, when not known")
    sync.add_argument("--write", action="store_true", help="write the prices both datasets agree on into data/providers/")
    sync.add_argument("--output", type=Path, metavar="FILE", help="also write the report to FILE")
    sync.add_argument("--data", type=Path, default=commands.ROOT / "data", help="the data folder (default: data/)")
    sync.add_argument("--max-listed", type=_days, default=10, metavar="N", help="new entries named per host (default 10)")
    args = parser.parse_args(argv)
    if args.command == "sync":
        return commands.sync(sync_run.Options(
            args.data, args.litellm, args.litellm_release, args.litellm_sha256, args.litellm_date,
            args.genai_prices, args.genai_prices_date, args.write, args.output, args.max_listed))
    if args.command == "validate":
        return commands.validate(args.files, args.max_age, args.summary)
    if args.command == "schema":
        return commands.schema(args.check)
    if args.command == "build":
        return commands.build(args.engine, args.site_dir)
    return commands.diff(args.base, args.head, args.repo)


if __name__ == "__main__":
    status = main()
    # Everything is written and closed, and every worker and engine has been waited for. What is left is freeing, one by
    # one, the millions of objects a build holds (the dataset, each cost entry, the exports): 1.5 s of a 10,000-model
    # build. The operating system takes the memory back at once.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
