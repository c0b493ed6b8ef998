"""The cost-versus-speed chart: geometry on the real data, accessible markup, escaping, and the tools' markup."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros import calc, chart, waits
from macros import formatting as fmt
from macros.data import rules
from macros.data.dataset import Dataset
from macros.data.validate import load_dataset
from macros.render import Links, charts, tools

HERE = Path(__file__).parent
LINKS = Links()
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def real(root: Path) -> Dataset:
    return load_dataset(root / "data")



@pytest.mark.parametrize(("values", "low", "high"), [
    (["0.42", "6.065"], "0.2", "10"),
    (["0.5"], "0.2", "1"),
    (["0.000235", "0.00795"], "0.0002", "0.01"),
    (["104", "204.5"], "100", "500"),
    (["3", "3.5"], "2", "5"),
])
def test_the_domain_is_the_nearest_1_2_5_steps_around_the_values(values: list[str], low: str, high: str) -> None:
    start, end, ticks = chart.domain([Decimal(v) for v in values])
    assert (start, end) == (Decimal(low), Decimal(high))
    assert ticks[0] == start and ticks[-1] == end and ticks == sorted(ticks)
    assert all(t.normalize().as_tuple().digits[0] in (1, 2, 5) for t in ticks)


def test_a_wide_domain_keeps_only_powers_of_ten() -> None:
    _, _, ticks = chart.domain([Decimal("0.00003"), Decimal("0.3")])
    assert len(ticks) <= 10
    assert Decimal("0.001") in ticks and Decimal("0.002") not in ticks


def test_a_log_scale_maps_the_ends_and_each_decade_to_equal_steps() -> None:
    scale = chart.LogScale(Decimal("0.1"), Decimal("10"), 100, 300)
    assert scale(Decimal("0.1")) == 100 and scale(Decimal("10")) == 300
    assert scale(Decimal("1")) == 200
    with pytest.raises(ValueError):
        chart.LogScale(Decimal(0), Decimal(1), 0, 1)


@pytest.mark.parametrize("metric", ["ttft_s", "output_tokens_per_s"])
def test_one_point_per_priced_model_with_a_current_figure_inside_the_plot(real: Dataset, metric: str) -> None:
    drawn = chart.cost_speed(real, "chat-reply", metric)
    models = [p.listing.model.id for p in drawn.points]
    assert len(models) == len(set(models)), "a model appears twice"
    since = rules.current_since(real.as_of)
    expected = {o.model for o in real.current_observations if o.metric == metric and real.has_model(o.model)
                and not real.is_retired(real.listing(o.model)) and not real.is_superseded(real.listing(o.model))}
    assert set(models) == expected
    scenario = real.scenario("chat-reply")
    for number, point in enumerate(drawn.points, 1):
        assert point.label == str(number)
        assert rules.earliest_date(point.observation.observed or "") >= since
        assert point.cost == calc.scenario_cost(point.listing.model, scenario).total
        assert drawn.plot.left <= point.x <= drawn.plot.right
        assert drawn.plot.top <= point.y <= drawn.plot.bottom
    # Cheaper is lower on the page (a larger y), and a larger figure is further right.
    by_cost = sorted(drawn.points, key=lambda p: p.cost)
    assert [p.y for p in by_cost] == sorted((p.y for p in by_cost), reverse=True)
    by_x = sorted(drawn.points, key=lambda p: p.observation.value)
    assert [p.x for p in by_x] == sorted(p.x for p in by_x)


def test_the_first_token_chart_uses_the_figures_the_verdicts_use(real: Dataset) -> None:
    drawn = chart.cost_speed(real, "chat-reply", "ttft_s")
    chosen = {e.ttft.model: e.ttft.id for e in waits.headline_evidence(real) if e.listing}
    assert {p.listing.model.id: p.observation.id for p in drawn.points} == chosen


def test_the_ttft_chart_has_numbered_points_and_no_overlapping_labels(real: Dataset) -> None:
    drawn = chart.cost_speed(real, "chat-reply", "ttft_s")
    assert len(drawn.points) >= 15, "enough points to crowd the labels"
    assert chart.overlapping_labels(drawn) == []
    for point in drawn.points:
        assert 0 <= point.label_x <= drawn.width and 0 <= point.label_y <= drawn.height


def test_thinking_is_drawn_with_its_own_marker(real: Dataset) -> None:
    html = charts.cost_speed_chart(real, LINKS, "chat-reply", "ttft_s")
    root = _svg(html)
    drawn = chart.cost_speed(real, "chat-reply", "ttft_s")
    shapes = {"yes": f"{SVG}rect", "no": f"{SVG}circle", "unclear": f"{SVG}polygon"}
    points = root.findall(f".//{SVG}g[@class='ifg-chart-points']/{SVG}a")
    assert len(points) == len(drawn.points)
    for link, point in zip(points, drawn.points, strict=True):
        assert link.get("class") == f"ifg-chart-{point.thinking}" and link[2].tag == shapes[point.thinking]
    assert {p.thinking for p in drawn.points} >= {"yes", "no"}
    assert "Squares: the figure includes thinking before it." in html


def test_no_current_priced_observation_is_an_error(fixture_data: Dataset) -> None:
    unpriced = [o for o in fixture_data.observations if not fixture_data.has_model(o.model)]
    bare = replace(fixture_data, observations=unpriced)
    with pytest.raises(ValueError, match="no current ttft_s observation"):
        chart.cost_speed(bare, "chat", "ttft_s")


class Markup(HTMLParser):
    """Collects ids, tags with their attributes, and table rows."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self.rows += 1

    def ids(self) -> set[str]:
        return {a["id"] or "" for _, a in self.tags if a.get("id")}

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def _svg(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))  # type: ignore[union-attr]


def test_the_chart_is_an_image_with_a_title_a_description_and_a_table(real: Dataset) -> None:
    html = charts.cost_speed_chart(real, LINKS, "chat-reply", "ttft_s")
    page = Markup()
    page.feed(html)
    svg = page.find("svg")[0]
    assert svg["role"] == "group", "not an image: its points are links"
    assert {svg["aria-labelledby"], svg["aria-describedby"]} <= page.ids()
    root = _svg(html)  # well-formed XML
    assert root[0].tag == f"{SVG}title" and root[1].tag == f"{SVG}desc"
    assert "logarithmic" in (root[1].text or "") and "numbered" in (root[1].text or "")
    drawn = chart.cost_speed(real, "chat-reply", "ttft_s")
    markers = [f"{SVG}circle", f"{SVG}rect", f"{SVG}polygon"]
    shown = [e for m in markers for e in root.findall(f".//{SVG}g[@class='ifg-chart-points']//{m}")]
    assert len([e for e in shown if e.get("class") != "ifg-chart-target"]) == len(drawn.points)
    assert page.rows == len(drawn.points) + 1  # one header row
    for point in drawn.points:
        figure = f'<data value="{fmt.plain(point.cost)}">{fmt.money(point.cost)}</data>'
        assert f'<td data-label="Cost per interaction (USD)">{figure}</td>' in html
        assert f'href="{point.observation.source}"' in html
        assert f'<th scope="row">{point.label}. ' in html
        assert f'{point.observation.observed}. <a href="/latency-observations/#{point.observation.id}">Conditions</a>' in html
    assert "\n\n" not in html, "a blank line would end the raw HTML block in Markdown"


def test_each_point_is_a_link_named_with_its_model_and_figures_to_its_row(real: Dataset) -> None:
    """A screen reader, a keyboard and a finger all reach each point: its link's name (the SVG <title>, which is
    also its tooltip) says the model and both figures, and without scripts the link
    jumps to the point's row in the table. Axis text is drawn for the eye only: the title and description say it."""
    html = charts.cost_speed_chart(real, LINKS, "chat-reply", "ttft_s")
    root = _svg(html)
    links = root.findall(f".//{SVG}g[@class='ifg-chart-points']/{SVG}a")
    drawn = chart.cost_speed(real, "chat-reply", "ttft_s")
    assert len(links) == len(drawn.points)
    for link, point in zip(links, drawn.points, strict=True):
        assert link[0].tag == f"{SVG}title", "the link's accessible name"
        name = link[0].text or ""
        assert name.startswith(f"{point.label}. {point.listing.model.name}, {point.observation.served_by}: ")
        assert f"time to first token {fmt.seconds(point.observation.value)} s" in name
        assert f"{fmt.money(point.cost)} per interaction" in name
        row = (link.get("href") or "").removeprefix("#")
        assert re.search(rf'<tr id="{re.escape(row)}">\n<th scope="row">{point.label}\. ', unescape(html)), row
        target = link.find(f"{SVG}circle[@class='ifg-chart-target']")
        assert target is not None and float(target.get("r") or 0) >= 12, "a 24 px target (WCAG 2.5.8)"
    assert len({link.get("href") for link in links}) == len(links)
    for group in ("grid", "axis"):
        assert root.find(f".//{SVG}g[@class='ifg-chart-{group}']").get("aria-hidden") == "true"  # type: ignore[union-attr]


def test_the_chart_has_a_place_for_a_points_figures_shown_only_with_scripts(real: Dataset) -> None:
    """chart.js writes a tapped or focused point's title there; without scripts it is hidden (ifg-needs-js), since
    a point's link then jumps to its row instead. A module, so that two charts on a page run the script once."""
    html = charts.cost_speed_chart(real, LINKS, "chat-reply", "ttft_s")
    assert '<figure class="ifg-chart" data-ifg-chart>' in html
    assert re.search(r'</div>\n<p class="ifg-chart-readout ifg-needs-js" data-readout>Tap, click or tab to a point', html)
    assert '<script src="/assets/javascripts/chart.js" type="module"></script>' in html


def test_the_chart_escapes_every_string_from_the_data(fixture_data: Dataset) -> None:
    html = charts.cost_speed_chart(fixture_data, LINKS, "chat", "ttft_s")
    assert "<b>x|y</b>" not in html
    assert "&lt;b&gt;x&#124;y&lt;/b&gt;" in html
    assert "Chat &lt;reply&gt;" in html and "Bench &amp; Co" in html
    _svg(html)


def test_two_charts_on_one_page_have_distinct_ids(real: Dataset) -> None:
    first = Markup()
    first.feed(charts.cost_speed_chart(real, LINKS, "chat-reply", "ttft_s"))
    second = Markup()
    second.feed(charts.cost_speed_chart(real, LINKS, "chat-reply", "output_tokens_per_s"))
    assert not first.ids() & second.ids()


def test_an_unknown_metric_or_tool_stops_the_build(real: Dataset) -> None:
    with pytest.raises(ValueError, match="metric must be one of"):
        charts.cost_speed_chart(real, LINKS, "chat-reply", "tokens")
    with pytest.raises(ValueError, match="tool must be one of"):
        tools.tool(real, LINKS, "abacus")


def _labelled(html: str) -> None:
    page = Markup()
    page.feed(html)
    labels = {a.get("for") for a in page.find("label")}
    for tag in ("input", "select"):
        for attrs in page.find(tag):
            assert attrs.get("id") in labels, f"{tag} {attrs} has no label"
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)], "inline event handler"


def test_the_calculator_markup_is_labelled_and_points_at_this_build(real: Dataset) -> None:
    html = tools.tool(real, Links(), "calculator", models=["gpt-5.4-mini", "claude-sonnet-5-5"])
    _labelled(html)
    assert 'data-src="/data/calculator.json" data-prices="/data/prices/"' in html
    assert '<script src="/assets/javascripts/calculator.js" defer></script>' in html
    assert 'data-models="gpt-5.4-mini,claude-sonnet-5-5"' in html
    assert f'data-as-of="{real.as_of.isoformat()}"' in html
    assert re.search(r"<noscript><p [^>]*>The interactive calculator needs JavaScript", html)
    assert '<div class="ifg-needs-js">' in html and "<form" in html
    # The default models are in the markup already, so the page does not move when the script adds them.
    assert ('<li>GPT-5.4 mini, OpenAI <button class="ifg-button ifg-remove" type="button" '
            'aria-label="Remove GPT-5.4 mini">') in html
    assert html.count("<fieldset>") == 4 and html.count("<legend>") == 4
    assert 'aria-live="polite"' in html and "<caption" in html
    for listing in real.listings:  # a retired model is not offered
        assert (f'<option value="{listing.model.id}">' in html) != real.is_retired(listing), listing.model.id
    published = tools.tool(real, Links("/guide/"), "calculator", models=["gpt-5.4-mini"])
    assert 'data-src="/guide/data/calculator.json" data-prices="/guide/data/prices/"' in published


def test_the_streaming_demo_takes_its_defaults_from_the_data(real: Dataset) -> None:
    html = tools.tool(real, Links(), "streaming-demo", model="gpt-5.4-mini", network="slow-4g")
    _labelled(html)
    default = next(e for e in waits.headline_evidence(real) if e.ttft.model == "gpt-5.4-mini")
    assert default.speed is not None
    assert re.search(rf'name="ttft"[^>]* value="{re.escape(fmt.plain(default.ttft.value))}"', html)
    assert re.search(rf'name="speed"[^>]* value="{re.escape(fmt.plain(default.speed.value))}"', html)
    scenario = real.scenario("chat-reply")
    assert f'data-output-tokens="{scenario.output_tokens}"' in html
    trips = real.connection
    assert f'data-request-trips="{trips.request_round_trips}" data-new-trips="{trips.new_connection_round_trips}"' in html
    assert 'data-first-target="1"' in html and 'data-full-target="10"' in html
    for profile in real.network_profiles:
        assert f'data-rtt-ms="{fmt.plain(profile.rtt_ms)}"' in html
    assert re.search(r'value="slow-4g"[^>]*checked', html)
    # Presets: one per model with a current pair of figures, and nothing older.
    presets = [unescape(v) for v in re.findall(r'<option value="([^"]+)" data-ttft=', html)]
    assert presets == [e.ttft.model for e in waits.headline_evidence(real) if e.speed is not None]
    assert "claude-sonnet-4-6" not in presets, "a superseded model is no preset"
    assert "2023" not in html
    assert '<script src="/assets/javascripts/streaming-demo.js" defer></script>' in html
    with pytest.raises(ValueError, match="no current first-token time and speed"):
        tools.tool(real, LINKS, "streaming-demo", model="claude-haiku-4-5")
    with pytest.raises(KeyError, match="no network profile"):
        tools.tool(real, LINKS, "streaming-demo", network="dial-up")
