"""Renting GPUs against paying an API: data/selfhosting.yaml's hourly prices and published throughput, and the
break-even arithmetic of macros.calc on them. Every figure is the data's, or worked out from it here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from macros import calc, currency
from macros.data.dataset import Dataset, Listing
from macros.data.models import GpuOffer, Scenario, ThroughputFigure
from macros.render.environment import render
from macros.render.links import Links


@dataclass(frozen=True)
class Pairing:
    """The rented server, the throughput measured on its GPUs, and the scenario the API is priced for."""

    offer: GpuOffer
    figure: ThroughputFigure
    scenario: Scenario
    model_name: str
    """The measured model's name, from data/models.yaml."""


@dataclass(frozen=True)
class BusyRow:
    """The rented server at one example busy share."""

    share: Decimal
    requests: int
    """Scenario requests it finishes in a month, to the nearest one."""
    per_mtok: Decimal
    """USD per 1,000,000 output tokens."""
    per_request: Decimal
    """USD per scenario request."""


@dataclass(frozen=True)
class HostRow:
    """One API host of the measured model, against the rented server."""

    listing: Listing
    api_request: Decimal
    """USD the API charges for one scenario request."""
    requests: int
    """Requests a month at which the month's rent equals the API's bill, to the nearest one."""
    share: Decimal
    """How busy the server must be to finish that many; above 1, one server cannot."""
    gpu_hour: Decimal
    """USD per GPU-hour at which renting matches this host, at the middle example busy share."""


def whole(value: Decimal) -> int:
    """A count of requests to the nearest one, half up."""
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def pairing(dataset: Dataset) -> Pairing:
    """What the break-even arithmetic pairs (validation has checked that each id exists and the GPUs agree)."""
    hosting = dataset.self_hosting
    chosen = hosting.break_even
    offer = next(o for o in hosting.gpu_offers if o.id == chosen.offer)
    figure = next(t for t in hosting.throughput if t.id == chosen.throughput)
    return Pairing(offer, figure, dataset.scenario(chosen.scenario), dataset.model_facts(figure.model).name)


def middle_share(dataset: Dataset) -> Decimal:
    """The middle of the example busy shares, in order: the one the break-even GPU-hour price is worked out at."""
    shares = sorted(dataset.self_hosting.break_even.example_busy_shares)
    return shares[len(shares) // 2]


def busy_rows(dataset: Dataset) -> list[BusyRow]:
    """The rented server at each example busy share, least busy first."""
    paired = pairing(dataset)
    rate, speed, output = paired.offer.usd_per_hour, paired.figure.output_tokens_per_s, paired.scenario.output_tokens
    return [BusyRow(share, whole(calc.monthly_requests(speed, share, output)), calc.self_hosted_mtok(rate, speed, share),
                    calc.self_hosted_request(rate, speed, share, output))
            for share in sorted(dataset.self_hosting.break_even.example_busy_shares)]


def host_rows(dataset: Dataset) -> list[HostRow]:
    """Each current API host of the measured model that charges for the scenario, cheapest first."""
    paired = pairing(dataset)
    rate, speed, output = paired.offer.usd_per_hour, paired.figure.output_tokens_per_s, paired.scenario.output_tokens
    middle = middle_share(dataset)
    found = []
    for listing in dataset.hosts_of(paired.figure.model):
        cost = calc.scenario_cost(listing.model, paired.scenario)
        if cost.unsupported or cost.total <= 0:
            continue
        found.append(HostRow(listing, cost.total, whole(calc.break_even_requests(rate, cost.total)),
                             calc.break_even_share(rate, speed, output, cost.total),
                             calc.break_even_gpu_hour(cost.total, speed, middle, output, paired.offer.gpus)))
    return sorted(found, key=lambda row: (row.api_request, row.listing.provider.name.casefold()))


def gpu_price_table(dataset: Dataset, links: Links) -> str:
    """Every rented server's hourly price, per GPU-hour, and for a month around the clock, with where it was read."""
    offers = sorted(dataset.self_hosting.gpu_offers, key=lambda o: (o.gpu.casefold(), o.gpus, o.name.casefold()))
    return render("selfhosting_gpus.html", offers=offers, hours=calc.HOURS_PER_MONTH,
                  as_of=max(o.checked for o in offers), links=links, currencies=currency.rates(dataset.today))


def throughput_table(dataset: Dataset, links: Links) -> str:
    """Every published throughput figure with the conditions it was measured under."""
    figures = sorted(dataset.self_hosting.throughput, key=lambda t: (t.model, t.gpus, t.concurrency))
    names = {t.model: dataset.model_facts(t.model).name for t in figures}
    return render("selfhosting_throughput.html", figures=figures, names=names,
                  as_of=max(t.checked for t in figures), links=links)


def busy_table(dataset: Dataset, links: Links) -> str:
    """What the paired server's output costs per million tokens and per scenario request at each example busy share."""
    return render("selfhosting_busy.html", rows=busy_rows(dataset), paired=pairing(dataset),
                  rent=calc.monthly_rent(pairing(dataset).offer.usd_per_hour), hours=calc.HOURS_PER_MONTH,
                  basis=dataset.self_hosting.break_even.basis, links=links, currencies=currency.rates(dataset.today))


def break_even_table(dataset: Dataset, links: Links) -> str:
    """For each API host of the measured model: the volume and busy share at which the rented server costs the same,
    and the GPU-hour price that would match the host at the middle example busy share."""
    found = host_rows(dataset)
    if not found:
        raise ValueError(f"no current host in data/providers sells {pairing(dataset).figure.model} with a price for "
                         "the scenario, so there is nothing to break even against")
    paired = pairing(dataset)
    return render("selfhosting_break_even.html", rows=found, paired=paired, middle=middle_share(dataset),
                  capacity=whole(calc.monthly_requests(paired.figure.output_tokens_per_s, Decimal(1),
                                                       paired.scenario.output_tokens)),
                  as_of=dataset.as_of, links=links, currencies=currency.rates(dataset.today))


def break_even_summary(dataset: Dataset, links: Links) -> str:
    """The page's opening answer: the month's rent and the busy share the dearest and the cheapest API host need,
    and what follows when one server cannot be that busy."""
    found = host_rows(dataset)
    paired = pairing(dataset)
    return render("selfhosting_answer.html", paired=paired, rent=calc.monthly_rent(paired.offer.usd_per_hour),
                  cheapest=found[0], dearest=found[-1], links=links)
