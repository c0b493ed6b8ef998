"""Read the two upstream datasets into one shape: a release and its entries, or the problems that refuse them.

genai-prices is read from the installed package or from a JSON file of the same shape (`package_shape` writes it),
so the tests' fixtures take the path the package does. LiteLLM's map is a JSON file checked against a pinned
sha256. Prices are converted to USD per million tokens and checked with the data's own Price type.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from macros.data.types import MAX_PRICE, MONEY_PLACES, Name, Price

MAX_BYTES = 20_000_000
"""LiteLLM's map is about 3.5 MB; a file past this is refused before it is parsed."""

KNOWN_RELEASES: dict[tuple[str, str], dt.date] = {
    ("genai-prices", "0.2.5"): dt.date(2026, 11, 19),
    ("litellm", "1.110.2"): dt.date(2026, 11, 20),
}
"""Upload dates on PyPI of the releases read so far. `verified` becomes this date, never the day sync runs."""

LITELLM_PIN = ("1.110.2", "8943af58bf9f979c6a4bef815687117ffa341e462a41faed9be17b5c33d3dcc2")
"""The LiteLLM release whose map is trusted and its file's sha256; another hash must be passed explicitly."""

LITELLM_MODES = ("chat", "responses")
"""LiteLLM entries for text generation; image, embedding and audio entries are not candidates."""

_PRICE = TypeAdapter(Price)
_NAME = TypeAdapter(Name)
MILLION = Decimal(1_000_000)


class Unpriced(ValueError):
    """An entry without an input or an output price."""


@dataclass(frozen=True)
class Release:
    """One release of one dataset: where it is published and when."""

    dataset: str
    version: str
    date: dt.date

    @property
    def page(self) -> str:
        """The release's page on PyPI, which becomes `source:` of a price taken from it."""
        return f"https://pypi.org/project/{self.dataset}/{self.version}/"


@dataclass(frozen=True)
class Entry:
    """One upstream entry, prices in USD per million tokens."""

    key: str
    host: str
    name: str
    input_mtok: Decimal | None
    output_mtok: Decimal | None
    cached_input_mtok: Decimal | None
    deprecated: str | None = None
    """What the dataset says about its deprecation (a date or "deprecated"); None when it says nothing."""


@dataclass
class Read:
    """What reading one dataset gave: the release, its entries by key, and the problems found."""

    release: Release | None
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """Problems with the input. A file-level one leaves `release` None: nothing of that dataset is used."""
    refused: dict[str, str] = field(default_factory=dict)
    """Entries refused, by key, with why; an entry of ours mapped to one is left unchanged."""
    unpriced: set[str] = field(default_factory=set)
    """Keys of entries without an input or output price (embeddings, images): no candidates, and no readings."""


def release_date(dataset: str, version: str, given: dt.date | None) -> dt.date | None:
    """The release's date: the one given, else the known upload date; None when neither is known."""
    return given or KNOWN_RELEASES.get((dataset, version))


def _load_json(path: Path, where: str, problems: list[str]) -> Any:
    """The JSON in `path`, exact decimals kept; None (with a problem) when it is too large, not JSON or ambiguous."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.append(f"{where}: cannot be read ({exc.strerror})")
        return None
    if size > MAX_BYTES:
        problems.append(f"{where}: is larger than {MAX_BYTES:,} bytes, so it was not read (got {size:,})")
        return None

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise ValueError(f"the key {key!r} is given twice, so which entry it names is ambiguous")
            result[key] = value
        return result

    def constant(name: str) -> Any:
        raise ValueError(f"{name} is not a price")

    try:
        return json.loads(path.read_bytes().decode("utf-8"), parse_float=Decimal, parse_constant=constant,
                          object_pairs_hook=pairs)
    except UnicodeDecodeError as exc:
        problems.append(f"{where}: must be UTF-8 text (got byte {exc.object[exc.start]:#04x} at {exc.start:,})")
    except json.JSONDecodeError as exc:
        problems.append(f"{where}: is not valid JSON, perhaps corrupt or cut short: {exc.msg} at line {exc.lineno} "
                        f"column {exc.colno}")
    except (ValueError, RecursionError) as exc:
        problems.append(f"{where}: is refused: {str(exc)[:120]}")
    return None


def _price(value: Any, scale: Decimal) -> Decimal | None:
    """A price per million tokens from `value` per `1/scale` tokens, or None when absent; ValueError when wrong."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise ValueError(f"is not a number (got {str(value)[:40]!r})")
    try:
        converted = Decimal(value) * scale
        if not converted.is_finite() or abs(converted) > MAX_PRICE:
            raise InvalidOperation
        # Upstream files write binary floats (1.0399999999999998); no price is published finer than 6 decimals.
        converted = converted.quantize(Decimal(1).scaleb(-MONEY_PLACES)).normalize()
        if converted == converted.to_integral_value():
            converted = converted.quantize(Decimal(1))
        return _PRICE.validate_python(converted)
    except (ValidationError, InvalidOperation):
        raise ValueError(f"is not a price from 0 to {MAX_PRICE:,} per million tokens (got {str(value)[:40]})") from None


def _entry(key: Any, host: Any, name: Any, prices: dict[str, Any], scale: Decimal,
           deprecated: str | None) -> Entry:
    """One entry, every text and price checked; ValueError naming what is wrong."""
    for what, text in (("id", key), ("host", host), ("name", name)):
        try:
            _NAME.validate_python(text)
        except ValidationError as exc:
            reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
            raise ValueError(f"{what} {reason}") from None
    values: dict[str, Decimal | None] = {}
    for field_name, value in prices.items():
        try:
            values[field_name] = _price(value, scale)
        except ValueError as exc:
            raise ValueError(f"{field_name} {exc}") from None
    if values["input_mtok"] is None or values["output_mtok"] is None:
        raise Unpriced("lists no input or no output price")
    return Entry(key, host, name, values["input_mtok"], values["output_mtok"], values["cached_input_mtok"], deprecated)


def package_shape(released: dt.date) -> dict[str, Any]:
    """The installed genai-prices package as the JSON shape `read_genai_prices` takes: its version, and per
    provider each model's id, name, deprecation flag and standard prices (the base of a tiered price) as they
    stood on the day it was `released` (a model can list dated prices)."""
    from genai_prices import data  # the package is read only here, so a fixture file can stand in for it

    version = importlib.metadata.version("genai-prices")
    # A price that depends on the hour (DeepSeek's off-peak windows) is read at every hour of the release day, and
    # the highest kept: the data's prices are the standard (peak) ones, and off-peak ones go in service_tiers.
    hours = [dt.datetime.combine(released, dt.time(hour), tzinfo=dt.UTC) for hour in range(24)]

    def standard(model: Any) -> Any:
        if not isinstance(model.prices, list):
            return model.prices
        found = [model.get_prices(when) for when in hours]
        return max(found, key=lambda prices: value(getattr(prices, "input_mtok", None)) or 0)

    def value(price: Any) -> Any:
        return getattr(price, "base", price)  # a TieredPrices: its first band

    providers = []
    for provider in data.providers:
        models = []
        for model in provider.models:
            prices = standard(model)
            models.append({
                "id": model.id, "name": model.name or model.id, "deprecated": bool(model.deprecated),
                "prices": {"input_mtok": value(getattr(prices, "input_mtok", None)),
                           "output_mtok": value(getattr(prices, "output_mtok", None)),
                           "cache_read_mtok": value(getattr(prices, "cache_read_mtok", None))},
            })
        providers.append({"id": provider.id, "name": provider.name, "models": models})
    return {"version": version, "providers": providers}


def read_genai_prices(source: Path | None, date: dt.date | None) -> Read:
    """genai-prices from a JSON file of `package_shape`'s shape, or (without `source`) from the installed package."""
    problems: list[str] = []
    where = str(source) if source else "genai-prices (installed package)"
    if source is None:
        installed = importlib.metadata.version("genai-prices")
        released = release_date("genai-prices", installed, date)
        shape = package_shape(released) if released else {"version": installed, "providers": []}
    else:
        shape = _load_json(source, where, problems)
    if not isinstance(shape, dict) or not isinstance(shape.get("version"), str) or not isinstance(shape.get("providers"), list):
        return Read(None, problems=problems or [f"{where}: is not genai-prices data (no version and providers)"])
    version = shape["version"]
    when = release_date("genai-prices", version, date)
    if when is None:
        return Read(None, problems=[f"{where}: the release date of genai-prices {version} is not known: pass "
                                    f"--genai-prices-date with its upload date on PyPI"])
    read = Read(Release("genai-prices", version, when))
    for provider in shape["providers"]:
        if not isinstance(provider, dict) or not isinstance(provider.get("models"), list):
            read.problems.append(f"{where}: a provider is not a mapping with models")
            continue
        for model in provider["models"]:
            if not isinstance(model, dict):
                read.problems.append(f"{where}: {provider.get('id')}: a model is not a mapping")
                continue
            key = f"{provider.get('id')}:{model.get('id')}"
            prices = model.get("prices") if isinstance(model.get("prices"), dict) else {}
            try:
                entry = _entry(key, provider.get("id"), model.get("name"),
                               {"input_mtok": prices.get("input_mtok"), "output_mtok": prices.get("output_mtok"),
                                "cached_input_mtok": prices.get("cache_read_mtok")}, Decimal(1),
                               "deprecated" if model.get("deprecated") is True else None)
            except Unpriced:
                read.unpriced.add(key)
                continue
            except ValueError as exc:
                read.refused[key] = str(exc)
                continue
            if key in read.entries or key in read.refused:
                read.refused[key] = "is listed twice, so which entry it names is ambiguous"
                read.entries.pop(key, None)
                continue
            read.entries[key] = entry
    return read


def sha256(path: Path) -> str:
    """The file's sha256, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_litellm(path: Path, version: str, date: dt.date | None, expected_sha256: str | None) -> Read:
    """LiteLLM's map from `path`: refused unless its sha256 is the pinned one or the one the caller passed."""
    where = str(path)
    problems: list[str] = []
    if path.is_file() and path.stat().st_size > MAX_BYTES:
        return Read(None, problems=[f"{where}: is larger than {MAX_BYTES:,} bytes, so it was not read "
                                    f"(got {path.stat().st_size:,})"])
    try:
        actual = sha256(path)
    except OSError as exc:
        return Read(None, problems=[f"{where}: cannot be read ({exc.strerror})"])
    wanted = expected_sha256 or (LITELLM_PIN[1] if version == LITELLM_PIN[0] else None)
    if actual != wanted:
        return Read(None, problems=[f"{where}: its sha256 is not the pinned one for litellm {version}: check the "
                                    f"file, then pass --litellm-sha256 with the new hash (got {actual})"])
    when = release_date("litellm", version, date)
    if when is None:
        return Read(None, problems=[f"{where}: the release date of litellm {version} is not known: pass --litellm-date"])
    shape = _load_json(path, where, problems)
    if not isinstance(shape, dict):
        return Read(None, problems=problems or [f"{where}: is not LiteLLM's map (not a JSON object)"])
    read = Read(Release("litellm", version, when))
    for key, spec in shape.items():
        if key == "sample_spec" or not isinstance(spec, dict) or spec.get("mode") not in LITELLM_MODES:
            continue
        deprecation = spec.get("deprecation_date")
        prices = spec
        bands = spec.get("tiered_pricing")
        if "input_cost_per_token" not in spec and isinstance(bands, list) and bands and isinstance(bands[0], dict):
            prices = bands[0]  # priced by prompt length: the first band, from 0 tokens, is the standard price
        try:
            entry = _entry(key, spec.get("litellm_provider"), key,
                           {"input_mtok": prices.get("input_cost_per_token"), "output_mtok": prices.get("output_cost_per_token"),
                            "cached_input_mtok": prices.get("cache_read_input_token_cost")}, MILLION,
                           str(deprecation)[:10] if deprecation else None)
        except Unpriced:
            read.unpriced.add(key)
            continue
        except ValueError as exc:
            read.refused[key] = str(exc)
            continue
        read.entries[key] = entry
    return read
