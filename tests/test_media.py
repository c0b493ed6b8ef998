"""Images, audio and embeddings (docs/media.md, macros/render/media.py, data/media.yaml): every figure in each table
is the data's price in its own unit, or worked out from it by hand here; nothing is listed that the data lacks."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest

from macros import formatting as fmt
from macros.data import load_dataset
from macros.data.dataset import Dataset
from macros.data.models import MediaEntry
from macros.render import Links, media

LINKS = Links()


@pytest.fixture(scope="module")
def real(root: Path) -> Dataset:
    return load_dataset(root / "data")


def _text(html: str) -> str:
    """What a cell reads as: each tag a space, but a figure's <data> (_money.html), which wraps it inline, nothing."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", re.sub(r"</?data\b[^>]*>", "", html))).split())


def body_rows(html: str) -> dict[str, dict[str, str]]:
    """Each body row by its id: the row header's text under "", and each cell's text under its data-label."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = {}
    for row_id, row in re.findall(r'<tr id="([^"]+)">(.*?)</tr>', body, re.S):
        cells = {"": _text(re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1))}  # type: ignore[union-attr]
        cells |= {label: _text(cell) for label, cell in re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row, re.S)}
        found[row_id] = cells
    return found


def _dataset(request: pytest.FixtureRequest, which: str) -> Dataset:
    return request.getfixturevalue(which)


WHICH = ["fixture_data", "real"]


@pytest.mark.parametrize("which", WHICH)
def test_the_embedding_table_shows_each_price_and_the_corpus_cost_worked_out_by_hand(which: str, request) -> None:
    dataset = _dataset(request, which)
    corpus = dataset.media_prices.corpus
    tokens = corpus.documents * corpus.tokens_per_document
    html = media.embedding_table(dataset, LINKS)
    found = body_rows(html)
    assert len(found) == len(dataset.media_prices.embeddings)
    for entry in dataset.media_prices.embeddings:
        row = found[f"media-{entry.id}"]
        assert row["Per 1M tokens (USD)"] == fmt.price(entry.input_mtok)
        assert row["Batch, per 1M tokens (USD)"] == (fmt.price(entry.batch_input_mtok) if entry.batch_input_mtok is not None
                                                     else "not listed")
        assert row["The example, once (USD)"] == fmt.money(entry.input_mtok * Decimal(tokens) / Decimal(1_000_000))
        assert row[""].startswith(entry.name)
    text = _text(html)
    assert corpus.description in text and corpus.basis in text and f"{fmt.count(tokens)} tokens in all" in text


@pytest.mark.parametrize("which", WHICH)
def test_the_speech_to_text_table_shows_each_price_per_minute_and_per_hour(which: str, request) -> None:
    dataset = _dataset(request, which)
    found = body_rows(media.transcription_table(dataset, LINKS))
    assert len(found) == len(dataset.media_prices.transcription)
    for entry in dataset.media_prices.transcription:
        row = found[f"media-{entry.id}"]
        assert row["Per minute (USD)"] == fmt.money(entry.usd_per_second * 60)
        assert row["Per hour (USD)"] == fmt.money(entry.usd_per_second * 3600)


def test_a_price_of_a_fraction_of_a_cent_a_second_reads_per_minute_and_per_hour(fixture_data: Dataset) -> None:
    """$0.00003083 a second is $0.1109880 an hour: shown $0.11, and $0.0018 a minute."""
    row = body_rows(media.transcription_table(fixture_data, LINKS))["media-acme-listen"]
    assert (row["Per minute (USD)"], row["Per hour (USD)"]) == ("$0.0018", "$0.11")


@pytest.mark.parametrize(("which", "scenario"), [("fixture_data", "chat"), ("real", "voice-turn")])
def test_the_text_to_speech_table_prices_the_scenarios_answer_from_its_tokens_and_the_published_ratio(
        which: str, scenario: str, request) -> None:
    dataset = _dataset(request, which)
    characters = int(dataset.scenario(scenario).output_tokens * dataset.text_size.characters_per_token)
    html = media.speech_table(dataset, LINKS, scenario=scenario)
    label = f"One answer, {fmt.count(characters)} characters (USD)"
    found = body_rows(html)
    assert len(found) == len(dataset.media_prices.speech)
    for entry in dataset.media_prices.speech:
        row = found[f"media-{entry.id}"]
        assert row["Per 1M characters (USD)"] == fmt.price(entry.input_mchar)
        assert row[label] == fmt.money(entry.input_mchar * characters / Decimal(1_000_000))
    text = _text(html)
    assert dataset.text_size.publisher in text and f'href="{dataset.text_size.source}"' in html


def test_the_voice_answer_is_320_characters_in_the_real_data(real: Dataset) -> None:
    """The voice turn's 80 output tokens at OpenAI's 4 characters a token: the figure the page's sentence relies on."""
    assert media.spoken_characters(real) == 320


@pytest.mark.parametrize("which", WHICH)
def test_the_image_generation_table_shows_each_price_the_source_lists_and_says_not_listed_for_the_rest(
        which: str, request) -> None:
    dataset = _dataset(request, which)
    found = body_rows(media.image_generation_table(dataset, LINKS))
    assert len(found) == len(dataset.media_prices.image_generation)
    for entry in dataset.media_prices.image_generation:
        row = found[f"media-{entry.id}"]
        per_image = fmt.price(entry.usd_per_image) if entry.usd_per_image is not None else "not listed"
        if entry.image_size and entry.usd_per_image is not None:
            per_image += f" {entry.image_size}"
        assert row["Per image (USD)"] == per_image
        assert row["Per 1M image tokens (USD)"] == (fmt.price(entry.output_image_mtok)
                                                    if entry.output_image_mtok is not None else "not listed")


def test_every_row_links_the_date_to_where_its_price_was_read(real: Dataset) -> None:
    tables = {"embeddings": media.embedding_table, "transcription": media.transcription_table,
              "speech": media.speech_table, "image_generation": media.image_generation_table}
    for name, table in tables.items():
        html = table(real, LINKS)
        entries: list[MediaEntry] = getattr(real.media_prices, name)
        for entry in entries:
            row = re.search(rf'<tr id="media-{re.escape(entry.id)}">(.*?)</tr>', html, re.S).group(1)  # type: ignore[union-attr]
            assert f'<a href="{entry.source}" rel="external">{fmt.date(entry.verified)}</a>' in row, (name, entry.id)
        assert f"as of {fmt.date(max(e.verified for e in entries))}" in _text(html)


def test_the_image_input_table_lists_each_provider_whose_models_take_images_with_its_rule_or_none(real: Dataset) -> None:
    found = body_rows(media.image_input_table(real, LINKS))
    rules = {rule.provider: rule for rule in real.media_prices.image_input}
    for provider in real.providers:
        listings = [x for x in real.listings_of(provider.id) if not real.is_superseded(x)]
        seeing = [x for x in listings if x.model.inputs and "image" in x.model.inputs]
        row = found.get(f"image-input-{provider.id}")
        if not seeing:
            assert row is None, provider.id
            continue
        assert row is not None, provider.id
        assert row["Models that take images"] == f"{len(seeing)} of {len(listings)}"
        prices = sorted({x.model.unit_prices.image_input_mtok for x in seeing
                         if x.model.unit_prices and x.model.unit_prices.image_input_mtok is not None})
        cell = row["Image input price (USD per 1M tokens)"]
        if prices:
            assert cell.startswith(", ".join(fmt.price(p) for p in prices))
        else:
            assert cell == "no separate price listed"
        counted = row["How an image is counted"]
        if provider.id in rules:
            assert counted.startswith(rules[provider.id].rule)
        else:
            assert counted == "no rule in the sources read"
    assert "xai" in {p for p in (r.removeprefix("image-input-") for r in found)}, "the real data prices xAI's image input"


def test_the_real_media_data_is_sourced_dated_and_names_the_providers_the_site_covers(real: Dataset) -> None:
    today = dt.date.today()
    providers = {p.id for p in real.providers}
    lists = [real.media_prices.embeddings, real.media_prices.transcription, real.media_prices.speech,
             real.media_prices.image_generation]
    for entries in lists:
        for entry in entries:
            assert entry.source.startswith("https://") and entry.verified <= today and entry.provider in providers
    assert 6 <= len(real.media_prices.embeddings) <= 12


def test_a_page_calling_a_media_table_without_data_media_yaml_stops_with_the_file_named(fixture_data: Dataset) -> None:
    from dataclasses import replace
    with pytest.raises(KeyError, match="data/media.yaml"):
        media.embedding_table(replace(fixture_data, media=None), LINKS)


def test_the_built_page_shows_every_table(built_site: Path) -> None:
    html = (built_site / "media" / "index.html").read_text(encoding="utf-8")
    captions = re.findall(r"<caption>(.*?)</caption>", html, re.S)
    for start in ("Embedding models", "Speech-to-text models", "Text-to-speech models", "Image-generation models",
                  "Image input"):
        assert any(caption.startswith(start) for caption in captions), start
