"""How old a checked price is, and when it is due for another look.

Age is always measured against a reference date, never read from the clock here, and the two
callers pick different references on purpose:

- The site measures against the newest check date in the table (`as_of`, which for the full
  pricing table is `Dataset.as_of`). A static page cannot say "12 days old" truthfully: it is
  built once and read for months, so a build-date age goes stale the day after the build, and
  two builds of the same data on different days would differ. Against `as_of` the same data
  always renders the same page, and "check due" means "much older than the rest of the data",
  which stays true for as long as the page is online.
- `python -m macros validate` measures against today, because a person or the weekly workflow
  runs it to ask about now: a dataset nobody touched for half a year must be flagged even though
  none of its prices moved relative to each other.
"""

from __future__ import annotations

import datetime as dt

STALE_AFTER_DAYS = 90
"""A price checked more than this many days before the reference date is due for a check."""


def age_days(verified: dt.date, reference: dt.date) -> int:
    """Whole days from the check to the reference date; 0 when checked on it."""
    return (reference - verified).days


def is_due(verified: dt.date, reference: dt.date, after_days: int = STALE_AFTER_DAYS) -> bool:
    """True when the price was checked more than `after_days` days before `reference`."""
    return age_days(verified, reference) > after_days
