"""Labels built from a count say the singular for one: "1 model", never "1 models" (issue 25). Each case renders a
count of 1 through the template or command that builds the text; macros.formatting.plural picks the word."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from macros import commands
from macros import formatting as fmt
from macros.data.dataset import Dataset
from macros.render import Links
from macros.render.environment import render

LINKS = Links()
ACME = SimpleNamespace(id="acme", name="Acme")


def test_plural_and_counted_say_one_thing_for_one() -> None:
    assert fmt.plural(1, "model") == "model" and fmt.plural(0, "model") == "models" and fmt.plural(2, "model") == "models"
    assert fmt.counted(1, "model") == "1 model" and fmt.counted(1_024, "token") == "1,024 tokens"
    assert fmt.counted(1, "web search", "web searches") == "1 web search"
    assert fmt.counted(3, "web search", "web searches") == "3 web searches"
    assert fmt.plural(1, "has", "have") == "has" and fmt.plural(4, "has", "have") == "have"


def test_a_provider_with_one_model_says_model() -> None:
    prices = render("provider_section.html", provider=ACME, part="prices", count=1, links=LINKS)
    assert "Acme's 1 model still served" in prices
    costs = render("provider_section.html", provider=ACME, part="costs", count=1, scenarios=1, links=LINKS)
    assert "For the 1 scenario on this model," in costs
    speed = render("provider_section.html", provider=ACME, part="speed", count=1, missing=[], links=LINKS)
    assert "1 of these models has a current published first-token time and speed from one source. For it," in speed
    many = render("provider_section.html", provider=ACME, part="speed", count=2, missing=[], links=LINKS)
    assert "2 of these models have a current published first-token time and speed from one source. For them," in many


@pytest.mark.parametrize(("met", "total", "said"), [
    (1, 1, "on the 1 model judged"), (0, 1, "on none of the models (1 judged)"), (0, 2, "on none of the 2 models"),
    (2, 2, "on all 2 models"), (1, 3, "on 1 of the 3 models")])
def test_how_many_models_meet_a_target_reads_right_for_one(met: int, total: int, said: str) -> None:
    assert render("inline_reach.html", met=met, total=total, links=LINKS) == f'<span class="ifg-reach">{said}</span>'


def test_a_retirement_one_day_away_says_day() -> None:
    lifecycle = SimpleNamespace(retires_known=True, source="https://example.com/")
    model = SimpleNamespace(id="acme-small", name="Acme Small", lifecycle=SimpleNamespace(**vars(lifecycle), successor=None))
    row = SimpleNamespace(listing=SimpleNamespace(provider=ACME, model=model), retires=dt.date(2026, 11, 21), retired=False,
                          days=1)
    html = render("retirement_table.html", rows=[row], today=dt.date(2026, 11, 20), as_of=dt.date(2026, 11, 20),
                  within=1, links=LINKS, deprecated=[])
    assert "in 1 day<" in html and "within 1 day is marked" in html


def test_the_data_check_counts_one_provider_in_the_singular(fixture_data: Dataset, capsys: pytest.CaptureFixture,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture data has one provider: the summary says "1 provider"."""
    assert len(fixture_data.providers) == 1
    monkeypatch.setattr(commands, "review_dataset", lambda folder, max_age=None: (fixture_data, []))
    assert commands.validate([], None) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"data/ is valid: {len(fixture_data.listings)} models from 1 provider, "), said
