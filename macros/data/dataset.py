"""The checked dataset that every later step reads. Built only by macros.validate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from macros.data.models import Model, NetworkProfile, Observation, Provider, Scenario


@dataclass(frozen=True)
class Listing:
    """A model together with the provider that sells it."""

    provider: Provider
    model: Model


@dataclass(eq=False)
class Dataset:
    """Providers, scenarios, latency observations and network profiles, already validated.

    Compared and hashed by identity: one build loads one Dataset, and later stages cache by it.
    """

    providers: list[Provider]
    scenarios: list[Scenario]
    monthly_volumes: list[int]
    observations: list[Observation]
    network_profiles: list[NetworkProfile]
    _listings: dict[str, Listing] = field(init=False, repr=False)
    _scenarios: dict[str, Scenario] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._listings = {m.id: Listing(p, m) for p in self.providers for m in p.models}
        self._scenarios = {s.id: s for s in self.scenarios}

    @property
    def listings(self) -> list[Listing]:
        """Every model with its provider, in file order."""
        return list(self._listings.values())

    def listing(self, model_id: str) -> Listing:
        """The model with this id; KeyError names the id when there is none."""
        try:
            return self._listings[model_id]
        except KeyError:
            raise KeyError(f"no model with id '{model_id}' in data/providers") from None

    def has_model(self, model_id: str) -> bool:
        """True when `model_id` names a model in the dataset."""
        return model_id in self._listings

    def scenario(self, scenario_id: str) -> Scenario:
        """The scenario with this id; KeyError names the id when there is none."""
        try:
            return self._scenarios[scenario_id]
        except KeyError:
            raise KeyError(f"no scenario with id '{scenario_id}' in data/scenarios.yaml") from None

    def observation(self, obs_id: str) -> Observation:
        """The latency observation with this id."""
        for obs in self.observations:
            if obs.id == obs_id:
                return obs
        raise KeyError(f"no observation with id '{obs_id}' in data/latency.yaml")

    @property
    def as_of(self) -> dt.date:
        """The newest date on which any price was checked."""
        return max(m.verified for p in self.providers for m in p.models)

    @property
    def oldest_check(self) -> dt.date:
        """The oldest date on which any price was checked."""
        return min(m.verified for p in self.providers for m in p.models)
