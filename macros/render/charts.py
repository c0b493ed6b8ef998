"""The cost-versus-speed chart: an SVG drawn from macros.chart's geometry, with the same numbers as a table."""

from __future__ import annotations

from macros import chart, currency, rows
from macros.data.dataset import Dataset
from macros.render.environment import METRICS, render
from macros.render.links import Links

SCRIPT = "assets/javascripts/chart.js"


def cost_speed_chart(dataset: Dataset, links: Links, scenario: str = "chat-reply", metric: str = "ttft_s") -> str:
    """An SVG of one scenario's cost per interaction against a published latency figure, and the same numbers as a table."""
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)} (got {metric})")
    drawn = chart.cost_speed(dataset, scenario, metric)
    if not drawn.points:
        return render("cost_speed_none.html", chart=drawn, links=links)
    cheapest = min(drawn.points, key=lambda p: (p.cost, p.listing.model.name))
    dearest = max(drawn.points, key=lambda p: (p.cost, p.listing.model.name))
    fastest = (min if metric == "ttft_s" else max)(drawn.points, key=lambda p: p.observation.value)
    slowest = (max if metric == "ttft_s" else min)(drawn.points, key=lambda p: p.observation.value)
    return render(
        "cost_speed_chart.html", chart=drawn, links=links, ident=f"ifg-chart-{scenario}-{metric}",
        cheapest=cheapest, dearest=dearest, fastest=fastest, slowest=slowest,
        as_of=rows.as_of(p.listing for p in drawn.points), spread=dearest.cost / cheapest.cost,
        retiring={p.listing.model.id: rows.retires_soon(p.listing, dataset.today) for p in drawn.points},
        script_url=links.to(SCRIPT), currencies=currency.rates(dataset.today),
    )
