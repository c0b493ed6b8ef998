"""Command line for contributors and CI.

python -m macros validate [--max-age DAYS] [FILE...]
    Check data/ (or only the given files). Errors exit 1; warnings, such as a price checked more
    than 90 days ago, are printed and exit 0. With --max-age, a price checked more than DAYS days
    ago is an error.
python -m macros schema [--check]
    Regenerate data/schema/*.json from the typed models; with --check, write nothing and exit 1
    when a committed schema differs from the generated one.
python -m macros diff [--repo DIR] BASE [HEAD]
    Print a Markdown report of models added and removed and prices changed between two git
    revisions. Without HEAD it compares BASE with the working tree, uncommitted edits included.
    The repository is the one holding the current directory, or DIR. Exit 1 when a change looks
    like a mistake (a price a thousandfold off, a model id given to another model), 2 when git
    cannot supply a revision.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros import diff, render_changes, revision
from macros.export import SCHEMAS, schema_text, write_schemas
from macros.loader import Problem
from macros.validate import review_dataset, review_files

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "data" / "schema"


def _validate(files: list[Path], max_age: int | None) -> int:
    if files:
        dataset, problems = None, review_files(files, Path.cwd(), max_age=max_age)
    else:
        dataset, problems = review_dataset(ROOT / "data", max_age=max_age)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    for problem in errors + warnings:
        print(problem, file=sys.stderr)
    if errors:
        print(f"{len(errors)} problem(s) found{_and_warnings(warnings)}", file=sys.stderr)
        return 1
    if dataset is not None:
        print(f"data/ is valid: {len(dataset.listings)} models from {len(dataset.providers)} providers, "
              f"{len(dataset.scenarios)} scenarios, {len(dataset.observations)} latency observations{_and_warnings(warnings)}")
    else:
        print(f"{len(files)} file(s) valid{_and_warnings(warnings)}")
    return 0


def _and_warnings(warnings: list[Problem]) -> str:
    return f", {len(warnings)} warning(s)" if warnings else ""


def _schema(check: bool) -> int:
    if not check:
        for path in write_schemas(SCHEMA_DIR):
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    stale = [
        name for name, model in SCHEMAS.items()
        if not (SCHEMA_DIR / name).exists() or (SCHEMA_DIR / name).read_text(encoding="utf-8") != schema_text(model)
    ]
    for name in stale:
        print(f"data/schema/{name} is stale: run `make schema` and commit it", file=sys.stderr)
    return 1 if stale else 0


def _diff(base: str, head: str | None, repo: Path) -> int:
    try:
        root = revision.repo_root(repo)
        old = revision.at_revision(root, base)
        new = revision.at_revision(root, head) if head else revision.working_tree(root)
    except revision.RevisionError as exc:
        print(exc, file=sys.stderr)
        return 2
    comparison = diff.compare(old.listings, new.listings, revision.unknown_ids(old, new))
    print(render_changes.diff_markdown(comparison, old, new), end="")
    if comparison.has_errors:
        errors = [f for f in comparison.findings if f.severity == "error"]
        for finding in errors:
            print(f"{finding.model_id}: {finding.field}: {finding.message}", file=sys.stderr)
        print(f"{len(errors)} change(s) look like a mistake", file=sys.stderr)
        return 1
    return 0


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
    schema = sub.add_parser("schema", help="regenerate data/schema/*.json from the typed models")
    schema.add_argument("--check", action="store_true", help="write nothing; exit 1 when a committed schema is stale")
    compare = sub.add_parser("diff", help="report models added and removed and prices changed between git revisions")
    compare.add_argument("base", help="the revision to compare from, for example origin/main or HEAD~1")
    compare.add_argument("head", nargs="?", help="the revision to compare to (default: the working tree)")
    compare.add_argument("--repo", type=Path, default=Path.cwd(),
                         help="a folder in the git repository to read (default: the current directory)")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.files, args.max_age)
    if args.command == "schema":
        return _schema(args.check)
    return _diff(args.base, args.head, args.repo)


if __name__ == "__main__":
    sys.exit(main())
