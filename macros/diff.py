"""Compare two sets of providers: models added and removed, every price changed, and likely mistakes.

Pure functions on typed models: reading git revisions is macros.revision's job and the Markdown
is macros/templates/diff.md's. The unit check here is shared with macros.validate, which applies
it between a model's price and its newest history entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from macros import fmt
from macros.dataset import Listing
from macros.loader import Severity
from macros.models import HistoryEntry, Prices

PRICE_FIELDS = (
    "input_mtok", "output_mtok", "cached_input_mtok", "cache_write_mtok", "batch_input_mtok", "batch_output_mtok",
)
BASIC_FIELDS = ("input_mtok", "output_mtok", "cached_input_mtok")
"""The prices that long-context bands and history entries carry too."""


@dataclass(frozen=True)
class PriceChange:
    """One price of one model that differs between the two sides; None means not listed."""

    listing: Listing
    price: str
    old: Decimal | None
    new: Decimal | None
    above_input_tokens: int | None = None
    """Set for a long-context band: the threshold of the band that changed."""

    @property
    def percent(self) -> Decimal | None:
        """The change in percent, or None when either side is not listed or the old price was 0."""
        return percent_change(self.old, self.new)


@dataclass(frozen=True)
class Finding:
    """A likely mistake found by comparing, with a hint on how to fix it."""

    model_id: str
    field: str
    message: str
    severity: Severity


@dataclass
class Comparison:
    """Everything that differs between a base and a head set of providers."""

    added: list[Listing] = field(default_factory=list)
    removed: list[Listing] = field(default_factory=list)
    changes: list[PriceChange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        """True when a finding should stop the pull request."""
        return any(f.severity == "error" for f in self.findings)


def percent_change(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    """(new - old) / old in percent; None when it cannot be computed."""
    if old is None or new is None or old == 0:
        return None
    return (new - old) / old * 100


def unit_slip(old: Decimal, new: Decimal) -> str | None:
    """A hint when `new` is about 1,000 times `old`, or a thousandth of it: the per-thousand mistake.

    No provider moves a price a thousandfold; a contributor who copies a per-thousand-token price,
    or multiplies a per-million one, does. The window (500 to 2,000 times) leaves every real
    change out.
    """
    if old <= 0 or new <= 0:
        return None
    ratio = new / old
    if 500 <= ratio <= 2000:
        return (f"is {fmt.ratio(ratio)} the previous {old:f}: prices are per million tokens; "
                "if the source already quotes per million, copy its number without multiplying")
    if 500 <= 1 / ratio <= 2000:
        return (f"is 1/{fmt.ratio(1 / ratio).rstrip('×')} of the previous {old:f}: "
                "prices are per million tokens, not per thousand; multiply a per-thousand price by 1,000")
    return None


def same_name(old: str, new: str) -> bool:
    """True when two names plainly mean the same model: equal but for case, spaces and punctuation,
    or one extending the other ("DeepSeek V4 Flash" and "DeepSeek V4 Flash (now deepseek-flash)")."""
    a, b = (re.sub(r"[\W_]+", "", name.casefold()) for name in (old, new))
    return a in b or b in a


def _price_changes(base: Listing, head: Listing) -> Iterator[PriceChange]:
    old, new = base.model.prices, head.model.prices
    for name in PRICE_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            yield PriceChange(head, name, before, after)
    old_tiers = {t.above_input_tokens: t for t in old.tiers}
    new_tiers = {t.above_input_tokens: t for t in new.tiers}
    for threshold in sorted(old_tiers.keys() | new_tiers.keys()):
        before_tier, after_tier = old_tiers.get(threshold), new_tiers.get(threshold)
        for name in BASIC_FIELDS:
            before = getattr(before_tier, name) if before_tier else None
            after = getattr(after_tier, name) if after_tier else None
            if before != after:
                yield PriceChange(head, name, before, after, threshold)


def _findings(base: Listing, head: Listing, changes: Iterable[PriceChange]) -> Iterator[Finding]:
    model_id = head.model.id
    if not same_name(base.model.name, head.model.name):
        yield Finding(
            model_id, "name",
            f"this id was {base.model.name!r} and now names {head.model.name!r}: an id stays with one model for good, "
            f"so links to #model-{model_id} keep pointing at it. Give a new model a new id; if the provider only "
            "renamed this model, say so in the pull request",
            "error",
        )
    for change in changes:
        if change.old is not None and change.new is not None:
            hint = unit_slip(change.old, change.new)
            if hint:
                band = change.above_input_tokens
                where = f"prices.{change.price}" + (f" above {fmt.count(band)} input tokens" if band else "")
                yield Finding(model_id, where, hint, "error")


def _order(listing: Listing) -> tuple[str, str]:
    return (listing.provider.name.casefold(), listing.model.name.casefold())


def compare(base: dict[str, Listing], head: dict[str, Listing], unknown: Iterable[str] = ()) -> Comparison:
    """Compare listings keyed by model id. Ids in `unknown` could not be read on one side, so they
    are neither added nor removed: saying so would be a guess."""
    skip = set(unknown)
    result = Comparison(
        added=sorted((head[i] for i in head.keys() - base.keys() - skip), key=_order),
        removed=sorted((base[i] for i in base.keys() - head.keys() - skip), key=_order),
    )
    for model_id in sorted(base.keys() & head.keys(), key=lambda i: _order(head[i])):
        changes = list(_price_changes(base[model_id], head[model_id]))
        result.changes += changes
        result.findings += _findings(base[model_id], head[model_id], changes)
    return result


def history_slips(prices: Prices, previous: HistoryEntry) -> Iterator[tuple[str, str]]:
    """(field, hint) for each of input, output and cached input that is a thousandfold off `previous`."""
    for name in BASIC_FIELDS:
        old, new = getattr(previous, name), getattr(prices, name)
        if old is not None and new is not None:
            hint = unit_slip(old, new)
            if hint:
                yield name, hint
