"""Machine-readable copies of the dataset: JSON for tools and the calculator, CSV for spreadsheets, JSON Schema for editors.

Every export is a text made in memory from the Dataset, once per build, whatever the pages hold;
`write` puts them under the site. Columns and fields come from the typed models, never typed here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import operator
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros import calc, currency, rows, waits
from macros import formatting as fmt
from macros.data import rules
from macros.data.dataset import Dataset, Listing
from macros.data.fields import money_fields, scalar_fields
from macros.data.models import (
    CapacityFile,
    LatencyFile,
    MediaFile,
    Model,
    ModelsFile,
    NetworkFile,
    NetworkProfile,
    Observation,
    Prices,
    PrivacyFile,
    Provider,
    ScenarioFile,
    SelfHostingFile,
    TargetsFile,
    UpstreamFile,
)
from macros.escape import csv_cell, inert, tsv_cell

PROVIDER_FILES = "data/prices/"
"""Where each provider's own prices file goes: data/prices/<provider-id>.json."""

SCHEMAS: dict[str, type[BaseModel]] = {
    "provider.schema.json": Provider,
    "models.schema.json": ModelsFile,
    "scenarios.schema.json": ScenarioFile,
    "latency.schema.json": LatencyFile,
    "network.schema.json": NetworkFile,
    "targets.schema.json": TargetsFile,
    "upstream.schema.json": UpstreamFile,
    "media.schema.json": MediaFile,
    "privacy.schema.json": PrivacyFile,
    "capacity.schema.json": CapacityFile,
    "selfhosting.schema.json": SelfHostingFile,
}

ABOUT = {
    "prices.json": ("Every provider, model, price, tier, history entry, scenario, agent task and network profile, with units "
                    "and dates."),
    "prices.csv": "One row per model with its list prices, limits, source and checked date, for spreadsheets.",
    "costs.json": "Every scenario on every model: the cost of one interaction and the thinking, caching and tier it assumed.",
    "costs.csv": "The same costs and assumptions, one row per scenario and model, for spreadsheets.",
    "provider.schema.json": "JSON Schema for data/providers/*.yaml, generated from the typed models.",
    "models.schema.json": "JSON Schema for data/models.yaml: each model once, whoever serves it.",
    "scenarios.schema.json": "JSON Schema for data/scenarios.yaml.",
    "latency.schema.json": "JSON Schema for data/latency.yaml.",
    "network.schema.json": "JSON Schema for data/network.yaml.",
    "targets.schema.json": "JSON Schema for data/targets.yaml.",
    "upstream.schema.json": "JSON Schema for data/upstream.yaml, which maps the public datasets' ids to ours.",
    "media.schema.json": "JSON Schema for data/media.yaml: embeddings, speech and image prices in their own units.",
    "privacy.schema.json": "JSON Schema for data/privacy.yaml: retention, training and regional processing by provider.",
    "capacity.schema.json": "JSON Schema for data/capacity.yaml: published rate limits, capacity offers and the sizing example.",
    "selfhosting.schema.json": "JSON Schema for data/selfhosting.yaml: rented GPU prices and published serving throughput.",
    "<provider>.json": "One file per provider: its models, prices and speed evidence, fetched by the calculator as needed.",
    "calculator.json": "What the calculator loads first: the date, the providers, the network profiles and the latency targets.",
    "models.json": "Every model with its prices, what the pricing page filters on, and its cost for each scenario.",
    "currencies.json": "What one US dollar buys in each currency the tools offer: the rate, its date and its source.",
    "latency.json": "Every published latency figure with all its fields and whether it counts as current, with the age rule.",
}


def _model_entry(listing: Listing) -> dict[str, Any]:
    return {"provider": listing.provider.id, **listing.model.model_dump(mode="python", exclude_none=True)}


def prices_document(dataset: Dataset) -> dict[str, Any]:
    """Every provider, model, price, scenario, agent task, network profile and latency summary, with units and dates: the
    download. The calculator reads the same content in parts (calculator_document and provider_document)."""
    return {
        "units": {"prices": "USD per 1,000,000 tokens, list price, standard tier", "limits": "tokens"},
        "as_of": dataset.as_of.isoformat(),
        "providers": [
            {"id": p.id, "name": p.name, "pricing_page": p.pricing_page} for p in dataset.providers
        ],
        "models": [_model_entry(listing) for listing in dataset.listings],
        "scenarios": [s.model_dump(mode="python") for s in dataset.scenarios],
        "tasks": [t.model_dump(mode="python") for t in dataset.tasks],
        "monthly_volumes": dataset.monthly_volumes,
        "network_profiles": [p.model_dump(mode="python") for p in dataset.network_profiles],
        "latency": {**latency_summary(dataset), "evidence": evidence(dataset)},
    }


def calculator_document(dataset: Dataset) -> dict[str, Any]:
    """What the calculator needs before any model: the date, the providers, the network and the latency targets.
    Each provider's prices come in their own file, fetched when one of its models is chosen, so the calculator's
    first load stays the same size however many models the data holds. Every name a copied row holds comes escaped
    for Markdown and for a spreadsheet too (md, tsv), so the calculator only joins them."""
    latency = latency_summary(dataset)
    for case in dataset.targets.use_cases:
        latency["use_cases"][case.id].update(_copyable(case.name))
        for advice in latency["use_cases"][case.id]["advice"]:
            advice.update(_copyable(advice["do"]))
    for band in latency["bands"]:
        band.update(_copyable(band["words"]))
    return {
        "as_of": dataset.as_of.isoformat(),
        "providers": [{"id": p.id, "name": p.name, **_copyable(p.name)} for p in dataset.providers],
        "retired": {listing.model.id: {"name": listing.model.name, "retires": _retires(listing.model)}
                    for listing in dataset.listings if dataset.is_retired(listing)},
        "scenarios": [{"id": s.id, **_copyable(s.name)} for s in [*dataset.scenarios, *dataset.tasks]],
        "network_profiles": [{**p.model_dump(mode="python"), **_copyable(p.name)} for p in dataset.network_profiles],
        "latency": latency,
    }


def provider_document(dataset: Dataset, provider_id: str) -> dict[str, Any]:
    """data/prices/<provider>.json: one provider's models as prices.json has them, with each one's latency evidence."""
    listings = dataset.listings_of(provider_id, current=False)
    found = evidence(dataset)
    return {
        "as_of": dataset.as_of.isoformat(),
        "models": [{**_model_entry(listing), **_copyable(listing.model.name)} for listing in listings],
        "evidence": {listing.model.id: {metric: _cited(figure) if isinstance(figure, dict) else figure
                                        for metric, figure in found[listing.model.id].items()}
                     for listing in listings if listing.model.id in found},
    }


def _cited(figure: dict[str, Any]) -> dict[str, Any]:
    """A figure with its publisher and date as a copied row cites them (`source`: md and tsv, escaped here)."""
    return {**figure, "source": _copyable(f"{figure['publisher'].split(' (')[0]}, {figure['observed']}")}


def evidence(dataset: Dataset) -> dict[str, dict[str, Any]]:
    """Each priced model's current speed figures (macros.waits.timings): the first-token time the verdict tables choose,
    and the output speed its source measured beside it (`paired`) or, failing that, the best one from another source.
    Either may be null; the calculator names the one missing."""
    return {model: {"ttft": _figure(t.evidence.ttft) if t.evidence else None,
                    "speed": _figure(t.speed) if t.speed else None, "paired": t.paired}
            for model, t in waits.timings(dataset).items()}


def _figure(obs: Observation) -> dict[str, Any]:
    """One published figure as the calculator cites it: value, id, who published it, when, and (first-token times)
    whether it includes thinking."""
    figure = {"value": obs.value, "id": obs.id, "publisher": obs.publisher, "observed": obs.observed}
    if obs.metric == "ttft_s":
        figure["includes_thinking"] = obs.includes_thinking
    return figure


def latency_summary(dataset: Dataset) -> dict[str, Any]:
    """What the calculator needs to judge a wait, besides each model's evidence: the use cases' targets and their
    advice for each verdict band (in the bands' order), the verdict bands, the round trips and the size of text."""
    thresholds = dataset.thresholds
    return {
        "units": {"ttft_s": "seconds", "output_tokens_per_s": "tokens per second", "targets": "seconds"},
        "current_since": rules.current_since(dataset.as_of).isoformat(),
        "use_cases": {
            case.id: {"name": case.name,
                      "first_word_s": thresholds[case.first_word].seconds if case.first_word else None,
                      "full_answer_s": thresholds[case.full_answer].seconds if case.full_answer else None,
                      "advice": [{"verdict": a.verdict, "do": a.do} for a in case.advice]}
            for case in dataset.targets.use_cases
        },
        "bands": [{"words": b.words, "up_to_s": b.up_to_s} for b in waits.bands(dataset)],
        "connection": dataset.connection.model_dump(mode="python"),
        "characters_per_token": dataset.text_size.characters_per_token,
    }


def prices_json(dataset: Dataset) -> str:
    """data/prices.json, stable key order, dates as YYYY-MM-DD."""
    return _compact(prices_document(dataset))


def csv_columns(model: type[Model] = Model, prices: type[Prices] = Prices) -> list[str]:
    """The CSV's columns: the provider, the model's single-valued fields, then every list price."""
    named = {"id": "model_id", "name": "model_name"}
    return ["provider_id", "provider_name", *(named.get(f, f) for f in scalar_fields(model)), *money_fields(prices)]


def prices_csv(dataset: Dataset) -> str:
    """data/prices.csv, one row per model; blank cells where a value is not listed."""
    listings = dataset.listings
    columns = csv_columns(type(listings[0].model), type(listings[0].model.prices)) if listings else csv_columns()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for listing in listings:
        m = listing.model
        row: dict[str, object] = {"provider_id": listing.provider.id, "provider_name": _cell(listing.provider.name)}
        row.update({("model_" + f if f in ("id", "name") else f): _cell(getattr(m, f)) for f in scalar_fields(type(m))})
        row.update({f: _cell(getattr(m.prices, f)) for f in money_fields(type(m.prices))})
        writer.writerow(row)
    return out.getvalue()


def _cell(value: object) -> object:
    """One CSV cell: blank for a value not listed, true/false for flags, a list's items joined with spaces, and text a
    spreadsheet never evaluates. Text comes first: it is most of the cells (with 10,000 models, 3.6 million of them)."""
    if type(value) is str:
        return csv_cell(value)
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is list:
        return csv_cell(" ".join(value))
    return csv_cell(value)  # a number or a date passes unchanged; text of any other type is made safe too


def schema_text(model: type[BaseModel]) -> str:
    """The JSON Schema editors read, generated from the typed models."""
    schema = model.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema file; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written


COST_COLUMNS = (
    "scenario_id", "model_id", "model_name", "provider_id", "cost_usd", "supported", "thinking", "effort", "thinking_tokens",
    "cache", "cache_hit_rate", "cache_min_tokens", "cache_write_mtok", "cache_history", "thinking_output_mtok",
    "effort_basis", "thinking_mode_known", "tier", "long_prompt_band_above_tokens", "search_fee_included",
    "off_peak_usd", "off_peak_hours_utc", "range_low_usd", "range_high_usd", "range_from", "range_to", "source",
    "source_kind", "second_dataset", "confirmed_fields", "confirmed_read", "verified", "retires",
)
"""One row of costs.csv, and the keys of each entry in costs.json."""


def _retires(model: Model) -> str | None:
    """The retirement date as text, where one is announced."""
    return model.lifecycle.retires.isoformat() if model.lifecycle and model.lifecycle.retires else None


def _model_fields(listing: Listing) -> tuple[dict[str, Any], bool, dict[str, Any]]:
    """What a cost entry says of its model whatever the scenario: the fields before its costs, whether it caches
    history, and its provenance, which ends the entry."""
    model = listing.model
    head = {"model_id": model.id, "model_name": model.name, "provider_id": listing.provider.id}
    tail = {"source": model.source, "source_kind": model.source_kind, "second_dataset": model.second_dataset,
            "confirmed_fields": list(model.confirmed.fields) if model.confirmed else [],
            "confirmed_read": model.confirmed.read.isoformat() if model.confirmed else None,
            "verified": model.verified.isoformat(), "retires": _retires(model)}
    return head, calc.caches_history(model), tail


@lru_cache(maxsize=2)
def cost_entries(dataset: Dataset) -> tuple[dict[str, Any], ...]:
    """Every scenario on every model, each with its cost, the assumptions it used, its provenance and dates (once
    per build: costs.json and costs.csv both write them). A model's own fields are worked out once for all its
    scenarios (with 10,000 models, 110,000 entries share 10,000 of them)."""
    entries = []
    known = rows.default_costs(dataset)
    models = [(listing.model, *_model_fields(listing)) for listing in dataset.current_listings]
    for scenario in dataset.scenarios:
        for model, head, history, tail in models:
            cost = known[model.id, scenario.id]
            spread = calc.cost_range(model, scenario)
            off_peak = calc.off_peak_cost(model, scenario)
            entries.append({
                "scenario_id": scenario.id, **head,
                "cost_usd": None if cost.unsupported else cost.total, "supported": cost.unsupported is None,
                "thinking": cost.thinking, "effort": cost.effort, "thinking_tokens": cost.thinking_tokens,
                "cache": cost.cache, "cache_hit_rate": cost.hit_rate, "cache_min_tokens": cost.cache_min_tokens,
                "cache_write_mtok": cost.cache_write_mtok, "cache_history": history,
                "thinking_output_mtok": cost.thinking_output_mtok, "effort_basis": cost.effort_basis,
                "thinking_mode_known": cost.thinking_mode_known,
                "tier": cost.tier, "long_prompt_band_above_tokens": cost.band, "search_fee_included": cost.search_fee_listed,
                "off_peak_usd": off_peak.total if off_peak else None,
                "off_peak_hours_utc": model.service_tiers.off_peak.hours_utc if off_peak and model.service_tiers
                and model.service_tiers.off_peak else None,
                "range_low_usd": spread.low.total if spread else None, "range_high_usd": spread.high.total if spread else None,
                "range_from": (spread.low.effort or "off") if spread else None,
                "range_to": spread.high.effort if spread else None,
                **tail,
            })
    return tuple(entries)


def costs_json(dataset: Dataset) -> str:
    """data/costs.json: every scenario on every model with the assumptions each cost used."""
    document = {
        "units": {"cost_usd": "USD per interaction, list prices", "thinking_tokens": "tokens billed as output"},
        "as_of": dataset.as_of.isoformat(),
        "method": "Each model's own rules for thinking, caching and tiers applied to the scenario's assumptions; see the "
                  "methodology page, section 'How a cost is computed'.",
        "costs": list(cost_entries(dataset)),
    }
    return _compact(document)


def costs_csv(dataset: Dataset) -> str:
    """data/costs.csv: the same entries, one row each; lists joined with spaces, blank cells where nothing applies."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COST_COLUMNS)
    values = operator.itemgetter(*COST_COLUMNS)
    writer.writerows([_cell(value) for value in values(entry)] for entry in cost_entries(dataset))
    return out.getvalue()


EXPLORER_AUTOLOAD_MODELS = 300
"""Up to this many models, the pricing page's explorer loads models.json with the page; beyond, on first use."""


EXPLORER_NETWORK = "slow-4g"
"""The network the explorer's waits assume: the one every verdict table on the site uses."""


def explorer_profile(dataset: Dataset) -> NetworkProfile:
    """EXPLORER_NETWORK, or the first profile in data/network.yaml when it has no such profile (as in the tests' data)."""
    return next((p for p in dataset.network_profiles if p.id == EXPLORER_NETWORK), dataset.network_profiles[0])


def _assumed(cost: calc.Cost) -> str:
    """What one cost assumed, in a few words for a copied row: thinking, cache and tier."""
    if cost.effort and cost.thinking_tokens:
        thinking = f"{cost.effort} effort thinking" + (" assumed" if cost.thinking == "default assumed" else "")
    elif cost.thinking in ("never", "off by default", "chosen"):
        thinking = "no thinking"
    else:  # not recorded, or a default no source gives: counted as none, and said to be unknown
        thinking = "thinking not published, none counted"
    if cost.cache == "applied":
        cache = "cache read"
    elif cost.cache in _KNOWN_NO_DISCOUNT:
        cache = "no cache discount"
    else:  # a minimum or a rule no source gives
        cache = "cache rules not published, no discount counted"
    return f"{thinking}; {cache}; {cost.tier.replace('_', '-')} tier"


_KNOWN_NO_DISCOUNT = ("no prefix", "not offered", "below minimum", "no cache price", "not with batch")
"""Cache reasons (calc.CacheWhy) that rest on published facts; the others mean a rule is unknown."""


def _copyable(text: str) -> dict[str, str]:
    """A data string as a copied Markdown table and a spreadsheet cell hold it, escaped here so a script only joins."""
    return {"md": inert(text), "tsv": tsv_cell(text)}


def _waits(dataset: Dataset) -> dict[tuple[str, str], dict[str, Any]]:
    """Each timed model's wait for each scenario on EXPLORER_NETWORK, as the verdict tables work it out: the first
    word with streaming and its verdict (by band, fastest first), and the whole answer."""
    profile = explorer_profile(dataset)
    bands = [band.words for band in dataset.verdict_bands]
    found = {}
    for scenario in dataset.scenarios:
        for model_id, row in waits.verdicts_by_model(dataset, scenario, profile).items():
            publisher = row.evidence.ttft.publisher.split(" (")[0]
            found[model_id, scenario.id] = {
                "first": fmt.seconds(row.wait.first_word), "whole": fmt.seconds(row.wait.not_streaming),
                "band": bands.index(row.streaming.words), "source": {"name": publisher, **_copyable(publisher)},
                "observed": row.evidence.ttft.observed}
    return found


def models_document(dataset: Dataset) -> dict[str, Any]:
    """The pricing page's explorer: every model with what it filters and sorts on, and the text it shows, formatted
    here so that the page shows money exactly as every table does. `page` is the model's home row, from the site's
    root (the page's script adds the root). Names come twice more, as a copied Markdown table and a spreadsheet
    cell hold them (`md`, `tsv`), through the one escaping path: the script only joins them. A cost is [amount, text,
    assumptions], with the amount null where a fee is not published and then given fourth, for another currency.
    Each scenario gives its use case's advice for each verdict band, in the bands' order, so a wait's band (`band`)
    finds what to do about it."""
    models = []
    known = rows.default_costs(dataset)
    timed = _waits(dataset)
    for listing in dataset.current_listings:
        m, p = listing.model, listing.model.prices
        costs: dict[str, list[object] | None] = {}
        for scenario in dataset.scenarios:
            cost = known[m.id, scenario.id]
            costs[scenario.id] = None if cost.unsupported else [cost.total, fmt.money(cost.total), _assumed(cost)] \
                if rows.complete(cost) else [None, f"{fmt.money(cost.total)}, web-search fee not published", _assumed(cost),
                                             cost.total]
        reasoning = m.reasoning
        retiring = rows.retires_soon(listing, dataset.today)
        models.append({
            "id": m.id, "name": m.name, "provider": listing.provider.id, "model": m.model, "creator": m.creator,
            "page": f"providers/{listing.provider.id}/#model-{m.id}",
            "size": m.size_class, "open_weights": m.open_weights, "inputs": list(m.inputs) if m.inputs is not None else None,
            "thinking": reasoning.mode if reasoning else "not_recorded",
            "thinks_by_default": None if reasoning is None or reasoning.default == "unknown" else reasoning.default == "on",
            "retires": _retires(m), "retiring_soon": retiring is not None, "superseded": m.superseded is not None,
            "input_mtok": p.input_mtok, "output_mtok": p.output_mtok, "cached_input_mtok": p.cached_input_mtok,
            "text": {"input": fmt.price(p.input_mtok), "output": fmt.price(p.output_mtok),
                     "cached": fmt.price(p.cached_input_mtok) if p.cached_input_mtok is not None else "not listed"},
            "costs": costs, "waits": {s.id: timed.get((m.id, s.id)) for s in dataset.scenarios},
            **_copyable(m.name),
        })
    profile = explorer_profile(dataset)
    return {
        "units": {"prices": "USD per 1,000,000 tokens, list price, standard tier", "costs": "USD per interaction",
                  "waits": "seconds"},
        "as_of": dataset.as_of.isoformat(),
        "retiring_within_days": rows.RETIRING_WITHIN_DAYS,
        "network": {"id": profile.id, "name": profile.name, **_copyable(profile.name)},
        "verdicts": [{"words": band.words, **_copyable(band.words)} for band in dataset.verdict_bands],
        "scenarios": [{"id": s.id, "name": s.name, **_copyable(s.name),
                       "advice": [{"do": a.do, **_copyable(a.do)} for a in dataset.use_case(s.use_case).advice]}
                      for s in dataset.scenarios],
        "providers": [{"id": p.id, "name": p.name, "page": f"providers/{p.id}/", **_copyable(p.name)} for p in dataset.providers],
        "models": models,
    }


def currencies_document(dataset: Dataset) -> dict[str, Any]:
    """data/currencies.json: each currency the calculator and the pricing explorer offer besides US dollars, with what
    one US dollar buys in it, the day of that rate and where it comes from (macros.currency)."""
    return {
        "base": currency.BASE,
        "units": {"rate": "units of the currency for one US dollar"},
        "method": "The European Central Bank quotes each currency against the euro; a US dollar rate is the currency's "
                  f"euro rate divided by the dollar's on the same day, rounded to {currency.RATE_PLACES} decimal places. "
                  "List prices are set in US dollars and exclude VAT and other sales taxes.",
        "currencies": [{"code": r.code, "name": r.name, "plural": r.plural, "symbol": r.symbol, "rate": r.rate,
                        "date": r.date, "source": r.source, "source_url": r.source_url}
                       for r in currency.rates(dataset.today)],
    }


def _json_value(value: object) -> object:
    """What JSON holds for a value it has no type for: a price (Decimal) as a number, which keeps the published digits
    (the shortest float repr round-trips, and money has at most six decimal places), a date as YYYY-MM-DD. The
    encoder asks only for these, so the documents are never copied to convert them first."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"no JSON form for {type(value).__name__}")


def _compact(document: dict[str, Any]) -> str:
    """JSON without spaces: what a page loads, and the large exports (with 10,000 models, indenting costs.json took
    most of the export time, because Python's JSON encoder only uses its fast C path without an indent)."""
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False, default=_json_value,
                      check_circular=False) + "\n"  # a document is a tree made here: nothing in it holds itself


def models_json(dataset: Dataset) -> str:
    """data/models.json, for the pricing page's explorer."""
    return _compact(models_document(dataset))


def latency_json(dataset: Dataset) -> str:
    """data/latency.json: every observation with all its fields, and whether the age rule lets pages use it."""
    document = {
        "units": {"ttft_s": "seconds", "output_tokens_per_s": "tokens per second", "total_response_s": "seconds"},
        "as_of": dataset.as_of.isoformat(),
        "current_since": rules.current_since(dataset.as_of).isoformat(),
        "rule": f"A figure is current when it dates from no more than {rules.CURRENT_MONTHS} months before as_of (a partial "
                "date counts from its first day) and is not set aside (excluded_because). Only current figures appear in "
                "tables, examples, verdicts and the streaming demo.",
        "observations": [{**o.model_dump(mode="python"), "current": rules.is_current(o, dataset.as_of)}
                         for o in dataset.observations],
    }
    return json.dumps(document, indent=1, ensure_ascii=False, default=_json_value) + "\n"


@cache
def texts(dataset: Dataset) -> dict[str, str]:
    """Every export, by its path under the site, made once per dataset."""
    files = {"data/prices.json": prices_json(dataset), "data/prices.csv": prices_csv(dataset),
             "data/costs.json": costs_json(dataset), "data/costs.csv": costs_csv(dataset),
             "data/latency.json": latency_json(dataset), "data/models.json": models_json(dataset),
             "data/calculator.json": _compact(calculator_document(dataset)),
             "data/currencies.json": json.dumps(currencies_document(dataset), indent=1, ensure_ascii=False,
                                                default=_json_value) + "\n"}
    for provider in dataset.providers:
        files[f"{PROVIDER_FILES}{provider.id}.json"] = _compact(provider_document(dataset, provider.id))
    for name, model in SCHEMAS.items():
        files[f"data/schema/{name}"] = schema_text(model)
    return files


def write(files: dict[str, str], site_dir: Path) -> None:
    """Write the exports under `site_dir`."""
    for url, text in files.items():
        path = site_dir / url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def move(staged: Path, site_dir: Path) -> None:
    """Move every file written under `staged` to its place under `site_dir`, replacing any there: the builder writes
    the exports aside while the engine builds (which empties its folder first), then moves them in, one rename each."""
    for path in sorted(staged.rglob("*")):
        if path.is_file():
            target = site_dir / path.relative_to(staged)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
