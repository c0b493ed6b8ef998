"""Machine-readable copies of the dataset: JSON for tools and the calculator, CSV for spreadsheets, JSON Schema for editors."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.dataset import Dataset
from macros.models import LatencyFile, NetworkFile, Provider, ScenarioFile

SCHEMAS: dict[str, type[BaseModel]] = {
    "provider.schema.json": Provider,
    "scenarios.schema.json": ScenarioFile,
    "latency.schema.json": LatencyFile,
    "network.schema.json": NetworkFile,
}

ABOUT = {
    "prices.json": "Every provider, model, price, tier, history entry, scenario and network profile, with units and dates.",
    "prices.csv": "One row per model with its list prices, limits, source and checked date, for spreadsheets.",
    "provider.schema.json": "JSON Schema for data/providers/*.yaml, generated from the typed models.",
    "scenarios.schema.json": "JSON Schema for data/scenarios.yaml.",
    "latency.schema.json": "JSON Schema for data/latency.yaml.",
    "network.schema.json": "JSON Schema for data/network.yaml.",
}

CSV_COLUMNS = (
    "provider_id", "provider_name", "model_id", "model_name", "api_id", "size_class", "open_weights",
    "input_mtok", "output_mtok", "cached_input_mtok", "cache_write_mtok", "batch_input_mtok", "batch_output_mtok",
    "context_window", "max_output", "source", "verified",
)


def _plain(value: Any) -> Any:
    """JSON-ready values: Decimal -> float keeps the published digits (shortest repr round-trips)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def prices_document(dataset: Dataset) -> dict[str, Any]:
    """Everything the calculator needs, with units and dates."""
    models = []
    for listing in dataset.listings:
        entry = listing.model.model_dump(mode="python", exclude_none=True)
        entry = {"provider": listing.provider.id, **entry}
        models.append(entry)
    return _plain({
        "units": {"prices": "USD per 1,000,000 tokens, list price, standard tier", "limits": "tokens"},
        "as_of": dataset.as_of.isoformat(),
        "providers": [
            {"id": p.id, "name": p.name, "pricing_page": p.pricing_page} for p in dataset.providers
        ],
        "models": models,
        "scenarios": [s.model_dump(mode="python") for s in dataset.scenarios],
        "monthly_volumes": dataset.monthly_volumes,
        "network_profiles": [p.model_dump(mode="python") for p in dataset.network_profiles],
    })


def prices_json(dataset: Dataset) -> str:
    """data/prices.json, stable key order, dates as YYYY-MM-DD."""
    return json.dumps(prices_document(dataset), indent=1, ensure_ascii=False, default=str) + "\n"


def prices_csv(dataset: Dataset) -> str:
    """data/prices.csv, one row per model; blank cells where a price is not listed."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for listing in dataset.listings:
        m, p = listing.model, listing.model.prices
        writer.writerow({
            "provider_id": listing.provider.id, "provider_name": listing.provider.name,
            "model_id": m.id, "model_name": m.name, "api_id": m.api_id or "", "size_class": m.size_class,
            "open_weights": str(m.open_weights).lower(),
            "input_mtok": p.input_mtok, "output_mtok": p.output_mtok,
            "cached_input_mtok": _cell(p.cached_input_mtok), "cache_write_mtok": _cell(p.cache_write_mtok),
            "batch_input_mtok": _cell(p.batch_input_mtok), "batch_output_mtok": _cell(p.batch_output_mtok),
            "context_window": _cell(m.context_window), "max_output": _cell(m.max_output),
            "source": m.source, "verified": m.verified.isoformat(),
        })
    return out.getvalue()


def _cell(value: object) -> object:
    return "" if value is None else value


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


def write_exports(dataset: Dataset, site_dir: Path) -> dict[str, Path]:
    """Write the public exports under <site>/data/; return them by URL path."""
    folder = site_dir / "data"
    files = {
        "data/prices.json": (folder / "prices.json", prices_json(dataset)),
        "data/prices.csv": (folder / "prices.csv", prices_csv(dataset)),
    }
    for name, model in SCHEMAS.items():
        files[f"data/schema/{name}"] = (folder / "schema" / name, schema_text(model))
    for path, text in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return {url: path for url, (path, _) in files.items()}
