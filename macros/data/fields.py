"""Field lists derived from the typed models, so that a new field is typed once, in the model.

Money fields are the ones whose name ends in a unit of money: `_mtok` (US dollars per million tokens),
`_per_1k_calls` (US dollars per 1,000 tool calls), `_mchar` (US dollars per million characters, data/media.yaml's
speech), `_per_image` (US dollars per image made) or `_per_hour` (US dollars per hour of a rented GPU server,
data/selfhosting.yaml). Units live in field names, and a test holds every
price field, in every model, to that rule.
"""

from __future__ import annotations

from functools import cache
from typing import Literal, get_args, get_origin

from pydantic import BaseModel

MONEY_SUFFIXES = ("_mtok", "_per_1k_calls", "_mchar", "_per_image", "_per_hour", "_mtok_hour")


@cache
def money_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The model's price fields, in the order the model declares them."""
    return tuple(name for name in model.model_fields if name.endswith(MONEY_SUFFIXES))


def shared_money_fields(*models: type[BaseModel]) -> tuple[str, ...]:
    """The price fields that every one of `models` carries, in the first model's order."""
    first, *others = models
    return tuple(name for name in money_fields(first) if all(name in other.model_fields for other in others))


@cache
def scalar_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """Fields holding one value each (not a nested model or a list), in declaration order."""
    return tuple(
        name for name, info in model.model_fields.items()
        if not _nested(info.annotation)
    )


def _nested(annotation: object) -> bool:
    args = getattr(annotation, "__args__", ())
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    if getattr(annotation, "__origin__", None) in (list, tuple, dict):
        return True
    return any(_nested(arg) for arg in args if arg is not type(None))


def choices(model: type[BaseModel], name: str) -> tuple[str, ...]:
    """The values a Literal field allows, in the order the model lists them."""
    annotation = model.model_fields[name].annotation
    optional = [arg for arg in get_args(annotation) if arg is not type(None)]
    if get_origin(annotation) is not Literal and len(optional) == 1:  # an optional choice: the choice itself
        annotation = optional[0]
    if get_origin(annotation) is not Literal:
        raise TypeError(f"{model.__name__}.{name} is not a choice of fixed values")
    return get_args(annotation)
