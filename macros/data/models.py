"""Typed models of the dataset. The JSON Schema that editors use is generated from these.

Every field has a docstring: it becomes the description an editor shows on hover.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from macros.data.types import Date, Flag, HttpsUrl, Measure, Name, PositiveTokens, Price, Slug, Text, Tokens


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


class Tier(_Strict):
    """A long-context price band: the whole request is billed at these prices once its input passes the threshold."""

    above_input_tokens: PositiveTokens
    """The band applies when the prompt has more input tokens than this."""
    input_mtok: Price
    """USD per 1,000,000 input tokens in this band."""
    output_mtok: Price
    """USD per 1,000,000 output tokens in this band."""
    cached_input_mtok: Price | None = None
    """USD per 1,000,000 cached input tokens in this band, if the provider lists one."""


class Prices(_Strict):
    """List prices for the standard tier, in USD per 1,000,000 tokens."""

    input_mtok: Price
    """USD per 1,000,000 input (prompt) tokens."""
    output_mtok: Price
    """USD per 1,000,000 output tokens. Hidden reasoning tokens are billed at this price."""
    cached_input_mtok: Price | None = None
    """USD per 1,000,000 input tokens read from the prompt cache."""
    cache_write_mtok: Price | None = None
    """USD per 1,000,000 input tokens written to the prompt cache, where billed separately."""
    batch_input_mtok: Price | None = None
    """USD per 1,000,000 input tokens through the asynchronous batch API."""
    batch_output_mtok: Price | None = None
    """USD per 1,000,000 output tokens through the asynchronous batch API."""
    tiers: list[Tier] = []
    """Long-context bands, thresholds increasing."""


class HistoryEntry(_Strict):
    """An earlier price, in force until the given date."""

    until: Date
    """The last day this price applied."""
    input_mtok: Price
    """USD per 1,000,000 input tokens at the time."""
    output_mtok: Price
    """USD per 1,000,000 output tokens at the time."""
    cached_input_mtok: Price | None = None
    """USD per 1,000,000 cached input tokens at the time."""
    source: HttpsUrl | None = None
    """Where the earlier price can be read (https)."""


class Model(_Strict):
    """One model as sold by one provider."""

    id: Slug
    """Lower-case slug, unique across the whole dataset; the page anchor is model-<id>."""
    name: Name
    """The name readers know the model by."""
    api_id: Name | None = None
    """The exact model name in the provider's API, when it differs from id."""
    released: Date | None = None
    """Release date, if a source gives one."""
    open_weights: Flag
    """True when the model's weights are published for anyone to run."""
    size_class: Literal["small", "medium", "large"]
    """The provider's tier for this model: small, medium or large (see the methodology page)."""
    context_window: PositiveTokens | None = None
    """The most tokens (input and output) one request can hold."""
    max_output: PositiveTokens | None = None
    """The most output tokens one response can have."""
    prices: Prices
    """List prices, standard tier."""
    source: HttpsUrl
    """Where these prices were read (https)."""
    verified: Date
    """The date someone read the source and checked these prices; never in the future."""
    notes: Text | None = None
    """A caveat a reader should see next to the price."""
    history: list[HistoryEntry] = []
    """Earlier prices, newest first."""


class Provider(_Strict):
    """A company that sells access to models; one file per provider."""

    id: Slug
    """Lower-case slug; must equal the file name without .yaml."""
    name: Name
    """The provider's name as readers know it."""
    pricing_page: HttpsUrl
    """The provider's own pricing page (https)."""
    models: list[Model] = Field(min_length=1)
    """The models this provider sells."""


class Scenario(_Strict):
    """A named product interaction with assumed token counts."""

    id: Slug
    """Lower-case slug used in macros and links."""
    name: Name
    """Short name, sentence case."""
    description: Text
    """One sentence on what the user does."""
    input_tokens: PositiveTokens
    """All prompt tokens sent, including any that are cached."""
    cached_input_tokens: Tokens = 0
    """How many of the input tokens are read from the prompt cache."""
    output_tokens: PositiveTokens
    """Visible output tokens."""
    reasoning_tokens: Tokens = 0
    """Hidden thinking tokens, billed as output."""
    basis: Text
    """One line on where the token counts come from."""


class ScenarioFile(_Strict):
    """data/scenarios.yaml."""

    scenarios: list[Scenario] = Field(min_length=1)
    """The product interactions."""
    monthly_volumes: list[PositiveTokens] = Field(min_length=1)
    """Interactions per month shown in the cost-at-scale tables, increasing."""


_PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _date_to_text(value: object) -> object:
    # An unquoted 2026-06-24 arrives from YAML as a date and 2026 as a number; keep every form as text.
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _real_date(value: str) -> str:
    # The pattern admits 2025-13; a calendar check does not.
    padded = value + "-01-01"[len(value) - 4:] if len(value) < 10 else value
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        # Reported like a pattern mismatch, so the reader sees the one message about date formats.
        raise PydanticCustomError("string_pattern_mismatch", "not a calendar date", {"pattern": _PARTIAL_DATE}) from None
    return value


PartialDate = Annotated[
    str,
    StringConstraints(pattern=_PARTIAL_DATE),
    BeforeValidator(_date_to_text),
    AfterValidator(_real_date),
]


class Observation(_Strict):
    """One published latency figure for one request, as a user sees it."""

    id: Slug
    """Stable id, for example lat-001."""
    model: Name
    """A model id from the dataset, or a description when the model is not in it."""
    served_by: Name
    """Who served the requests that were measured."""
    metric: Literal["ttft_s", "output_tokens_per_s"]
    """ttft_s: seconds to the first token; output_tokens_per_s: output tokens per second."""
    value: Measure
    """The figure, in the unit the metric names."""
    statistic: Name
    """What kind of figure it is: a median, a single run, a vendor claim."""
    conditions: Text
    """Prompt size, load, client location: what the source says about how it was measured."""
    source: HttpsUrl
    """Where the figure was published (https)."""
    publisher: Name
    """Who published it."""
    source_type: Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]
    """How independent and reproducible the source is (see the methodology page)."""
    observed: PartialDate
    """When the figure was measured or published: YYYY, YYYY-MM or YYYY-MM-DD."""


class LatencyFile(_Strict):
    """data/latency.yaml."""

    observations: list[Observation] = Field(min_length=1)
    """Published observations only; nothing estimated."""


class NetworkProfile(_Strict):
    """A published network preset: how long a round trip takes and how fast data arrives."""

    id: Slug
    """Lower-case slug used by the streaming demo."""
    name: Name
    """Short name, sentence case."""
    description: Text
    """Which real connections the preset stands for."""
    rtt_ms: Measure
    """Round-trip time in milliseconds."""
    downlink_kbps: Measure
    """Download speed in kilobits per second."""
    preset: Name
    """The preset's name in its source."""
    source: HttpsUrl
    """Where the figures are published (https)."""
    publisher: Name
    """Who publishes them."""
    checked: Date
    """The date someone read the source; never in the future."""


class NetworkFile(_Strict):
    """data/network.yaml."""

    profiles: list[NetworkProfile] = Field(min_length=1)
    """Network presets, fastest first."""
