"""No data string can make structure: every macro's output, read by Python-Markdown as MkDocs reads it,
has the same elements and attributes with a hostile string in the data as with a plain word, and
shows the hostile string as text.

Each macro's output is placed where pages place it (a block on its own, or a figure inside a
sentence) and converted with the markdown_extensions of mkdocs.yml, the glossary appended, as a
page would be. The change report is read by a CommonMark parser with GitHub's tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from fixture_ids import FIXTURE_CHAT
from hostile import PAYLOADS, PLAIN, hostile_dataset, visible
from markdown_it import MarkdownIt
from mkdocs.config import load_config
from test_capacity import with_priority

from macros import export
from macros.data.dataset import Dataset, Listing
from macros.data.models import Superseded
from macros.data.problems import Problem
from macros.render import (
    Links,
    agents,
    capacity,
    charts,
    context,
    figures,
    latency,
    media,
    privacy,
    providers,
    selfhosting,
    tables,
    tools,
)
from macros.report.diff import compare
from macros.report.markdown import diff_markdown, problems_markdown
from macros.report.revision import Snapshot

ROOT = Path(__file__).resolve().parent.parent
LINKS = Links()

Place = Callable[[Dataset], str]


def superseded(d: Dataset) -> Dataset:
    """The dataset with Acme Small superseded by Acme Large, the maker's words being the dataset's own text (hostile
    or plain), so that the superseded table and the marked price row show it. Built without validation, as
    hostile_dataset fills its text, so that every payload reaches the templates."""
    words = d.model_facts("acme-small").name
    mark = {"superseded": Superseded.model_construct(by="acme-large", says=words, source="https://example.com/legacy")}
    providers = [p.model_copy(update={"models": [m.model_copy(update=mark) if m.model == "acme-small" else m
                                                 for m in p.models]}) for p in d.providers]
    return replace(d, providers=providers)


BLOCKS: dict[str, Place] = {
    "price table": lambda d: tables.price_table(d, LINKS, **FIXTURE_CHAT),
    "cost table": lambda d: tables.cost_table(d, LINKS, "chat"),
    "scale table": lambda d: tables.scale_table(d, LINKS, "think"),
    "scenario table": lambda d: tables.scenario_table(d, LINKS),
    "cost table with speed": lambda d: tables.cost_table(d, LINKS, "chat", network="fast"),
    "latency table": lambda d: latency.latency_table(d, LINKS),
    "latency history": lambda d: latency.latency_table(d, LINKS, section="history"),
    "verdict table": lambda d: latency.verdict_table(d, LINKS, "think", network="fast"),
    "verdict tables": lambda d: latency.verdict_tables(d, LINKS, network="fast"),
    "targets table": lambda d: latency.targets_table(d, LINKS),
    "thresholds table": lambda d: latency.thresholds_table(d, LINKS),
    "network table": lambda d: tables.network_table(d, LINKS),
    "price changes": lambda d: tables.price_changes(d, LINKS),
    "cost-versus-speed chart": lambda d: charts.cost_speed_chart(d, LINKS, "chat", "ttft_s"),
    "calculator": lambda d: tools.tool(d, LINKS, "calculator", scenario="chat"),
    "streaming demo": lambda d: tools.tool(d, LINKS, "streaming-demo", scenario="chat", model="acme-large", network="fast"),
    "pricing explorer": lambda d: tools.tool(d, LINKS, "explorer"),
    "shortlists": lambda d: tools.shortlists(d, LINKS, ("chat", d.verdict_bands[0].words, 500, 1000, ("thinking", "images"))),
    "provider summary": lambda d: providers.provider_summary(d, LINKS, "acme", **FIXTURE_CHAT),
    "provider prices": lambda d: providers.provider_prices(d, LINKS, "acme", **FIXTURE_CHAT),
    "provider costs": lambda d: providers.provider_costs(d, LINKS, "acme"),
    "provider speed": lambda d: providers.provider_speed(d, LINKS, "acme", scenario="think", network="fast"),
    "provider index": lambda d: providers.provider_index(d, LINKS),
    "model directory": lambda d: providers.model_directory(d, LINKS),
    "retirements": lambda d: tables.retirement_table(d, LINKS),
    "superseded table": lambda d: tables.superseded_table(superseded(d), LINKS),
    "long-context bands": lambda d: context.long_context_bands(d, LINKS),
    "conversation growth": lambda d: context.conversation_growth(d, LINKS, "acme-small", scenario="chat", turns=3),
    "cache storage fees": lambda d: context.cache_storage(d, LINKS, scenario="chat"),
    "task steps": lambda d: agents.task_steps(d, LINKS, "research", "acme-large"),
    "task assumptions": lambda d: agents.task_assumptions(d, LINKS, "research"),
    "price table with a superseded model": lambda d: tables.price_table(superseded(d), LINKS, provider="acme", **FIXTURE_CHAT),
    "embedding table": lambda d: media.embedding_table(d, LINKS),
    "speech-to-text table": lambda d: media.transcription_table(d, LINKS),
    "text-to-speech table": lambda d: media.speech_table(d, LINKS, scenario="chat"),
    "image-generation table": lambda d: media.image_generation_table(d, LINKS),
    "image input table": lambda d: media.image_input_table(d, LINKS),
    "privacy table": lambda d: privacy.privacy_table(d, LINKS),
    "regional uplift table": lambda d: privacy.uplift_table(d, LINKS, scenario="chat"),
    "sizing table": lambda d: capacity.sizing_table(d, LINKS),
    "rate limits table": lambda d: capacity.limits_table(d, LINKS),
    "billing table": lambda d: capacity.billing_table(d, LINKS),
    "provisioned offers table": lambda d: capacity.offers_table(d, LINKS, "provisioned"),
    "priority offers table": lambda d: capacity.offers_table(d, LINKS, "priority"),
    "priority cost table": lambda d: capacity.priority_table(with_priority(d), LINKS, "chat"),
    "GPU price table": lambda d: selfhosting.gpu_price_table(d, LINKS),
    "throughput table": lambda d: selfhosting.throughput_table(d, LINKS),
    "busy share table": lambda d: selfhosting.busy_table(d, LINKS),
    "break-even table": lambda d: selfhosting.break_even_table(d, LINKS),
    "self-hosting answer": lambda d: selfhosting.break_even_summary(d, LINKS),
}
INLINE: dict[str, Place] = {
    "price in a sentence": lambda d: figures.inline_price(d, LINKS, "acme-large"),
    "cost in a sentence": lambda d: figures.inline_cost(d, LINKS, "chat", "acme-large"),
    "ratio in a sentence": lambda d: figures.inline_ratio(d, LINKS, "chat", "acme-small", "acme-large"),
    "caching rule in a sentence": lambda d: figures.caching_rule(d, LINKS, "acme-large"),
    "observation in a sentence": lambda d: figures.inline_observation(d, LINKS, "lat-a"),
    "wait in a sentence": lambda d: figures.inline_wait(d, LINKS, "think", "lat-a", "lat-b", network="fast"),
    "threshold in a sentence": lambda d: figures.threshold(d, LINKS, "flow"),
    "round trip in a sentence": lambda d: figures.round_trip(d, LINKS, "fast"),
    "task cost in a sentence": lambda d: agents.task_total(d, LINKS, "research", "acme-large"),
}


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of mkdocs.yml, as MkDocs builds a page."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


def page(place: str, fragment: str) -> str:
    """The fragment as a page holds it: a block between paragraphs, or a figure inside a sentence."""
    if place in INLINE:
        return f"# Title\n\nIt costs {fragment} for each reply, as of now.\n\nMore text.\n"
    return f"# Title\n\nA paragraph before.\n\n{fragment}\n\nA paragraph after.\n"


class Shape(HTMLParser):
    """The elements of a page, each with its attribute names, in order; and all it shows as text or in attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[str, ...]]] = []
        self.shown: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(sorted(name for name, _ in attrs))))
        self.shown += [value for _, value in attrs if value]

    def handle_data(self, data: str) -> None:
        self.shown.append(data)

    def handle_comment(self, data: str) -> None:
        self.elements.append(("<!-- comment -->", ()))


def shape(html: str) -> Shape:
    parsed = Shape()
    parsed.feed(html)
    return parsed


@pytest.fixture(scope="module")
def converter() -> markdown.Markdown:
    return site_markdown()


@pytest.fixture(scope="module")
def plain_pages(converter: markdown.Markdown) -> dict[str, Shape]:
    dataset = hostile_dataset(PLAIN)
    return {name: shape(converter.reset().convert(page(name, build(dataset)))) for name, build in {**BLOCKS, **INLINE}.items()}


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
@pytest.mark.parametrize("place", sorted({**BLOCKS, **INLINE}))
def test_a_hostile_string_renders_as_text_and_makes_no_structure(place: str, payload: str, converter: markdown.Markdown,
                                                                  plain_pages: dict[str, Shape]) -> None:
    build = {**BLOCKS, **INLINE}[place]
    text = PAYLOADS[payload]
    html = converter.reset().convert(page(place, build(hostile_dataset(text))))
    found = shape(html)
    assert found.elements == plain_pages[place].elements, f"{payload!r} changed the page's structure in the {place}"
    assert visible(text) in visible(" ".join(found.shown)).replace("\ufffd", "\u202e"), (
        f"the {place} does not show {payload!r} as written")


def test_the_check_sees_the_attack_that_happened(converter: markdown.Markdown) -> None:
    """Escaped for HTML alone, the image in a title attribute puts a handler on the link: the check must see it."""
    raw = converter.reset().convert(page("price in a sentence", f'<a title="{PAYLOADS["image in a title attribute"]}">$1</a>'))
    assert any(name.startswith("on") for _, names in shape(raw).elements for name in names)


# --- the pull-request report and the CI summary ------------------------------------------------------------------


def _report(text: str) -> str:
    dataset = hostile_dataset(text)
    old = {listing.model.id: listing for listing in hostile_dataset("Earlier name").listings}
    new: dict[str, Listing] = {listing.model.id: listing for listing in dataset.listings}
    base, head = Snapshot("main", "abc1234"), Snapshot(None)
    head.problems = [Problem("data/providers/acme.yaml", 9, "models[0].name", f"must be at most 120 characters (got {text})")]
    comparison = compare({k: v for k, v in old.items() if k != "acme-small"}, new)
    return diff_markdown(comparison, base, head)


def github_shape(markdown_text: str) -> Shape:
    return shape(MarkdownIt("commonmark").enable("table").render(markdown_text))


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_the_change_report_shows_a_hostile_name_as_text(payload: str) -> None:
    plain, hostile = github_shape(_report(PLAIN)), github_shape(_report(PAYLOADS[payload]))
    assert hostile.elements == plain.elements
    assert visible(PAYLOADS[payload]) in visible(" ".join(hostile.shown)).replace("\ufffd", "\u202e")


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_the_ci_summary_shows_a_hostile_value_as_text(payload: str) -> None:
    def summary(text: str) -> Shape:
        problem = Problem("data/providers/x.yaml", 3, "models[0].name", f"bad (got {text})")
        return github_shape(problems_markdown([problem], [], 180))

    assert summary(PAYLOADS[payload]).elements == summary(PLAIN).elements


def _copied_table(dataset: Dataset) -> str:
    """A Markdown table as the explorer's script copies one: the build's `md` cells joined by pipes."""
    document = export.models_document(dataset)
    scenario = document["scenarios"][0]
    providers = {p["id"]: p["md"] for p in document["providers"]}
    rows = [f"| {m['md']} | {providers[m['provider']]} | {document['verdicts'][0]['md']} |" for m in document["models"]]
    return "\n".join([f"On {document['network']['md']}:", "", f"| Model | Provider | {scenario['md']} |", "| --- | --- | --- |",
                      *rows, ""])


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_the_explorers_copy_cells_show_a_hostile_name_as_text_in_markdown_and_never_start_a_formula(payload: str) -> None:
    text = PAYLOADS[payload]
    plain, hostile = github_shape(_copied_table(hostile_dataset(PLAIN))), github_shape(_copied_table(hostile_dataset(text)))
    assert hostile.elements == plain.elements
    assert visible(text) in visible(" ".join(hostile.shown)).replace("\ufffd", "\u202e")
    document = export.models_document(hostile_dataset(text))
    cells = [m["tsv"] for m in document["models"]] + [p["tsv"] for p in document["providers"]] + \
        [s["tsv"] for s in document["scenarios"]] + [v["tsv"] for v in document["verdicts"]]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))]


class _Copies(HTMLParser):
    """The texts a block's copy controls copy, as the browser reads them from their attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "data-ifg-copy" in found:
            self.found.append((found["data-md"] or "", found["data-tsv"] or ""))


def copies(html: str) -> list[tuple[str, str]]:
    parsed = _Copies()
    parsed.feed(html)
    return parsed.found


COPIED = ("cost table", "cost table with speed", "scale table", "verdict table", "long-context bands", "conversation growth",
          "embedding table", "text-to-speech table",
          "task steps", "sizing table", "rate limits table", "priority cost table", "regional uplift table",
          "GPU price table", "busy share table", "break-even table", "cache storage fees")


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
@pytest.mark.parametrize("place", COPIED)
def test_a_copied_table_shows_a_hostile_string_as_text_in_markdown_and_in_spreadsheet_rows(place: str, payload: str) -> None:
    text = PAYLOADS[payload]
    (plain_md, plain_tsv), = copies(BLOCKS[place](hostile_dataset(PLAIN)))
    (md, tsv), = copies(BLOCKS[place](hostile_dataset(text)))
    assert github_shape(md).elements == github_shape(plain_md).elements, f"{payload!r} changed the copied table"
    assert visible(text) in visible(" ".join(github_shape(md).shown)).replace("\ufffd", "\u202e")
    rows, plain_rows = [line.split("\t") for line in tsv.splitlines()], [line.split("\t") for line in plain_tsv.splitlines()]
    assert [len(row) for row in rows] == [len(row) for row in plain_rows], f"{payload!r} split or joined a spreadsheet row"
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "-", "@")) and not _number(cell)]


FIELD = "\f"
"""macros.escape.FIELD: the mark around a copied figure that follows the reader's currency."""
FORGED = f"Name {FIELD}m999{FIELD}$999{FIELD} and {FIELD}c{FIELD}USD{FIELD}"
"""A name shaped like those marks."""
CONVERTED = ("cost table", "cost table with speed", "scale table", "long-context bands", "conversation growth",
             "embedding table", "text-to-speech table", "task steps", "priority cost table", "regional uplift table",
             "GPU price table", "busy share table", "break-even table", "cache storage fees")
"""The copied tables whose figures follow the reader's currency."""


def _fields(text: str) -> list[str]:
    """The marked fields of a copy text, as copy.js reads them: each kind and amount, then its text in US dollars."""
    parts = text.split(FIELD)
    return [part for i, part in enumerate(parts) if i % 3]


def test_the_mark_is_the_one_the_build_writes() -> None:
    from macros.escape import FIELD as WRITTEN

    assert WRITTEN == FIELD


@pytest.mark.parametrize("place", COPIED)
def test_a_data_string_cannot_make_a_copied_figure_that_follows_the_currency(place: str) -> None:
    """A form feed is white space, so a name holding the marks is one run of text: a copy has exactly the fields the
    build wrote, each a kind and an amount, and the forged amount shows as text in US dollars in no field."""
    (plain_md, plain_tsv), = copies(BLOCKS[place](hostile_dataset(PLAIN)))
    (md, tsv), = copies(BLOCKS[place](hostile_dataset(FORGED)))
    for plain, forged in ((plain_md, md), (plain_tsv, tsv)):
        assert len(_fields(forged)) == len(_fields(plain)) and not (len(forged.split(FIELD)) - 1) % 3
        kinds = _fields(forged)[::2]
        assert all(re.fullmatch(r"[mn]\d+(\.\d+)?|[cu]", kind) for kind in kinds), kinds
        assert "999" not in kinds and "m999" not in kinds
    assert place not in CONVERTED or _fields(plain_md), f"{place}: no figure in its copy follows the currency"


def _number(cell: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", cell) is not None


def _calculator_copies(dataset: Dataset) -> list[dict[str, str]]:
    """Every name the calculator's copy holds, as the build escaped it: models, providers, scenarios, networks, use
    cases, verdicts and the sources of speed figures (data/calculator.json and data/prices/<provider>.json)."""
    first = export.calculator_document(dataset)
    found = [*first["providers"], *first["scenarios"], *first["network_profiles"], *first["latency"]["use_cases"].values(),
             *first["latency"]["bands"]]
    for provider in dataset.providers:
        document = export.provider_document(dataset, provider.id)
        found += document["models"]
        found += [figure["source"] for figures in document["evidence"].values()
                  for figure in (figures["ttft"], figures["speed"]) if figure]
    return [{"md": entry["md"], "tsv": entry["tsv"]} for entry in found]


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_the_calculators_copy_cells_show_a_hostile_name_as_text_in_markdown_and_never_start_a_formula(payload: str) -> None:
    text = PAYLOADS[payload]
    plain, hostile = _calculator_copies(hostile_dataset(PLAIN)), _calculator_copies(hostile_dataset(text))
    assert any(entry["md"].startswith("Plain words, ") for entry in plain), "no speed figure's source is in the copy"

    def table(entries: list[dict[str, str]]) -> str:
        return "\n".join(["| Name | Kind |", "| --- | --- |", *(f"| {entry['md']} | name |" for entry in entries), ""])

    assert github_shape(table(hostile)).elements == github_shape(table(plain)).elements
    assert visible(text) in visible(" ".join(github_shape(table(hostile)).shown)).replace("\ufffd", "\u202e")
    assert len(hostile) == len(plain)
    assert not [e["tsv"] for e in hostile if e["tsv"].startswith(("=", "+", "-", "@", "\t", "\r", "\n")) or "\t" in e["tsv"]]


# --- a use case's advice for each verdict band (issue 25) ---------------------------------------------------------

def _advised(text: str) -> Dataset:
    """The plain dataset with `text` as every use case's advice and nothing else hostile, so that a check sees the
    advice itself reach each place, not a name beside it. Built without validation, as hostile_dataset is."""
    dataset = hostile_dataset(PLAIN)
    cases = [case.model_copy(update={"advice": [a.model_copy(update={"do": text}) for a in case.advice]})
             for case in dataset.targets.use_cases]
    return replace(dataset, targets=dataset.targets.model_copy(update={"use_cases": cases}))


ADVISED = ("verdict table", "verdict tables", "cost table with speed", "price table", "provider prices", "streaming demo")
"""The blocks that show a verdict for a known use case, and so its advice."""


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
@pytest.mark.parametrize("place", ADVISED)
def test_a_hostile_advice_shows_as_text_under_its_verdicts_and_in_their_copies(place: str, payload: str,
                                                                                converter: markdown.Markdown) -> None:
    text = PAYLOADS[payload]
    plain, hostile = BLOCKS[place](_advised(PLAIN)), BLOCKS[place](_advised(text))
    found = shape(converter.reset().convert(page(place, hostile)))
    assert found.elements == shape(converter.reset().convert(page(place, plain))).elements
    assert visible(text) in visible(" ".join(found.shown)).replace("\ufffd", "\u202e")
    for (plain_md, plain_tsv), (md, tsv) in zip(copies(plain), copies(hostile), strict=True):
        assert github_shape(md).elements == github_shape(plain_md).elements
        assert visible(text) in visible(" ".join(github_shape(md).shown)).replace("\ufffd", "\u202e")
        assert [len(line.split("\t")) for line in tsv.splitlines()] == [len(line.split("\t")) for line in plain_tsv.splitlines()]


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_the_scripts_get_a_hostile_advice_escaped_for_markdown_and_for_a_spreadsheet(payload: str) -> None:
    """The calculator's speed line and the explorer's wait column take the advice from their JSON; their copies take
    the `md` and `tsv` forms the build escaped, as they do names."""
    text = PAYLOADS[payload]

    def entries(dataset: Dataset) -> list[dict[str, str]]:
        calculator, explorer = export.calculator_document(dataset), export.models_document(dataset)
        found = [a for case in calculator["latency"]["use_cases"].values() for a in case["advice"]]
        return found + [a for s in explorer["scenarios"] for a in s["advice"]]

    plain, hostile = entries(_advised(PLAIN)), entries(_advised(text))
    assert len(hostile) == len(plain) and all(entry["do"] == text for entry in hostile)

    def table(found: list[dict[str, str]]) -> str:
        return "\n".join(["| Verdict | What to do |", "| --- | --- |", *(f"| keeps flow | {e['md']} |" for e in found), ""])

    assert github_shape(table(hostile)).elements == github_shape(table(plain)).elements
    assert visible(text) in visible(" ".join(github_shape(table(hostile)).shown)).replace("\ufffd", "\u202e")
    assert not [e["tsv"] for e in hostile if e["tsv"].startswith(("=", "+", "-", "@", "\t", "\r", "\n")) or "\t" in e["tsv"]]
