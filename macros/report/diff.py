"""Compare two sets of providers: models added and removed, every price changed, and likely mistakes.

Pure functions on typed models: reading git revisions is macros.report.revision's job and the
Markdown is macros.report.markdown's. The fields compared are the models' own price fields
(macros.data.fields), and the thousandfold check is the one validation applies (macros.data.rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from macros import calc
from macros import formatting as fmt
from macros.data.dataset import Listing
from macros.data.fields import money_fields
from macros.data.problems import Severity
from macros.data.rules import unit_slip


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
        return calc.percent_change(self.old, self.new)


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


def same_name(old: str, new: str) -> bool:
    """True when two names plainly mean the same model: equal but for case, spaces and punctuation,
    or one extending the other ("DeepSeek V4 Flash" and "DeepSeek V4 Flash (now deepseek-flash)")."""
    a, b = (re.sub(r"[\W_]+", "", name.casefold()) for name in (old, new))
    return a in b or b in a


def _fields(*sides: object) -> list[str]:
    """The price fields either side's model declares, in declaration order."""
    names: dict[str, None] = {}
    for side in sides:
        if side is not None:
            names.update(dict.fromkeys(money_fields(type(side))))  # type: ignore[arg-type]
    return list(names)


def _price_changes(base: Listing, head: Listing) -> Iterator[PriceChange]:
    old, new = base.model.prices, head.model.prices
    for name in _fields(new, old):
        before, after = getattr(old, name, None), getattr(new, name, None)
        if before != after:
            yield PriceChange(head, name, before, after)
    old_tiers = {t.above_input_tokens: t for t in old.tiers}
    new_tiers = {t.above_input_tokens: t for t in new.tiers}
    for threshold in sorted(old_tiers.keys() | new_tiers.keys()):
        before_tier, after_tier = old_tiers.get(threshold), new_tiers.get(threshold)
        for name in _fields(after_tier, before_tier):
            before, after = getattr(before_tier, name, None), getattr(after_tier, name, None)
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
