"""Command line: `python -m macros validate [FILE...]` and `python -m macros schema`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.export import write_schemas
from macros.loader import DataError
from macros.validate import check_files, load_dataset

ROOT = Path(__file__).resolve().parent.parent


def _validate(files: list[Path]) -> int:
    if files:
        problems = check_files(files, Path.cwd())
    else:
        try:
            dataset = load_dataset(ROOT / "data")
        except DataError as exc:
            problems = exc.problems
        else:
            print(f"data/ is valid: {len(dataset.listings)} models from {len(dataset.providers)} providers, "
                  f"{len(dataset.scenarios)} scenarios, {len(dataset.observations)} latency observations")
            return 0
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"{len(files)} file(s) valid")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; the exit status is non-zero when data is wrong."""
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check data/ (or the given files) without building the site")
    check.add_argument("files", nargs="*", type=Path)
    sub.add_parser("schema", help="regenerate data/schema/*.json from the typed models")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.files)
    for path in write_schemas(ROOT / "data" / "schema"):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
