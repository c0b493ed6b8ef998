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
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from macros import builder, commands


def _days(text: str) -> int:
    days = int(text)
    if days < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more days (got {days})")
    return days


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
    args = parser.parse_args(argv)
    if args.command == "validate":
        return commands.validate(args.files, args.max_age, args.summary)
    if args.command == "schema":
        return commands.schema(args.check)
    if args.command == "build":
        return commands.build(args.engine, args.site_dir)
    return commands.diff(args.base, args.head, args.repo)


if __name__ == "__main__":
    sys.exit(main())
