"""Which files under data/ are read, and the problems with any other entry there.

Only regular `.yaml` files inside data/ are data. A link is never followed (it could point outside
the repository, at a system file, or at itself), a folder where a file belongs is named, and a file
that would otherwise be ignored (`latency.yml`, `notes.txt` among the providers) is an error, so that
nothing a pull request adds under data/ is silently left out or silently read.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from macros.data.problems import Problem
from macros.data.reader import shown

SINGLE_FILES = ("scenarios.yaml", "latency.yaml", "network.yaml", "targets.yaml")
"""The files data/ holds besides the provider files, each read once."""
OPTIONAL_FILES = ("models.yaml", "upstream.yaml", "media.yaml", "privacy.yaml", "capacity.yaml", "selfhosting.yaml")
"""Files data/ may hold, read when present: models.yaml gives each model's facts once, whoever serves it (without it,
no entry can name a shared model); upstream.yaml maps the public datasets' ids to ours (for sync). Each of the others
feeds one page, which stops the build without it: media.yaml prices embeddings, speech and images; privacy.yaml says
what each provider publishes about retention, training and regional processing; capacity.yaml holds the providers'
published rate limits and the capacity page's sizing example; selfhosting.yaml holds rented GPU prices and published
serving throughput."""
FOLDERS = ("providers", "schema")
"""providers/ holds one <provider-id>.yaml per provider; schema/ holds the generated JSON Schemas (not read)."""
SCHEMA_FILES = ("provider.schema.json",
                *(name.replace(".yaml", ".schema.json") for name in SINGLE_FILES + OPTIONAL_FILES))
"""What schema/ holds: the JSON Schemas `python -m macros schema` generates, one for each kind of data file."""
_PROVIDER_FILE = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*\.yaml")


@dataclass
class Found:
    """The data files to read, in a stable order, and every problem with the entries around them."""

    providers: list[Path] = field(default_factory=list)
    singles: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def display(file: Path, root: Path) -> str:
    """`file` relative to the project root when it is inside it, without following links."""
    absolute = Path(os.path.abspath(file))
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else str(absolute)


def _kind(path: Path) -> str | None:
    """'file', 'folder', 'link' or 'other' for what is at `path`, without following a link; None when nothing is."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


def check_file(path: Path, root: Path) -> Problem | None:
    """A problem when `path` is not a regular file with a name ending in .yaml."""
    where = display(path, root)
    kind = _kind(path)
    if kind is None:
        return Problem(where, 1, "", "file is missing (got no file)")
    if kind == "link":
        return Problem(where, 1, "", "must be a file, not a link: links are never followed (got a symbolic link)")
    if kind == "folder":
        return Problem(where, 1, "", "must be a file (got a folder)")
    if kind != "file":
        return Problem(where, 1, "", "must be a regular file (got a device, socket or pipe)")
    if path.suffix != ".yaml":
        return Problem(where, 1, "", f"data files end in .yaml; rename it (got {shown(path.name)})")
    return None


def _schema_problems(schema_dir: Path, root: Path) -> list[Problem]:
    """A problem for each entry in schema/ that is not a generated schema, or is one but not a regular file.

    Editors load these files by the path on each data file's first line, so nothing else may sit among them."""
    problems = []
    for entry in sorted(os.listdir(schema_dir)):
        path = schema_dir / entry
        if entry not in SCHEMA_FILES:
            problems.append(Problem(display(path, root), 1, "", f"is not a generated schema: schema/ holds only "
                                                                f"{', '.join(SCHEMA_FILES)} (got {shown(entry)})"))
        elif _kind(path) != "file":
            problems.append(Problem(display(path, root), 1, "", f"must be a regular file (got a {_kind(path)})"))
    return problems


def find(data_dir: Path) -> Found:
    """The data files under `data_dir`, and a problem for every entry that is not one."""
    root = Path(os.path.abspath(data_dir)).parent
    found = Found()
    if _kind(data_dir) != "folder":
        found.problems.append(Problem(display(data_dir, root), 1, "", "must be a folder of data files, not a link or a file"))
        return found
    for entry in sorted(os.listdir(data_dir)):
        path = data_dir / entry
        if entry in SINGLE_FILES + OPTIONAL_FILES:
            problem = check_file(path, root)
            if problem:
                found.problems.append(problem)
            else:
                found.singles[entry] = path
        elif entry in FOLDERS:
            if _kind(path) != "folder":
                found.problems.append(Problem(display(path, root), 1, "", f"must be a folder (got a {_kind(path)})"))
            elif entry == "schema":
                found.problems += _schema_problems(path, root)
        else:
            names = [f"{name}/" for name in FOLDERS] + list(SINGLE_FILES + OPTIONAL_FILES)
            expected = ", ".join(names[:-1]) + " and " + names[-1]
            hint = f"; did you mean {Path(entry).stem}.yaml?" if Path(entry).suffix == ".yml" else ""
            found.problems.append(Problem(display(path, root), 1, "",
                                          f"is not a data file: data/ holds {expected}{hint} (got {shown(entry)})"))
    for name in SINGLE_FILES:
        if name not in found.singles and _kind(data_dir / name) is None:
            found.problems.append(Problem(display(data_dir / name, root), 1, "", "file is missing (got no file)"))
    providers = data_dir / "providers"
    if _kind(providers) == "folder":
        for entry in sorted(os.listdir(providers)):
            path = providers / entry
            problem = check_file(path, root)
            if problem is None and not _PROVIDER_FILE.fullmatch(entry):
                message = f"must be named <provider-id>.yaml in lower case (got {shown(entry)})"
                problem = Problem(display(path, root), 1, "", message)
            if problem:
                found.problems.append(problem)
            else:
                found.providers.append(path)
        if not found.providers:
            found.problems.append(Problem(display(providers, root), 1, "", "no provider files (got none)"))
    elif _kind(providers) is None:
        found.problems.append(Problem(display(providers, root), 1, "", "no provider files (got no providers/ folder)"))
    return found
