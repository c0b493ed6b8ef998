"""Every rule the data must follow beyond its types, in one place.

The typed models (macros.data.models) say what each field holds; these rules say how fields
relate: a tier above the one before it, history newest first, no date in the future, a price a
thousandfold off the one before it, a check that is due. Validation applies them to files; the
change report (macros.report) applies `unit_slip` between two revisions.

How old a checked price is, and when it is due for another look, is measured against a reference
date, never read from the clock here, and the two callers pick different references on purpose:

- The site measures against the newest check date in the table (`as_of`, which for the full
  pricing table is `Dataset.as_of`). A static page cannot say "12 days old" truthfully: it is
  built once and read for months, so a build-date age goes stale the day after the build, and
  two builds of the same data on different days would differ. Against `as_of` the same data
  always renders the same page, and "check due" means "much older than the rest of the data",
  which stays true for as long as the page is online.
- `python -m macros validate` measures against today, because a person or the weekly workflow
  runs it to ask about now: a dataset nobody touched for half a year must be flagged even though
  none of its prices moved relative to each other.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import get_args

from macros import formatting as fmt
from macros.data.fields import money_fields, shared_money_fields
from macros.data.lookalike import skeleton
from macros.data.models import (
    CapacityFile,
    Effort,
    HistoryEntry,
    LatencyFile,
    MediaFile,
    Model,
    NetworkFile,
    Observation,
    Prices,
    PrivacyFile,
    Provider,
    Reasoning,
    Scenario,
    ScenarioFile,
    SelfHostingFile,
    TargetsFile,
    Tier,
    UpstreamFile,
    UseCase,
)
from macros.data.problems import Loc, Problem, Severity, dotted
from macros.data.reader import Document

STALE_AFTER_DAYS = 90
"""A price checked more than this many days before the reference date is due for a check."""




def age_days(verified: dt.date, reference: dt.date) -> int:
    """Whole days from the check to the reference date; 0 when checked on it."""
    return (reference - verified).days


def is_due(verified: dt.date, reference: dt.date, after_days: int = STALE_AFTER_DAYS) -> bool:
    """True when the price was checked more than `after_days` days before `reference`."""
    return age_days(verified, reference) > after_days


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


def history_slips(prices: Prices, previous: HistoryEntry) -> Iterator[tuple[str, str]]:
    """(field, hint) for each price the history entry shares with the model that is a thousandfold off `previous`."""
    for name in shared_money_fields(type(previous), type(prices)):
        old, new = getattr(previous, name), getattr(prices, name)
        if old is not None and new is not None:
            hint = unit_slip(old, new)
            if hint:
                yield name, hint


def provider_checks(provider: Provider, doc: Document, stem: str, today: dt.date) -> Iterator[Problem]:
    def at(loc: Loc, message: str) -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

    if provider.id != stem:
        yield at(("id",), f"must equal the file name '{stem}' (got {provider.id})")
    for i, model in enumerate(provider.models):
        here: Loc = ("models", i)
        if model.verified > today:
            yield at(here + ("verified",), f"must not be in the future (got {model.verified})")
        if model.released and model.released > today:
            yield at(here + ("released",), f"must not be in the future (got {model.released})")
        yield from _behaviour_checks(model, here, at, today)
        if model.max_output and model.context_window and model.max_output > model.context_window:
            yield at(here + ("max_output",), f"must not exceed context_window, {model.context_window}: one response "
                                             f"cannot hold more tokens than the whole request (got {model.max_output})")
        last = 0
        for j, tier in enumerate(model.prices.tiers):
            if tier.above_input_tokens <= last:
                loc = here + ("prices", "tiers", j, "above_input_tokens")
                yield at(loc, f"must be greater than the tier before it, {last} (got {tier.above_input_tokens})")
            last = tier.above_input_tokens
        newer = model.verified
        for j, entry in enumerate(model.history):
            if entry.until >= newer:
                loc = here + ("history", j, "until")
                after = f"verified, {newer}" if j == 0 else f"the entry above it, {newer}"
                yield at(loc, f"must be before {after}: history runs newest first (got {entry.until})")
            newer = entry.until


EFFORTS: tuple[str, ...] = get_args(Effort)
"""The guide's effort scale, lowest first."""


def _behaviour_checks(model: Model, here: Loc, at: Callable[[Loc, str], Problem], today: dt.date) -> Iterator[Problem]:
    """Facts about one model that must agree with each other: thinking, caching, confirmed fields, lifecycle."""
    yield from reasoning_checks(model.reasoning, here + ("reasoning",), at)
    if model.caching and model.caching.mode == "none" and model.prices.cached_input_mtok is not None:
        yield at(here + ("caching", "mode"), f"is none, but prices.cached_input_mtok lists a cache price "
                                             f"(got {model.prices.cached_input_mtok}): one of them is wrong")
    if model.confirmed:
        known = set(money_fields(type(model.prices)))
        for j, name in enumerate([*model.confirmed.fields, *model.confirmed.disagrees]):
            if name not in known:
                key = "fields" if j < len(model.confirmed.fields) else "disagrees"
                yield at(here + ("confirmed", key), f"must name price fields such as input_mtok (got {name})")
            elif getattr(model.prices, name) is None:
                yield at(here + ("confirmed",), f"confirms {name}, which the model does not list (got {name})")
    if model.source_kind == "provider" and model.second_dataset is not None:
        yield at(here + ("second_dataset",), "applies only to prices taken from a dataset (got it with source_kind: provider)")
    if model.confirmed and model.confirmed.read > today:
        yield at(here + ("confirmed", "read"), f"must not be in the future (got {model.confirmed.read})")
    storage = model.caching.storage if model.caching else None
    if storage and model.caching and model.caching.mode == "none":
        yield at(here + ("caching", "storage"), "is a fee for keeping a cache, but mode is none (got a storage fee)")
    if storage and storage.checked > today:
        yield at(here + ("caching", "storage", "checked"), f"must not be in the future (got {storage.checked})")
    if model.caching and model.caching.min_tokens_basis and model.caching.min_tokens is None:
        yield at(here + ("caching", "min_tokens_basis"), "explains a min_tokens, so it needs one (got no min_tokens)")
    life = model.lifecycle
    if life and life.retires is None and life.deprecated is None:
        yield at(here + ("lifecycle",), "needs retires, deprecated or both (got neither)")
    if life and life.retires is None and not life.retires_known:
        yield at(here + ("lifecycle", "retires_known"), "is false, which needs retires: the day the source said the "
                                                        "model was already retired (got no retires)")
    if life and life.deprecated and life.retires and life.deprecated > life.retires:
        yield at(here + ("lifecycle", "deprecated"), f"must not be after retires, {life.retires} (got {life.deprecated})")


def reasoning_checks(r: Reasoning | None, where: Loc, at: Callable[[Loc, str], Problem]) -> Iterator[Problem]:
    """A model's thinking facts agree with each other: wherever they are written (a host entry or data/models.yaml)."""
    if r and r.mode == "none" and (r.default != "off" or r.efforts or r.default_effort):
        yield at(where, f"a model that never thinks has default: off and no efforts (got default: {r.default})")
    if r and r.mode == "always" and r.default != "on":
        yield at(where + ("default",), f"must be on for a model that always thinks (got {r.default})")
    if r and r.default_effort and r.efforts and r.default_effort not in r.efforts:
        yield at(where + ("default_effort",), f"must be one of efforts, {', '.join(r.efforts)} (got {r.default_effort})")
    if r and (len(set(r.efforts)) != len(r.efforts) or list(r.efforts) != sorted(r.efforts, key=EFFORTS.index)):
        yield at(where + ("efforts",), f"must list each level once, from low to high (got {', '.join(r.efforts)})")
    if r and r.default_effort_basis and not r.default_effort:
        yield at(where + ("default_effort_basis",), "explains a default_effort, so it needs one (got no default_effort)")


def thinking_price_checks(model: Model, here: Loc, at: Callable[[Loc, str], Problem]) -> Iterator[Problem]:
    """Run once a host entry has its model's facts: a thinking-mode price needs a model that can think."""
    r = model.reasoning
    if model.prices.thinking_output_mtok is not None and (r is None or r.mode == "none"):
        yield at(here + ("prices", "thinking_output_mtok"), f"is a price for output with thinking on, so reasoning must "
                                                            f"say the model can think (got {r.mode if r else 'no reasoning'})")


def hint_checks(provider: Provider, doc: Document) -> Iterator[Problem]:
    """Mistakes contributors make, each with a hint: a cache read dearer than a fresh token (error),
    a price a thousandfold off the one before it (error), output cheaper than input (warning)."""
    def at(loc: Loc, message: str, severity: Severity = "error") -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message, severity)

    for i, model in enumerate(provider.models):
        here: Loc = ("models", i)
        priced: list[tuple[Loc, Prices | Tier | HistoryEntry]] = [(here + ("prices",), model.prices)]
        priced += [(here + ("prices", "tiers", j), tier) for j, tier in enumerate(model.prices.tiers)]
        priced += [(here + ("history", j), entry) for j, entry in enumerate(model.history)]
        for loc, band in priced:
            if band.cached_input_mtok is not None and band.cached_input_mtok > band.input_mtok:
                yield at(loc + ("cached_input_mtok",),
                         f"must not exceed input_mtok, {band.input_mtok}: a cache read costs less than a fresh "
                         f"input token, so check the two are not swapped (got {band.cached_input_mtok})")
        prices = model.prices
        if prices.output_mtok < prices.input_mtok:
            yield at(here + ("prices", "output_mtok"),
                     f"is below input_mtok, {prices.input_mtok}: output almost always costs more than input, "
                     f"so check the two are not swapped (got {prices.output_mtok})", "warning")
        if model.history:
            for name, hint in history_slips(prices, model.history[0]):
                yield at(here + ("prices", name), f"{hint} (got {getattr(prices, name)})")


def freshness_checks(provider: Provider, doc: Document, today: dt.date, max_age: int | None,
                     warn: bool = True) -> Iterator[Problem]:
    """A warning for each price checked more than 90 days ago (without `warn`, none); an error past `max_age` days,
    if given."""
    severity: Severity
    for i, model in enumerate(provider.models):
        age = age_days(model.verified, today)
        if max_age is not None and age > max_age:
            limit, severity = max_age, "error"
        elif warn and is_due(model.verified, today):
            limit, severity = STALE_AFTER_DAYS, "warning"
        else:
            continue
        loc: Loc = ("models", i, "verified")
        yield Problem(
            doc.path, doc.line_of(loc), dotted(loc),
            f"was checked {age} days ago, more than {limit}: read the source again, then update the prices "
            f"and this date (got {model.verified})",
            severity,
        )


def scenario_checks(scenarios: ScenarioFile, doc: Document) -> Iterator[Problem]:
    def at(loc: Loc, message: str) -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

    listed: list[tuple[Loc, Scenario]] = [(("scenarios", i), s) for i, s in enumerate(scenarios.scenarios)]
    listed += [(("tasks", i), t) for i, t in enumerate(scenarios.tasks)]
    for here, s in listed:
        if s.cacheable_prefix_tokens + s.image_tokens > s.input_tokens:
            yield at(here + ("cacheable_prefix_tokens",), f"with image_tokens, {s.image_tokens}, must not exceed input_tokens, "
                                                          f"{s.input_tokens} (got {s.cacheable_prefix_tokens})")
        if s.cache_hit_rate and not s.cacheable_prefix_tokens:
            yield at(here + ("cache_hit_rate",), f"needs a cacheable_prefix_tokens above 0: with no prefix nothing is cached "
                                                 f"(got {s.cache_hit_rate})")
        if s.cacheable_prefix_tokens and s.cache_basis is None:
            yield at(here + ("cache_basis",), "is required when there is a cacheable prefix: say where it and the hit rate "
                                              "come from (got nothing)")
        t = s.thinking_tokens
        if not t.low <= t.medium <= t.high:
            yield at(here + ("thinking_tokens",), f"must not fall as effort rises: low <= medium <= high "
                                                  f"(got {t.low}, {t.medium}, {t.high})")
    volumes = scenarios.monthly_volumes
    for i in range(1, len(volumes)):
        if volumes[i] <= volumes[i - 1]:
            loc = ("monthly_volumes", i)
            yield Problem(doc.path, doc.line_of(loc), dotted(loc), f"must increase (got {volumes[i]} after {volumes[i - 1]})")


CURRENT_MONTHS = 12
"""A latency figure is current when it dates from no more than this many months before the data's as-of date.
Older ones, and undated ones, show only in the observations page's history: never in a headline table, a worked
example, a verdict or a demo preset."""


def earliest_date(observed: str) -> dt.date:
    """The earliest day a partial date can mean: 2026-04 is 2026-04-01, and 2026 is 2026-01-01."""
    year, month, day = (observed.split("-") + ["1", "1"])[:3]
    return dt.date(int(year), int(month), int(day))


def current_since(as_of: dt.date) -> dt.date:
    """The first day a figure may date from and still be current: CURRENT_MONTHS before `as_of`, or the first day a
    date can hold when that is earlier."""
    year, month = divmod(as_of.year * 12 + as_of.month - 1 - CURRENT_MONTHS, 12)
    if year < dt.MINYEAR:
        return dt.date.min
    return dt.date(year, month + 1, min(as_of.day, calendar.monthrange(year, month + 1)[1]))  # 29 Feb -> 28 Feb


def is_current(obs: Observation, as_of: dt.date) -> bool:
    """True when the figure may be used as evidence: dated, not set aside, and no older than CURRENT_MONTHS.

    A partial date counts from its earliest day, so "2025-11" is too old against an as-of of 2026-11-20:
    the figure may be from the first of that month, and a page must not claim it is current.
    """
    return obs.observed is not None and obs.excluded_because is None and earliest_date(obs.observed) >= current_since(as_of)


def latency_checks(latency: LatencyFile, doc: Document, today: dt.date) -> Iterator[Problem]:
    def at(i: int, field: str, message: str) -> Problem:
        loc: Loc = ("observations", i, field)
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

    for i, obs in enumerate(latency.observations):
        if obs.observed is None and obs.date_precision != "not_stated":
            yield at(i, "observed", f"is required unless date_precision is not_stated (got nothing, with {obs.date_precision})")
        if obs.observed is not None and obs.date_precision == "not_stated":
            yield at(i, "date_precision", f"must say how the date is known, since observed gives one "
                                          f"(got not_stated with {obs.observed})")
        if obs.observed is not None and obs.observed > today.isoformat()[: len(obs.observed)]:
            yield at(i, "observed", f"must not be in the future (got {obs.observed})")
        speed = obs.metric == "output_tokens_per_s"
        if speed != (obs.includes_thinking == "not_applicable"):
            wanted = "must be not_applicable for an output speed" if speed else "must be yes, no or unclear for a time"
            yield at(i, "includes_thinking", f"{wanted} (got {obs.includes_thinking} with metric {obs.metric})")


def targets_checks(targets: TargetsFile, doc: Document, today: dt.date) -> Iterator[Problem]:
    """Every threshold a use case or a verdict names exists; verdict bands rise, and only the last is open-ended."""
    def at(loc: Loc, message: str) -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

    seconds = {t.id: t.seconds for t in targets.thresholds}
    for i, threshold in enumerate(targets.thresholds):
        if threshold.checked > today:
            yield at(("thresholds", i, "checked"), f"must not be in the future (got {threshold.checked})")
    for i, case in enumerate(targets.use_cases):
        if case.first_word is None and case.full_answer is None:
            yield at(("use_cases", i), "needs a first_word or a full_answer threshold, or both (got neither)")
        for name in ("first_word", "full_answer"):
            wanted = getattr(case, name)
            if wanted is not None and wanted not in seconds:
                yield at(("use_cases", i, name), f"must be the id of a threshold in this file (got {wanted})")
    last = len(targets.verdicts) - 1
    previous: Decimal | None = None
    for i, band in enumerate(targets.verdicts):
        loc: Loc = ("verdicts", i, "threshold")
        if i == last:
            if band.threshold is not None:
                yield at(loc, f"must be left out on the last band, which has no end (got {band.threshold})")
        elif band.threshold is None:
            yield at(("verdicts", i), "needs a threshold: only the last band has no end (got nothing)")
        elif band.threshold not in seconds:
            yield at(loc, f"must be the id of a threshold in this file (got {band.threshold})")
        else:
            if previous is not None and seconds[band.threshold] <= previous:
                yield at(loc, f"must end later than the band before it, {previous:f} s "
                              f"(got {band.threshold}, {seconds[band.threshold]:f} s)")
            previous = seconds[band.threshold]
    words = [band.words for band in targets.verdicts]
    for i, case in enumerate(targets.use_cases):
        yield from _advice_checks(case, ("use_cases", i, "advice"), words, at)


def _advice_checks(case: UseCase, here: Loc, words: list[str], at: Callable[[Loc, str], Problem]) -> Iterator[Problem]:
    """A use case gives advice for every verdict band, once each, in the bands' order: a page looks a band's advice up
    by its place, and a band shown with no advice would leave a designer with words that may not fit the feature."""
    seen: dict[str, int] = {}
    for j, advice in enumerate(case.advice):
        loc: Loc = (*here, j, "verdict")
        if advice.verdict not in words:
            yield at(loc, f"must be the words of a band in verdicts: {', '.join(words)} (got {advice.verdict})")
        elif advice.verdict in seen:
            yield at(loc, f"must not repeat a band, given already at advice[{seen[advice.verdict]}] (got {advice.verdict})")
        else:
            seen[advice.verdict] = j
    missing = [w for w in words if w not in seen]
    if missing:
        yield at(here, f"needs advice for every band in verdicts (got none for {', '.join(missing)})")
    elif len(seen) == len(case.advice) and [a.verdict for a in case.advice] != words:
        order = [a.verdict for a in case.advice]
        j = next(j for j, (got, wanted) in enumerate(zip(order, words, strict=True)) if got != wanted)
        yield at((*here, j, "verdict"), f"must follow the order of verdicts, which puts {words[j]} here (got {order[j]})")


def use_case_checks(scenarios: ScenarioFile, scenarios_doc: Document, targets: TargetsFile) -> Iterator[Problem]:
    """Each scenario's use case is one data/targets.yaml defines."""
    known = {case.id for case in targets.use_cases}
    listed: list[tuple[Loc, Scenario]] = [(("scenarios", i), s) for i, s in enumerate(scenarios.scenarios)]
    listed += [(("tasks", i), t) for i, t in enumerate(scenarios.tasks)]
    for here, scenario in listed:
        if scenario.use_case not in known:
            loc: Loc = here + ("use_case",)
            yield Problem(scenarios_doc.path, scenarios_doc.line_of(loc), dotted(loc),
                          f"must be the id of a use case in data/targets.yaml: {', '.join(sorted(known))} "
                          f"(got {scenario.use_case})")


def network_checks(network: NetworkFile, doc: Document, today: dt.date) -> Iterator[Problem]:
    dated: list[tuple[Loc, dt.date]] = [(("profiles", i, "checked"), p.checked) for i, p in enumerate(network.profiles)]
    dated += [(("connection", "checked"), network.connection.checked), (("text", "checked"), network.text.checked)]
    for loc, checked in dated:
        if checked > today:
            yield Problem(doc.path, doc.line_of(loc), dotted(loc), f"must not be in the future (got {checked})")


MEDIA_LISTS = ("embeddings", "transcription", "speech", "image_generation")
"""The lists of priced models in data/media.yaml, each in its own unit."""


def media_checks(media: MediaFile, doc: Document, today: dt.date) -> Iterator[Problem]:
    """data/media.yaml on its own: no check in the future, an image model with a price, one counting rule per provider."""
    def at(loc: Loc, message: str) -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

    for name in MEDIA_LISTS:
        for i, entry in enumerate(getattr(media, name)):
            if entry.verified > today:
                yield at((name, i, "verified"), f"must not be in the future (got {entry.verified})")
    for i, image in enumerate(media.image_generation):
        if image.usd_per_image is None and image.output_image_mtok is None:
            yield at(("image_generation", i), "needs usd_per_image, output_image_mtok or both (got neither)")
        if image.image_size is not None and image.usd_per_image is None:
            yield at(("image_generation", i, "image_size"),
                     f"says what usd_per_image is for, so needs usd_per_image (got {image.image_size})")
    seen: dict[str, int] = {}
    for i, rule in enumerate(media.image_input):
        if rule.checked > today:
            yield at(("image_input", i, "checked"), f"must not be in the future (got {rule.checked})")
        if rule.provider in seen:
            yield at(("image_input", i, "provider"), f"has a rule already, at line "
                                                    f"{doc.line_of(('image_input', seen[rule.provider]))} (got {rule.provider})")
        else:
            seen[rule.provider] = i


def media_provider_checks(media: MediaFile, doc: Document, provider_ids: Iterable[str]) -> Iterator[Problem]:
    """Each entry in data/media.yaml names a provider that has a file in data/providers."""
    known = set(provider_ids)
    places: list[Loc] = [(name, i, "provider") for name in (*MEDIA_LISTS, "image_input")
                         for i in range(len(getattr(media, name)))]
    for loc in places:
        name, i, _ = loc
        provider = getattr(media, str(name))[int(i)].provider
        if provider not in known:
            yield Problem(doc.path, doc.line_of(loc), dotted(loc),
                          f"must be the id of a provider in data/providers (got {provider})")


PRIVACY_FACTS = ("retention", "zero_retention", "training", "regional")
"""The facts an entry of data/privacy.yaml may give about one provider."""


def privacy_checks(privacy: PrivacyFile, doc: Document, today: dt.date) -> Iterator[Problem]:
    """data/privacy.yaml on its own: no fact read in the future, one entry per provider, an uplift that raises the
    price, and a model list only beside the multiplier it is for."""
    def at(loc: Loc, message: str) -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

    seen: dict[str, int] = {}
    for i, entry in enumerate(privacy.providers):
        if entry.provider in seen:
            yield at(("providers", i, "provider"), f"has an entry already, at line "
                                                   f"{doc.line_of(('providers', seen[entry.provider]))} (got {entry.provider})")
        else:
            seen[entry.provider] = i
        for name in PRIVACY_FACTS:
            fact = getattr(entry, name)
            if fact is not None and fact.checked > today:
                yield at(("providers", i, name, "checked"), f"must not be in the future (got {fact.checked})")
        regional = entry.regional
        if regional is None:
            continue
        here: Loc = ("providers", i, "regional")
        if regional.uplift_multiplier is not None and regional.uplift_multiplier < 1:
            yield at(here + ("uplift_multiplier",), f"must be at least 1: an uplift raises the price "
                                                    f"(got {regional.uplift_multiplier})")
        if regional.uplift_multiplier is None and (regional.uplift_models or regional.uplift_source):
            field_name = "uplift_models" if regional.uplift_models else "uplift_source"
            yield at(here + (field_name,), "says where a multiplier applies, so needs uplift_multiplier "
                                           "(got no multiplier)")


def privacy_reference_checks(privacy: PrivacyFile, doc: Document, model_providers: dict[str, str]) -> Iterator[Problem]:
    """Each entry of data/privacy.yaml names a provider in data/providers, and each model an uplift lists is one of
    that provider's models. `model_providers` maps each model id to its provider's id."""
    known = set(model_providers.values())
    for i, entry in enumerate(privacy.providers):
        if entry.provider not in known:
            yield Problem(doc.path, doc.line_of(("providers", i, "provider")), dotted(("providers", i, "provider")),
                          f"must be the id of a provider in data/providers (got {entry.provider})")
            continue
        models = entry.regional.uplift_models if entry.regional else []
        for j, model_id in enumerate(models):
            loc: Loc = ("providers", i, "regional", "uplift_models", j)
            owner = model_providers.get(model_id)
            if owner != entry.provider:
                whose = "" if owner is None else f"; it is {owner}'s"
                yield Problem(doc.path, doc.line_of(loc), dotted(loc),
                              f"must be a model id of {entry.provider} in data/providers{whose} (got {model_id})")


def capacity_checks(capacity: CapacityFile, doc: Document, today: dt.date) -> Iterator[Problem]:
    """data/capacity.yaml on its own: no reading in the future, one entry per provider, a provider that says it sets
    no fixed limit lists no tiers."""
    def at(loc: Loc, message: str) -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

    seen: dict[str, int] = {}
    for i, entry in enumerate(capacity.providers):
        if entry.checked > today:
            yield at(("providers", i, "checked"), f"must not be in the future (got {entry.checked})")
        if entry.provider in seen:
            yield at(("providers", i, "provider"), f"has an entry already, at line "
                                                  f"{doc.line_of(('providers', seen[entry.provider]))} (got {entry.provider})")
        else:
            seen[entry.provider] = i
        if entry.no_fixed_limit and entry.tiers:
            yield at(("providers", i, "tiers"), f"must be empty when no_fixed_limit is true: a provider without a fixed "
                                                f"limit has no tiers of limits (got {len(entry.tiers)} "
                                                f"{'tier' if len(entry.tiers) == 1 else 'tiers'})")
    for i, offer in enumerate(capacity.offers):
        if offer.checked > today:
            yield at(("offers", i, "checked"), f"must not be in the future (got {offer.checked})")


def capacity_provider_checks(capacity: CapacityFile, doc: Document, provider_ids: Iterable[str]) -> Iterator[Problem]:
    """Each entry in data/capacity.yaml names a provider that has a file in data/providers."""
    known = set(provider_ids)
    places: list[tuple[Loc, str]] = [(("providers", i, "provider"), e.provider) for i, e in enumerate(capacity.providers)]
    places += [(("offers", i, "provider"), e.provider) for i, e in enumerate(capacity.offers)]
    for loc, provider in places:
        if provider not in known:
            yield Problem(doc.path, doc.line_of(loc), dotted(loc),
                          f"must be the id of a provider in data/providers (got {provider})")


def selfhosting_checks(hosting: SelfHostingFile, doc: Document, today: dt.date) -> Iterator[Problem]:
    """data/selfhosting.yaml on its own: no check in the future, example busy shares above zero, and a break-even that
    pairs an offer and a throughput figure in the file, measured on the same GPUs the offer rents."""
    def at(loc: Loc, message: str) -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

    dated: list[tuple[Loc, dt.date]] = [(("gpu_offers", i, "checked"), o.checked) for i, o in enumerate(hosting.gpu_offers)]
    dated += [(("throughput", i, "checked"), t.checked) for i, t in enumerate(hosting.throughput)]
    for loc, checked in dated:
        if checked > today:
            yield at(loc, f"must not be in the future (got {checked})")
    pairing = hosting.break_even
    for i, share in enumerate(pairing.example_busy_shares):
        if share == 0:
            yield at(("break_even", "example_busy_shares", i), "must be more than 0: an idle server serves nothing (got 0)")
    offers = {o.id: o for o in hosting.gpu_offers}
    figures = {t.id: t for t in hosting.throughput}
    offer, figure = offers.get(pairing.offer), figures.get(pairing.throughput)
    if offer is None:
        yield at(("break_even", "offer"), f"must be the id of a GPU offer in gpu_offers (got {pairing.offer})")
    if figure is None:
        yield at(("break_even", "throughput"), f"must be the id of a figure in throughput (got {pairing.throughput})")
    if offer is not None and figure is not None and (offer.gpu, offer.gpus) != (figure.gpu, figure.gpus):
        yield at(("break_even", "throughput"), f"must be measured on the offer's GPUs, {offer.gpus} x {offer.gpu} "
                                               f"(got {figure.gpus} x {figure.gpu})")


def selfhosting_dataset_checks(hosting: SelfHostingFile, doc: Document, served: Iterable[str],
                               scenario_ids: Iterable[str]) -> Iterator[Problem]:
    """Each throughput figure is for a model some provider in data/providers sells, and the break-even's scenario is
    one in data/scenarios.yaml."""
    models, scenarios = set(served), set(scenario_ids)
    for i, figure in enumerate(hosting.throughput):
        if figure.model not in models:
            loc: Loc = ("throughput", i, "model")
            yield Problem(doc.path, doc.line_of(loc), dotted(loc),
                          f"must be the canonical id of a model a provider in data/providers sells (got {figure.model})")
    if hosting.break_even.scenario not in scenarios:
        loc = ("break_even", "scenario")
        yield Problem(doc.path, doc.line_of(loc), dotted(loc),
                      f"must be the id of a scenario in data/scenarios.yaml (got {hosting.break_even.scenario})")


def unique(items: Iterable[tuple[str, Document, Loc]], what: str) -> Iterator[Problem]:
    seen: dict[str, tuple[Document, Loc]] = {}
    for key, doc, loc in items:
        if key in seen:
            first_doc, first_loc = seen[key]
            yield Problem(
                doc.path, doc.line_of(loc), dotted(loc),
                f"{what} must be unique; first used at {first_doc.path}:{first_doc.line_of(first_loc)} (got {key})",
            )
        else:
            seen[key] = (doc, loc)


def upstream_checks(upstream: UpstreamFile, doc: Document, model_ids: Iterable[str]) -> Iterator[Problem]:
    """data/upstream.yaml against the entries: each mapping names an entry we list, and names it once; each upstream
    id maps to one entry only, and is not both mapped and ignored. Sync trusts this file and never guesses."""
    def at(loc: Loc, message: str) -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

    known = set(model_ids)
    ours: dict[str, Loc] = {}
    theirs: dict[tuple[str, str], Loc] = {}
    for i, mapping in enumerate(upstream.mappings):
        here: Loc = ("mappings", i)
        if mapping.id not in known:
            yield at((*here, "id"), f"names no entry in data/providers (got {mapping.id})")
        if mapping.id in ours:
            yield at((*here, "id"), f"is mapped twice; first at line {doc.line_of(ours[mapping.id])} (got {mapping.id})")
        else:
            ours[mapping.id] = (*here, "id")
        if mapping.genai_prices is None and mapping.litellm is None:
            yield at(here, "maps no upstream id: give genai_prices, litellm or both (got neither)")
        if mapping.genai_prices is not None and not re.fullmatch(r"[^:\s]+:\S+", mapping.genai_prices):
            yield at((*here, "genai_prices"), f"must be written <provider>:<model> (got {mapping.genai_prices})")
        for field, key in (("genai_prices", mapping.genai_prices), ("litellm", mapping.litellm)):
            if key is None:
                continue
            if (field, key) in theirs:
                first = doc.line_of(theirs[(field, key)])
                yield at((*here, field), f"an upstream id maps to one entry only; already mapped at line {first} (got {key})")
            else:
                theirs[(field, key)] = (*here, field)
    for i, ignored in enumerate(upstream.ignored):
        field = ignored.dataset.replace("-", "_")
        if (field, ignored.key) in theirs:
            first = doc.line_of(theirs[(field, ignored.key)])
            yield at(("ignored", i, "key"), f"is both ignored and mapped at line {first} (got {ignored.key})")


NamedModel = tuple[str, str, str, Document, Loc]
"""(provider id, model id, name, file, where the name is) for each model."""


def lookalike_checks(ids: Iterable[tuple[str, Document, Loc]], names: Iterable[NamedModel]) -> Iterator[Problem]:
    """Two models a reader cannot tell apart are an error that names both.

    Ids or names that are equal once folded to what they look like (lookalike.skeleton) but are spelled
    differently: a full-width ＧＰＴ-5.5 or a Cyrillic GРТ-5.5 beside GPT-5.5. The same name twice in one provider
    is an error too. The same name at two providers is not: it is one model with many hosts.
    """
    first_id: dict[str, tuple[str, Document, Loc]] = {}
    for key, doc, loc in ids:
        seen = first_id.setdefault(skeleton(key), (key, doc, loc))
        if seen[0] != key:
            yield Problem(doc.path, doc.line_of(loc), dotted(loc),
                          f"looks like the model id '{seen[0]}' at {seen[1].path}:{seen[1].line_of(seen[2])}: ids must "
                          f"differ in more than look-alike characters, case or dashes (got {key})")
    first_name: dict[str, NamedModel] = {}
    in_provider: dict[tuple[str, str], NamedModel] = {}
    for entry in names:
        provider, model, name, doc, loc = entry
        twin = in_provider.setdefault((provider, name), entry)
        seen = first_name.setdefault(skeleton(name), entry)
        if twin is not entry:
            yield Problem(doc.path, doc.line_of(loc), dotted(loc),
                          f"is also the name of {twin[1]} at {twin[3].path}:{twin[3].line_of(twin[4])}: two models of one "
                          f"provider need names a reader can tell apart (got {name})")
        elif seen[2] != name:
            yield Problem(doc.path, doc.line_of(loc), dotted(loc),
                          f"looks like '{seen[2]}', the name of {seen[1]} at {seen[3].path}:{seen[3].line_of(seen[4])}: "
                          f"names must differ in more than look-alike characters, case or dashes (got {name})")


WINDOWS_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))})
"""Device names Windows reserves, with any extension: a file or folder named con.json cannot be checked out there."""
SITE_NAMES = frozenset({
    # what the built site holds at its top level besides the pages (MkDocs, Material, the exports)
    "index", "404", "assets", "search", "data", "sitemap", "robots", "llms", "includes", "schema", "prices", "costs",
    "models", "currencies",
    # the pages: docs/*.md and docs/providers/
    "calculator", "checklists", "choosing-a-model", "common-mistakes", "cost", "cost-per-interaction", "cost-vs-speed",
    "long-context", "media", "privacy", "agents", "capacity",
    "self-hosting",
    "faq", "faster-and-cheaper", "glossary", "how-responses-are-produced", "latency", "latency-observations",
    "methodology", "price-changes", "pricing", "providers", "quality", "reliability", "retirements", "streaming-demo",
    "training-vs-inference", "when-it-matters",
})
"""Names the site uses for its own folders, files and pages. An id becomes a path (providers/<id>/, data/prices/<id>.json,
docs/providers/<id>.md) or an anchor, so it must not take one of these; tests/test_build.py checks the list against the
built site and docs/."""
OBSERVATION_ID = re.compile(r"(?:lat|l[0-9]{2})-")
"""How an observation id starts: lat-, or l<yy>- for a year's batch. Its row's anchor on the observations page is the id
itself (published links point at #lat-001), so the prefix is its namespace: no heading or element the page makes
itself starts with one (tests/test_build.py checks every page)."""


def id_checks(items: Iterable[tuple[str, Document, Loc]]) -> Iterator[Problem]:
    """An id may not take a name the site or Windows reserves."""
    for key, doc, loc in items:
        if key.split(".")[0] in WINDOWS_NAMES:
            why = "is a device name Windows reserves, so a file named after it could not be checked out there"
        elif key in SITE_NAMES:
            why = "is a name the site uses for its own pages and files, and this id becomes part of a path or an anchor"
        else:
            continue
        yield Problem(doc.path, doc.line_of(loc), dotted(loc), f"{why}; choose another (got {key})")


def observation_id_checks(latency: LatencyFile, doc: Document) -> Iterator[Problem]:
    for i, obs in enumerate(latency.observations):
        if not OBSERVATION_ID.match(obs.id):
            loc: Loc = ("observations", i, "id")
            yield Problem(doc.path, doc.line_of(loc), dotted(loc),
                          f"must start with lat- (or l<yy>- such as l26-): the id is the figure's anchor, and the prefix "
                          f"keeps it from equalling an id the page itself has (got {obs.id})")


def provider_page_checks(providers: Iterable[tuple[str, Document, Loc]], docs_dir: Path) -> Iterator[Problem]:
    """Each provider has its page, docs/providers/<id>.md: without one, every link to it would be a 404."""
    for key, doc, loc in providers:
        page = docs_dir / "providers" / f"{key}.md"
        if not page.is_file() or page.is_symlink():
            yield Problem(doc.path, doc.line_of(loc), dotted(loc),
                          f"has no page: add docs/providers/{key}.md as CONTRIBUTING.md's 'Add a provider' says "
                          f"(got no docs/providers/{key}.md)")
