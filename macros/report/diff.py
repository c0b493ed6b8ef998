"""Compare two revisions of the data: every field of every file, models added and removed, and likely mistakes.

Pure functions on typed models: reading git revisions is macros.report.revision's job and the
Markdown is macros.report.markdown's. What is compared is whatever the models declare: each side is
walked through its pydantic `model_fields`, nested models and lists of them included, so a field
added to a model reaches the report with no other edit. Every money field (macros.data.fields) gets
the thousandfold check validation applies (macros.data.rules.unit_slip), and a link whose host
changes gets a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit

from pydantic import BaseModel

from macros import calc
from macros.data.dataset import Listing
from macros.data.fields import money_fields
from macros.data.models import Provider
from macros.data.problems import Severity
from macros.data.rules import unit_slip

Scalar = Decimal | int | bool | str | dt.date | tuple[object, ...] | None
"""One field's value: a number, flag, text or date, or a list of them (kept whole)."""


@dataclass(frozen=True)
class Change:
    """One field that differs between the two sides; None means not listed on that side."""

    field: str
    """Where the field is, such as `prices.tiers[200000].input_mtok`: list items are keyed by their first field."""
    old: Scalar
    new: Scalar
    money: bool = False
    """True for a price (macros.data.fields.money_fields)."""

    @property
    def percent(self) -> Decimal | None:
        """A price's change in percent; None for other fields, a price not listed on one side, or an old price of 0."""
        if not (self.money and isinstance(self.old, Decimal) and isinstance(self.new, Decimal)):
            return None
        return calc.percent_change(self.old, self.new)


@dataclass(frozen=True)
class Group:
    """The changed fields of one model (keyed by its id) or of one file's own fields (keyed by its path)."""

    key: str
    title: str | None
    """The model's or provider's name; None for a file without one."""
    provider: str | None
    """For a model: the name of the provider that sells it."""
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Finding:
    """A likely mistake found by comparing, with a hint on how to fix it."""

    subject: str
    """The model id or file path the field belongs to."""
    field: str
    message: str
    severity: Severity


@dataclass
class Comparison:
    """Everything that differs between a base and a head revision of the data."""

    added: list[Listing] = field(default_factory=list)
    removed: list[Listing] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        """Every changed field, group by group."""
        return [change for group in self.groups for change in group.changes]

    @property
    def price_changes(self) -> int:
        """How many of the changed fields are prices."""
        return sum(change.money for change in self.changes)

    @property
    def has_errors(self) -> bool:
        """True when a finding should stop the pull request."""
        return any(f.severity == "error" for f in self.findings)


def same_name(old: str, new: str) -> bool:
    """True when two names plainly mean the same model: equal but for case, spaces and punctuation,
    or one extending the other ("DeepSeek V4 Flash" and "DeepSeek V4 Flash (now deepseek-flash)")."""
    a, b = (re.sub(r"[\W_]+", "", name.casefold()) for name in (old, new))
    return a in b or b in a


def _key(value: object) -> str:
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _keyed(items: list[BaseModel]) -> Iterator[tuple[str, BaseModel]]:
    """List items with a label that survives reordering: the item's first field (an id, a threshold, a date)
    when it tells the items apart, else the position."""
    first = next(iter(type(items[0]).model_fields))
    keys = [_key(getattr(item, first, None)) for item in items]
    if len(set(keys)) < len(keys):
        keys = [str(i) for i in range(len(items))]
    return zip(keys, items, strict=True)


def leaves(value: BaseModel, prefix: str = "", skip: Iterable[str] = ()) -> Iterator[tuple[str, bool, Scalar]]:
    """(path, is a price, value) for every field holding one value, walking nested models and lists of them.

    An empty list or an absent field yields nothing, so it reads as "not listed" beside a listed value.
    """
    model = type(value)
    money = set(money_fields(model))
    for name in model.model_fields:
        if name in skip:
            continue
        item = getattr(value, name)
        path = f"{prefix}.{name}" if prefix else name
        if isinstance(item, BaseModel):
            yield from leaves(item, path)
        elif isinstance(item, list) and item and isinstance(item[0], BaseModel):
            for key, entry in _keyed(item):
                yield from leaves(entry, f"{path}[{key}]")
        elif isinstance(item, list):
            if item:
                yield path, False, tuple(item)
        elif item is not None:
            yield path, name in money, item


def field_changes(old: BaseModel | None, new: BaseModel | None, skip: Iterable[str] = ()) -> list[Change]:
    """Every field that differs between two versions of one model, in the order the new side declares them."""
    before = {path: (money, value) for path, money, value in (leaves(old, skip=skip) if old else ())}
    after = {path: (money, value) for path, money, value in (leaves(new, skip=skip) if new else ())}
    changes = []
    for path in dict.fromkeys([*after, *before]):
        was_money, was = before.get(path, (False, None))
        is_money, now = after.get(path, (False, None))
        if was != now:
            changes.append(Change(path, was, now, was_money or is_money))
    return changes


def _hosts(value: Scalar) -> set[str]:
    texts = value if isinstance(value, tuple) else (value,)
    return {(urlsplit(t).hostname or "") for t in texts if isinstance(t, str) and t.startswith("https://")}


def _findings(subject: str, changes: Iterable[Change]) -> Iterator[Finding]:
    for change in changes:
        if change.money and isinstance(change.old, Decimal) and isinstance(change.new, Decimal):
            hint = unit_slip(change.old, change.new)
            if hint:
                yield Finding(subject, change.field, hint, "error")
        old_hosts, new_hosts = _hosts(change.old), _hosts(change.new)
        if old_hosts and new_hosts and old_hosts != new_hosts:
            yield Finding(
                subject, change.field,
                f"the link moves to another host ({', '.join(sorted(old_hosts))} → {', '.join(sorted(new_hosts))}): "
                "open it and check that it is the provider's own page before merging",
                "warning",
            )


def _name_finding(base: Listing, head: Listing) -> Iterator[Finding]:
    if not same_name(base.model.name, head.model.name):
        model_id = head.model.id
        yield Finding(
            model_id, "name",
            f"this id was {base.model.name!r} and now names {head.model.name!r}: an id stays with one model for good, "
            f"so links to #model-{model_id} keep pointing at it. Give a new model a new id; if the provider only "
            "renamed this model, say so in the pull request",
            "error",
        )


def _order(listing: Listing) -> tuple[str, str]:
    return (listing.provider.name.casefold(), listing.model.name.casefold())


def compare(base: dict[str, Listing], head: dict[str, Listing], unknown: Iterable[str] = (),
            base_files: Mapping[str, BaseModel] | None = None,
            head_files: Mapping[str, BaseModel] | None = None, unread_files: Iterable[str] = ()) -> Comparison:
    """Compare listings keyed by model id, and the files' own fields keyed by path.

    Ids in `unknown` could not be read on one side, so they are neither added nor removed: saying so
    would be a guess. Files in `unread_files` fail today's checks on one side and are not compared (a
    file absent on one side compares with nothing). A provider file's models are compared as
    listings, so that a model moved between providers is one model.
    """
    skip = set(unknown)
    result = Comparison(
        added=sorted((head[i] for i in head.keys() - base.keys() - skip), key=_order),
        removed=sorted((base[i] for i in base.keys() - head.keys() - skip), key=_order),
    )
    old_files, new_files = base_files or {}, head_files or {}
    for path in sorted((old_files.keys() | new_files.keys()) - set(unread_files)):
        old, new = old_files.get(path), new_files.get(path)
        side = new or old
        changes = field_changes(old, new, skip=("models",) if isinstance(side, Provider) else ())
        if changes:
            title = side.name if isinstance(side, Provider) else None
            result.groups.append(Group(path, title, None, tuple(changes)))
            result.findings += _findings(path, changes)
    for model_id in sorted(base.keys() & head.keys(), key=lambda i: _order(head[i])):
        before, after = base[model_id], head[model_id]
        changes = field_changes(before.model, after.model)
        if before.provider.id != after.provider.id:
            changes.insert(0, Change("provider", before.provider.id, after.provider.id))
        result.findings += _name_finding(before, after)
        if changes:
            result.groups.append(Group(model_id, after.model.name, after.provider.name, tuple(changes)))
            result.findings += _findings(model_id, changes)
    return result
