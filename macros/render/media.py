"""Images, audio and embeddings: data/media.yaml's prices, each in the unit it is billed in, and how each provider
counts an input image's tokens. Costs are worked out here from the data and a stated assumption, never typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from macros import currency
from macros.data.dataset import Dataset
from macros.data.models import (
    EmbeddingPrice,
    ImageGenerationPrice,
    ImageInputRule,
    MediaEntry,
    SpeechPrice,
    TranscriptionPrice,
)
from macros.render.environment import render
from macros.render.links import Links

MILLION = Decimal(1_000_000)
SECONDS_PER_MINUTE = 60
SECONDS_PER_HOUR = 3600
VOICE_SCENARIO = "voice-turn"
"""The scenario whose spoken answer the text-to-speech table prices: the guide's voice assistant turn."""


@dataclass(frozen=True)
class MediaRow:
    """One priced model with its provider's name, and the figures its table shows."""

    entry: MediaEntry
    provider: str
    """The provider's name, from data/providers."""
    figures: tuple[Decimal | None, ...]
    """The table's computed figures for this model, in its column order (None: not listed)."""


def _provider_names(dataset: Dataset) -> dict[str, str]:
    return {p.id: p.name for p in dataset.providers}


def _rows(dataset: Dataset, entries: Sequence[MediaEntry], figures: dict[str, tuple[Decimal | None, ...]]) -> list[MediaRow]:
    """The entries grouped by provider name, then by name: a price list, not a ranking by price."""
    names = _provider_names(dataset)
    found = [MediaRow(entry, names[entry.provider], figures[entry.id]) for entry in entries]
    return sorted(found, key=lambda row: (row.provider.casefold(), row.entry.name.casefold()))


def _as_of(entries: Sequence[MediaEntry]) -> dt.date:
    return max(entry.verified for entry in entries)


def corpus_tokens(dataset: Dataset) -> int:
    """The input tokens of the example corpus: documents times tokens per document."""
    corpus = dataset.media_prices.corpus
    return corpus.documents * corpus.tokens_per_document


def embedding_cost(entry: EmbeddingPrice, tokens: int) -> Decimal:
    """USD to embed `tokens` input tokens once at the model's list price."""
    return entry.input_mtok * tokens / MILLION


def per_minute(entry: TranscriptionPrice) -> Decimal:
    """USD per minute of audio, from the price per second."""
    return entry.usd_per_second * SECONDS_PER_MINUTE


def per_hour(entry: TranscriptionPrice) -> Decimal:
    """USD per hour of audio, from the price per second."""
    return entry.usd_per_second * SECONDS_PER_HOUR


def spoken_characters(dataset: Dataset, scenario: str = VOICE_SCENARIO) -> int:
    """Characters in the scenario's answer: its output tokens times the published characters per token."""
    ratio = dataset.text_size.characters_per_token
    return int(dataset.scenario(scenario).output_tokens * ratio)


def speech_cost(entry: SpeechPrice, characters: int) -> Decimal:
    """USD to read `characters` characters aloud once."""
    return entry.input_mchar * characters / MILLION


def embedding_table(dataset: Dataset, links: Links) -> str:
    """Every embedding model's price per million input tokens (and through the batch API, where listed), and what
    embedding the example corpus once costs, with what the example assumes."""
    media = dataset.media_prices
    tokens = corpus_tokens(dataset)
    figures = {e.id: (embedding_cost(e, tokens),) for e in media.embeddings}
    return render("media_embeddings.html", rows=_rows(dataset, media.embeddings, figures), corpus=media.corpus,
                  tokens=tokens, as_of=_as_of(media.embeddings), links=links,
                  currencies=currency.rates(dataset.today))


def transcription_table(dataset: Dataset, links: Links) -> str:
    """Every speech-to-text model's price per minute and per hour of audio, from its price per second."""
    media = dataset.media_prices
    figures = {e.id: (per_minute(e), per_hour(e)) for e in media.transcription}
    return render("media_transcription.html", rows=_rows(dataset, media.transcription, figures),
                  as_of=_as_of(media.transcription), links=links,
                  currencies=currency.rates(dataset.today))


def speech_table(dataset: Dataset, links: Links, scenario: str = VOICE_SCENARIO) -> str:
    """Every text-to-speech model's price per million characters, and what reading the `scenario`'s answer aloud
    costs. Its length in characters comes from its output tokens and the characters per token data/network.yaml
    gives, with that figure's source."""
    media = dataset.media_prices
    characters = spoken_characters(dataset, scenario)
    figures = {e.id: (speech_cost(e, characters),) for e in media.speech}
    return render("media_speech.html", rows=_rows(dataset, media.speech, figures), scenario=dataset.scenario(scenario),
                  characters=characters, text=dataset.text_size, as_of=_as_of(media.speech), links=links,
                  currencies=currency.rates(dataset.today))


def image_generation_table(dataset: Dataset, links: Links) -> str:
    """Every image-generation model's price per image and per million image tokens, each where the source lists it."""
    media = dataset.media_prices
    figures: dict[str, tuple[Decimal | None, ...]] = {
        e.id: (e.usd_per_image, e.output_image_mtok) for e in media.image_generation}
    entries: list[ImageGenerationPrice] = media.image_generation
    return render("media_images.html", rows=_rows(dataset, entries, figures), as_of=_as_of(entries), links=links,
                  currencies=currency.rates(dataset.today))


@dataclass(frozen=True)
class ImageInputRow:
    """One provider whose current models take images: how many do, what an image token costs, and the counting rule."""

    provider_id: str
    provider: str
    models: int
    """Current models in the guide from this provider that take images."""
    of: int
    """Current models in the guide from this provider."""
    prices: tuple[Decimal, ...]
    """The distinct image input prices its models list apart from text, lowest first; empty when none lists one."""
    priced: int
    """How many of its image models list an image input price."""
    rule: ImageInputRule | None


def image_input_rows(dataset: Dataset) -> list[ImageInputRow]:
    """Each provider with a current model that takes images, in the order of its name."""
    rules = {rule.provider: rule for rule in dataset.media_prices.image_input}
    found = []
    for provider in dataset.providers:
        listings = [x for x in dataset.listings_of(provider.id) if not dataset.is_superseded(x)]
        seeing = [x for x in listings if x.model.inputs is not None and "image" in x.model.inputs]
        if not seeing:
            continue
        prices = [x.model.unit_prices.image_input_mtok for x in seeing
                  if x.model.unit_prices is not None and x.model.unit_prices.image_input_mtok is not None]
        found.append(ImageInputRow(provider.id, provider.name, len(seeing), len(listings), tuple(sorted(set(prices))),
                                   len(prices), rules.get(provider.id)))
    return sorted(found, key=lambda row: row.provider.casefold())


def image_input_table(dataset: Dataset, links: Links) -> str:
    """For each provider whose current models take images: how many do, whether an image token is priced apart from
    text, and the rule it publishes for counting an image's tokens, or that the sources read give none."""
    found = image_input_rows(dataset)
    if not found:
        raise ValueError("no current model in data/providers takes images, so there is nothing to show")
    rules = [row.rule for row in found if row.rule is not None]
    return render("media_image_input.html", rows=found, with_rule=len(rules), as_of=dataset.as_of, links=links,
                  scenario=next((s for s in dataset.scenarios if s.image_tokens), None),
                  currencies=currency.rates(dataset.today))
