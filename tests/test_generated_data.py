"""What validates, builds: datasets generated from the real one pass validation, and then every page renders.

Hypothesis changes the real data/ a few edits at a time: prices scaled to 0 (free), to a millionth or to the
largest allowed, single prices at the bounds, service tiers and unit prices, long-context bands, caching and
thinking behaviour, lifecycle and check dates from 0001-01-01 to today, odd but valid Unicode names, token counts
and monthly volumes up to their bounds, latency figures at theirs. An edit the validator refuses is undone, so
every example is valid data; then every page's macros run (tests/pages.py) and the exports are made, and any
exception fails the test. Structural edits (caching, thinking, lifecycle) go only to models no page names, since a
page may ask a named model for what it has today (its cache's payoff, its range of thinking effort).

The search is derandomized, so every run tries the same examples and a failure always comes back.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pages import PAGES, ROOT, render_pages

from macros.data import types
from macros.data.fields import MONEY_SUFFIXES
from macros.data.problems import DataError
from macros.data.reader import load_text
from macros.data.types import MAX_MEASURE, MAX_PRICE, MAX_TOKENS
from macros.data.validate import load_dataset

TODAY = dt.date.max
"""Validation's today: the last day a date can hold, so that no check date is in the future and the examples do not
change with the calendar. Every date the real rules allow is among those tried, and later ones too."""
FILES = {path.relative_to(ROOT / "data").as_posix(): load_text(path.read_text(encoding="utf-8"), str(path)).value
         for path in sorted((ROOT / "data").rglob("*.yaml"))}
PROVIDERS = sorted(name for name in FILES if name.startswith("providers/"))
NAMED = set(re.findall(r'"([a-z0-9.-]+)"', "".join(PAGES.values())))
"""Ids the pages pass to macros: models, scenarios, observations."""
PLACES = Decimal("0.000001")
LEVELS = ("low", "medium", "high")
HEADER = "# yaml-language-server: $schema=../schema/provider.schema.json\n"


class _Dumper(yaml.SafeDumper):
    """Writes the data back as the reader wants it: numbers as plain digits, dates unquoted, text as it is."""


def _number(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = f"{value:f}"
    return dumper.represent_scalar("tag:yaml.org,2002:" + ("float" if "." in text else "int"), text)


_Dumper.add_representer(Decimal, _number)


def write(files: dict[str, Any], data_dir: Path) -> None:
    for name, value in files.items():
        path = data_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
        path.write_text((HEADER if name.startswith("providers/") else "") + text, encoding="utf-8")


def valid(files: dict[str, Any], data_dir: Path) -> bool:
    write(files, data_dir)
    try:
        load_dataset(data_dir, TODAY)
    except DataError:
        return False
    return True


def _money(node: Any, change: Any) -> Any:
    """`node` with every price in it (any field named in a unit of money) replaced by change(price)."""
    if isinstance(node, dict):
        return {k: change(v) if k.endswith(MONEY_SUFFIXES) else _money(v, change) for k, v in node.items()}
    if isinstance(node, list):
        return [_money(v, change) for v in node]
    return node


def _bounded(value: Decimal) -> Decimal:
    return min(MAX_PRICE, value.quantize(PLACES, rounding=ROUND_HALF_UP))


prices = st.one_of(st.sampled_from([Decimal(0), PLACES, MAX_PRICE]),
                   st.decimals(min_value=0, max_value=MAX_PRICE, places=6, allow_nan=False, allow_infinity=False))
factors = st.sampled_from([Decimal(0), Decimal("0.000001"), Decimal("0.001"), Decimal(1000), Decimal(100000)])
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=TODAY)
names = st.text(st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=120)
tokens = st.one_of(st.sampled_from([1, MAX_TOKENS]), st.integers(1, MAX_TOKENS))
measures = st.one_of(st.sampled_from([PLACES, MAX_MEASURE]),
                     st.decimals(min_value=PLACES, max_value=MAX_MEASURE, places=6, allow_nan=False, allow_infinity=False))


def _model(draw: st.DrawFn, files: dict[str, Any], structural: bool) -> dict[str, Any]:
    """A model entry to edit, from any provider; for a structural edit, one that no page names."""
    entries = [m for name in PROVIDERS for m in files[name]["models"] if not structural or m["id"] not in NAMED]
    return draw(st.sampled_from(entries))


@st.composite
def edit(draw: st.DrawFn, files: dict[str, Any]) -> None:
    """One edit to `files`, in place."""
    kind = draw(st.sampled_from(["scale", "price", "tiers", "units", "band", "caching", "thinking", "lifecycle",
                                 "checked", "name", "scenario", "volumes", "latency"]))
    model = _model(draw, files, kind in ("caching", "thinking", "lifecycle"))
    if kind == "scale":  # every price of one model, kept in proportion: free, tiny or the largest allowed
        factor = draw(factors)
        model.update(_money(model, lambda v: _bounded(Decimal(v) * factor)), history=[])
    elif kind == "price":
        field = draw(st.sampled_from(sorted(model["prices"].keys() - {"tiers"})))
        model["prices"][field] = draw(prices)
        model["history"] = []
    elif kind == "tiers":
        tier = {"input_mtok": draw(prices), "output_mtok": draw(prices)}
        model["service_tiers"] = {draw(st.sampled_from(["flex", "priority", "fast"])): tier, "source": "https://example.com/t"}
    elif kind == "units":
        model["unit_prices"] = {"web_search_per_1k_calls": draw(prices), "image_input_mtok": draw(prices),
                                "source": "https://example.com/u"}
    elif kind == "band":
        model["prices"]["tiers"] = [{"above_input_tokens": draw(tokens), "input_mtok": draw(prices), "output_mtok": draw(prices)}]
    elif kind == "caching":
        mode = draw(st.sampled_from(["automatic", "explicit", "none", "unknown"]))
        if mode == "none":
            for field in ("cached_input_mtok", "cache_write_mtok", "cache_write_1h_mtok"):
                model["prices"].pop(field, None)
        model["caching"] = {"mode": mode, "source": "https://example.com/c"}
        if mode != "none" and draw(st.booleans()):
            model["caching"].update(min_tokens=draw(tokens), lifetime_minutes=draw(tokens))
    elif kind == "thinking":
        mode, default = draw(st.sampled_from([("none", "off"), ("always", "on"), ("optional", "on"), ("optional", "off"),
                                              ("unknown", "unknown")]))
        chosen = draw(st.sets(st.sampled_from(LEVELS))) if mode != "none" else set()
        efforts = [level for level in LEVELS if level in chosen]
        model["reasoning"] = {"mode": mode, "default": default, "efforts": efforts, "source": "https://example.com/r"}
    elif kind == "lifecycle":
        retires = draw(st.dates(min_value=dt.date(1, 1, 1)))
        model["lifecycle"] = {"retires": retires, "source": "https://example.com/l"}
    elif kind == "checked":
        model["verified"] = draw(dates)
        model["history"] = []
    elif kind == "name":
        model["name"] = draw(names)
    elif kind == "scenario":
        scenario = draw(st.sampled_from(files["scenarios.yaml"]["scenarios"]))
        field = draw(st.sampled_from(["input_tokens", "output_tokens", "cacheable_prefix_tokens"]))
        scenario[field] = draw(tokens)
        counts = sorted(draw(st.lists(st.integers(0, MAX_TOKENS), min_size=3, max_size=3)))
        scenario["thinking_tokens"] = dict(zip(LEVELS, counts, strict=True))
    elif kind == "volumes":
        files["scenarios.yaml"]["monthly_volumes"] = sorted(draw(st.sets(tokens, min_size=1, max_size=12)))
    else:
        observation = draw(st.sampled_from(files["latency.yaml"]["observations"]))
        observation["value"] = draw(measures)


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, Any]:
    """The real files after one to six edits, each kept only when the files still validate."""
    files = copy.deepcopy(FILES)
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(draw(st.integers(1, 6))):
            changed = copy.deepcopy(files)
            draw(edit(changed))
            if valid(changed, Path(folder) / "data"):
                files = changed
    return files


# No shrinking: a failing example is printed as drawn, within seconds, instead of after minutes of trimming a dataset.
@settings(max_examples=30, deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(datasets())
def test_every_dataset_that_validates_builds(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write(files, Path(folder) / "data")
        render_pages(load_dataset(Path(folder) / "data", TODAY), Path(folder) / "site")


def _pages(files: dict[str, Any]) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        assert valid(files, Path(folder) / "data")
        return render_pages(load_dataset(Path(folder) / "data", TODAY), Path(folder) / "site")


def _entry(files: dict[str, Any], model_id: str) -> dict[str, Any]:
    return next(m for name in PROVIDERS for m in files[name]["models"] if m["id"] == model_id)


def test_a_free_model_is_shown_free_left_off_the_log_scale_and_never_divided_by() -> None:
    files = copy.deepcopy(FILES)
    free = _entry(files, "gpt-5.4-mini")  # the cheaper side of a ratio on a page, and a point on the chart
    free.update(_money(free, lambda v: Decimal(0)), history=[])
    pages = _pages(files)
    everything = "\n".join(pages.values())
    assert "cannot compare: GPT-5.4 mini is free" in everything
    assert "Left off the chart, because a log scale has no place for a cost of 0: GPT-5.4 mini, free" in everything
    assert re.search(r'<td data-label="Chat reply \(\$\)"><data value="0">free</data><br>', pages["providers/openai.md"])


def test_check_dates_on_the_first_day_a_date_can_hold_build() -> None:
    files = copy.deepcopy(FILES)

    def first_day(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: first_day(v) for k, v in node.items() if k not in ("history", "lifecycle", "released")}
        if isinstance(node, list):
            return [first_day(v) for v in node]
        if isinstance(node, dt.date):
            return types.EARLIEST_DATE
        return types.EARLIEST_DATE.isoformat() if isinstance(node, str) and re.fullmatch(r"\d{4}(-\d\d){0,2}", node) else node

    files = first_day(files)
    assert f"as of {types.EARLIEST_DATE.isoformat()}" in "\n".join(_pages(files).values())
