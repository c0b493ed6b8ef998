"""Problems found in the data: where each is (file, line, field) and what is wrong.

Every stage that checks data reports through these, so every message reads the same way:
`path:line: field: what is wrong (got X)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Loc = tuple[str | int, ...]

# Control characters, line breaks, zero-width characters and the bidirectional overrides: nothing a one-line message may hold.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` on one line with every control character written as an escape, such as \\n or \\u202e.

    A message is printed to a terminal and to CI logs, where a line break from the data could start a
    line of its own, and a line starting with '::' is a GitHub Actions workflow command.
    """
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


Severity = Literal["error", "warning"]


@dataclass
class Problem:
    """One thing wrong with the data, located to a file and line.

    An error stops the build and fails `validate`; a warning is printed and nothing more, so a
    price that is merely due for a check never takes the site down.
    """

    path: str
    line: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        level = "warning: " if self.severity == "warning" else ""
        return printable(f"{self.path}:{self.line}: {level}{where}{self.message}")


class DataError(Exception):
    """Raised with every problem found, so one run reports them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def dotted(loc: Loc) -> str:
    """`("models", 3, "prices", "input_mtok")` -> `models[3].prices.input_mtok`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
