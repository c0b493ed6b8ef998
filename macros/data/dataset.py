"""The checked dataset that every later step reads. Built only by macros.validate."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cached_property

from macros.data import rules
from macros.data.models import (
    CapacityFile,
    Connection,
    MediaFile,
    Model,
    ModelFacts,
    ModelsFile,
    NetworkFile,
    NetworkProfile,
    Observation,
    PrivacyFile,
    Provider,
    Scenario,
    SelfHostingFile,
    TargetsFile,
    Task,
    TextSize,
    Threshold,
    UseCase,
    VerdictBand,
)


def build_day() -> dt.date:
    """The day a build counts retirements from, before the data's as-of date is taken into account: the UTC day of
    SOURCE_DATE_EPOCH when it is set (the Makefile sets it to the last commit's time, so two builds of one commit
    agree), else today's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


@dataclass(frozen=True)
class Listing:
    """A model together with the provider that sells it."""

    provider: Provider
    model: Model


@dataclass(eq=False)
class Dataset:
    """Providers, scenarios, latency observations, network facts and response-time targets, already validated.

    Compared and hashed by identity: one build loads one Dataset, and later stages cache by it.
    """

    providers: list[Provider]
    facts: ModelsFile
    """data/models.yaml: each model once, and its creators. Every entry in `providers` already carries its facts."""
    scenarios: list[Scenario]
    monthly_volumes: list[int]
    observations: list[Observation]
    network: NetworkFile
    targets: TargetsFile
    build_date: dt.date | None = None
    """The day of the build; retirements count from the later of it and the as-of date. None: the as-of date alone."""
    media: MediaFile | None = None
    """data/media.yaml: embeddings, speech and image prices in their own units; None when data/ has no such file."""
    privacy: PrivacyFile | None = None
    """data/privacy.yaml: what each provider publishes about retention, training and regions; None without the file."""
    capacity: CapacityFile | None = None
    """data/capacity.yaml: published rate limits, capacity offers and the sizing example; None when data/ has none."""
    tasks: list[Task] = field(default_factory=list)
    """Multi-step agent tasks from data/scenarios.yaml, priced per completed task."""
    selfhosting: SelfHostingFile | None = None
    """data/selfhosting.yaml: rented GPU prices and published serving throughput; None when data/ has no such file."""
    _listings: dict[str, Listing] = field(init=False, repr=False)
    _scenarios: dict[str, Scenario] = field(init=False, repr=False)
    _facts: dict[str, ModelFacts] = field(init=False, repr=False)
    _creators: dict[str, str] = field(init=False, repr=False)
    _hosts: dict[str, list[Listing]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._listings = {m.id: Listing(p, m) for p in self.providers for m in p.models}
        self._scenarios = {s.id: s for s in self.scenarios}
        self._facts = {m.id: m for m in self.facts.models}
        self._creators = {c.id: c.name for c in self.facts.creators}
        self._hosts: dict[str, list[Listing]] = {}
        for listing in self._listings.values():
            self._hosts.setdefault(listing.model.model, []).append(listing)

    @property
    def network_profiles(self) -> list[NetworkProfile]:
        """Published network presets, fastest first."""
        return self.network.profiles

    @property
    def connection(self) -> Connection:
        """Round trips a request spends before its first byte."""
        return self.network.connection

    @property
    def text_size(self) -> TextSize:
        """How many bytes of text a token becomes."""
        return self.network.text

    def network_profile(self, profile_id: str) -> NetworkProfile:
        """The network profile with this id; KeyError names the id when there is none."""
        for profile in self.network.profiles:
            if profile.id == profile_id:
                return profile
        raise KeyError(f"no network profile with id '{profile_id}' in data/network.yaml")

    @property
    def media_prices(self) -> MediaFile:
        """data/media.yaml; a page that shows its prices stops the build, naming the file, when data/ has none."""
        if self.media is None:
            raise KeyError("no data/media.yaml: the embeddings, speech and image prices live there")
        return self.media

    @property
    def privacy_facts(self) -> PrivacyFile:
        """data/privacy.yaml; a page that shows it stops the build, naming the file, when data/ has none."""
        if self.privacy is None:
            raise KeyError("no data/privacy.yaml: what providers publish about retention and training lives there")
        return self.privacy

    @property
    def capacity_facts(self) -> CapacityFile:
        """data/capacity.yaml; a page that shows its facts stops the build, naming the file, when data/ has none."""
        if self.capacity is None:
            raise KeyError("no data/capacity.yaml: the rate limits and the sizing example live there")
        return self.capacity

    @property
    def self_hosting(self) -> SelfHostingFile:
        """data/selfhosting.yaml; a page that shows its figures stops the build, naming the file, when data/ has none."""
        if self.selfhosting is None:
            raise KeyError("no data/selfhosting.yaml: the GPU prices and serving throughput live there")
        return self.selfhosting

    @property
    def thresholds(self) -> dict[str, Threshold]:
        """Response-time thresholds by id."""
        return {t.id: t for t in self.targets.thresholds}

    @property
    def verdict_bands(self) -> list[VerdictBand]:
        """How a wait reads, from the shortest band up."""
        return self.targets.verdicts

    def use_case(self, use_case_id: str) -> UseCase:
        """The use case with this id (validation has checked every scenario's)."""
        return next(case for case in self.targets.use_cases if case.id == use_case_id)

    @property
    def current_observations(self) -> list[Observation]:
        """Observations a page may use as evidence: dated, not set aside, no older than rules.CURRENT_MONTHS."""
        return [o for o in self.observations if rules.is_current(o, self.as_of)]

    @property
    def past_observations(self) -> list[Observation]:
        """The rest, shown only in the observations page's history section."""
        return [o for o in self.observations if not rules.is_current(o, self.as_of)]

    def current_observation(self, obs_id: str) -> Observation:
        """The observation with this id, which must be current: a page's example never rests on an old figure."""
        obs = self.observation(obs_id)
        if not rules.is_current(obs, self.as_of):
            why = obs.excluded_because and "it is set aside (excluded_because)" or (
                f"it dates from {obs.observed or 'no stated date'}, before {rules.current_since(self.as_of)}, "
                f"{rules.CURRENT_MONTHS} months before the data's as-of date")
            raise ValueError(f"observation '{obs_id}' cannot be used on a page: {why}; choose a current one")
        return obs

    @property
    def listings(self) -> list[Listing]:
        """Every model with its provider, in file order, retired ones included."""
        return list(self._listings.values())

    @cached_property
    def today(self) -> dt.date:
        """The day pages count retirements from: the later of the data's as-of date and the build date. A static page
        is read long after its data was checked, so a model that retired before the build must not be offered."""
        return max(self.as_of, self.build_date) if self.build_date else self.as_of

    def is_retired(self, listing: Listing) -> bool:
        """True once the model's retirement date has come, counted from `today`."""
        life = listing.model.lifecycle
        return life is not None and life.retires is not None and life.retires <= self.today

    @cached_property
    def current_listings(self) -> list[Listing]:
        """Every model still served, in file order: what provider pages, the explorer and the calculator list."""
        return [listing for listing in self._listings.values() if not self.is_retired(listing)]

    @staticmethod
    def is_superseded(listing: Listing) -> bool:
        """True when the model's maker has a newer model for the same job (ModelFacts.superseded)."""
        return listing.model.superseded is not None

    @cached_property
    def headline_listings(self) -> list[Listing]:
        """Models still served and not superseded, in file order: what the guide's comparisons, rankings, verdicts,
        charts and examples offer. A superseded model stays on its provider's page, in the explorer and in the
        calculator, marked."""
        return [listing for listing in self.current_listings if not self.is_superseded(listing)]

    def listing(self, model_id: str) -> Listing:
        """The model with this id; KeyError names the id when there is none."""
        try:
            return self._listings[model_id]
        except KeyError:
            raise KeyError(f"no model with id '{model_id}' in data/providers") from None

    def current_listing(self, model_id: str) -> Listing:
        """The model with this id, which must still be served and not superseded: a page's example never rests on a
        retired model, nor on one its maker has replaced."""
        listing = self.listing(model_id)
        if self.is_retired(listing):
            raise ValueError(f"{model_id} retired on {listing.model.lifecycle.retires}, so a page cannot use it "  # type: ignore[union-attr]
                             "as an example; choose a model still served")
        newer = listing.model.superseded
        if newer is not None:
            raise ValueError(f"{model_id} is superseded ({newer.says}), so a page cannot use it as an example; "
                             f"choose a current model{f' such as {newer.by}' if newer.by else ''}")
        return listing

    def model_facts(self, canonical_id: str) -> ModelFacts:
        """The model, whoever serves it, with this canonical id (validation has checked every entry's)."""
        return self._facts[canonical_id]

    def creator_name(self, creator_id: str) -> str:
        """The name of the creator with this id."""
        return self._creators[creator_id]

    @cached_property
    def _current_hosts(self) -> dict[str, list[Listing]]:
        return {model: [listing for listing in found if not self.is_retired(listing)] for model, found in self._hosts.items()}

    def hosts_of(self, canonical_id: str, current: bool = True) -> list[Listing]:
        """Every entry serving this model, in file order: by default only those still served. Worked out once per
        model: a provider page asks it for each of its rows, and a popular open model has dozens of hosts."""
        return list((self._current_hosts if current else self._hosts).get(canonical_id, ()))

    @cached_property
    def _by_provider(self) -> dict[str, list[Listing]]:
        found: dict[str, list[Listing]] = {p.id: [] for p in self.providers}
        for listing in self._listings.values():
            found[listing.provider.id].append(listing)
        return found

    def listings_of(self, provider_id: str, current: bool = True) -> list[Listing]:
        """The provider's models in file order: by default only those still served, else retired ones too. A list
        kept per provider, so a page per provider costs a pass over that provider's models, not over every model."""
        found = self._by_provider.get(provider_id, [])
        return [listing for listing in found if not self.is_retired(listing)] if current else list(found)

    def has_model(self, model_id: str) -> bool:
        """True when `model_id` names a model in the dataset."""
        return model_id in self._listings

    def scenario(self, scenario_id: str) -> Scenario:
        """The scenario with this id; KeyError names the id when there is none."""
        try:
            return self._scenarios[scenario_id]
        except KeyError:
            raise KeyError(f"no scenario with id '{scenario_id}' in data/scenarios.yaml") from None

    def task(self, task_id: str) -> Task:
        """The agent task with this id; KeyError names the id when there is none."""
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(f"no task with id '{task_id}' in data/scenarios.yaml")

    def observation(self, obs_id: str) -> Observation:
        """The latency observation with this id."""
        for obs in self.observations:
            if obs.id == obs_id:
                return obs
        raise KeyError(f"no observation with id '{obs_id}' in data/latency.yaml")

    # Cached: read on every page and for every figure's age, and each reading is a pass over every model
    # (with 10,000 models, most of a build's time). The dataset does not change after validation.
    @cached_property
    def as_of(self) -> dt.date:
        """The newest date on which any price was checked."""
        return max(m.verified for p in self.providers for m in p.models)

    @cached_property
    def oldest_check(self) -> dt.date:
        """The oldest date on which any price was checked."""
        return min(m.verified for p in self.providers for m in p.models)
