"""Read the data files of a git revision, or of the working tree, for `python -m macros diff`.

An old revision may hold files that today's models reject: a field since renamed, a rule since
added. The comparison should still run, so a file that fails is read model by model: what parses
is compared, and what does not is reported and left out, never counted as added or removed.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from macros.data.dataset import Listing
from macros.data.models import Model, Provider
from macros.data.problems import DataError, Problem
from macros.data.reader import load_text
from macros.data.validate import parse
from macros.export import SCHEMAS

PROVIDERS = "data/providers"
FILES: dict[str, type[BaseModel]] = {
    f"data/{name.removesuffix('.schema.json')}.yaml": model for name, model in SCHEMAS.items() if model is not Provider
}
"""The data files other than providers' (data/scenarios.yaml and the rest), each with its model: one per schema."""


class RevisionError(Exception):
    """Git could not supply the files: not a repository, or no such revision."""


@dataclass
class Snapshot:
    """The models readable at one revision, keyed by id, and what could not be read."""

    rev: str | None
    """The revision as the user named it; None for the working tree."""
    commit: str | None = None
    """The abbreviated commit the revision resolved to."""
    listings: dict[str, Listing] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unknown_models: set[str] = field(default_factory=set)
    """Ids of models whose entries failed today's checks."""
    unread_providers: set[str] = field(default_factory=set)
    """Provider files (by name, without .yaml) in which not even the model ids could be read."""
    files: dict[str, BaseModel] = field(default_factory=dict)
    """Each file that passes today's checks whole, by path: a provider file or one of FILES."""
    unread_files: set[str] = field(default_factory=set)
    """Paths of files that fail today's checks, so that their own fields are compared on neither side."""


def unknown_ids(*snapshots: Snapshot) -> set[str]:
    """Model ids that some snapshot could not read, so that no comparison can say they were added or removed."""
    unread = set().union(*(s.unread_providers for s in snapshots))
    ids = set().union(*(s.unknown_models for s in snapshots))
    return ids | {i for s in snapshots for i, listing in s.listings.items() if listing.provider.id in unread}


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, encoding="utf-8")
    if result.returncode != 0:
        raise RevisionError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def repo_root(start: Path) -> Path:
    """The top folder of the git work tree that holds `start`."""
    return Path(_git(start, "rev-parse", "--show-toplevel").strip())


def at_revision(repo: Path, rev: str) -> Snapshot:
    """The provider files as committed at `rev` (a branch, tag, commit or expression such as HEAD~1)."""
    try:
        commit = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").strip()
    except RevisionError:
        raise RevisionError(f"{rev} is not a commit in {repo} (for a pull request's base, run git fetch first)") from None
    snapshot = Snapshot(rev, commit[:7])
    names = _git(repo, "ls-tree", "--name-only", "-z", commit, "--", f"{PROVIDERS}/").split("\0")
    for path in sorted(name for name in names if name.endswith(".yaml")):
        _read(snapshot, path, _git(repo, "cat-file", "blob", f"{commit}:{path}"))
    present = set(_git(repo, "ls-tree", "--name-only", "-z", commit, "--", *FILES).split("\0"))
    for path in sorted(present & FILES.keys()):
        _read_file(snapshot, path, _git(repo, "cat-file", "blob", f"{commit}:{path}"))
    return snapshot


def working_tree(repo: Path) -> Snapshot:
    """The provider files on disk, with any edits not yet committed."""
    snapshot = Snapshot(None)
    for file in sorted((repo / PROVIDERS).glob("*.yaml")):
        _read(snapshot, f"{PROVIDERS}/{file.name}", file.read_text(encoding="utf-8"))
    for path in FILES:
        if (repo / path).is_file():
            _read_file(snapshot, path, (repo / path).read_text(encoding="utf-8"))
    return snapshot


def _read_file(snapshot: Snapshot, path: str, text: str) -> None:
    """One of FILES: kept whole when it passes today's checks, else its problems are reported and it is not compared."""
    try:
        doc = load_text(text, path)
    except DataError as exc:
        snapshot.problems += exc.problems
        snapshot.unread_files.add(path)
        return
    parsed, problems = parse(FILES[path], doc)
    snapshot.problems += problems
    if parsed is None:
        snapshot.unread_files.add(path)
    else:
        snapshot.files[path] = parsed


def _read(snapshot: Snapshot, path: str, text: str) -> None:
    stem = PurePosixPath(path).stem
    try:
        doc = load_text(text, path)
    except DataError as exc:
        snapshot.problems += exc.problems
        snapshot.unread_providers.add(stem)
        snapshot.unread_files.add(path)
        return
    provider, problems = parse(Provider, doc)
    if provider is not None:
        snapshot.files[path] = provider
    else:
        snapshot.unread_files.add(path)
        snapshot.problems += problems
        provider = _model_by_model(snapshot, doc.value, stem)
    for model in provider.models if provider else ():
        snapshot.listings[model.id] = Listing(provider, model)


def _model_by_model(snapshot: Snapshot, raw: Any, stem: str) -> Provider | None:
    """A provider holding only the models that pass today's checks; the others' ids become unknown."""
    items = raw.get("models") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        snapshot.unread_providers.add(stem)
        return None
    good = []
    for item in items:
        try:
            good.append(Model.model_validate(item))
        except ValidationError:
            model_id = item.get("id") if isinstance(item, dict) else None
            if isinstance(model_id, str):
                snapshot.unknown_models.add(model_id)
            else:
                snapshot.unread_providers.add(stem)
    # Built without checks: the provider's own fields may be what failed, and only its name is shown.
    name = raw.get("name")
    return Provider.model_construct(id=stem, name=name if isinstance(name, str) else stem, models=good)
