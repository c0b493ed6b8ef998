"""A grid of calculator cases generated from the real data, each with the figures macros.calc and
macros.formatting give for it: every model with every scenario at its default thinking, every effort a
model offers, tiers it does and does not offer, cache hit rates (and prefixes under a model's minimum),
images, web searches, long-context bands crossed from below and above (also by later messages of a
conversation), retries, and volumes per day and per month.

tests/test_calculator_grid.py runs every case through the calculator's own JavaScript and requires the
same three figures: per interaction, per month and per user a month.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from macros import calc
from macros import formatting as fmt
from macros.data.dataset import Dataset, Listing
from macros.data.models import Task, ThinkingTokens


@dataclass(frozen=True)
class GridCase:
    """One model and one set of calculator inputs, as the calculator's compute() takes them."""

    model: str
    input: int
    prefix: int
    hit: str
    """Percent of requests that find the prefix cached, as typed."""
    output: int
    image: int
    searches: int
    think: tuple[int, int, int]
    effort: str
    """default, off, low, medium or high."""
    turns: int
    retry: str
    tier: str
    users: int
    perUser: str  # noqa: N815 - the name the script reads
    per: str
    task: bool = False
    """True: an agent task (calc.task_cost), whose `turns` are steps that each add the reply and `tool` tokens."""
    tool: int = 0
    resend: bool = False
    """Whether each step's thinking joins the history."""

    def inputs(self) -> dict[str, object]:
        found = {k: v for k, v in asdict(self).items() if k != "model"}
        found["think"] = dict(zip(("low", "medium", "high"), self.think, strict=True))
        return found


def expected(listing: Listing, case: GridCase) -> list[str]:
    """The three figures the calculator must show for `case`, from macros.calc and macros.formatting."""
    return [fmt.money(amount) for amount in amounts(listing, case)]


def amounts(listing: Listing, case: GridCase) -> list[Decimal]:
    """The three amounts in US dollars behind those figures, exact: per interaction, per month, per user a month."""
    model = listing.model
    thinking = ThinkingTokens(low=case.think[0], medium=case.think[1], high=case.think[2])
    tokens, effort, _ = calc.thinking_for(model, thinking, None if case.effort == "default" else case.effort)  # type: ignore[arg-type]
    request = calc.Request(case.input, case.output, tokens, case.prefix, Decimal(case.hit) / 100, case.image, case.searches,
                           thinking_on=effort is not None)
    if case.task:
        each = calc.task_cost(model, task_of(case), calc.Plan(None if case.effort == "default" else case.effort,  # type: ignore[arg-type]
                                                               case.tier)).total  # type: ignore[arg-type]
    else:
        each = calc.conversation_cost(model, calc.Conversation(request, case.turns, Decimal(case.retry), case.tier))  # type: ignore[arg-type]
    per_user = calc.interactions_per_user_per_month(Decimal(case.perUser), case.per)
    return [each, each * per_user * case.users, each * per_user]


def task_of(case: GridCase) -> Task:
    """The agent task a task case describes, as data/scenarios.yaml would."""
    return Task.model_validate({
        "id": "grid", "name": "Grid", "description": "A grid case.", "input_tokens": case.input,
        "cacheable_prefix_tokens": case.prefix, "cache_hit_rate": Decimal(case.hit) / 100, "cache_basis": "Grid.",
        "output_tokens": case.output, "thinking_tokens": dict(zip(("low", "medium", "high"), case.think, strict=True)),
        "thinking_basis": "Grid.", "image_tokens": case.image, "web_searches": case.searches, "basis": "Grid.",
        "use_case": "chat", "steps": {"count": case.turns, "tool_result_tokens": case.tool,
                                      "history_includes_thinking": case.resend, "retry_percent": Decimal(case.retry),
                                      "basis": "Grid."}})


RETRIES = ("0", "2.5", "10", "0.1")
HITS = ("90", "0", "100", "37.5", "95")
VOLUMES = ((1, "1", "day"), (10_000, "3", "day"), (250, "40", "month"), (7, "0.5", "month"), (2_500_000, "12", "month"))


def cases(dataset: Dataset) -> list[GridCase]:
    """Well over a thousand cases, the same ones on every run."""
    found: list[GridCase] = []
    for m, listing in enumerate(dataset.current_listings):
        model = listing.model
        choices = ["default", *calc.effort_choices(model)]
        for s, scenario in enumerate(dataset.scenarios):
            users, per_user, per = VOLUMES[(m + s) % len(VOLUMES)]
            t = scenario.thinking_tokens
            base = dict(model=model.id, input=scenario.input_tokens, prefix=scenario.cacheable_prefix_tokens,
                        output=scenario.output_tokens, image=scenario.image_tokens, searches=scenario.web_searches,
                        think=(t.low, t.medium, t.high), users=users, perUser=per_user, per=per)
            hit = str(scenario.cache_hit_rate * 100).rstrip("0").rstrip(".") if scenario.cache_hit_rate else "0"
            found.append(GridCase(**base, hit=hit, effort="default", turns=1, retry="0", tier="standard"))
            found.append(GridCase(**base, hit=HITS[(m + s) % len(HITS)], effort=choices[(m + s) % len(choices)],
                                  turns=1 + (m + s) % 5, retry=RETRIES[(m + s) % len(RETRIES)],
                                  tier=calc.SERVICE_TIERS[(m + s) % len(calc.SERVICE_TIERS)]))
            if model.service_tiers and model.service_tiers.off_peak:
                found.append(GridCase(**base, hit=hit, effort="default", turns=2, retry="0", tier="off_peak"))
            # nothing cached and a long prefix, the other way round, over two messages
            found.append(GridCase(**{**base, "prefix": min(scenario.input_tokens - scenario.image_tokens, 5000)},
                                  hit="80", effort=choices[-1], turns=2, retry="0.1", tier="batch"))
        for t_index, task in enumerate(dataset.tasks):  # agent tasks: as the data says, then varied
            k = m + t_index
            t = task.thinking_tokens
            base = dict(model=model.id, input=task.input_tokens, prefix=task.cacheable_prefix_tokens,
                        output=task.output_tokens, image=task.image_tokens, searches=task.web_searches,
                        think=(t.low, t.medium, t.high), users=1_000, perUser="1", per="month", task=True,
                        tool=task.steps.tool_result_tokens)
            hit = str(task.cache_hit_rate * 100).rstrip("0").rstrip(".") if task.cache_hit_rate else "0"
            found.append(GridCase(**base, hit=hit, effort="default", turns=task.steps.count,
                                  retry=str(task.steps.retry_percent), tier="standard",
                                  resend=task.steps.history_includes_thinking))
            found.append(GridCase(**base, hit=HITS[k % len(HITS)], effort=choices[k % len(choices)], turns=1 + k % 12,
                                  retry=RETRIES[k % len(RETRIES)], tier=calc.SERVICE_TIERS[k % len(calc.SERVICE_TIERS)],
                                  resend=k % 2 == 0))
        for tier in listing.model.prices.tiers:
            edge = tier.above_input_tokens
            for given in (edge, edge + 1, edge - 5_000):
                for service in ("standard", "batch", "flex", "priority"):
                    found.append(GridCase(model.id, given, 2000, "75", 500, 0, 0, (100, 400, 1200), "default", 1, "0",
                                          service, 1_000, "1", "month"))
            # a conversation whose later messages cross into the band
            found.append(GridCase(model.id, edge // 3, 1_000, "90", 2_000, 0, 0, (500, 2000, 6000), "high", 4, "5",
                                  "standard", 10_000, "2", "day"))
    return found
