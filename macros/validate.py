"""Turn the files under data/ into a checked Dataset, or report every problem at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from macros import freshness
from macros.dataset import Dataset
from macros.diff import history_slips
from macros.loader import DataError, Document, Loc, Problem, Severity, dotted, load_file
from macros.models import HistoryEntry, LatencyFile, NetworkFile, Prices, Provider, ScenarioFile, Tier

M = TypeVar("M", bound=BaseModel)

_PATTERN_HINTS = {
    "https://": "must be an https:// URL",
    "[a-z0-9]+": "must be a lower-case slug: letters, digits, '-' and '.'",
    "\\d{4}": "must be a date as YYYY, YYYY-MM or YYYY-MM-DD",
    "[a-z_]+": "must be lower-case letters and '_'",
}


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx", {})
    if kind == "greater_than_equal":
        return f"must be >= {ctx['ge']}"
    if kind == "greater_than":
        return f"must be > {ctx['gt']}"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "string_pattern_mismatch":
        for needle, hint in _PATTERN_HINTS.items():
            if needle in ctx.get("pattern", ""):
                return hint
    if kind == "literal_error":
        return f"must be one of {ctx['expected']}"
    if kind.startswith("date_"):
        return "must be a date written YYYY-MM-DD"
    if kind.startswith(("decimal_", "int_", "float_", "finite_")):
        return "must be a number"
    if kind.startswith("bool_"):
        return "must be true or false"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_type":
        return "must be text; put it in quotes"
    if kind == "too_short":
        return "must not be empty"
    if kind in ("model_type", "dict_type"):
        return "must be a mapping of field: value"
    if kind == "list_type":
        return "must be a list"
    return str(error["msg"]).lower()


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if value == "":
        return "an empty value"
    return str(value)


def _data_loc(value: Any, loc: tuple[Any, ...]) -> Loc:
    """The part of a pydantic error location that exists in the data, plus a missing key."""
    kept: list[str | int] = []
    for part in loc:
        if isinstance(value, dict) and isinstance(part, str):
            if part not in value:
                kept.append(part)
                break
            value = value[part]
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            break
        kept.append(part)
    return tuple(kept)


def parse(model: type[M], doc: Document) -> tuple[M | None, list[Problem]]:
    """Validate one document against its model; problems carry file, line and field."""
    try:
        return model.model_validate(doc.value), []
    except ValidationError as exc:
        problems: dict[tuple[int, str], Problem] = {}
        for error in exc.errors():
            loc = _data_loc(doc.value, error["loc"])
            field = dotted(loc)
            got = "nothing" if error["type"] == "missing" else _shown(error["input"])
            line = doc.line_of(loc)
            problems.setdefault((line, field), Problem(doc.path, line, field, f"{_message(error)} (got {got})"))
        return None, list(problems.values())


def _provider_checks(provider: Provider, doc: Document, stem: str, today: dt.date) -> Iterator[Problem]:
    def at(loc: Loc, message: str) -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message)

    if provider.id != stem:
        yield at(("id",), f"must equal the file name '{stem}' (got {provider.id})")
    for i, model in enumerate(provider.models):
        here: Loc = ("models", i)
        if model.verified > today:
            yield at(here + ("verified",), f"must not be in the future (got {model.verified})")
        if model.released and model.released > today:
            yield at(here + ("released",), f"must not be in the future (got {model.released})")
        last = 0
        for j, tier in enumerate(model.prices.tiers):
            if tier.above_input_tokens <= last:
                loc = here + ("prices", "tiers", j, "above_input_tokens")
                yield at(loc, f"must be greater than the tier before it, {last} (got {tier.above_input_tokens})")
            last = tier.above_input_tokens
        newer = model.verified
        for j, entry in enumerate(model.history):
            if entry.until >= newer:
                loc = here + ("history", j, "until")
                after = f"verified, {newer}" if j == 0 else f"the entry above it, {newer}"
                yield at(loc, f"must be before {after}: history runs newest first (got {entry.until})")
            newer = entry.until


def _hint_checks(provider: Provider, doc: Document) -> Iterator[Problem]:
    """Mistakes contributors make, each with a hint: a cache read dearer than a fresh token (error),
    a price a thousandfold off the one before it (error), output cheaper than input (warning)."""
    def at(loc: Loc, message: str, severity: Severity = "error") -> Problem:
        return Problem(doc.path, doc.line_of(loc), dotted(loc), message, severity)

    for i, model in enumerate(provider.models):
        here: Loc = ("models", i)
        priced: list[tuple[Loc, Prices | Tier | HistoryEntry]] = [(here + ("prices",), model.prices)]
        priced += [(here + ("prices", "tiers", j), tier) for j, tier in enumerate(model.prices.tiers)]
        priced += [(here + ("history", j), entry) for j, entry in enumerate(model.history)]
        for loc, band in priced:
            if band.cached_input_mtok is not None and band.cached_input_mtok > band.input_mtok:
                yield at(loc + ("cached_input_mtok",),
                         f"must not exceed input_mtok, {band.input_mtok}: a cache read costs less than a fresh "
                         f"input token, so check the two are not swapped (got {band.cached_input_mtok})")
        prices = model.prices
        if prices.output_mtok < prices.input_mtok:
            yield at(here + ("prices", "output_mtok"),
                     f"is below input_mtok, {prices.input_mtok}: output almost always costs more than input, "
                     f"so check the two are not swapped (got {prices.output_mtok})", "warning")
        if model.history:
            for name, hint in history_slips(prices, model.history[0]):
                yield at(here + ("prices", name), f"{hint} (got {getattr(prices, name)})")


def _freshness_checks(provider: Provider, doc: Document, today: dt.date, max_age: int | None) -> Iterator[Problem]:
    """A warning for each price checked more than 90 days ago; an error past `max_age` days, if given."""
    severity: Severity
    for i, model in enumerate(provider.models):
        age = freshness.age_days(model.verified, today)
        if max_age is not None and age > max_age:
            limit, severity = max_age, "error"
        elif freshness.is_due(model.verified, today):
            limit, severity = freshness.STALE_AFTER_DAYS, "warning"
        else:
            continue
        loc: Loc = ("models", i, "verified")
        yield Problem(
            doc.path, doc.line_of(loc), dotted(loc),
            f"was checked {age} days ago, more than {limit}: read the source again, then update the prices "
            f"and this date (got {model.verified})",
            severity,
        )


def _scenario_checks(scenarios: ScenarioFile, doc: Document) -> Iterator[Problem]:
    for i, s in enumerate(scenarios.scenarios):
        if s.cached_input_tokens > s.input_tokens:
            loc: Loc = ("scenarios", i, "cached_input_tokens")
            yield Problem(
                doc.path, doc.line_of(loc), dotted(loc),
                f"must not exceed input_tokens, {s.input_tokens} (got {s.cached_input_tokens})",
            )
    volumes = scenarios.monthly_volumes
    for i in range(1, len(volumes)):
        if volumes[i] <= volumes[i - 1]:
            loc = ("monthly_volumes", i)
            yield Problem(doc.path, doc.line_of(loc), dotted(loc), f"must increase (got {volumes[i]} after {volumes[i - 1]})")


def _latency_checks(latency: LatencyFile, doc: Document, today: dt.date) -> Iterator[Problem]:
    for i, obs in enumerate(latency.observations):
        if obs.observed > today.isoformat()[: len(obs.observed)]:
            loc: Loc = ("observations", i, "observed")
            yield Problem(doc.path, doc.line_of(loc), dotted(loc), f"must not be in the future (got {obs.observed})")


def _unique(items: Iterable[tuple[str, Document, Loc]], what: str) -> Iterator[Problem]:
    seen: dict[str, tuple[Document, Loc]] = {}
    for key, doc, loc in items:
        if key in seen:
            first_doc, first_loc = seen[key]
            yield Problem(
                doc.path, doc.line_of(loc), dotted(loc),
                f"{what} must be unique; first used at {first_doc.path}:{first_doc.line_of(first_loc)} (got {key})",
            )
        else:
            seen[key] = (doc, loc)


def _display(file: Path, root: Path) -> str:
    file = file.resolve()
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)


@dataclass
class _Checked:
    """What checking the files found: the parsed parts and every problem."""

    problems: list[Problem] = field(default_factory=list)
    providers: list[Provider] = field(default_factory=list)
    model_ids: list[tuple[str, Document, Loc]] = field(default_factory=list)
    scenarios: ScenarioFile | None = None
    latency: LatencyFile | None = None
    network: NetworkFile | None = None
    max_age: int | None = None

    def add(self, file: Path, root: Path, today: dt.date) -> None:
        """Load and check one file; its kind follows from its name."""
        try:
            doc = load_file(file, _display(file, root))
        except DataError as exc:
            self.problems += exc.problems
            return
        if file.name == "scenarios.yaml":
            self.scenarios, found = parse(ScenarioFile, doc)
            self.problems += found
            if self.scenarios is not None:
                self.problems += _scenario_checks(self.scenarios, doc)
                ids = ((s.id, doc, ("scenarios", i, "id")) for i, s in enumerate(self.scenarios.scenarios))
                self.problems += _unique(ids, "scenario id")
        elif file.name == "latency.yaml":
            self.latency, found = parse(LatencyFile, doc)
            self.problems += found
            if self.latency is not None:
                self.problems += _latency_checks(self.latency, doc, today)
                ids = ((o.id, doc, ("observations", i, "id")) for i, o in enumerate(self.latency.observations))
                self.problems += _unique(ids, "observation id")
        elif file.name == "network.yaml":
            self.network, found = parse(NetworkFile, doc)
            self.problems += found
            if self.network is not None:
                for i, profile in enumerate(self.network.profiles):
                    if profile.checked > today:
                        loc: Loc = ("profiles", i, "checked")
                        self.problems.append(
                            Problem(doc.path, doc.line_of(loc), dotted(loc), f"must not be in the future (got {profile.checked})")
                        )
                ids = ((p.id, doc, ("profiles", i, "id")) for i, p in enumerate(self.network.profiles))
                self.problems += _unique(ids, "profile id")
        else:
            provider, found = parse(Provider, doc)
            self.problems += found
            if provider is not None:
                self.problems += _provider_checks(provider, doc, file.stem, today)
                self.problems += _hint_checks(provider, doc)
                self.problems += _freshness_checks(provider, doc, today, self.max_age)
                self.model_ids += [(m.id, doc, ("models", i, "id")) for i, m in enumerate(provider.models)]
                self.providers.append(provider)


def _errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def review_files(files: Iterable[Path], root: Path, today: dt.date | None = None,
                 max_age: int | None = None) -> list[Problem]:
    """Check the given files on their own; return every error and warning.

    Prices checked more than 90 days before `today` are warnings; with `max_age`, those checked
    more than `max_age` days before are errors.
    """
    checked = _Checked(max_age=max_age)
    for file in files:
        checked.add(file, root, today or dt.date.today())
    return checked.problems + list(_unique(checked.model_ids, "model id"))


def check_files(files: Iterable[Path], root: Path, today: dt.date | None = None) -> list[Problem]:
    """Check the given files on their own (no cross-file checks beyond them); return every error."""
    return _errors(review_files(files, root, today))


def review_dataset(data_dir: Path, today: dt.date | None = None,
                   max_age: int | None = None) -> tuple[Dataset | None, list[Problem]]:
    """Load and check everything under `data_dir`: the dataset (None when there is an error) and
    every error and warning."""
    today = today or dt.date.today()
    root = data_dir.resolve().parent
    checked = _Checked(max_age=max_age)
    provider_files = sorted((data_dir / "providers").glob("*.yaml"))
    if not provider_files:
        checked.problems.append(Problem(_display(data_dir / "providers", root), 1, "", "no provider files (got none)"))
    for file in [*provider_files, *(data_dir / name for name in ("scenarios.yaml", "latency.yaml", "network.yaml"))]:
        if not file.exists():
            checked.problems.append(Problem(_display(file, root), 1, "", "file is missing (got no file)"))
            continue
        checked.add(file, root, today)
    checked.problems += _unique(checked.model_ids, "model id")
    if _errors(checked.problems) or checked.scenarios is None or checked.latency is None or checked.network is None:
        return None, checked.problems
    dataset = Dataset(
        checked.providers,
        checked.scenarios.scenarios,
        checked.scenarios.monthly_volumes,
        checked.latency.observations,
        checked.network.profiles,
    )
    return dataset, checked.problems


def load_dataset(data_dir: Path, today: dt.date | None = None) -> Dataset:
    """Load and check everything under `data_dir`; raise DataError listing every error (warnings never stop it)."""
    dataset, problems = review_dataset(data_dir, today)
    if dataset is None:
        raise DataError(_errors(problems))
    return dataset
