"""The calculator's JavaScript gives the same figures as macros.calc on a grid of more than a thousand cases.

The grid comes from tests/calc_grid.py (every model with every scenario, band crossings, batch,
turns, retries, volumes); the page's own script computes each case in chromium through
window.ifgCalculator.compute, and every figure must equal Python's, character for character.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from calc_grid import cases, expected
from playwright.sync_api import Browser
from serve import serving

from macros import calc
from macros.data.dataset import Dataset
from macros.data.validate import load_dataset

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def dataset(root: Path) -> Dataset:
    return load_dataset(root / "data")


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with serving(built_site) as url:
        yield url


def test_the_grid_is_large_and_covers_every_model_and_scenario(dataset: Dataset) -> None:
    grid = cases(dataset)
    assert len(grid) >= 1000
    pairs = {(c.model, c.input, c.output) for c in grid}
    for listing in dataset.current_listings:  # a retired model is not offered
        for scenario in dataset.scenarios:
            assert (listing.model.id, scenario.input_tokens, scenario.output_tokens) in pairs
    assert {c.tier for c in grid} == set(calc.SERVICE_TIERS) and any(c.turns > 1 for c in grid)
    assert {c.effort for c in grid} >= {"default", "off", "low", "medium", "high"} and any(c.retry != "0" for c in grid)
    assert any(c.image for c in grid) and any(c.searches for c in grid) and len({c.hit for c in grid}) > 3


def test_the_calculator_script_gives_pythons_figures_for_every_case(dataset: Dataset, browser: Browser,
                                                                    site_url: str) -> None:
    grid = cases(dataset)
    page = browser.new_page()
    page.goto(f"{site_url}calculator/")
    page.wait_for_function("window.ifgCalculator !== undefined")
    shown = page.evaluate("async (grid) => { await window.ifgCalculator.load(grid.map(([id]) => id));"
                          " return grid.map(([id, c]) => window.ifgCalculator.compute(id, c)); }",
                          [[c.model, c.inputs()] for c in grid])
    page.close()
    wrong = [(c, got, want) for c, got in zip(grid, shown, strict=True)
             if got != (want := expected(dataset.listing(c.model), c))]
    assert not wrong, f"{len(wrong)} of {len(grid)} cases differ; the first: {wrong[:3]}"
