"""Pure, exact arithmetic on the dataset: money in Decimal, no formatting, no I/O.

A scenario's cost on a model follows that model's billing rules, and says which it used:

- Thinking: a model that thinks by default thinks at its default effort (medium when the effort is
  not published); one that thinks only when asked does not; the caller may choose an effort. The
  thinking tokens come from the scenario's assumptions and are billed as output, at the model's
  thinking-mode output price where it lists one (which then applies to the visible output too).
- Caching: the scenario's cacheable prefix is discounted only where the model caches at all, its
  minimum is published and the prefix reaches it, a cache price is listed and (on batch) the
  discount combines with batch. An unknown minimum is never taken as zero. A share of requests,
  the hit rate, reads the prefix at the cache price; the rest write it at the write price where
  caching is explicit, or pay the input price where it is automatic.
- Conversations: where the provider caches automatically, each later turn reads the previous
  turn's whole prompt from the cache at the same hit rate; where caching is explicit, only the
  scenario's prefix is cached.
- Tiers: standard, batch, flex, priority, fast or off-peak hours, where the model lists them;
  otherwise standard, and the cost says so. A tier's discount scales the long-context band the
  prompt reaches; an image's own price takes no tier discount.
- Agent tasks: each step resends the first step's input and, for every earlier step, its output (and thinking,
  where the task says the history carries it) and the tool result it received; the cache serves the previous
  step's whole prompt where the provider caches automatically, else the fixed prefix. Each step pays its searches,
  and retries add their share of the steps again.
- Other units: an image's tokens at the image price where one is listed, web searches at the listed
  fee per 1,000 (or left out, and said: such a cost is never ranked against others).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, NamedTuple, get_args

from macros.data.models import Effort, Model, Prices, Scenario, Task, ThinkingTokens

MILLION = Decimal(1_000_000)
EFFORTS: tuple[Effort, ...] = get_args(Effort)
ServiceTier = Literal["standard", "batch", "flex", "priority", "fast", "off_peak"]
SERVICE_TIERS: tuple[ServiceTier, ...] = get_args(ServiceTier)


# --- the bill for known token counts ---------------------------------------------------------------------------


class Rates(NamedTuple):
    """The per-million-token prices that apply to one request; None where the model lists no such price."""

    input: Decimal
    output: Decimal
    cached_input: Decimal | None
    cache_write: Decimal | None


def _band(prices: Prices, input_tokens: int) -> tuple[Decimal, Decimal, Decimal | None, int | None]:
    """The long-context band a prompt reaches: input, output and cache prices, and the band's threshold."""
    found = (prices.input_mtok, prices.output_mtok, prices.cached_input_mtok, None)
    for tier in prices.tiers:
        if input_tokens > tier.above_input_tokens:
            found = (tier.input_mtok, tier.output_mtok, tier.cached_input_mtok, tier.above_input_tokens)
    return found


def _scaled(value: Decimal | None, new: Decimal, old: Decimal) -> Decimal | None:
    """`value` scaled by the ratio a tier applies to the standard price (new / old)."""
    if value is None:
        return None
    return value * new / old if old else new


def rates_for(prices: Prices, reached: tuple[Decimal, Decimal, Decimal | None, int | None], batch: bool = False) -> Rates:
    """The standard or batch prices one request pays, from the long-context band its input reaches (`_band`).

    The highest long-context band whose threshold the input passes replaces the base prices, and
    batch prices scale whichever band applies.
    """
    input_rate, output_rate, cached, _ = reached
    write = _scaled(prices.cache_write_mtok, input_rate, prices.input_mtok)  # a band raises the write price with the input
    if batch:
        if prices.batch_input_mtok is None or prices.batch_output_mtok is None:
            raise ValueError("no batch prices listed for this model")
        base_in, base_out = prices.input_mtok, prices.output_mtok
        input_rate, output_rate, cached, write = (
            _scaled(input_rate, prices.batch_input_mtok, base_in) or Decimal(0),
            _scaled(output_rate, prices.batch_output_mtok, base_out) or Decimal(0),
            _scaled(cached, prices.batch_input_mtok, base_in), _scaled(write, prices.batch_input_mtok, base_in))
    return Rates(input_rate, output_rate, cached, write)


def monthly_cost(per_interaction: Decimal, interactions_per_month: int) -> Decimal:
    """USD per month at a volume."""
    return per_interaction * interactions_per_month


def uplifted(total: Decimal, multiplier: Decimal) -> Decimal:
    """USD for the same interaction when every price is multiplied by a regional-processing uplift, such as 1.1."""
    return total * multiplier


# --- a scenario on a model, by the model's rules ---------------------------------------------------------------


ThinkingWhy = Literal["never", "off by default", "default", "default assumed", "chosen", "not recorded", "default unknown"]
"""Why a cost counts the thinking it does: the model never thinks; it thinks only when asked; it thinks by default
at its published default effort; at an effort assumed because none is published; at an effort the caller chose;
the data does not say whether it thinks; or it can think but its default is not published."""

CacheWhy = Literal["applied", "no prefix", "not offered", "not recorded", "rules unknown", "minimum unknown",
                   "below minimum", "no cache price", "not with batch", "batch unknown"]
"""Why a cost does or does not discount the cacheable prefix."""


class Plan(NamedTuple):
    """The choices a cost is worked out for; every default is the model's own or the scenario's."""

    effort: Effort | Literal["off"] | None = None
    """None: the model's default. "off": no thinking, where thinking can be turned off."""
    tier: ServiceTier = "standard"
    cache_hit_rate: Decimal | None = None
    """None: the scenario's own."""


class Request(NamedTuple):
    """What one request sends and gets, before any price: the scenario's counts with thinking resolved."""

    input: int
    output: int
    thinking: int = 0
    prefix: int = 0
    hit_rate: Decimal = Decimal(0)
    image_tokens: int = 0
    searches: int = 0
    thinking_on: bool = False
    """Whether the request asks for thinking: then a thinking-mode output price, where listed, applies to all output."""


class Cost(NamedTuple):
    """USD for one interaction, with every assumption it rests on.

    This, Request and Rates are named tuples rather than frozen dataclasses: as unchangeable, and made several times
    as fast (a frozen dataclass sets each field through object.__setattr__), where a 10,000-model build makes
    hundreds of thousands of each."""

    total: Decimal
    thinking_tokens: int
    effort: Effort | None
    """The effort the thinking was counted at; None when nothing was thought."""
    thinking: ThinkingWhy
    cache: CacheWhy
    hit_rate: Decimal
    cache_min_tokens: int | None
    tier: ServiceTier
    """The tier priced: the one asked for, or standard when the model does not offer it."""
    asked_tier: ServiceTier
    band: int | None
    """The threshold of the long-context band the prompt passed, if any."""
    cache_write_listed: bool = True
    """False where caching is explicit but no write price is listed, so misses were priced as plain input."""
    search_fee_listed: bool = True
    """False where the scenario searches the web but the model lists no search fee, which the total then leaves out."""
    unsupported: str | None = None
    """What the model cannot take that the scenario sends ("images"), or may not ("images not recorded": no source
    says whether it takes them); the total then means nothing."""
    thinking_output_mtok: Decimal | None = None
    """The thinking-mode output price applied to every output token, where it differs from the plain output price."""
    cache_write_mtok: Decimal | None = None
    """The write price a cache miss paid, where caching is explicit and a write price is listed."""
    effort_basis: str | None = None
    """How the default effort used is known, where the data says (a provider's own name for it, or a dispute)."""
    thinking_mode_known: bool = True
    """False where the model has effort levels but the sources do not say whether its thinking can be turned off."""

    @property
    def tier_offered(self) -> bool:
        return self.tier == self.asked_tier


def thinking_for(model: Model, thinking: ThinkingTokens, effort: Effort | Literal["off"] | None = None,
                 ) -> tuple[int, Effort | None, ThinkingWhy]:
    """How many of the assumed thinking tokens a model spends, at which effort, and why."""
    reasoning = model.reasoning
    if reasoning is None:
        return 0, None, "not recorded"
    if reasoning.mode == "none":
        return 0, None, "never"
    if effort == "off":
        if reasoning.mode == "always":
            raise ValueError(f"{model.id} always thinks; its thinking cannot be turned off")
        return 0, None, "chosen"
    if effort is not None:
        return getattr(thinking, effort), effort, "chosen"
    if reasoning.mode == "unknown" and reasoning.default != "on":
        return 0, None, "not recorded"
    if reasoning.default == "off":
        return 0, None, "off by default"
    if reasoning.default == "unknown":
        return 0, None, "default unknown"
    level: Effort = reasoning.default_effort or "medium"
    return getattr(thinking, level), level, "default" if reasoning.default_effort else "default assumed"


def effort_choices(model: Model) -> list[Effort | Literal["off"]]:
    """The thinking a caller can choose on a model: "off" where thinking can be turned off, then its effort levels."""
    reasoning = model.reasoning
    if reasoning is None or reasoning.mode == "none":
        return []
    if reasoning.mode == "unknown":  # levels are published, whether thinking can be turned off is not
        return list(reasoning.efforts)
    levels: list[Effort | Literal["off"]] = list(reasoning.efforts) or (
        [reasoning.default_effort] if reasoning.default_effort else ["medium"])
    return (["off"] if reasoning.mode == "optional" else []) + levels


def _tier_rates(model: Model, input_tokens: int, tier: ServiceTier) -> tuple[Rates, ServiceTier, int | None]:
    """The prices a request pays on `tier` (or on standard, when the model does not offer it) and the band it reaches."""
    prices = model.prices
    found = _band(prices, input_tokens)  # found once: every tier's prices start from the band's, and it says the band
    band = found[3]
    if tier == "batch" and prices.batch_input_mtok is not None and prices.batch_output_mtok is not None:
        return rates_for(prices, found, batch=True), "batch", band
    offered = getattr(model.service_tiers, tier, None) if tier not in ("standard", "batch") else None
    if offered is None:
        return rates_for(prices, found), "standard", band
    input_rate, output_rate, cached, _ = found
    base_in, base_out = prices.input_mtok, prices.output_mtok
    tier_cached = offered.cached_input_mtok if band is None and offered.cached_input_mtok is not None else (
        _scaled(cached, offered.input_mtok, base_in))
    write = _scaled(prices.cache_write_mtok, input_rate, base_in)
    rates = Rates(_scaled(input_rate, offered.input_mtok, base_in) or Decimal(0),
                  _scaled(output_rate, offered.output_mtok, base_out) or Decimal(0),
                  tier_cached, _scaled(write, offered.input_mtok, base_in))
    return rates, tier, band


def _cache_unpriced(model: Model, request: Request) -> CacheWhy | None:
    """Why the prefix gets no discount whatever the model's prices; None when its prices decide (_cache_why)."""
    caching = model.caching
    if request.prefix == 0:
        return "no prefix"
    if caching is None:
        return "not recorded"
    if caching.mode == "none":
        return "not offered"
    if caching.mode == "unknown":
        return "rules unknown"
    return None


def _cache_why(model: Model, request: Request, tier: ServiceTier, rates: Rates) -> CacheWhy:
    return _cache_unpriced(model, request) or _cache_priced(model, request, tier, rates)


def _cache_priced(model: Model, request: Request, tier: ServiceTier, rates: Rates) -> CacheWhy:
    """Why the prefix is or is not discounted on a model that caches by rules it publishes (_cache_unpriced is None)."""
    caching = model.caching
    assert caching is not None, "_cache_unpriced answers for a model without caching rules"
    if rates.cached_input is None:
        return "no cache price"
    if caching.min_tokens is None:
        return "minimum unknown"
    if request.prefix < caching.min_tokens:
        return "below minimum"
    if tier == "batch" and caching.with_batch is not True:
        return "not with batch" if caching.with_batch is False else "batch unknown"
    return "applied"


def request_cost(model: Model, request: Request, tier: ServiceTier = "standard", effort: Effort | None = None,
                 thinking: ThinkingWhy = "chosen") -> Cost:
    """USD for one request on a model, by its rules. The thinking is already counted into `request`; `effort` and
    `thinking` only say how it was chosen."""
    rates, used, band = _tier_rates(model, request.input, tier)
    why = _cache_why(model, request, used, rates)
    caching = model.caching
    plain = request.input - request.prefix - request.image_tokens
    image_rate = model.unit_prices.image_input_mtok if model.unit_prices and model.unit_prices.image_input_mtok else None
    total = plain * rates.input + request.image_tokens * (image_rate if image_rate is not None else rates.input)
    write_listed, write_price = True, None
    if why == "applied" and caching is not None and rates.cached_input is not None:
        miss = rates.input
        if caching.mode == "explicit":
            write_listed = rates.cache_write is not None
            write_price = rates.cache_write
            miss = rates.cache_write if rates.cache_write is not None else rates.input
        hit = request.hit_rate
        total += request.prefix * (hit * rates.cached_input + (1 - hit) * miss)
    else:
        total += request.prefix * rates.input
    thinking_price = model.prices.thinking_output_mtok if request.thinking_on else None
    output_rate = rates.output if thinking_price is None else (
        _scaled(thinking_price, rates.output, model.prices.output_mtok) or Decimal(0))
    total += (request.output + request.thinking) * output_rate
    total /= MILLION
    fee = model.unit_prices.web_search_per_1k_calls if model.unit_prices else None
    if request.searches and fee is not None:
        total += request.searches * fee / 1000
    unsupported = None
    if request.image_tokens and model.inputs is None:
        unsupported = "images not recorded"
    elif request.image_tokens and "image" not in model.inputs:
        unsupported = "images"
    reasoning = model.reasoning
    basis = reasoning.default_effort_basis if reasoning and thinking == "default" else None
    return Cost(total, request.thinking, effort, thinking, why, request.hit_rate if why == "applied" else Decimal(0),
                caching.min_tokens if caching else None, used, tier, band, write_listed,
                not request.searches or fee is not None, unsupported,
                output_rate if thinking_price is not None else None, write_price, basis,
                reasoning is None or reasoning.mode != "unknown" or not reasoning.efforts)


def scenario_request(scenario: Scenario, thinking: int, hit_rate: Decimal | None = None, thinking_on: bool = False,
                     ) -> Request:
    """The request a scenario describes, with `thinking` tokens and the scenario's (or the given) hit rate."""
    return Request(scenario.input_tokens, scenario.output_tokens, thinking, scenario.cacheable_prefix_tokens,
                   scenario.cache_hit_rate if hit_rate is None else hit_rate, scenario.image_tokens, scenario.web_searches,
                   thinking_on)


def scenario_cost(model: Model, scenario: Scenario, plan: Plan | None = None) -> Cost:
    """USD for one of the scenario's interactions on the model, with the assumptions it used."""
    plan = plan or Plan()
    tokens, effort, why = thinking_for(model, scenario.thinking_tokens, plan.effort)
    request = scenario_request(scenario, tokens, plan.cache_hit_rate, thinking_on=effort is not None)
    return request_cost(model, request, plan.tier, effort, why)


def cache_reason(model: Model, scenario: Scenario) -> CacheWhy:
    """Why the scenario's cost on the model by its defaults does or does not discount the cacheable prefix: the `cache`
    of scenario_cost's Cost, found without pricing the rest (the thinking counted never changes it)."""
    request = scenario_request(scenario, 0)
    unpriced = _cache_unpriced(model, request)
    if unpriced is not None:  # most models: their rates need not be worked out
        return unpriced
    rates, used, _ = _tier_rates(model, request.input, "standard")
    return _cache_priced(model, request, used, rates)


def off_peak_cost(model: Model, scenario: Scenario, plan: Plan | None = None) -> Cost | None:
    """The standard-tier interaction in the provider's off-peak hours; None where it has none (or on another tier)."""
    plan = plan or Plan()
    if plan.tier != "standard" or model.service_tiers is None or model.service_tiers.off_peak is None:
        return None
    return scenario_cost(model, scenario, plan._replace(tier="off_peak"))


@dataclass(frozen=True)
class CostRange:
    """The cost at the least and the most thinking a caller can choose, where there is a choice."""

    low: Cost
    high: Cost


def cost_range(model: Model, scenario: Scenario, plan: Plan | None = None) -> CostRange | None:
    """From no thinking (or the lowest effort) to high effort; None when the model offers no choice."""
    plan = plan or Plan()
    choices = effort_choices(model)
    if len(choices) < 2:
        return None
    return CostRange(scenario_cost(model, scenario, plan._replace(effort=choices[0])),
                     scenario_cost(model, scenario, plan._replace(effort=choices[-1])))


def cache_reuses_to_pay(prices: Prices) -> int | None:
    """How many reuses of a prefix make an explicit cache cheaper than sending it plain each time.

    Writing once and reading n times costs write + n x read; sending it plain n + 1 times costs (n + 1) x input.
    The cache wins once n > (write - input) / (input - read). None when the cache never pays or no prices are listed.
    """
    write, read = prices.cache_write_mtok, prices.cached_input_mtok
    if write is None or read is None or read >= prices.input_mtok:
        return None
    return int((write - prices.input_mtok) / (prices.input_mtok - read)) + 1 if write > prices.input_mtok else 1


# --- conversations, volumes and users ----------------------------------------------------------------------------


DAYS_PER_MONTH = 30
"""A month, when a volume is counted per day."""
HOURS_PER_MONTH = DAYS_PER_MONTH * 24
"""A month of a server kept running around the clock: 720 hours, the same 30-day month volumes count in."""


@dataclass(frozen=True)
class Conversation:
    """One interaction as the calculator prices it: its request, how many turns it takes, how many are retried."""

    request: Request
    turns: int = 1
    retry_percent: Decimal = Decimal(0)
    tier: ServiceTier = "standard"


def turn_request(request: Request, turn: int, history_cached: bool = False) -> Request:
    """The request of turn `turn` (counted from 0). Each turn resends the history: the earlier turns' input beyond
    the cacheable prefix and their output join the input. Where `history_cached` (the provider caches automatically),
    the previous turn's whole prompt is the cacheable prefix; otherwise the prefix stays the scenario's."""
    step = request.input - request.prefix + request.output
    grown = request.input + turn * step
    if history_cached and turn:
        return request._replace(input=grown, prefix=request.input + (turn - 1) * step)
    return request._replace(input=grown)


def caches_history(model: Model) -> bool:
    """Whether a conversation's earlier turns are read from the cache: only where the provider caches automatically."""
    return model.caching is not None and model.caching.mode == "automatic"


def conversation_cost(model: Model, conversation: Conversation) -> Decimal:
    """USD for every turn of the conversation, each priced at the band its own input reaches, then the retried share
    paid again in full."""
    history = caches_history(model)
    turns = sum((request_cost(model, turn_request(conversation.request, k, history), conversation.tier).total
                 for k in range(conversation.turns)), Decimal(0))
    return turns * (1 + conversation.retry_percent / 100)


def interactions_per_user_per_month(per_user: Decimal, per: str) -> Decimal:
    """Interactions per user counted per day or per month, as interactions per user a month."""
    if per not in ("day", "month"):
        raise ValueError(f"per must be day or month (got {per})")
    return per_user * DAYS_PER_MONTH if per == "day" else per_user


# --- capacity: the load a monthly volume puts on a provider's limits ---------------------------------------------


MINUTES_PER_MONTH = DAYS_PER_MONTH * 24 * 60
"""Minutes in the 30-day month every monthly volume here is counted over."""


@dataclass(frozen=True)
class Load:
    """What one scenario at a monthly volume asks of a provider each minute, on average and in the busiest hour."""

    average_rpm: Decimal
    """Requests per minute averaged over the month: the volume over MINUTES_PER_MONTH."""
    peak_rpm: Decimal
    """Requests per minute in the busiest hour: the average times the busiest-hour multiple."""
    input_tpm: Decimal
    """Input tokens per minute in the busiest hour, cached or not."""
    uncached_input_tpm: Decimal
    """Input tokens per minute in the busiest hour that the prompt cache is not expected to serve: the input less the
    cacheable prefix times its hit rate (where a provider says cache reads do not count, only these do)."""
    output_tpm: Decimal
    """Visible output tokens per minute in the busiest hour."""
    thinking_output_tpm: Decimal
    """Output tokens per minute in the busiest hour with thinking at medium effort added: thinking is billed and
    counted as output."""


def load(scenario: Scenario, monthly: int, busiest_hour_multiple: Decimal) -> Load:
    """The per-minute load of `monthly` interactions of the scenario, each one request, in the average minute and in the
    busiest hour's minute."""
    average = Decimal(monthly) / MINUTES_PER_MONTH
    peak = average * busiest_hour_multiple
    uncached = scenario.input_tokens - scenario.cacheable_prefix_tokens * scenario.cache_hit_rate
    return Load(average, peak, peak * scenario.input_tokens, peak * uncached, peak * scenario.output_tokens,
                peak * (scenario.output_tokens + scenario.thinking_tokens.medium))


# --- agent tasks ---------------------------------------------------------------------------------------------------


def task_step_request(first: Request, step: int, tool_result_tokens: int, history_includes_thinking: bool = False,
                      history_cached: bool = False) -> Request:
    """The request of step `step` (counted from 0) of an agent task whose first step is `first`.

    Each earlier step adds its output, its thinking where `history_includes_thinking`, and the tool result it
    received to the input. Where `history_cached` (the provider caches automatically), the previous step's whole
    prompt is the cacheable prefix; otherwise the prefix stays the first step's. Searches, output and thinking are
    the first step's on every step."""
    added = first.output + (first.thinking if history_includes_thinking else 0) + tool_result_tokens
    grown = first.input + step * added
    if history_cached and step:
        return first._replace(input=grown, prefix=first.input + (step - 1) * added)
    return first._replace(input=grown)


@dataclass(frozen=True)
class TaskStep:
    """One step of a task: what it sends and what it costs."""

    request: Request
    cost: Cost


@dataclass(frozen=True)
class TaskCost:
    """USD for one completed agent task, step by step, with what the retries added."""

    total: Decimal
    """Every step once, plus the retries."""
    steps: tuple[TaskStep, ...]
    steps_total: Decimal
    """Every step once, without retries."""
    retries: Decimal
    """What the retried steps add: retry_percent of the steps' total."""
    history_cached: bool
    """True where the provider caches automatically, so each step reads the previous step's prompt from the cache."""

    @property
    def search_fee_listed(self) -> bool:
        """False where the task searches but the model lists no search fee: the total then leaves the searches out."""
        return all(step.cost.search_fee_listed for step in self.steps)

    @property
    def first(self) -> Cost:
        """The first step's cost, which carries the thinking, caching and tier assumptions of every step."""
        return self.steps[0].cost


def task_cost(model: Model, task: Task, plan: Plan | None = None) -> TaskCost:
    """USD for one completed agent task on the model: each step priced by `request_cost` at the band its own input
    reaches (thinking at the model's default effort unless `plan` chooses one), then `retry_percent` of the steps'
    total again, since a retried step costs an average step."""
    plan = plan or Plan()
    tokens, effort, why = thinking_for(model, task.thinking_tokens, plan.effort)
    first = scenario_request(task, tokens, plan.cache_hit_rate, thinking_on=effort is not None)
    history = caches_history(model)
    shape = task.steps
    steps = tuple(TaskStep(request, request_cost(model, request, plan.tier, effort, why)) for request in (
        task_step_request(first, k, shape.tool_result_tokens, shape.history_includes_thinking, history)
        for k in range(shape.count)))
    once = sum((step.cost.total for step in steps), Decimal(0))
    retries = once * shape.retry_percent / 100
    return TaskCost(once + retries, steps, once, retries, history)


# --- waits ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wait:
    """Seconds a user waits for one answer, from a request sent on the given network."""

    first_word: Decimal
    """With streaming: until the first visible word."""
    full_answer: Decimal
    """With streaming: until the last word."""
    not_streaming: Decimal
    """Without streaming: until anything shows, which is the whole answer at once, downloaded."""
    thinking: Decimal
    """Seconds of thinking added before the first word, because the first-token figure did not include it."""
    network: Decimal
    """Seconds the round trips add before the first byte."""


def network_seconds(rtt_ms: Decimal, round_trips: int) -> Decimal:
    """Seconds `round_trips` round trips take at `rtt_ms` milliseconds each."""
    return rtt_ms * round_trips / 1000


def download_seconds(output_tokens: int, characters_per_token: Decimal, downlink_kbps: Decimal) -> Decimal:
    """Seconds to download an answer's text (one byte per character) at `downlink_kbps` kilobits per second."""
    return output_tokens * characters_per_token * 8 / (downlink_kbps * 1000)


def wait(ttft_s: Decimal, tokens_per_s: Decimal, output_tokens: int, thinking_tokens: int = 0,
         network_s: Decimal = Decimal(0), download_s: Decimal = Decimal(0)) -> Wait:
    """How long a user waits, with and without streaming.

    The network's round trips come first. Thinking the first-token figure left out (`thinking_tokens`) is
    generated before the first visible word, at the output speed. With streaming the text arrives as it is
    written; without, nothing shows until the last token has been written and the whole answer downloaded.
    """
    if tokens_per_s <= 0:
        raise ValueError("tokens per second must be positive")
    thinking = Decimal(thinking_tokens) / tokens_per_s
    first = network_s + ttft_s + thinking
    full = first + Decimal(output_tokens) / tokens_per_s
    return Wait(first, full, full + download_s, thinking, network_s)


@dataclass(frozen=True)
class Band:
    """A verdict band: its words and the seconds it ends at (None for the last band, which has no end)."""

    words: str
    up_to_s: Decimal | None


def band_index(seconds: Decimal, bands: list[Band]) -> int:
    """The place of a wait's band among `bands`, fastest first: the first band whose end the wait does not pass (a
    wait at the end is in the band). The band gives the verdict's words; the place, a use case's advice for it."""
    for i, band in enumerate(bands):
        if band.up_to_s is None or seconds <= band.up_to_s:
            return i
    raise ValueError("the last verdict band must have no end")


def meets(seconds: Decimal, target_s: Decimal | None) -> bool | None:
    """Whether a wait meets a target; None when there is no target."""
    return None if target_s is None else seconds <= target_s


def percent_change(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    """(new - old) / old in percent; None when it cannot be computed."""
    if old is None or new is None or old == 0:
        return None
    return (new - old) / old * 100


def storage_cost(price_mtok_hour: Decimal, tokens: int, hours: int) -> Decimal:
    """USD for keeping `tokens` in an explicit cache for `hours`, at a fee per 1,000,000 tokens per hour."""
    return price_mtok_hour * tokens * hours / MILLION


# --- renting GPUs instead of paying per token ----------------------------------------------------------------------


SECONDS_PER_HOUR = 3600


def monthly_rent(usd_per_hour: Decimal) -> Decimal:
    """USD a month for a server paid by the hour and kept running around the clock."""
    return usd_per_hour * HOURS_PER_MONTH


def self_hosted_mtok(usd_per_hour: Decimal, tokens_per_s: Decimal, busy_share: Decimal) -> Decimal:
    """USD per 1,000,000 output tokens from a rented server: its hourly price (every GPU in it) over the output tokens
    it makes in an hour at its measured throughput, when busy `busy_share` of the time (0 < busy_share)."""
    return usd_per_hour / (tokens_per_s * SECONDS_PER_HOUR * busy_share) * MILLION


def self_hosted_request(usd_per_hour: Decimal, tokens_per_s: Decimal, busy_share: Decimal, output_tokens: int) -> Decimal:
    """USD for one request of `output_tokens` output tokens on the rented server; the server's input work is inside
    its measured throughput."""
    return self_hosted_mtok(usd_per_hour, tokens_per_s, busy_share) * output_tokens / MILLION


def monthly_requests(tokens_per_s: Decimal, busy_share: Decimal, output_tokens: int) -> Decimal:
    """Requests a month the server finishes when busy `busy_share` of the time, each `output_tokens` long."""
    return tokens_per_s * SECONDS_PER_HOUR * HOURS_PER_MONTH * busy_share / output_tokens


def break_even_requests(usd_per_hour: Decimal, api_request: Decimal) -> Decimal:
    """Requests a month at which the month's rent equals the API's bill for them (api_request > 0)."""
    return monthly_rent(usd_per_hour) / api_request


def break_even_share(usd_per_hour: Decimal, tokens_per_s: Decimal, output_tokens: int, api_request: Decimal) -> Decimal:
    """How busy the server must be for its rent to equal the API's bill for the same requests: the break-even volume
    over what it finishes in a month when never idle. Above 1, one server cannot serve enough to pay for itself."""
    return break_even_requests(usd_per_hour, api_request) / monthly_requests(tokens_per_s, Decimal(1), output_tokens)


def break_even_gpu_hour(api_request: Decimal, tokens_per_s: Decimal, busy_share: Decimal, output_tokens: int,
                        gpus: int) -> Decimal:
    """USD per GPU-hour at which renting matches the API: what the API charges for the requests one hour of the
    server finishes, busy `busy_share` of the time, shared over its GPUs."""
    return api_request * tokens_per_s * SECONDS_PER_HOUR * busy_share / output_tokens / gpus
