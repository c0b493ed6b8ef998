"""Agent tasks: each step resends the growing history, pays its searches, and retries are paid again.

Every expected figure is worked out by hand in the comment above it, from the prices in tests/test_billing_rules.py's
MODEL (USD per million tokens: input 3, output 15, cache read 0.30, cache write 3.75) and TASK below: a first step of
2,000 input tokens of which a 1,200-token prefix always found in the cache, 100 output tokens, one web search, then
3 steps in all, each tool result 500 tokens, 10% of steps retried.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

from macros import calc, export
from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.data.models import Task
from macros.data.validate import load_dataset
from macros.render import Links, agents
from tests.test_billing_rules import EXPLICIT, model, thinks

TASK_FIELDS: dict[str, Any] = {
    "id": "t", "name": "T", "description": "A task.", "input_tokens": 2000, "cacheable_prefix_tokens": 1200,
    "cache_hit_rate": D(1), "cache_basis": "Assumed.", "output_tokens": 100,
    "thinking_tokens": {"low": 100, "medium": 200, "high": 400}, "thinking_basis": "Assumed.", "web_searches": 1,
    "basis": "Assumed.", "use_case": "background",
    "steps": {"count": 3, "tool_result_tokens": 500, "history_includes_thinking": False, "retry_percent": D(10),
              "basis": "Assumed."},
}
TASK = Task.model_validate(TASK_FIELDS)
SEARCH_FEE = {"web_search_per_1k_calls": D("10"), "source": "https://example.com/s"}


def test_each_step_adds_its_output_and_tool_result_to_the_next_steps_input() -> None:
    first = calc.Request(2000, 100, 0, 1200, D(1))
    # each step adds 100 output + 500 tool result = 600 tokens: 2,000, 2,600, 3,200
    assert [calc.task_step_request(first, k, 500).input for k in range(3)] == [2000, 2600, 3200]
    # with the cache serving the history, step k's prefix is step k - 1's whole prompt; step 0 keeps the fixed prefix
    assert [calc.task_step_request(first, k, 500, history_cached=True).prefix for k in range(3)] == [1200, 2000, 2600]


def test_an_explicit_cache_serves_only_the_fixed_prefix_and_an_unlisted_search_fee_is_said() -> None:
    # The model caches explicitly (from 1,024 tokens) and lists no search fee. Every step reads the 1,200-token prefix
    # at 0.30 (360); the rest of its input is plain at 3 and its 100 output tokens cost 1,500:
    #   step 0:   800 x 3 = 2,400 + 360 + 1,500 = 4,260
    #   step 1: 1,400 x 3 = 4,200 + 360 + 1,500 = 6,060
    #   step 2: 2,000 x 3 = 6,000 + 360 + 1,500 = 7,860
    # 18,180 per million = 0.01818; retries add 10%, 0.001818: 0.019998 per completed task, searches left out.
    found = calc.task_cost(model(caching=EXPLICIT), TASK)
    assert [s.cost.total for s in found.steps] == [D("0.00426"), D("0.00606"), D("0.00786")]
    assert (found.steps_total, found.retries, found.total) == (D("0.01818"), D("0.001818"), D("0.019998"))
    assert (found.history_cached, found.search_fee_listed) == (False, False)


def test_an_automatic_cache_serves_the_previous_steps_prompt_and_each_step_pays_its_search() -> None:
    # The model caches automatically (from 1,024 tokens) and charges 10 per 1,000 searches, 0.01 a search.
    #   step 0: 800 x 3 = 2,400 + 1,200 x 0.30 = 360 + 1,500 = 4,260
    #   step 1: 600 x 3 = 1,800 + 2,000 x 0.30 = 600 + 1,500 = 3,900
    #   step 2: 600 x 3 = 1,800 + 2,600 x 0.30 = 780 + 1,500 = 4,080
    # 12,240 per million = 0.01224, plus 3 searches x 0.01 = 0.03: 0.04224; retries add 0.004224: 0.046464.
    automatic = model(caching={**EXPLICIT, "mode": "automatic"}, unit_prices=SEARCH_FEE)
    found = calc.task_cost(automatic, TASK)
    assert [s.cost.total for s in found.steps] == [D("0.01426"), D("0.0139"), D("0.01408")]
    assert (found.steps_total, found.retries, found.total) == (D("0.04224"), D("0.004224"), D("0.046464"))
    assert (found.history_cached, found.search_fee_listed) == (True, True)


def test_thinking_joins_the_history_only_where_the_task_says_it_does() -> None:
    # A model that always thinks at medium (200 tokens), no cache prefix, no search, 2 steps, no retries.
    #   step 0: 2,000 x 3 = 6,000 + (100 + 200) x 15 = 4,500: 10,500
    #   step 1 with thinking in the history: 2,000 + 100 + 200 + 500 = 2,800 x 3 = 8,400 + 4,500 = 12,900
    #   step 1 without: 2,000 + 100 + 500 = 2,600 x 3 = 7,800 + 4,500 = 12,300
    # 23,400 per million = 0.0234 with, 22,800 = 0.0228 without.
    thinker = model(reasoning=thinks("always", "on", "medium", ("low", "medium", "high")))
    plain = {**TASK_FIELDS, "cacheable_prefix_tokens": 0, "cache_hit_rate": D(0), "web_searches": 0}
    steps = {**TASK_FIELDS["steps"], "count": 2, "retry_percent": D(0)}
    kept = Task.model_validate({**plain, "steps": {**steps, "history_includes_thinking": True}})
    dropped = Task.model_validate({**plain, "steps": steps})
    assert calc.task_cost(thinker, kept).total == D("0.0234")
    assert calc.task_cost(thinker, dropped).total == D("0.0228")
    assert calc.task_cost(thinker, kept).first.thinking_tokens == 200


def test_one_step_with_no_tool_result_and_no_retries_costs_the_scenario() -> None:
    single = Task.model_validate({**TASK_FIELDS, "steps": {**TASK_FIELDS["steps"], "count": 1, "retry_percent": D(0)}})
    m = model(caching=EXPLICIT)
    assert calc.task_cost(m, single).total == calc.scenario_cost(m, single).total


def test_the_step_table_shows_what_calc_says(fixture_data: Dataset) -> None:
    # Acme Large caches explicitly, so every step reads only the fixed prefix; it lists no search fee, which is said.
    found = calc.task_cost(fixture_data.current_listing("acme-large").model, fixture_data.task("research"))
    html = agents.task_steps(fixture_data, Links(), "research", "acme-large")
    assert f'<strong><data value="{fmt.plain(found.total)}">{fmt.money(found.total)}</data></strong>' in html
    assert [f'<data value="{fmt.plain(s.cost.total)}">{fmt.money(s.cost.total)}</data></td>' in html
            for s in found.steps] == [True] * 3
    assert "publishes no search fee" in html and not found.search_fee_listed
    assert f">{fmt.money(found.total)}</a>" in agents.task_total(fixture_data, Links(), "research", "acme-large")


def test_the_research_agent_is_priced_on_a_current_cheap_and_frontier_model(root: Path) -> None:
    # The worked example on docs/agents.md: both models current, both list a search fee, and the automatic cache of
    # the cheap model's provider serves the history while the frontier model's explicit cache does not.
    dataset = load_dataset(root / "data")
    task = dataset.task("research-agent")
    cheap = calc.task_cost(dataset.current_listing("gpt-5.4-mini").model, task)
    frontier = calc.task_cost(dataset.current_listing("claude-opus-5-5").model, task)
    assert (cheap.history_cached, frontier.history_cached) == (True, False)
    assert cheap.search_fee_listed and frontier.search_fee_listed
    assert len(cheap.steps) == task.steps.count and cheap.total < frontier.total
    page = (root / "docs" / "agents.md").read_text(encoding="utf-8")
    for chosen in ("gpt-5.4-mini", "claude-opus-5-5"):
        assert f'task_steps("research-agent", "{chosen}")' in page


def test_the_download_and_the_calculator_list_the_tasks(fixture_data: Dataset) -> None:
    assert [t["id"] for t in export.prices_document(fixture_data)["tasks"]] == ["research"]
    assert "research" in [s["id"] for s in export.calculator_document(fixture_data)["scenarios"]]
