"""Write the changes the datasets agree on into data/providers/*.yaml, editing the text in place.

Only the lines that change are touched: comments, key order, quoting and number style elsewhere stay as they
are. Each line is found through the reader's record of where every key sits (Document.lines). Afterwards the
whole dataset is validated; if it fails, every file is put back as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

from macros.data.problems import DataError, Loc
from macros.data.reader import Document, load_file
from macros.data.validate import review_dataset
from macros.sync.compare import DATASETS, FIELDS, PRIMARY, Change
from macros.sync.upstream import Release

_SCALAR = re.compile(r"^(?P<head>\s*(?:- )?[a-z_0-9]+:[ \t]*)(?P<value>[^#\s](?:[^#]*[^#\s])?)(?P<tail>[ \t]*(?:#.*)?)$")


def number(value: Decimal) -> str:
    """A price the way the data files write it: at least two decimals (2.50), more only when it has them."""
    return f"{value:.2f}" if -value.as_tuple().exponent <= 2 else f"{value.normalize():f}"  # type: ignore[operator]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


class _Edits:
    """Line edits to one file, applied bottom up so that earlier line numbers stay right."""

    def __init__(self, lines: list[str], doc: Document) -> None:
        self.lines = lines
        self.doc = doc
        self.replace: dict[int, str] = {}
        self.insert: dict[int, list[str]] = {}
        self.delete: set[int] = set()

    def set(self, loc: Loc, text: str) -> bool:
        """Replace the scalar at `loc`; False when it is not a plain `key: value` line."""
        if loc not in self.doc.lines:
            return False
        index = self.doc.lines[loc] - 1
        found = _SCALAR.match(self.lines[index].rstrip("\n"))
        if not found:
            return False
        self.replace[index] = f"{found['head']}{text}{found['tail']}\n"
        return True

    def after(self, index: int, new: list[str]) -> None:
        self.insert.setdefault(index, []).extend(line + "\n" for line in new)

    def apply(self) -> str:
        out: list[str] = []
        for index, line in enumerate(self.lines):
            if index not in self.delete:
                out.append(self.replace.get(index, line))
            out.extend(self.insert.get(index, []))
        return "".join(out)


def _block_end(lines: list[str], start: int, indent: int, stop: int) -> int:
    """The index after the last line of the value that starts on line `start` at `indent`, before `stop`."""
    end = start + 1
    while end < stop and (not lines[end].strip() or lines[end].lstrip().startswith("#") or _indent(lines[end]) > indent):
        end += 1
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and comments before the next key belong to it
    return end


def _edit_model(edits: _Edits, index: int, change: Change, releases: dict[str, Release], following: int) -> str | None:
    """Queue the edits for one model; why it cannot be edited, or None."""
    doc, lines, model = edits.doc, edits.lines, change.listing.model
    here: Loc = ("models", index)
    primary = releases[PRIMARY]
    if ("models", index, "source") not in doc.lines or ("models", index, "prices", "output_mtok") not in doc.lines:
        return "its prices are not written one per line"
    source_line = doc.lines[(*here, "source")] - 1
    indent = " " * _indent(lines[source_line])
    for drift in change.drifts:
        value = drift.agreed
        assert value is not None
        if not edits.set((*here, "prices", drift.field), number(value)):
            if (*here, "prices", drift.field) in doc.lines:
                return f"prices.{drift.field} is not a plain value"
            output_line = doc.lines[(*here, "prices", "output_mtok")] - 1
            edits.after(output_line, [" " * _indent(lines[output_line]) + f"{drift.field}: {number(value)}"])
    if not edits.set((*here, "source"), primary.page) or not edits.set((*here, "verified"), primary.date.isoformat()):
        return "its source or verified line is not a plain value"
    added = []
    for key, value in (("source_kind", "dataset"), ("second_dataset", "agrees")):
        if not edits.set((*here, key), value):
            added.append(f"{indent}{key}: {value}")
    edits.after(source_line, added)
    readings = [f"{indent}readings:"]
    for name in DATASETS:
        entry, release = change.readings[name], releases[name]
        readings += [f"{indent}  - dataset: {name}", f"{indent}    release: {json.dumps(release.version)}",
                     f"{indent}    key: {json.dumps(entry.key, ensure_ascii=False)}"]
        readings += [f"{indent}    {field}: {number(getattr(entry, field))}" for field in FIELDS
                     if getattr(entry, field) is not None]
    if (*here, "readings") in doc.lines:
        start = doc.lines[(*here, "readings")] - 1
        edits.delete.update(range(start, _block_end(lines, start, len(indent), following)))
    edits.after(doc.lines[(*here, "verified")] - 1, readings)
    until = primary.date - dt.timedelta(days=1)
    item = [f"- until: {until.isoformat()}"] + [f"  {field}: {number(getattr(model.prices, field))}" for field in FIELDS
                                              if getattr(model.prices, field) is not None]
    item.append(f"  source: {model.source}")
    if (*here, "history") in doc.lines:
        first = doc.lines[(*here, "history", 0)] - 1
        edits.after(doc.lines[(*here, "history")] - 1, [" " * _indent(lines[first]) + line for line in item])
    else:
        start = doc.lines[here] - 1
        end = _block_end(lines, start, _indent(lines[start]), following)
        edits.after(end - 1, [f"{indent}history:"] + [f"{indent}  {line}" for line in item])
    return None


def write(changes: list[Change], releases: dict[str, Release], data_dir: Path) -> tuple[list[str], list[str]]:
    """Write `changes` into their provider files and validate the data.

    Returns the files written and the problems; when there is a problem nothing stays written.
    """
    by_file: dict[str, list[Change]] = {}
    for change in changes:
        by_file.setdefault(change.listing.provider.id, []).append(change)
    originals: dict[Path, str] = {}
    problems: list[str] = []
    for provider_id, file_changes in sorted(by_file.items()):
        path = data_dir / "providers" / f"{provider_id}.yaml"
        text = path.read_text(encoding="utf-8")
        doc = load_file(path, f"data/providers/{provider_id}.yaml")
        lines = text.splitlines(keepends=True)
        edits = _Edits(lines, doc)
        ids = [model.id for model in file_changes[0].listing.provider.models]
        for change in file_changes:
            index = ids.index(change.listing.model.id)
            following = doc.lines[("models", index + 1)] - 1 if ("models", index + 1) in doc.lines else len(lines)
            why = _edit_model(edits, index, change, releases, following)
            if why:
                problems.append(f"data/providers/{provider_id}.yaml: {change.listing.model.id}: not written: {why}")
        originals[path] = text
        path.write_text(edits.apply(), encoding="utf-8")
    if not problems:
        try:
            dataset, found = review_dataset(data_dir)
        except DataError as exc:  # pragma: no cover - review_dataset reports rather than raises
            dataset, found = None, exc.problems
        problems += [str(problem) for problem in found if problem.severity == "error"]
        if dataset is None and not problems:
            problems.append("the data no longer loads after the edits")
    if problems:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        return [], problems
    return [f"data/providers/{provider_id}.yaml" for provider_id in sorted(by_file)], []
