"""Typed models of the dataset. The JSON Schema that editors use is generated from these.

Every field has a docstring: it becomes the description an editor shows on hover.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from macros.data.types import (
    Concurrency,
    Date,
    Days,
    Flag,
    GpuCount,
    HttpsUrl,
    Measure,
    Name,
    Percent,
    PositiveTokens,
    Price,
    SecondPrice,
    Share,
    Slug,
    StepCount,
    Text,
    Tokens,
    in_range,
)


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
    """USD per 1,000,000 output tokens. Hidden reasoning tokens are billed at this price, unless
    thinking_output_mtok gives another one."""
    thinking_output_mtok: Price | None = None
    """USD per 1,000,000 output tokens, visible and hidden, on a request with thinking on, where the provider bills
    them at another price than output_mtok (Alibaba's Qwen Plus: 4.00 with thinking, 1.20 without)."""
    cached_input_mtok: Price | None = None
    """USD per 1,000,000 input tokens read from the prompt cache."""
    cache_write_mtok: Price | None = None
    """USD per 1,000,000 input tokens written to the prompt cache (the default, shortest lifetime, often 5 minutes),
    where writing is billed separately from a plain input token."""
    cache_write_1h_mtok: Price | None = None
    """USD per 1,000,000 input tokens written to the prompt cache to last an hour, where the provider offers that."""
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
    until_known: Flag = True
    """False where the source says the change date is not known: `until` is then the last day the old price is
    known to have applied, and pages say the exact date is not known."""
    source: HttpsUrl | None = None
    """Where the earlier price can be read (https)."""



Effort = Literal["low", "medium", "high"]
"""The guide's scale of thinking effort. Providers name their levels differently (minimal, xhigh, max, a token
budget); the methodology page says how each maps onto this scale."""


class Reasoning(_Strict):
    """Whether the model thinks before it answers. Thinking is billed as output tokens and comes before the first visible word."""

    mode: Literal["none", "optional", "always", "unknown"]
    """none: it never thinks; optional: a request can turn thinking on or off; always: it cannot be turned off;
    unknown: the sources read do not say."""
    default: Literal["on", "off", "unknown"]
    """Whether a request that says nothing about thinking gets it."""
    default_effort: Effort | None = None
    """The effort a request gets when it names none, on the guide's scale; absent when not published."""
    default_effort_basis: Text | None = None
    """Who publishes the default effort and in what words, where that needs saying: the provider's own name for the
    level, or a source that disputes it. Shown beside every cost that uses the default."""
    efforts: list[Effort] = []
    """The effort levels a request can choose, on the guide's scale; empty when the model has no effort control."""
    control: Text | None = None
    """The control as the provider names it, such as 'reasoning.effort: minimal, low, medium, high'."""
    source: HttpsUrl
    """Where these facts were read (https)."""


class CacheStorage(_Strict):
    """What keeping an explicit cache costs by the hour, where a provider charges for it."""

    price_mtok_hour: Price
    """USD per 1,000,000 cached tokens for each hour the cache is kept."""
    source: HttpsUrl
    """Where the fee was read (https)."""
    checked: Date
    """The day the fee was read there; never in the future."""


class Caching(_Strict):
    """Prompt caching: the repeated start of a prompt (system prompt, tools) billed at the cheaper cache-read price."""

    mode: Literal["automatic", "explicit", "none", "unknown"]
    """automatic: the provider caches repeated prefixes by itself, with no fee to write; explicit: the request marks
    what to cache and pays cache_write_mtok to write it; none: no caching; unknown: the sources read do not say."""
    min_tokens: PositiveTokens | None = None
    """The shortest prefix that is cached; shorter ones are billed as plain input. Absent when not published, and
    then no cache discount is counted: an unknown minimum is never taken as zero."""
    min_tokens_basis: Text | None = None
    """Where sources disagree on the minimum or state it loosely: what each says, and why min_tokens holds the value
    it does (the larger, so that no discount is claimed that a provider may not give)."""
    with_batch: Flag | None = None
    """Whether cached reads are discounted on batch requests too; absent when not published."""
    lifetime_minutes: PositiveTokens | None = None
    """How long an entry stays cached without being read, in minutes, at the default (cache_write_mtok) lifetime;
    the shortest, where the provider gives a range. A longer lifetime, where offered, is priced cache_write_1h_mtok."""
    storage: CacheStorage | None = None
    """The hourly fee for keeping an explicit cache, where the provider offers one you keep for a time you choose and
    charges for it. Costs on this site leave it out, since they price the caching `mode` gives; the long-context page
    shows it. Absent where no source read gives such a fee."""
    source: HttpsUrl
    """Where these rules were read (https)."""


class TierPrices(_Strict):
    """Prices on a service tier other than standard, in USD per 1,000,000 tokens."""

    input_mtok: Price
    """USD per 1,000,000 input tokens on this tier."""
    output_mtok: Price
    """USD per 1,000,000 output tokens on this tier."""
    cached_input_mtok: Price | None = None
    """USD per 1,000,000 cached input tokens on this tier, if listed."""


class OffPeak(TierPrices):
    """Prices in the hours a provider bills below its standard (peak) price, in USD per 1,000,000 tokens."""

    hours_utc: Text
    """When the off-peak prices apply, in UTC, as the source gives them, such as 'weekdays 16:30 to 00:30; weekends all day'."""


class ServiceTiers(_Strict):
    """Service tiers besides standard and batch: cheaper and slower (flex), dearer and more dependable (priority),
    dearer and faster (fast mode), and cheaper hours of the day (off-peak)."""

    flex: TierPrices | None = None
    """Flex: lower prices for requests that may wait or be refused when the provider is busy."""
    priority: TierPrices | None = None
    """Priority: higher prices for faster, more dependable service."""
    fast: TierPrices | None = None
    """Fast mode: higher prices for faster output."""
    off_peak: OffPeak | None = None
    """Off-peak hours: lower prices at set times of day. Pages keep the standard (peak) price as the headline and show
    the off-peak cost beside it."""
    source: HttpsUrl
    """Where these prices were read (https)."""


class UnitPrices(_Strict):
    """Prices for what is not billed as text tokens."""

    web_search_per_1k_calls: Price | None = None
    """USD per 1,000 web searches the model runs as a tool."""
    image_input_mtok: Price | None = None
    """USD per 1,000,000 input tokens an image becomes, where that differs from text input."""
    audio_input_mtok: Price | None = None
    """USD per 1,000,000 input tokens of audio."""
    source: HttpsUrl
    """Where these prices were read (https)."""


class Lifecycle(_Strict):
    """When the provider stops serving the model."""

    deprecated: Date | None = None
    """The date the provider announced the retirement, if it says."""
    retires: Date | None = None
    """The date requests stop working; absent where the provider has announced a deprecation but no date."""
    retires_known: Flag = True
    """False where the source says only that the model is already retired, not when: retires is then the day the
    source was read, and pages say "retired by" that day."""
    successor: Name | None = None
    """The model the provider names as its replacement."""
    source: HttpsUrl
    """Where the dates were read (https)."""


class Superseded(_Strict):
    """The maker has a newer model for the same job: it still answers requests, but the guide's comparisons, rankings
    and examples leave it out. Read from the maker's own page (a "Legacy" label, a deprecation that names a
    successor, or a model page that points to a newer one), never inferred from version numbers."""

    by: Slug | None = None
    """The id in data/models.yaml of the model the maker names in its place; absent where the page names none."""
    says: Text
    """What the page says, in brief, such as 'labelled Legacy; Claude Haiku 5.5 named as current'."""
    source: HttpsUrl
    """The maker's page that says it (https)."""


class Confirmation(_Strict):
    """Prices read again on the provider's own page."""

    page: HttpsUrl
    """The provider's page that shows them (https)."""
    read: Date
    """The date the page was read."""
    fields: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]] = Field(min_length=1)
    """The price fields that page confirms, such as input_mtok."""
    disagrees: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]] = []
    """Price fields where the page shows another number; the model's notes say which is used and why."""


class DatasetReading(_Strict):
    """What one release of a public price dataset showed for this entry, in USD per 1,000,000 tokens."""

    dataset: Literal["genai-prices", "litellm", "models.dev", "llm-prices"]
    """The public dataset read."""
    release: Name
    """The release read, as the dataset numbers it, such as 0.2.5 or 1.110.2."""
    key: Name
    """The dataset's own id for this entry, such as openai:gpt-5.5; data/upstream.yaml maps it to ours."""
    input_mtok: Price | None = None
    """USD per 1,000,000 input tokens in that release; absent when it lists none."""
    output_mtok: Price | None = None
    """USD per 1,000,000 output tokens in that release; absent when it lists none."""
    cached_input_mtok: Price | None = None
    """USD per 1,000,000 cached input tokens in that release; absent when it lists none."""


Modality = Literal["text", "image", "audio", "video", "pdf"]


class Model(_Strict):
    """One model as sold by one provider (one host): its prices, caching, tiers, limits and lifecycle there. The facts
    of the model itself (creator, release, open weights, thinking) are written once, in data/models.yaml, and copied
    onto every host's entry when the data is read."""

    id: Slug
    """Lower-case slug, unique across the whole dataset; the page anchor is model-<id>."""
    name: Name
    """The name readers know the model by, as this host lists it."""
    model: Slug | None = None
    """The model this entry serves: an id in data/models.yaml, shared by every host that serves the same weights.
    Left out only where no other host serves it, and then this entry gives the model's facts (open_weights at least)."""
    creator: Slug | None = None
    """Who made the model: filled in from data/models.yaml; never written in a provider's file."""
    api_id: Name | None = None
    """The exact model name in the provider's API, when it differs from id."""
    released: Date | None = None
    """Release date, if a source gives one. Written in data/models.yaml."""
    open_weights: Flag | None = None
    """True when the model's weights are published for anyone to run; absent when no source says. Written in
    data/models.yaml."""
    size_class: Literal["small", "medium", "large"] | None = None
    """The provider's tier for this model: small, medium or large (see the methodology page); absent where no source
    places it."""
    context_window: PositiveTokens | None = None
    """The most tokens (input and output) one request can hold."""
    max_output: PositiveTokens | None = None
    """The most output tokens one response can have."""
    prices: Prices
    """List prices, standard tier."""
    source: HttpsUrl
    """Where these prices were read (https)."""
    source_kind: Literal["provider", "dataset"] = "provider"
    """provider: source is the provider's own page; dataset: source is a release of a public price dataset."""
    second_dataset: Literal["agrees", "differs", "absent"] | None = None
    """For prices taken from a dataset: whether a second dataset (models.dev) shows the same input and output prices."""
    confirmed: Confirmation | None = None
    """Prices read again on the provider's own page, where a copy of it was found."""
    readings: list[DatasetReading] = []
    """What each public dataset showed for this entry when its prices came from datasets; pages show each value
    where they disagree."""
    verified: Date
    """The date someone read the source and checked these prices; never in the future."""
    inputs: list[Modality] | None = None
    """What a request can send: text, and images, audio, video or PDF files; absent when no source says, and then
    pages say that whether it takes images is not recorded, rather than that it cannot."""
    reasoning: Reasoning | None = None
    """Whether and how the model thinks before it answers; absent when not recorded, which pages say. Written in
    data/models.yaml."""
    superseded: Superseded | None = None
    """Where the maker has a newer model for the same job. Written in data/models.yaml."""
    caching: Caching | None = None
    """The prompt-caching rules that apply to this model; absent when not recorded (then no cache discount is assumed)."""
    service_tiers: ServiceTiers | None = None
    """Prices on the flex, priority and fast tiers, where offered."""
    unit_prices: UnitPrices | None = None
    """Prices for web searches, images and audio, where they differ from text tokens."""
    lifecycle: Lifecycle | None = None
    """The retirement date, where the provider has announced one."""
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


class Creator(_Strict):
    """A company or lab that makes models."""

    id: Slug
    """Lower-case slug, referred to by each model's creator."""
    name: Name
    """The name readers know it by."""


class ModelFacts(_Strict):
    """One model, whoever serves it: the facts every host's entry shares, written once."""

    id: Slug
    """Lower-case slug: the canonical model id every host's entry names in its `model` field."""
    name: Name
    """The model's name as its creator gives it."""
    creator: Slug
    """The id of its maker in `creators`."""
    released: Date | None = None
    """Release date, if a source gives one."""
    open_weights: Flag | None = None
    """True when the weights are published for anyone to run, false when they are not; absent when no source says."""
    open_weights_source: HttpsUrl | None = None
    """Where the open-weights fact was read (https), where it was not the creator's own model page."""
    reasoning: Reasoning | None = None
    """Whether and how the model thinks before it answers; absent when not recorded, which pages say."""
    superseded: Superseded | None = None
    """Where the maker has a newer model for the same job: it stays listed, and leaves the guide's comparisons."""


class ModelsFile(_Strict):
    """data/models.yaml: the models, whoever serves them, and who makes them."""

    creators: list[Creator] = Field(min_length=1)
    """The makers of the models."""
    models: list[ModelFacts] = Field(min_length=1)
    """Each model once, with the facts every host shares."""


class UpstreamMapping(_Strict):
    """Which entry of each public dataset is which entry of ours. Sync reads upstream ids through these only."""

    id: Slug
    """Our entry's id in data/providers."""
    genai_prices: Name | None = None
    """The genai-prices id, written <provider>:<model>, such as openai:gpt-5.5."""
    litellm: Name | None = None
    """The key in LiteLLM's price map, such as gpt-5.5 or gemini/gemini-2.5-pro."""


class IgnoredUpstream(_Strict):
    """An upstream id that is deliberately not one of our entries, so sync stops listing it as new."""

    dataset: Literal["genai-prices", "litellm"]
    """The dataset that lists it."""
    key: Name
    """Its id there."""
    why: Text
    """Why we do not list it."""


class UpstreamFile(_Strict):
    """data/upstream.yaml: how the public datasets' ids map to our entries, reviewed by pull request."""

    mappings: list[UpstreamMapping] = []
    """One item per entry of ours that a dataset lists; an upstream id maps to one entry only."""
    ignored: list[IgnoredUpstream] = []
    """Upstream ids deliberately left out, each with why."""


class ThinkingTokens(_Strict):
    """Hidden thinking tokens assumed at each effort level on the guide's scale."""

    low: Tokens
    """At low effort."""
    medium: Tokens
    """At medium effort."""
    high: Tokens
    """At high effort."""


class Scenario(_Strict):
    """A named product interaction with assumed token counts."""

    id: Slug
    """Lower-case slug used in macros and links."""
    name: Name
    """Short name, sentence case."""
    description: Text
    """One sentence on what the user does."""
    input_tokens: PositiveTokens
    """All prompt tokens sent, the cacheable prefix and any image included."""
    cacheable_prefix_tokens: Tokens = 0
    """The start of the input that is the same on every request (system prompt, tool definitions): what a prompt
    cache can serve."""
    cache_hit_rate: Share = Decimal(0)
    """The share of requests, 0 to 1, that find the prefix still in the cache; the rest write it (or pay full price)."""
    cache_basis: Text | None = None
    """Why the prefix and the hit rate are what they are; required when there is a prefix."""
    output_tokens: PositiveTokens
    """Visible output tokens."""
    thinking_tokens: ThinkingTokens
    """Hidden thinking tokens at each effort level, for models that think. Billed as output."""
    thinking_basis: Text
    """Where the thinking counts come from. Providers publish only ranges, so these are the guide's assumptions."""
    image_tokens: Tokens = 0
    """The input tokens the user's image becomes (part of input_tokens); 0 when the interaction sends no image."""
    web_searches: Tokens = 0
    """Web searches the model runs as a tool in one interaction."""
    basis: Text
    """One line on where the token counts come from."""
    use_case: Slug
    """The use case in data/targets.yaml whose response-time targets this interaction should meet."""


class Steps(_Strict):
    """How an agent task repeats its first step: what each step adds to the history, and how often one is retried."""

    count: StepCount
    """Steps the task takes to complete, 1 to 100."""
    tool_result_tokens: Tokens
    """Tokens each step's tool call brings back (a search result, a page read), which join the next step's input."""
    history_includes_thinking: Flag
    """True where each step's thinking is sent back as part of the history (and billed again as input); false where
    only its visible output and tool call are. Providers differ: say which you assume in `basis`."""
    retry_percent: Percent
    """Steps that fail and are run again, as a percentage of the task's steps, 0 to 100; each retry costs an average
    step."""
    basis: Text
    """Where the step count, the tool results, the retries and the thinking assumption come from."""


class Task(Scenario):
    """A multi-step agent task: its first step is a scenario, and each later step resends the growing history.

    Step k (counted from 0) sends the first step's input plus, for each earlier step, its output (and its thinking
    where `steps.history_includes_thinking`) and the tool result it received. Each step runs the scenario's
    `web_searches`."""

    steps: Steps
    """How many steps, what each adds to the history, and how often one is retried."""


class ScenarioFile(_Strict):
    """data/scenarios.yaml."""

    scenarios: list[Scenario] = Field(min_length=1)
    """The product interactions."""
    tasks: list[Task] = []
    """Multi-step agent tasks, priced per completed task; shown only on the pages that name them."""
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
        day = dt.date.fromisoformat(padded)
    except ValueError:
        # Reported like a pattern mismatch, so the reader sees the one message about date formats.
        raise PydanticCustomError("string_pattern_mismatch", "not a calendar date", {"pattern": _PARTIAL_DATE}) from None
    in_range(day)  # a partial date counts from its earliest day
    return value


PartialDate = Annotated[
    str,
    StringConstraints(pattern=_PARTIAL_DATE),
    BeforeValidator(_date_to_text),
    AfterValidator(_real_date),
]


Metric = Literal["ttft_s", "output_tokens_per_s", "total_response_s"]
"""ttft_s: seconds from the request to the first streamed token; output_tokens_per_s: output tokens per second
after it, for one request; total_response_s: seconds from the request to the last token."""

DatePrecision = Literal["day", "month", "year", "inferred_year", "inferred_lower_bound", "aggregator_label", "not_stated"]
"""How `observed` is known: stated to the day, month or year; day and month stated with the year inferred; the earliest
date possible, inferred from what the page mentions; taken from an aggregator's label; or not stated at all."""


class Observation(_Strict):
    """One published latency figure for one request, as a user sees it, copied from its source."""

    id: Slug
    """Stable id and link anchor, for example lat-001; never reused."""
    model: Name
    """A model id from the dataset when the figure is for exactly that model; otherwise the model as the source names it."""
    served_by: Name
    """Who served the requests that were measured."""
    route: Literal["direct", "gateway", "not_stated"]
    """How the requests reached the model: the provider's or cloud host's own endpoint (direct), through a router or
    proxy such as OpenRouter (gateway), or not said."""
    metric: Metric
    """What was measured; the unit is in the name."""
    value: Measure
    """The figure, in the unit the metric names, as the source gives it (milliseconds turned into seconds only)."""
    statistic: Name
    """What kind of figure it is: a median of so many runs, a mean, a single run, a vendor claim."""
    includes_thinking: Literal["yes", "no", "unclear", "not_applicable"]
    """For a first-token or total time: whether a reasoning model's hidden thinking happened before the first visible
    token (yes), did not (no, also for models that never think), or the source does not say (unclear).
    not_applicable for an output speed."""
    conditions: Text
    """What the source says about how it was measured: prompt and output size, load, effort, region; "not stated"
    where it does not say."""
    effort: Literal["none", "low", "medium", "high", "above_high"] | None = None
    """The thinking effort the requests were measured at, on the guide's scale (above_high for a provider's levels
    beyond high, such as xhigh or max; none for thinking turned off); absent where the source does not say. A
    first-token time that includes thinking is paired only with costs and verdicts at the same effort."""
    source: HttpsUrl
    """The page the figure is on (https)."""
    publisher: Name
    """Who published it."""
    source_type: Literal["independent_benchmark", "third_party_aggregator", "provider_claim", "benchmark_rule"]
    """Who measured: the publisher itself (independent_benchmark); someone else, whose figure the publisher
    republishes or collects (third_party_aggregator); a provider or host about its own service (provider_claim);
    or a limit a benchmark sets (benchmark_rule)."""
    primary_measurer: Name | None = None
    """Who measured, when the publisher republishes someone else's figure."""
    observed: PartialDate | None = None
    """When the figure was measured or published: YYYY, YYYY-MM or YYYY-MM-DD, as precise as date_precision says.
    Left out only when the source gives no date."""
    date_precision: DatePrecision
    """How the date is known. An undated figure, or one older than 12 months before the data's as-of date, shows only
    in the observations page's history section."""
    excluded_because: Text | None = None
    """Why a figure is kept for the record but never used as evidence, for example a source found unreliable."""
    notes: Text | None = None
    """Anything a reader should know: what is uncertain, how it relates to another figure."""


class LatencyFile(_Strict):
    """data/latency.yaml."""

    observations: list[Observation] = Field(min_length=1)
    """Published observations only; nothing estimated."""


EvidenceStrength = Literal["strong", "moderate_to_strong", "moderate", "weak_to_moderate", "weak"]
"""strong: an empirical study or meta-analysis; moderate: an established guideline grounded in research; weak: a
vendor's target or claim."""


class Threshold(_Strict):
    """A published response-time threshold, with how strong its evidence is."""

    id: Slug
    """Lower-case slug, referred to by use cases and verdicts."""
    name: Name
    """Short name, sentence case."""
    seconds: Measure
    """The threshold in seconds."""
    meaning: Text
    """What the threshold is, in one or two sentences."""
    source: HttpsUrl
    """Where it is published (https)."""
    publisher: Name
    """Who published it, and where."""
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    """The year it was published, where the source gives one."""
    read_via: HttpsUrl | None = None
    """Where it was read, when that was a quotation or summary rather than the source itself."""
    evidence: EvidenceStrength
    """How strong the evidence behind it is."""
    evidence_note: Text
    """Why the evidence is that strong: what kind of source it is and its limits."""
    checked: Date
    """The date someone read the source; never in the future."""


class VerdictBand(_Strict):
    """How a wait reads to people, up to a threshold."""

    words: Name
    """The verdict in plain words, lower case, for example "keeps flow"."""
    threshold: Slug | None = None
    """The threshold that ends this band; left out for the last band, which has no end."""


class Advice(_Strict):
    """What a designer should do when this use case's wait lands in one verdict band: our guidance, not a sourced
    figure, so it names no number."""

    verdict: Name
    """The band's words, exactly as in verdicts, for example "needs a background job"."""
    do: Text
    """What to do, in one or two short sentences, for example "Too slow for a chat reply: choose a faster model"."""


class UseCase(_Strict):
    """A kind of feature, and the thresholds its first visible word and its full answer should meet."""

    id: Slug
    """Lower-case slug, referred to by scenarios."""
    name: Name
    """Short name, sentence case."""
    description: Text
    """What the feature is, in one sentence."""
    first_word: Slug | None = None
    """The threshold the first visible word should meet; left out when nobody watches for it."""
    full_answer: Slug | None = None
    """The threshold the full answer should meet; left out when only the start counts."""
    basis: Text
    """Why these thresholds apply to this use case."""
    advice: list[Advice] = Field(min_length=1)
    """What to do when a wait for this use case lands in each verdict band: one entry per band, in the bands' order,
    so a page never shows a band's words alone (issue 25: "needs a background job" is no verdict for a chat reply)."""


class TargetsFile(_Strict):
    """data/targets.yaml."""

    thresholds: list[Threshold] = Field(min_length=1)
    """Published thresholds, in seconds."""
    verdicts: list[VerdictBand] = Field(min_length=2)
    """Bands from the shortest wait up; every band but the last ends at a threshold."""
    use_cases: list[UseCase] = Field(min_length=1)
    """Kinds of features and their targets."""


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


class Connection(_Strict):
    """How many round trips a request spends on the network before its first byte comes back."""

    request_round_trips: PositiveTokens
    """Round trips on an open connection: the request out and the first byte back."""
    new_connection_round_trips: Tokens
    """Round trips a new connection adds first: TCP's handshake and TLS 1.3's."""
    basis: Text
    """Where the counts come from, in plain words."""
    sources: list[HttpsUrl] = Field(min_length=1)
    """The specifications the counts come from (https)."""
    checked: Date
    """The date someone read the sources; never in the future."""


class TextSize(_Strict):
    """How many bytes of text a token becomes, to work out how long an answer takes to download."""

    characters_per_token: Measure
    """Characters of English text per token, by the provider's rule of thumb; one character of English is one byte."""
    source: HttpsUrl
    """Where the rule of thumb is published (https)."""
    publisher: Name
    """Who publishes it."""
    checked: Date
    """The date someone read the source; never in the future."""


class NetworkFile(_Strict):
    """data/network.yaml."""

    profiles: list[NetworkProfile] = Field(min_length=1)
    """Network presets, fastest first."""
    connection: Connection
    """The round trips a request spends before its first byte."""
    text: TextSize
    """How large an answer's text is, to download."""


class MediaEntry(_Strict):
    """One model that works on something other than text, as one provider sells it, with where its price was read."""

    id: Slug
    """Lower-case slug, unique in data/media.yaml; the row's anchor is media-<id>."""
    name: Name
    """The model's name as the provider lists it."""
    provider: Slug
    """The id of the provider that sells it: a file in data/providers."""
    api_id: Name | None = None
    """The exact model name in the provider's API, or the dataset's key, when it differs from the name."""
    source: HttpsUrl
    """Where the price was read (https): the provider's page, or the release of a public price dataset."""
    source_kind: Literal["provider", "dataset"] = "provider"
    """provider: source is the provider's own page; dataset: source is a release of a public price dataset."""
    verified: Date
    """The date someone read the source and checked the price; never in the future."""
    notes: Text | None = None
    """A caveat a reader should see next to the price."""


class EmbeddingPrice(MediaEntry):
    """An embedding model: it turns text into a list of numbers that retrieval compares. Billed per input token."""

    input_mtok: Price
    """USD per 1,000,000 input tokens embedded."""
    batch_input_mtok: Price | None = None
    """USD per 1,000,000 input tokens through the asynchronous batch API, where the source lists it."""


class TranscriptionPrice(MediaEntry):
    """A speech-to-text model: it turns recorded speech into text. Billed per second of audio."""

    usd_per_second: SecondPrice
    """USD per second of audio sent, exactly as the source gives it (pages show it per minute and per hour)."""


class SpeechPrice(MediaEntry):
    """A text-to-speech model: it reads text aloud. Billed per character of text."""

    input_mchar: Price
    """USD per 1,000,000 characters of text read aloud (mchar: a million characters)."""


class ImageGenerationPrice(MediaEntry):
    """A model that draws images from a text prompt. Billed per image, or per token of the image it makes."""

    usd_per_image: Price | None = None
    """USD per image made, where the source gives a price per image; absent where it does not."""
    image_size: Name | None = None
    """The size or quality usd_per_image is for, where the source says, such as '1024 x 1024'."""
    output_image_mtok: Price | None = None
    """USD per 1,000,000 tokens of the images it makes, where the source bills image output by the token."""


class ImageInputRule(_Strict):
    """How one provider counts the input tokens of an image a request sends, as a source states it."""

    provider: Slug
    """The id of the provider the rule is for: a file in data/providers."""
    rule: Text
    """The rule in plain words, as the source gives it."""
    max_tokens: PositiveTokens | None = None
    """The most tokens one image becomes under the rule, where the source gives a ceiling."""
    source: HttpsUrl
    """Where the rule is published (https)."""
    checked: Date
    """The date someone read the source; never in the future."""
    notes: Text | None = None
    """How the rule reached the data, or a caveat."""


class Corpus(_Strict):
    """The example body of text the embedding table prices: how much text a retrieval feature embeds once."""

    description: Text
    """What the text is, in one sentence."""
    documents: PositiveTokens
    """How many documents it holds."""
    tokens_per_document: PositiveTokens
    """Input tokens in one document."""
    basis: Text
    """Where the sizes come from: they are the guide's assumptions."""


class MediaFile(_Strict):
    """data/media.yaml: prices for embeddings, speech-to-text, text-to-speech and image generation, each in its own
    unit, and the rules providers publish for counting an image's input tokens."""

    corpus: Corpus
    """The example text the embedding table prices."""
    embeddings: list[EmbeddingPrice] = Field(min_length=1)
    """Embedding models, in USD per 1,000,000 input tokens."""
    transcription: list[TranscriptionPrice] = Field(min_length=1)
    """Speech-to-text models, in USD per second of audio."""
    speech: list[SpeechPrice] = Field(min_length=1)
    """Text-to-speech models, in USD per 1,000,000 characters."""
    image_generation: list[ImageGenerationPrice] = Field(min_length=1)
    """Image-generation models, per image or per 1,000,000 image tokens."""
    image_input: list[ImageInputRule] = []
    """Published rules for counting an input image's tokens, one per provider; a provider without one has no rule in
    the sources read, and pages say so."""


class PrivacyFact(_Strict):
    """One thing a provider publishes about what happens to the data a request sends, with where it was read."""

    note: Text
    """What the source says, in the contributor's own words: one or two short sentences, no copied text."""
    source: HttpsUrl
    """The provider's own page the fact was read on (https)."""
    checked: Date
    """The date someone read the source; never in the future."""


class Retention(PrivacyFact):
    """How long the provider keeps a request's inputs and outputs when you have asked for nothing else."""

    days: Days | None = None
    """The most days inputs and outputs are kept by default, where the source gives a number; absent where it
    describes the retention without one, and the note says what it does say."""


class ZeroRetention(PrivacyFact):
    """Whether the provider offers to keep no inputs or outputs once a response is returned, and on what terms."""

    access: Literal["self-serve", "on-approval"] | None = None
    """self-serve: you switch it on yourself, in a console or an API setting; on-approval: the provider must approve
    your organisation or sign an agreement first; absent where the source offers it without saying which."""


class Training(PrivacyFact):
    """Whether the provider trains its models on the inputs and outputs of paid API requests."""

    inputs: Literal["no", "opt-in", "opt-out", "yes"]
    """For paid API use. no: never, the source says; opt-in: not unless you give permission; opt-out: yes unless you
    turn it off; yes: yes, with no way to turn it off in the source read."""
    free_tier: Literal["no", "opt-in", "opt-out", "yes"] | None = None
    """The same answer for a free tier or unpaid quota, where the source treats it differently from paid use."""


class Regional(PrivacyFact):
    """Whether you can ask for a request to be processed, or its data stored, in one region, and what that costs."""

    uplift_multiplier: Measure | None = None
    """What the price is multiplied by when you ask for regional processing, such as 1.1; absent where no source read
    gives a price change."""
    uplift_source: HttpsUrl | None = None
    """Where the multiplier was read (https), when not on the source page: a provider's page or a release of a
    public price dataset."""
    uplift_models: list[Slug] = []
    """The model ids in data/providers that the multiplier is listed for, as the uplift source gives them."""


class PrivacyEntry(_Strict):
    """What one provider publishes about retention, zero retention, training and regional processing for its API.
    A fact no source read gives is left out, and pages say so."""

    provider: Slug
    """The id of the provider: a file in data/providers."""
    retention: Retention | None = None
    """How long inputs and outputs are kept by default."""
    zero_retention: ZeroRetention | None = None
    """Whether the provider offers zero data retention, and on what terms."""
    training: Training | None = None
    """Whether inputs train the provider's models."""
    regional: Regional | None = None
    """Regional processing or data residency, and its price uplift."""


class PrivacyFile(_Strict):
    """data/privacy.yaml: what each provider publishes about keeping, training on and placing the data API requests
    send, one entry per provider, each fact with its source and the date it was read."""

    providers: list[PrivacyEntry] = Field(min_length=1)
    """One entry per provider, in the order the page lists them."""
class Sizing(_Strict):
    """The example the capacity page sizes: a monthly volume and how much busier the busiest hour is than the average
    hour. Both are the guide's example inputs, not facts: a reader puts in their own."""

    monthly_interactions: PositiveTokens
    """Interactions a month, each one request of a scenario in data/scenarios.yaml."""
    busiest_hour_multiple: Measure
    """How many times the average hour's traffic the busiest hour carries, such as 3."""
    basis: Text
    """Why these example figures, in one or two sentences: they are the guide's choice."""


class UsageTier(_Strict):
    """One usage tier as a provider's page names it, with what it takes to reach it and the spending cap it carries."""

    name: Name
    """The tier's name as the page writes it, such as 'Tier 2' or 'Build'."""
    qualification: Text | None = None
    """What puts an account on the tier, in plain words; absent where the page does not say."""
    spend_cap: Name | None = None
    """The most an account on the tier may spend, as the page writes it (such as '$500 a month'); absent where the
    page gives none."""


class ProviderLimits(_Strict):
    """How one provider limits the use of its API, and how it bills, as its own pages state it."""

    provider: Slug
    """The id of the provider: a file in data/providers."""
    limited_by: Text
    """What the provider counts against its limits, such as requests and input and output tokens per minute."""
    applies_to: Name | None = None
    """What shares one set of limits: the organization, the project or the workspace, where the page says."""
    no_fixed_limit: Flag = False
    """True where the provider's page says it sets no fixed rate limit."""
    tiers: list[UsageTier] = []
    """The usage tiers the page lists, lowest first; empty where the pages read list none."""
    per_model_limits: Literal["published", "console", "unknown"]
    """Where the numbers for each model are: published on the page, shown only in the account's console, or not
    found in the pages read."""
    cached_tokens_count: Literal["yes", "no", "unknown"] = "unknown"
    """Whether tokens read from the prompt cache count against the token limits: unknown where no page read says."""
    free_tier: Text | None = None
    """What the provider gives without payment, as its page states; absent where no page read says."""
    paying: Text | None = None
    """How paying works where the page states it: prepaid credit, minimum purchases, caps on deposits."""
    source: HttpsUrl
    """The provider's own page these facts were read on (https)."""
    also_read: list[HttpsUrl] = []
    """Other pages of the same provider that gave some of these facts."""
    checked: Date
    """The date the pages were read; never in the future."""
    notes: Text | None = None
    """A caveat a reader should see, such as copies of the page that disagree."""


class CapacityOffer(_Strict):
    """A way to buy capacity beyond the shared pay-as-you-go pool: reserved (provisioned) throughput or a priority
    tier, as the provider's page describes it."""

    provider: Slug
    """The id of the provider that sells it: a file in data/providers."""
    kind: Literal["provisioned", "priority"]
    """provisioned: capacity reserved for you and paid for by the hour or term; priority: requests served ahead of
    standard ones, paid per token."""
    name: Name
    """The offer's name as the provider writes it."""
    billing: Text
    """How it is billed, in plain words."""
    commitment: Text | None = None
    """The commitment it asks for, such as a term or committed spend; absent where the page names none."""
    source: HttpsUrl
    """The provider's own page the facts were read on (https)."""
    checked: Date
    """The date the page was read; never in the future."""
    notes: Text | None = None
    """A caveat a reader should see."""


class CapacityFile(_Strict):
    """data/capacity.yaml: the sizing example, each provider's published rate limits and billing facts, and the
    provisioned and priority offers, each as the provider's own page states it."""

    sizing: Sizing
    """The example the sizing table works out."""
    providers: list[ProviderLimits] = Field(min_length=1)
    """One entry per provider whose limits were read; a provider without one has none in the sources read."""
    offers: list[CapacityOffer] = []
    """Provisioned-throughput and priority offers."""
class GpuOffer(_Strict):
    """One server with GPUs rented by the hour, as its seller's own page lists it."""

    id: Slug
    """Lower-case slug, unique in data/selfhosting.yaml; the row's anchor is gpu-<id>."""
    seller: Name
    """Who rents it out, and the service, as the page names them."""
    name: Name
    """The offer as the page lists it (instance type and size, or machine name)."""
    gpu: Name
    """The GPU model, as the page names it, such as 'NVIDIA H100'."""
    gpus: GpuCount
    """GPUs in one server of this offer."""
    usd_per_hour: Price
    """USD per hour for the whole server (all its GPUs), on-demand list price."""
    terms: Text
    """How the page says it is billed: the unit of billing, the cloud or region, any commitment."""
    source: HttpsUrl
    """The seller's own page the price was read on (https)."""
    checked: Date
    """The date someone read the source; never in the future."""
    notes: Text | None = None
    """A caveat a reader should see next to the price, in our own words."""


class ThroughputFigure(_Strict):
    """How many output tokens a second a named set of GPUs serves for one open-weights model, as its publisher
    measured it, with the conditions it was measured under."""

    id: Slug
    """Lower-case slug, unique in data/selfhosting.yaml; the row's anchor is throughput-<id>."""
    model: Slug
    """The canonical id of the model measured (data/models.yaml), which some host in data/providers sells."""
    gpu: Name
    """The GPU model measured on, as the source names it."""
    gpus: GpuCount
    """How many GPUs served the model together."""
    output_tokens_per_s: Measure
    """Output tokens a second from the whole server, all requests together, as published."""
    concurrency: Concurrency
    """Requests the benchmark kept in flight at once."""
    input_tokens: PositiveTokens
    """Input tokens in each benchmark request."""
    output_tokens: PositiveTokens
    """Output tokens in each benchmark request."""
    ttft_s: Measure | None = None
    """Seconds to the first token at this concurrency, where the source gives it."""
    precision: Name
    """The number format the weights ran in, such as FP8 or BF16."""
    server: Name
    """The serving software and version, as the source names it."""
    publisher: Name
    """Who measured and published the figure."""
    source: HttpsUrl
    """Where the figure is published (https): the publisher's own page."""
    checked: Date
    """The date someone read the source; never in the future."""
    notes: Text | None = None
    """How the figure was read, or a caveat, in our own words."""


class BreakEven(_Strict):
    """Which rented server and which published throughput the break-even arithmetic pairs, for which scenario, and
    the busy shares it shows as examples."""

    offer: Slug
    """The id of a GPU offer in this file: what the server costs an hour."""
    throughput: Slug
    """The id of a throughput figure in this file, measured on the same GPU model and count as the offer."""
    scenario: Slug
    """The id of a scenario in data/scenarios.yaml: the request the API's price is worked out for."""
    example_busy_shares: list[Share] = Field(min_length=1)
    """Example choices, not facts: how much of each hour the server is kept busy at the measured throughput (0.3 is
    30%). The reader's own traffic decides the real share."""
    basis: Text
    """Why this offer, this figure and this concurrency were paired, in plain words."""


class SelfHostingFile(_Strict):
    """data/selfhosting.yaml: hourly prices for rented GPU servers, published serving throughput for open-weights
    models, and which of them the break-even arithmetic pairs."""

    gpu_offers: list[GpuOffer] = Field(min_length=1)
    """Servers with GPUs rented by the hour, each from its seller's own page."""
    throughput: list[ThroughputFigure] = Field(min_length=1)
    """Published serving throughput figures, each with its conditions."""
    break_even: BreakEven
    """The pairing the break-even tables use."""
