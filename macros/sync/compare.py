"""Compare our entries with the upstream datasets through data/upstream.yaml, and decide what may be written.

A change is proposed for writing only when both datasets list the entry and show the same new prices, the entry
has no confirmation on the provider's own page, and our price was not read after the releases; everything else
is listed for a person. Ids are never matched by likeness: an id the mapping does not name is a candidate.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from macros.data.dataset import Listing
from macros.data.models import UpstreamFile
from macros.sync.upstream import Entry, Read, Release

FIELDS = ("input_mtok", "output_mtok", "cached_input_mtok")
"""The prices both datasets carry and sync compares, field by field."""
DATASETS = ("genai-prices", "litellm")
PRIMARY = "genai-prices"
"""The dataset a written price cites (source, verified): the freshest; the other is the second dataset."""


@dataclass
class Drift:
    """One price field where a dataset shows another value than ours."""

    listing: Listing
    field: str
    ours: Decimal | None
    values: dict[str, Decimal | None]
    """Each dataset's value, None where it lists the entry without this price or does not list the entry."""
    listed: dict[str, bool]
    """Whether each dataset lists the entry at all."""

    @property
    def agreed(self) -> Decimal | None:
        """The new value when both datasets list the entry and show it; None otherwise."""
        first, second = (self.values[name] for name in DATASETS)
        return first if all(self.listed.values()) and first is not None and first == second else None


@dataclass
class Change:
    """What sync found for one of our entries: its drifting fields, and whether they may be written."""

    listing: Listing
    drifts: list[Drift]
    readings: dict[str, Entry]
    blocker: str | None
    """Why a person must decide, or None when the datasets agree on every drifting field and it may be written."""


@dataclass
class Candidate:
    """An upstream entry no mapping names: perhaps a model to add."""

    dataset: str
    entry: Entry
    collides_with: str | None
    """Our entry whose id equals this entry's model id, on another mapping: the mapping must say which is which."""


@dataclass
class Flag:
    """One of our entries that upstream marks as deprecated, or no longer lists."""

    listing: Listing
    dataset: str
    key: str
    detail: str


@dataclass
class Comparison:
    """Everything the report lists."""

    releases: list[Release]
    problems: list[str]
    changes: list[Change] = field(default_factory=list)
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    deprecated: list[Flag] = field(default_factory=list)
    dropped: list[Flag] = field(default_factory=list)
    refused: list[tuple[str, str, str]] = field(default_factory=list)
    """(dataset, key, why) for each upstream entry refused."""
    unmapped: list[Listing] = field(default_factory=list)
    """Our entries no mapping names."""

    @property
    def writable(self) -> list[Change]:
        return [change for change in self.changes if change.blocker is None]


def _model_id(dataset: str, key: str) -> str:
    """The model part of an upstream id: after genai-prices' `provider:` and after LiteLLM's last `/`."""
    return key.split(":", 1)[1] if dataset == "genai-prices" else key.rsplit("/", 1)[-1]


def compare(listings: list[Listing], upstream: UpstreamFile, reads: dict[str, Read]) -> Comparison:
    """Our entries against each dataset read, through the mapping only."""
    releases = [read.release for read in reads.values() if read.release is not None]
    problems = [problem for read in reads.values() for problem in read.problems]
    result = Comparison(releases, problems)
    by_id = {listing.model.id: listing for listing in listings}
    keys: dict[str, dict[str, str]] = {name: {} for name in DATASETS}  # dataset -> our id -> upstream key
    for mapping in upstream.mappings:
        if mapping.genai_prices:
            keys["genai-prices"][mapping.id] = mapping.genai_prices
        if mapping.litellm:
            keys["litellm"][mapping.id] = mapping.litellm
    mapped = {name: set(ids.values()) for name, ids in keys.items()}
    ignored = {(item.dataset, item.key) for item in upstream.ignored}
    for name, read in reads.items():
        result.refused += [(name, key, why) for key, why in sorted(read.refused.items())]
    result.unmapped = [listing for listing in listings
                       if not any(listing.model.id in keys[name] for name in DATASETS)]
    for listing in listings:
        change = _change(listing, keys, reads, result)
        if change is not None:
            result.changes.append(change)
    candidates: dict[str, list[Candidate]] = defaultdict(list)
    for name, read in reads.items():
        if read.release is None:
            continue
        for key, entry in read.entries.items():
            if key in mapped[name] or (name, key) in ignored:
                continue
            model_id = _model_id(name, key).lower()
            collides = model_id if model_id in by_id else None
            candidates[entry.host].append(Candidate(name, entry, collides))
    result.candidates = dict(sorted(candidates.items()))
    return result


def _change(listing: Listing, keys: dict[str, dict[str, str]], reads: dict[str, Read], result: Comparison) -> Change | None:
    """The drift of one entry, or None when every dataset that lists it shows our prices."""
    model = listing.model
    readings: dict[str, Entry] = {}
    listed: dict[str, bool] = {}
    blocker = None
    for name in DATASETS:
        read = reads.get(name)
        key = keys[name].get(model.id)
        listed[name] = False
        if read is None or read.release is None or key is None:
            continue
        if key in read.refused:
            blocker = f"{name}'s entry {key} was refused: {read.refused[key]}"
        elif key in read.unpriced:
            blocker = f"{name}'s entry {key} has a missing price"
        elif key not in read.entries:
            result.dropped.append(Flag(listing, name, key, f"no longer in {name} {read.release.version}"))
        else:
            entry = read.entries[key]
            readings[name] = entry
            listed[name] = True
            if entry.deprecated:
                result.deprecated.append(Flag(listing, name, key, entry.deprecated))
    drifts = []
    for field_name in FIELDS:
        ours = getattr(model.prices, field_name)
        values = {name: getattr(readings[name], field_name) if name in readings else None for name in DATASETS}
        shown = [value for name, value in values.items() if listed[name] and value is not None]
        if shown and any(value != ours for value in shown):
            drifts.append(Drift(listing, field_name, ours, values, listed))
    if not drifts and blocker is None:
        return None
    if blocker is None:
        primary = reads[PRIMARY].release
        assert primary is not None  # it lists the entry
        blocker = _blocker(listing, drifts, readings, primary.date)
    return Change(listing, drifts, readings, blocker)


def _blocker(listing: Listing, drifts: list[Drift], readings: dict[str, Entry], written: dt.date) -> str | None:
    """Why the drifting prices must wait for a person, or None when they may be written."""
    if len(readings) < len(DATASETS):
        return "only one dataset lists it"
    if any(drift.agreed is None for drift in drifts):
        return "the datasets disagree" if all(drift.values[n] is not None for drift in drifts for n in DATASETS) \
            else "a dataset lists it without this price"
    if listing.model.confirmed is not None:
        return "its prices are confirmed on the provider's own page: read that page again"
    if listing.model.verified >= written:
        return f"our price was read on {listing.model.verified}, on or after the releases"
    if listing.model.prices.tiers:
        return "it has long-context tiers, which datasets do not compare: edit them together"
    return None
