"""What each `python -m macros` subcommand does; macros.__main__ only reads the arguments."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from macros import builder
from macros.data import Problem, review_dataset, review_files
from macros.data.problems import printable
from macros.export import SCHEMAS, schema_text, write_schemas
from macros.formatting import counted, plural
from macros.report import revision
from macros.report.diff import compare
from macros.report.markdown import diff_markdown, problems_markdown
from macros.sync import run as sync_run

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "data" / "schema"


def validate(files: list[Path], max_age: int | None, summary: Path | None = None) -> int:
    """Check data/ (or only `files`); print every problem; 1 when there is an error.

    With `summary`, also append the problems as Markdown to that file (a CI job summary), every
    value escaped so that none can make a heading, a link or a code fence there.
    """
    if files:
        dataset, problems = None, review_files(files, Path.cwd(), max_age=max_age)
    else:
        dataset, problems = review_dataset(ROOT / "data", max_age=max_age)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    for problem in errors + warnings:
        print(problem, file=sys.stderr)
    if summary is not None:
        with summary.open("a", encoding="utf-8") as out:
            out.write(problems_markdown(errors, warnings, max_age))
    if errors:
        print(f"{counted(len(errors), 'problem')} found{_and_warnings(warnings)}", file=sys.stderr)
        return 1
    if dataset is not None:
        print(f"data/ is valid: {counted(len(dataset.listings), 'model')} from {counted(len(dataset.providers), 'provider')}, "
              f"{counted(len(dataset.scenarios), 'scenario')}, {counted(len(dataset.observations), 'latency observation')}"
              f"{_and_warnings(warnings)}")
    else:
        print(f"{counted(len(files), 'file')} valid{_and_warnings(warnings)}")
    return 0


def _and_warnings(warnings: list[Problem]) -> str:
    return f", {counted(len(warnings), 'warning')}" if warnings else ""


def schema(check: bool) -> int:
    """Write the JSON Schemas, or with `check` report the stale ones and return 1."""
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


def diff(base: str, head: str | None, repo: Path) -> int:
    """Print the change report between two revisions; 1 when a change looks like a mistake, 2 when git fails."""
    try:
        root = revision.repo_root(repo)
        old = revision.at_revision(root, base)
        new = revision.at_revision(root, head) if head else revision.working_tree(root)
    except revision.RevisionError as exc:
        print(exc, file=sys.stderr)
        return 2
    comparison = compare(old.listings, new.listings, revision.unknown_ids(old, new),
                         old.files, new.files, old.unread_files | new.unread_files)
    print(diff_markdown(comparison, old, new), end="")
    if comparison.has_errors:
        errors = [f for f in comparison.findings if f.severity == "error"]
        for finding in errors:
            print(printable(f"{finding.subject}: {finding.field}: {finding.message}"), file=sys.stderr)
        print(f"{counted(len(errors), 'change')} {plural(len(errors), 'looks', 'look')} like a mistake", file=sys.stderr)
        return 1
    return 0


def sync(options: sync_run.Options) -> int:
    """Compare data/ with the upstream datasets and print the report; with options.write, edit data/."""
    return sync_run.run(options)


def build(engine: str, site_dir: Path) -> int:
    """Build the site with `engine` into `site_dir`, replacing the old site only when the build succeeds."""
    try:
        with builder.terminate_as_exit():
            result = builder.build(ROOT, site_dir.resolve(), engine)
    except KeyboardInterrupt:
        print(f"the {engine} build was stopped, so {site_dir} was left as it was", file=sys.stderr)
        return 128 + signal.SIGINT
    except SystemExit:
        print(f"the {engine} build was stopped, so {site_dir} was left as it was", file=sys.stderr)
        raise
    if result.returncode == 0:
        print(f"built the site with {engine} into {site_dir}")
    else:  # the engine's own account of what went wrong, then ours
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        print(f"the {engine} build failed, so {site_dir} was left as it was", file=sys.stderr)
    return result.returncode
