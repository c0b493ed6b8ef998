"""The field types every data file uses, each read one strict way.

YAML and pydantic are both lenient by default: "3.00" in quotes, 1_000, 0x1A, a date written as a
number and `yes` would all pass as something. Here a price is a plain number (never text, never
negative, at most MONEY_PLACES decimals, at most MAX_PRICE), a count is a whole number, a date is a
YYYY-MM-DD date, a flag is true or false, and text is one line of visible characters of bounded
length. Each refusal has its own message (see macros.data.validate).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from macros.data.lookalike import MAX_MARKS, stacked_marks

EARLIEST_DATE = dt.date(2000, 1, 1)
"""No date in data/ may be earlier. Every price, model, lifecycle, check and published figure the guide covers is
from this century (the research behind a threshold is dated by its `year`, which is no date the pages count
with), and a page counts days and months between these dates, so 0001-01-01 would reach arithmetic that fails."""
LATEST_DATE = dt.date(2099, 12, 31)
"""No date in data/ may be later: only a retirement or deprecation is announced ahead, and never by decades."""
OUT_OF_RANGE = f"must be between {EARLIEST_DATE} and {LATEST_DATE}"
MONEY_PLACES = 6
"""Decimal places a price may have: more than any provider publishes per million tokens."""
MAX_PRICE = Decimal(100_000)
"""USD per million tokens; the dearest real list price is a few hundred."""
UNIT_PLACES = 10
"""Decimal places a price per second of audio may have: a source quotes a fraction of a cent per second (0.0000583333),
and the price is copied as written, never multiplied into another unit first."""
MAX_UNIT_PRICE = Decimal(100)
"""USD per second of audio; the dearest real one is a small fraction of a cent."""
MAX_TOKENS = 1_000_000_000
"""No context window, output limit or scenario comes near a billion tokens."""
MAX_MEASURE = Decimal(1_000_000)
"""Seconds, tokens per second, milliseconds and kilobits per second in published figures stay below this."""
NAME_CHARS = 120
"""A name: the longest real one is under 40 characters."""
TEXT_CHARS = 1_000
"""A note, description or condition: about 150 words, several times the longest real one."""
URL_CHARS = 500

# Characters no text in data/ may hold: controls (line breaks and tabs included), the zero-width characters
# that hide inside a name (so two names that look the same differ), and the bidirectional overrides, isolates
# and marks that can make text read differently from how it is stored. The calculator applies the same rule to a
# name from a link (docs/assets/javascripts/calculator.js, ifgNameAllowed; tests/fixtures/name_cases.json).
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = {"Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Cc"}


_NUMERIC_TEXT = re.compile(r"\s*[-+]?[0-9][0-9_.,eE+-]*\s*")


def _number(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        if isinstance(value, str) and _NUMERIC_TEXT.fullmatch(value):
            raise PydanticCustomError("ifg_number", "must be a number written as plain digits, such as 0.25, without quotes")
        raise PydanticCustomError("ifg_number", "must be a number")
    return value


def _whole(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("ifg_whole", "must be a whole number written as digits")
    return value


def _date(value: object) -> object:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        if isinstance(value, str) and _quoted_date(value):
            raise PydanticCustomError("ifg_date", "must be a date written YYYY-MM-DD, without quotes")
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            raise PydanticCustomError("ifg_date", "must be a date written YYYY-MM-DD, not a number")
        raise PydanticCustomError("ifg_date", "must be a date written YYYY-MM-DD")
    return in_range(value)


def in_range(day: dt.date) -> dt.date:
    """`day`, when it lies between EARLIEST_DATE and LATEST_DATE, a range every page can count and show.

    Checked as each date is read, so every date field is covered, a new one too, without walking the parsed files."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise PydanticCustomError("ifg_date_range", OUT_OF_RANGE)
    return day


def _quoted_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


PRIVATE_NAMES = ("localhost",)
"""Host names that only ever mean the machine itself."""
PRIVATE_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".lan", ".intranet", ".corp")
"""Endings reserved for, or commonly used by, local and private networks (RFC 6761, 6762, 8375; ICANN's .internal)."""
_NUMERIC_LABEL = re.compile(r"[0-9]+|0x[0-9a-f]*")


@lru_cache(maxsize=4096)  # every entry of a provider file repeats the same few pages
def link_problem(url: str) -> str | None:
    """Why `url` is not a link to a public web page, or None when it is one (or is not an http(s) address at all).

    The site links readers to these addresses and CI's link checker requests them, so none may point at a
    machine inside a network: an IP literal in any spelling a browser or resolver accepts (dotted, a single
    decimal, hexadecimal or octal number, the short 127.1, a bracketed IPv6 address), a local or internal
    name, a user name and password before the host, or a port other than the https default.
    """
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return None
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "@" in authority:
        return "must not hold a user name or password before the host"
    if authority.startswith("["):
        return "must name a public host, not an IP address"
    host, colon, port = authority.rpartition(":") if ":" in authority else (authority, "", "")
    if colon and port != {"https": "443", "http": "80"}[scheme.lower()]:
        return "must use the default port: leave the port out"
    host = host.lower().rstrip(".")
    # A host whose last label is a number is an IPv4 address to browsers (WHATWG URL) and to inet_aton:
    # 169.254.169.254, 2852039166, 0xA9FEA9FE, 0251.0376.0251.0376 and 127.1 all name one machine.
    if _NUMERIC_LABEL.fullmatch(host.rpartition(".")[2]):
        return "must name a public host, not an IP address"
    if host in PRIVATE_NAMES or host.endswith(PRIVATE_SUFFIXES):
        return "must name a public host, not a local or internal one"
    return None


def _public_link(value: object) -> object:
    if isinstance(value, str):
        problem = link_problem(value)
        if problem:
            raise PydanticCustomError("ifg_link", problem)
    return value


def _flag(value: object) -> object:
    if not isinstance(value, bool):
        raise PydanticCustomError("ifg_flag", "must be true or false")
    return value


def _text_type(value: object) -> object:
    if not isinstance(value, str):
        raise PydanticCustomError("ifg_text", "must be text; put it in quotes")
    return value


def _visible(value: str) -> str:
    found = _FORBIDDEN.search(value)
    if found:
        code = f"U+{ord(found.group(0)):04X}"
        raise PydanticCustomError("ifg_control", f"must be one line of plain text, without control, zero-width or "
                                                  f"bidirectional characters; character {found.start() + 1} is {code}")
    if all(unicodedata.category(ch) in _INVISIBLE for ch in value):
        raise PydanticCustomError("ifg_invisible", "must hold visible characters, not only invisible ones")
    marks = stacked_marks(value)
    if marks > MAX_MARKS:
        raise PydanticCustomError("ifg_marks", f"must not stack more than {MAX_MARKS} combining marks on one character, "
                                               f"which draws over the text around it; one character has {marks}")
    return value


def _money_places(value: Decimal) -> Decimal:
    if _places(value) > MONEY_PLACES:
        raise PydanticCustomError("ifg_places", f"must have at most {MONEY_PLACES} decimal places; no provider "
                                                  "publishes a price per million tokens more finely")
    return value


def _unit_places(value: Decimal) -> Decimal:
    if _places(value) > UNIT_PLACES:
        raise PydanticCustomError("ifg_places", f"must have at most {UNIT_PLACES} decimal places; copy the source's "
                                                  "number as written")
    return value


def _share_places(value: Decimal) -> Decimal:
    if _places(value) > 4:
        raise PydanticCustomError("ifg_places", "must have at most 4 decimal places, such as 0.85")
    return value


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


Price = Annotated[
    Decimal,
    Field(ge=0, le=MAX_PRICE, allow_inf_nan=False),
    BeforeValidator(_number),
    AfterValidator(_money_places),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": int(MAX_PRICE)}),
]
SecondPrice = Annotated[
    Decimal,
    Field(ge=0, le=MAX_UNIT_PRICE, allow_inf_nan=False),
    BeforeValidator(_number),
    AfterValidator(_unit_places),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": int(MAX_UNIT_PRICE)}),
]
"""USD per second of audio, as the source writes it: never negative, at most UNIT_PLACES decimals."""
Measure = Annotated[
    Decimal,
    Field(gt=0, le=MAX_MEASURE, allow_inf_nan=False),
    BeforeValidator(_number),
    AfterValidator(_money_places),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": int(MAX_MEASURE)}),
]
Share = Annotated[
    Decimal,
    Field(ge=0, le=1, allow_inf_nan=False),
    BeforeValidator(_number),
    AfterValidator(_share_places),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1}),
]
"""A share from 0 to 1, such as 0.9 for nine in ten."""
Percent = Annotated[
    Decimal,
    Field(ge=0, le=100, allow_inf_nan=False),
    BeforeValidator(_number),
    AfterValidator(_share_places),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
]
"""A percentage from 0 to 100, such as 10 for one in ten."""
STEPS_MAX = 100
"""No agent task the guide prices runs to more than this many steps."""
StepCount = Annotated[int, BeforeValidator(_whole), Field(ge=1, le=STEPS_MAX)]
"""How many steps a task takes: 1 to STEPS_MAX."""
GPUS_MAX = 64
"""No single rented server the guide prices holds more GPUs than this."""
GpuCount = Annotated[int, BeforeValidator(_whole), Field(ge=1, le=GPUS_MAX)]
"""How many GPUs one server holds: 1 to GPUS_MAX."""
CONCURRENCY_MAX = 100_000
"""No published serving benchmark keeps more requests in flight at once than this."""
Concurrency = Annotated[int, BeforeValidator(_whole), Field(ge=1, le=CONCURRENCY_MAX)]
"""How many requests a benchmark keeps in flight at once: 1 to CONCURRENCY_MAX."""
Tokens = Annotated[int, BeforeValidator(_whole), Field(ge=0, le=MAX_TOKENS)]
PositiveTokens = Annotated[int, BeforeValidator(_whole), Field(gt=0, le=MAX_TOKENS)]
MAX_DAYS = 3650
"""No provider keeps API inputs by default for anything near ten years."""
Days = Annotated[int, BeforeValidator(_whole), Field(ge=0, le=MAX_DAYS)]
"""A number of whole days, 0 to MAX_DAYS, such as how long a provider keeps inputs by default."""
Date = Annotated[dt.date, BeforeValidator(_date)]
Flag = Annotated[bool, BeforeValidator(_flag)]
# Constraints come before the validators: pydantic checks them natively then, in the same order as written after
# BeforeValidator, instead of calling Python for each constraint of each value (a tenth of validating 10,000 models).
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$", max_length=80), BeforeValidator(_text_type)]
# https, a host name, then only characters a URL may hold unescaped (RFC 3986): no spaces, quotes,
# angle brackets, braces, backslashes, carets, pipes or backticks.
HttpsUrl = Annotated[
    str,
    BeforeValidator(_text_type),
    AfterValidator(_public_link),
    StringConstraints(pattern=r"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]{1,5})?([/?#][A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*)?$",
                      max_length=URL_CHARS),
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=NAME_CHARS, strip_whitespace=True), BeforeValidator(_text_type),
                 AfterValidator(_visible)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_CHARS, strip_whitespace=True), BeforeValidator(_text_type),
                 AfterValidator(_visible)]
