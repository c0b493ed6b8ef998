"""Turn the files under data/ into a checked Dataset, or report every problem at once.

The types come from macros.data.models and every other rule from macros.data.rules; this module
finds the files, applies both, and gathers what they report.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from macros import collector, cores
from macros.data import canon, files, rules
from macros.data.dataset import Dataset, build_day
from macros.data.models import (
    CapacityFile,
    LatencyFile,
    MediaFile,
    ModelsFile,
    NetworkFile,
    PrivacyFile,
    Provider,
    ScenarioFile,
    SelfHostingFile,
    TargetsFile,
    UpstreamFile,
)
from macros.data.problems import DataError, Loc, Problem, dotted
from macros.data.reader import SHOWN_CHARS, Document, Read, load_file, read_quickly, shown

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
    if kind.startswith("ifg_"):  # raised by macros.data.types with its own wording
        return str(error["msg"])
    if kind == "greater_than_equal":
        return f"must be >= {ctx['ge']}"
    if kind == "greater_than":
        return f"must be > {ctx['gt']}"
    if kind == "less_than_equal":
        return f"must be <= {_bound(ctx['le'])}"
    if kind in ("string_too_long", "too_long") and isinstance(error.get("input"), str):
        return f"must be at most {ctx['max_length']:,} characters"
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
    return str(error["msg"])


def _bound(value: object) -> str:
    """A limit from a pydantic error, which may arrive as the text "Decimal('100000')"."""
    text = str(value)
    return text.removeprefix("Decimal('").removesuffix("')")


def _shown(value: Any) -> str:
    """The offending value as a message quotes it: short, one line (Problem escapes what is left)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if value == "":
        return "an empty value"
    if isinstance(value, int) and abs(value).bit_length() > 1000:  # str() refuses an int of more than 4,300 digits
        return f"a whole number of about {int(abs(value).bit_length() * 0.30103):,} digits"
    text = f"{value:f}" if isinstance(value, Decimal) else str(value)
    if len(text) > SHOWN_CHARS:
        return f"{shown(text)} ({len(text):,} characters)"
    return text


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
    """Validate one document against its model; problems carry file, line and field.

    What the reader refused comes first; the schema then reports everything else in the file, but nothing
    more about a value the reader already refused. A document the reader refused part of may still parse (a
    duplicate key keeps its first value), so the rules can report on it in the same run too.
    """
    try:
        return model.model_validate(doc.value), list(doc.problems)
    except ValidationError as exc:
        problems: dict[tuple[int, str], Problem] = {(p.line, p.field): p for p in doc.problems}
        for error in exc.errors():
            loc = _data_loc(doc.value, error["loc"])
            field = dotted(loc)
            if field in doc.refused:
                continue
            got = "nothing" if error["type"] == "missing" else _shown(error["input"])
            line = doc.line_of(loc)
            problems.setdefault((line, field), Problem(doc.path, line, field, f"{_message(error)} (got {got})"))
        return None, list(problems.values())


@dataclass
class _Checked:
    """What checking the files found: the parsed parts and every problem."""

    problems: list[Problem] = field(default_factory=list)
    model_ids: list[tuple[str, Document, Loc]] = field(default_factory=list)
    model_names: list[rules.NamedModel] = field(default_factory=list)
    provider_ids: list[tuple[str, Document, Loc]] = field(default_factory=list)
    scenarios: ScenarioFile | None = None
    latency: LatencyFile | None = None
    network: NetworkFile | None = None
    targets: TargetsFile | None = None
    scenarios_doc: Document | None = None
    facts: ModelsFile | None = None
    facts_doc: Document | None = None
    provider_docs: list[tuple[Provider, Document]] = field(default_factory=list)
    upstream: UpstreamFile | None = None
    upstream_doc: Document | None = None
    media: MediaFile | None = None
    media_doc: Document | None = None
    privacy: PrivacyFile | None = None
    privacy_doc: Document | None = None
    model_owners: dict[str, str] = field(default_factory=dict)
    """Each model id in data/providers, with the id of the provider that serves it."""
    capacity: CapacityFile | None = None
    capacity_doc: Document | None = None
    selfhosting: SelfHostingFile | None = None
    selfhosting_doc: Document | None = None
    max_age: int | None = None
    warn: bool = True
    """Whether to look for what only warns: a price due for a check. A build shows no warning, and each one names a
    line, which in a file the fast path read costs a second reading of that file."""

    def add(self, file: Path, root: Path, today: dt.date, read: Read | None = None) -> None:
        """Load and check one regular .yaml file; its kind follows from its name. `read` is what
        `reader.read_quickly` already made of it, if anything."""
        try:
            doc = load_file(file, files.display(file, root), keep_going=True, read=read)
        except DataError as exc:
            self.problems += exc.problems
            return
        if file.name == "models.yaml":
            self.facts, found = parse(ModelsFile, doc)
            self.facts_doc = doc
            self.problems += found
            if self.facts is not None:
                self.problems += canon.facts_checks(self.facts, doc)
                self.problems += rules.id_checks([(m.id, doc, ("models", i, "id")) for i, m in enumerate(self.facts.models)])
        elif file.name == "scenarios.yaml":
            self.scenarios, found = parse(ScenarioFile, doc)
            self.scenarios_doc = doc
            self.problems += found
            if self.scenarios is not None:
                self.problems += rules.scenario_checks(self.scenarios, doc)
                ids = [(s.id, doc, ("scenarios", i, "id")) for i, s in enumerate(self.scenarios.scenarios)]
                ids += [(t.id, doc, ("tasks", i, "id")) for i, t in enumerate(self.scenarios.tasks)]
                self.problems += rules.unique(ids, "scenario id")
                self.problems += rules.id_checks(ids)
        elif file.name == "latency.yaml":
            self.latency, found = parse(LatencyFile, doc)
            self.problems += found
            if self.latency is not None:
                self.problems += rules.latency_checks(self.latency, doc, today)
                ids = [(o.id, doc, ("observations", i, "id")) for i, o in enumerate(self.latency.observations)]
                self.problems += rules.unique(ids, "observation id")
                self.problems += rules.observation_id_checks(self.latency, doc)
        elif file.name == "targets.yaml":
            self.targets, found = parse(TargetsFile, doc)
            self.problems += found
            if self.targets is not None:
                self.problems += rules.targets_checks(self.targets, doc, today)
                for name, items in (("thresholds", self.targets.thresholds), ("use_cases", self.targets.use_cases)):
                    ids = [(item.id, doc, (name, i, "id")) for i, item in enumerate(items)]
                    self.problems += rules.unique(ids, name.replace("_", " ")[:-1] + " id")
                    self.problems += rules.id_checks(ids)
        elif file.name == "upstream.yaml":
            self.upstream, found = parse(UpstreamFile, doc)
            self.upstream_doc = doc
            self.problems += found
        elif file.name == "capacity.yaml":
            self.capacity, found = parse(CapacityFile, doc)
            self.capacity_doc = doc
            self.problems += found
            if self.capacity is not None:
                self.problems += rules.capacity_checks(self.capacity, doc, today)
        elif file.name == "media.yaml":
            self.media, found = parse(MediaFile, doc)
            self.media_doc = doc
            self.problems += found
            if self.media is not None:
                self.problems += rules.media_checks(self.media, doc, today)
                ids = [(entry.id, doc, (name, i, "id")) for name in rules.MEDIA_LISTS
                       for i, entry in enumerate(getattr(self.media, name))]
                self.problems += rules.unique(ids, "media id")
                self.problems += rules.id_checks(ids)
        elif file.name == "privacy.yaml":
            self.privacy, found = parse(PrivacyFile, doc)
            self.privacy_doc = doc
            self.problems += found
            if self.privacy is not None:
                self.problems += rules.privacy_checks(self.privacy, doc, today)
        elif file.name == "selfhosting.yaml":
            self.selfhosting, found = parse(SelfHostingFile, doc)
            self.selfhosting_doc = doc
            self.problems += found
            if self.selfhosting is not None:
                self.problems += rules.selfhosting_checks(self.selfhosting, doc, today)
                ids = [(item.id, doc, (name, i, "id")) for name in ("gpu_offers", "throughput")
                       for i, item in enumerate(getattr(self.selfhosting, name))]
                self.problems += rules.unique(ids, "self-hosting id")
                self.problems += rules.id_checks(ids)
        elif file.name == "network.yaml":
            self.network, found = parse(NetworkFile, doc)
            self.problems += found
            if self.network is not None:
                self.problems += rules.network_checks(self.network, doc, today)
                ids = [(p.id, doc, ("profiles", i, "id")) for i, p in enumerate(self.network.profiles)]
                self.problems += rules.unique(ids, "profile id")
                self.problems += rules.id_checks(ids)
        else:
            provider, found = parse(Provider, doc)
            self.problems += found
            if provider is not None:
                self.problems += rules.provider_checks(provider, doc, file.stem, today)
                self.problems += rules.hint_checks(provider, doc)
                self.problems += rules.freshness_checks(provider, doc, today, self.max_age, self.warn)
                models = [(m.id, doc, ("models", i, "id")) for i, m in enumerate(provider.models)]
                self.model_owners.update((m.id, provider.id) for m in provider.models)
                self.problems += rules.id_checks([(provider.id, doc, ("id",)), *models])
                self.model_ids += models
                self.provider_ids.append((provider.id, doc, ("id",)))
                self.model_names += [(provider.id, m.id, m.name, doc, ("models", i, "name"))
                                     for i, m in enumerate(provider.models)]
                self.provider_docs.append((provider, doc))


def _errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def review_files(paths: Iterable[Path], root: Path, today: dt.date | None = None,
                 max_age: int | None = None) -> list[Problem]:
    """Check the given files on their own; return every error and warning.

    Prices checked more than 90 days before `today` are warnings; with `max_age`, those checked
    more than `max_age` days before are errors.
    """
    checked = _Checked(max_age=max_age)
    for file in paths:
        problem = files.check_file(file, root)
        if problem:
            checked.problems.append(problem)
        else:
            checked.add(file, root, today or dt.date.today())
    return (checked.problems + list(rules.unique(checked.model_ids, "model id"))
            + list(rules.lookalike_checks(checked.model_ids, checked.model_names)))


def check_files(paths: Iterable[Path], root: Path, today: dt.date | None = None) -> list[Problem]:
    """Check the given files on their own (no cross-file checks beyond them); return every error."""
    return _errors(review_files(paths, root, today))


def review_dataset(data_dir: Path, today: dt.date | None = None, max_age: int | None = None,
                   build_date: dt.date | None = None, warn: bool = True) -> tuple[Dataset | None, list[Problem]]:
    """Load and check everything under `data_dir`: the dataset (None when there is an error) and
    every error and warning (without `warn`, not the prices due for a check). `today` is what no date may pass;
    `build_date` (by default the build's day, see dataset.build_day) is what retirements count from."""
    with collector.paused():
        return _review_dataset(data_dir, today, max_age, build_date, warn)


def _review_dataset(data_dir: Path, today: dt.date | None, max_age: int | None,
                    build_date: dt.date | None, warn: bool) -> tuple[Dataset | None, list[Problem]]:
    today = today or dt.date.today()
    root = Path(os.path.abspath(data_dir)).parent
    checked = _Checked(max_age=max_age, warn=warn)
    found = files.find(data_dir)
    checked.problems += found.problems
    # models.yaml comes first, so each provider's entries take their models' facts as soon as the provider is read.
    singles = sorted(found.singles.values(), key=lambda path: path.name != "models.yaml")
    paths = singles[:1] + found.providers + singles[1:]
    facts = canon.NO_MODELS
    known = canon.facts_by_id(facts)
    resolved: list[Provider] = []
    # The second core reads each file's YAML while this one checks the files already read.
    for file, read in zip(paths, cores.ahead(read_quickly, paths), strict=True):
        checked.add(file, root, today, read)
        if checked.facts is not None and facts is not checked.facts:
            facts, known = checked.facts, canon.facts_by_id(checked.facts)
        for provider, doc in checked.provider_docs[len(resolved):]:
            provider, problems = canon.resolve(provider, doc, known)
            resolved.append(provider)
            checked.problems += problems
    checked.problems += rules.unique(checked.model_ids, "model id")
    checked.problems += rules.lookalike_checks(checked.model_ids, checked.model_names)
    if checked.upstream is not None and checked.upstream_doc is not None:
        checked.problems += rules.upstream_checks(checked.upstream, checked.upstream_doc,
                                                  (model_id for model_id, _, _ in checked.model_ids))
    if checked.capacity is not None and checked.capacity_doc is not None:
        checked.problems += rules.capacity_provider_checks(checked.capacity, checked.capacity_doc,
                                                           (provider_id for provider_id, _, _ in checked.provider_ids))
    if checked.media is not None and checked.media_doc is not None:
        checked.problems += rules.media_provider_checks(checked.media, checked.media_doc,
                                                        (provider_id for provider_id, _, _ in checked.provider_ids))
    if checked.privacy is not None and checked.privacy_doc is not None:
        checked.problems += rules.privacy_reference_checks(checked.privacy, checked.privacy_doc, checked.model_owners)
    if checked.selfhosting is not None and checked.selfhosting_doc is not None and checked.scenarios is not None:
        served = {model.model or model.id for provider in resolved for model in provider.models}
        checked.problems += rules.selfhosting_dataset_checks(checked.selfhosting, checked.selfhosting_doc, served,
                                                             (s.id for s in checked.scenarios.scenarios))
    docs = root / "docs"
    if os.path.isdir(docs) and not os.path.islink(docs):  # a project, not a folder of data on its own (as in tests)
        checked.problems += rules.provider_page_checks(checked.provider_ids, docs)
    if checked.scenarios is not None and checked.scenarios_doc is not None and checked.targets is not None:
        checked.problems += rules.use_case_checks(checked.scenarios, checked.scenarios_doc, checked.targets)
    if (_errors(checked.problems) or checked.scenarios is None or checked.latency is None or checked.network is None
            or checked.targets is None):
        return None, checked.problems
    dataset = Dataset(
        resolved,
        facts,
        checked.scenarios.scenarios,
        checked.scenarios.monthly_volumes,
        checked.latency.observations,
        checked.network,
        checked.targets,
        build_date or build_day(),
        checked.media,
        checked.privacy,
        checked.capacity,
        checked.scenarios.tasks,
        checked.selfhosting,
    )
    return dataset, checked.problems


def load_dataset(data_dir: Path, today: dt.date | None = None, build_date: dt.date | None = None) -> Dataset:
    """Load and check everything under `data_dir`; raise DataError listing every error (warnings never stop it, and
    are not looked for)."""
    dataset, problems = review_dataset(data_dir, today, build_date=build_date, warn=False)
    if dataset is None:
        raise DataError(_errors(problems))
    return dataset
