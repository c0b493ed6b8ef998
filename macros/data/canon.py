"""One model, many hosts: each host's entry names its model, and the model's own facts are copied onto it.

A fact of the model (creator, release date, open weights, thinking, a newer model in its place) is written once,
in data/models.yaml; prices, caching, tiers, limits and lifecycle are written per host in data/providers/. Reading the data joins
the two, so every later stage sees complete entries and never looks in two places. A host entry that writes
a fact its model already gives is an error: two copies would drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from macros.data import rules
from macros.data.models import Model, ModelFacts, ModelsFile, Provider
from macros.data.problems import Loc, Problem, dotted
from macros.data.reader import Document

SHARED = ("released", "open_weights", "reasoning", "superseded")
"""The facts of the model that a host entry takes from data/models.yaml."""
NO_MODELS = ModelsFile.model_construct(creators=[], models=[])
"""What a data/ folder without models.yaml holds: no shared model."""


def facts_checks(models: ModelsFile, doc: Document) -> Iterator[Problem]:
    """data/models.yaml on its own: ids once each, every creator known, thinking facts that agree."""
    def at(loc: Loc, message: str) -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

    creators = {c.id for c in models.creators}
    known = {m.id for m in models.models}
    yield from rules.unique([(c.id, doc, ("creators", i, "id")) for i, c in enumerate(models.creators)], "creator id")
    yield from rules.unique([(m.id, doc, ("models", i, "id")) for i, m in enumerate(models.models)], "model id")
    for i, model in enumerate(models.models):
        if model.creator not in creators:
            yield at(("models", i, "creator"), f"must be the id of one of creators: {', '.join(sorted(creators))} "
                                               f"(got {model.creator})")
        yield from rules.reasoning_checks(model.reasoning, ("models", i, "reasoning"), at)
        newer = model.superseded.by if model.superseded else None
        if newer is not None and (newer not in known or newer == model.id):
            yield at(("models", i, "superseded", "by"), f"must be the id of another model in models (got {newer})")


def _joined(entry: Model, facts: dict[str, ModelFacts], here: Loc, at: Callable[[Loc, str], Problem],
            ) -> tuple[Model, list[Problem]]:
    """The entry with its model's facts, and what is wrong with how it names them."""
    if entry.model is None:  # a model of its own, which no other host serves: its entry gives its facts
        problems = []
        if entry.open_weights is None:
            problems.append(at(here, "needs open_weights, or a model: naming its entry in data/models.yaml (got neither)"))
        newer = entry.superseded.by if entry.superseded else None
        if newer is not None and newer not in facts:
            problems.append(at(here + ("superseded", "by"), f"must be the id of a model in data/models.yaml (got {newer})"))
        return entry, problems
    model = facts.get(entry.model)
    if model is None:
        return entry, [at(here + ("model",), f"must be the id of a model in data/models.yaml (got {entry.model})")]
    problems = []
    if entry.creator is not None:
        problems.append(at(here + ("creator",), f"comes from the model in data/models.yaml ({model.creator}); "
                                                f"remove it here (got {entry.creator})"))
    for name in SHARED:
        if getattr(entry, name) is not None:
            problems.append(at(here + (name,), f"is a fact of the model, written once in data/models.yaml "
                                               f"under {model.id}; remove it here (got {getattr(entry, name)})"))
    return entry.model_copy(update={"creator": model.creator, **{name: getattr(model, name) for name in SHARED}}), problems


def facts_by_id(models: ModelsFile) -> dict[str, ModelFacts]:
    """Each model's facts in data/models.yaml, by its id."""
    return {m.id: m for m in models.models}


def resolve(provider: Provider, doc: Document, facts: dict[str, ModelFacts]) -> tuple[Provider, list[Problem]]:
    """The provider with each entry's model facts filled in from data/models.yaml (`facts_by_id`), and the problems
    found."""
    entries, problems = [], []
    for i, entry in enumerate(provider.models):
        here: Loc = ("models", i)

        def at(loc: Loc, message: str) -> Problem:
            return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

        full, found = _joined(entry, facts, here, at)
        problems += found
        problems += rules.thinking_price_checks(full, here, at)
        for j, old in enumerate(full.history):
            if full.released and old.until < full.released:
                problems.append(at(here + ("history", j, "until"),
                                   f"must not be before the model's release, {full.released}: it had no price then "
                                   f"(got {old.until})"))
        entries.append(full)
    return provider.model_copy(update={"models": entries}), problems
