"""Rows for latency: which published figures are evidence for a model, how long a user waits, and the verdict.

Only current observations (macros.data.rules.is_current) count. A first-token time and a speed pair up only
when one source measured both, for the same model and host: figures from different sources used different
prompts, places and dates, so a wait never mixes them, and a model is never given another model's figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from macros import calc
from macros.data import rules
from macros.data.dataset import Dataset, Listing
from macros.data.models import Effort, NetworkProfile, Observation, Scenario, ThinkingTokens, Threshold, UseCase

ThinkingBasis = Literal["included", "added", "unclear", "none", "unknown"]
"""How a wait treats thinking: the first-token figure includes it; it is added from the scenario's thinking at the
output speed; the source does not say whether the figure includes it; the model does not think here; or the model
is not in the dataset, so whether it thinks is not known."""


@dataclass(frozen=True)
class Evidence:
    """A current first-token time and, where the same source gives one, the output speed that goes with it."""

    ttft: Observation
    speed: Observation | None
    listing: Listing | None
    """The priced model the figures are for; None when the dataset does not sell it."""

    @property
    def name(self) -> str:
        return self.listing.model.name if self.listing else self.ttft.model


def _same_run(ttft: Observation, speed: Observation) -> bool:
    return (ttft.model, ttft.served_by, ttft.source) == (speed.model, speed.served_by, speed.source)


@lru_cache(maxsize=2)
def evidence(dataset: Dataset) -> tuple[Evidence, ...]:
    """Every current first-token time, each with the speed its source measured alongside it, in file order (once per
    build: most pages and every provider's file ask). A retired model's figures are left out: no verdict, preset or
    chart offers a model nobody can call."""
    current = dataset.current_observations
    speeds = [o for o in current if o.metric == "output_tokens_per_s"]
    found = []
    for ttft in (o for o in current if o.metric == "ttft_s"):
        listing = dataset.listing(ttft.model) if dataset.has_model(ttft.model) else None
        if listing is not None and dataset.is_retired(listing):
            continue
        speed = next((s for s in speeds if _same_run(ttft, s)), None)
        found.append(Evidence(ttft, speed, listing))
    return tuple(found)


def default_effort(listing: Listing) -> str:
    """The effort a request gets when it names none, on Observation.effort's scale ("none" when it does not think)."""
    return calc.thinking_for(listing.model, ThinkingTokens(low=0, medium=0, high=0))[1] or "none"


def effort_mismatch(item: Evidence) -> bool:
    """True when the first-token time includes thinking done at a stated effort other than the model's default: such
    a figure says nothing about the wait a cost at the default effort buys (GPT-5.5 measured at xhigh)."""
    ttft = item.ttft
    return (item.listing is not None and ttft.effort is not None and ttft.includes_thinking in ("yes", "unclear")
            and ttft.effort != default_effort(item.listing))


@lru_cache(maxsize=2)
def mismatched_evidence(dataset: Dataset) -> tuple[Evidence, ...]:
    """Current first-token times left out of verdicts, presets and the chart because their effort is not the default."""
    return tuple(e for e in evidence(dataset) if effort_mismatch(e))


@lru_cache(maxsize=2)
def best_evidence(dataset: Dataset) -> tuple[Evidence, ...]:
    """One piece of evidence per model: a pair with a speed before a first-token time alone, then one measured at the
    host's own endpoint before one through a gateway (whose hop is not the host's), then the newest, then the first
    in the file. Models in the dataset come first, in dataset order; then the others by name. A figure
    measured at another effort than the model's default never stands for it (effort_mismatch)."""
    chosen: dict[str, Evidence] = {}
    for item in (e for e in evidence(dataset) if not effort_mismatch(e)):
        key = item.ttft.model
        held = chosen.get(key)
        if held is None or _rank(item) > _rank(held):
            chosen[key] = item
    order = {listing.model.id: i for i, listing in enumerate(dataset.listings)}
    return tuple(sorted(chosen.values(), key=lambda e: (order.get(e.ttft.model, len(order)), e.name)))


def _rank(item: Evidence) -> tuple[bool, bool, object]:
    assert item.ttft.observed is not None  # current figures are dated
    return item.speed is not None, item.ttft.route == "direct", rules.earliest_date(item.ttft.observed)


@dataclass(frozen=True)
class Timing:
    """What is published about one priced model's speed: its chosen first-token time (best_evidence), and an output
    speed, either the one the same source measured beside it or, failing that, the best current one from any source."""

    evidence: Evidence | None
    speed: Observation | None

    @property
    def paired(self) -> bool:
        """Whether one source measured both figures, so that a wait may combine them."""
        return self.evidence is not None and self.evidence.speed is not None


@lru_cache(maxsize=2)
def timings(dataset: Dataset) -> dict[str, Timing]:
    """Every priced model still served that has a current first-token time or output speed, by model id."""
    chosen = {e.ttft.model: e for e in best_evidence(dataset) if e.listing is not None}
    speeds: dict[str, Observation] = {}
    for obs in (o for o in dataset.current_observations if o.metric == "output_tokens_per_s"):
        held = speeds.get(obs.model)
        if held is None or _speed_rank(obs) > _speed_rank(held):
            speeds[obs.model] = obs
    found = {}
    for listing in dataset.listings:
        model = listing.model.id
        item = chosen.get(model)
        speed = item.speed if item is not None and item.speed is not None else speeds.get(model)
        if (item is not None or speed is not None) and not dataset.is_retired(listing):
            found[model] = Timing(item, speed)
    return found


def _speed_rank(obs: Observation) -> tuple[bool, object]:
    assert obs.observed is not None  # current figures are dated
    return obs.route == "direct", rules.earliest_date(obs.observed)


def headline(item: Evidence) -> bool:
    """Whether a verdict, preset or chart may offer this evidence: not for a model its maker has replaced."""
    return item.listing is None or not Dataset.is_superseded(item.listing)


def headline_evidence(dataset: Dataset) -> tuple[Evidence, ...]:
    """best_evidence without superseded models: what verdict tables, the streaming demo and the chart offer."""
    return tuple(e for e in best_evidence(dataset) if headline(e))


def models_without_evidence(dataset: Dataset) -> list[Listing]:
    """Models the guide compares with no current first-token time."""
    covered = {e.ttft.model for e in evidence(dataset) if not effort_mismatch(e)}
    return [listing for listing in dataset.headline_listings if listing.model.id not in covered]


@dataclass(frozen=True)
class Judgement:
    """What one way of showing the answer (streaming or not) means for the use case."""

    words: str
    """The verdict, for example "keeps flow"."""
    advice: str
    """What to do when this use case's wait lands in that band (data/targets.yaml), for example "Too slow for a chat
    reply. Choose a faster model..."."""
    seconds: Decimal
    """The wait the words describe: until the first visible word."""
    meets_first: bool | None
    """Whether the first visible word meets the use case's target; None when it has none."""
    meets_full: bool | None
    """Whether the full answer meets the use case's target; None when it has none, or the full answer is unknown."""


@dataclass(frozen=True)
class VerdictRow:
    """A model's wait for one scenario on one network, and what it means for the scenario's use case."""

    evidence: Evidence
    wait: calc.Wait
    thinking: ThinkingBasis
    thinking_tokens: int
    """Thinking tokens added before the first word (0 unless `thinking` is "added")."""
    streaming: Judgement
    not_streaming: Judgement


@dataclass(frozen=True)
class Targets:
    """A use case with its thresholds resolved."""

    use_case: UseCase
    first_word: Threshold | None
    full_answer: Threshold | None


def targets_for(dataset: Dataset, scenario: Scenario) -> Targets:
    """The use case a scenario belongs to, with its thresholds."""
    case = dataset.use_case(scenario.use_case)
    thresholds = dataset.thresholds
    return Targets(case, thresholds.get(case.first_word or ""), thresholds.get(case.full_answer or ""))


def advice(case: UseCase) -> list[str]:
    """The use case's advice for each verdict band, in the bands' order (validation holds it to that order)."""
    return [a.do for a in case.advice]


def judge(seconds: Decimal, scale: list[calc.Band], case: UseCase) -> tuple[str, str]:
    """A wait's verdict and what the use case should do about it."""
    i = calc.band_index(seconds, scale)
    return scale[i].words, advice(case)[i]


@dataclass(frozen=True)
class BandAdvice:
    """One verdict band a table shows, with what its use case should do about it."""

    band: calc.Band
    after_s: Decimal | None
    """Where the band starts: the end of the band before it (None for the first)."""
    advice: str


def advice_shown(dataset: Dataset, case: UseCase, shown_verdicts: Iterable[Judgement]) -> list[BandAdvice]:
    """The advice for each band a table's verdicts land in, fastest band first: what a table says under its rows, so
    no band's words stand alone."""
    scale = bands(dataset)
    shown = {calc.band_index(j.seconds, scale) for j in shown_verdicts}
    return [BandAdvice(scale[i], scale[i - 1].up_to_s if i else None, text) for i, text in enumerate(advice(case)) if i in shown]


def bands(dataset: Dataset) -> list[calc.Band]:
    """The verdict bands with their ends in seconds."""
    thresholds = dataset.thresholds
    return [calc.Band(b.words, thresholds[b.threshold].seconds if b.threshold else None) for b in dataset.verdict_bands]


def thinking_basis(item: Evidence, scenario: Scenario, effort: Effort | None = None) -> tuple[ThinkingBasis, int]:
    """How thinking enters the wait, and the thinking tokens to add before the first word: the model's default
    thinking for the scenario, or its thinking at `effort`."""
    if item.listing is None:
        return "unknown", 0
    tokens = calc.thinking_for(item.listing.model, scenario.thinking_tokens, effort)[0]
    if tokens == 0:
        return "none", 0
    if item.ttft.includes_thinking == "yes":
        return "included", 0
    if item.ttft.includes_thinking == "unclear":
        return "unclear", 0
    return "added", tokens


def verdict_row(dataset: Dataset, item: Evidence, scenario: Scenario, profile: NetworkProfile,
                new_connection: bool = False) -> VerdictRow:
    """The wait and the verdicts for one model's evidence; the evidence must have a speed."""
    if item.speed is None:
        raise ValueError(f"{item.ttft.id} has no speed from the same source, so the full answer cannot be worked out")
    connection = dataset.connection
    trips = connection.request_round_trips + (connection.new_connection_round_trips if new_connection else 0)
    basis, thinking = thinking_basis(item, scenario)
    waited = calc.wait(item.ttft.value, item.speed.value, scenario.output_tokens, thinking,
                       calc.network_seconds(profile.rtt_ms, trips),
                       calc.download_seconds(scenario.output_tokens, dataset.text_size.characters_per_token,
                                             profile.downlink_kbps))
    goal = targets_for(dataset, scenario)
    first_s = goal.first_word.seconds if goal.first_word else None
    full_s = goal.full_answer.seconds if goal.full_answer else None
    scale = bands(dataset)
    streaming = Judgement(*judge(waited.first_word, scale, goal.use_case), waited.first_word,
                          calc.meets(waited.first_word, first_s), calc.meets(waited.full_answer, full_s))
    whole = Judgement(*judge(waited.not_streaming, scale, goal.use_case), waited.not_streaming,
                      calc.meets(waited.not_streaming, first_s), calc.meets(waited.not_streaming, full_s))
    return VerdictRow(item, waited, basis, thinking, streaming, whole)


def verdict_rows(dataset: Dataset, scenario: Scenario, profile: NetworkProfile,
                 models: list[str] | None = None) -> list[VerdictRow]:
    """Every model with a current pair of figures (or the given ones that have one), fastest first visible word
    with streaming first."""
    found = [e for e in headline_evidence(dataset) if e.speed is not None]
    if models is not None:
        wanted = set(models)
        found = [e for e in found if e.ttft.model in wanted]
    rows = [verdict_row(dataset, e, scenario, profile) for e in found]
    return sorted(rows, key=lambda r: (r.wait.first_word, r.evidence.name))


def first_token_only(dataset: Dataset) -> list[Evidence]:
    """Models whose only current evidence is a first-token time, with no speed from the same source."""
    return [e for e in headline_evidence(dataset) if e.speed is None]


def verdicts_by_model(dataset: Dataset, scenario: Scenario, profile: NetworkProfile) -> dict[str, VerdictRow]:
    """Each priced model's verdict row for the scenario, where it has a current pair of figures."""
    return {e.ttft.model: verdict_row(dataset, e, scenario, profile)
            for e in best_evidence(dataset) if e.speed is not None and e.listing is not None}
