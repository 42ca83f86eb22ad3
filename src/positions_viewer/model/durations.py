"""How long before the as-of date a shown statement counts as stale (DESIGN §1 ``stale_after``).

A duration is written ``"30d"``, ``"6m"`` or ``"2y"``: a whole number of days, calendar months
or calendar years. Months and years are counted on the calendar, as a reader does: 6 months
before 31 August is 28 (or 29) February, not 182 days before.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Duration", "DurationError", "parse_duration"]

_DURATION = re.compile(r"([0-9]{1,5})([dmy])\Z")
_UNITS = {"d": ("day", "days"), "m": ("month", "months"), "y": ("year", "years")}


class DurationError(ValueError):
    """A ``stale_after`` value that is not ``"<n>d"``, ``"<n>m"`` or ``"<n>y"``."""


@dataclass(frozen=True, slots=True)
class Duration:
    """``amount`` days (``unit`` "d"), calendar months ("m") or calendar years ("y")."""

    amount: int
    unit: str

    def before(self, ordinal: int) -> int:
        """The ordinal day this duration before ``ordinal`` (clamped to 0001-01-01); a day
        missing in the target month (31 Feb) becomes that month's last day."""
        if self.unit == "d":
            return max(1, ordinal - self.amount)
        day = dt.date.fromordinal(ordinal)
        months = self.amount * (12 if self.unit == "y" else 1)
        index = day.year * 12 + (day.month - 1) - months
        year, month = divmod(index, 12)
        if year < 1:
            return 1
        month += 1
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, min(day.day, last)).toordinal()

    def text(self) -> str:
        """"18 months", "1 year", "30 days"."""
        one, many = _UNITS[self.unit]
        return f"{self.amount} {one if self.amount == 1 else many}"

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


def parse_duration(value: object) -> Duration:
    """``"30d"``, ``"6m"`` or ``"2y"`` as a :class:`Duration`; :class:`DurationError` otherwise
    (the message says what is expected)."""
    if not isinstance(value, str):
        raise DurationError(f"expected a duration such as \"30d\", \"6m\" or \"2y\", "
                            f"got {type(value).__name__}")
    match = _DURATION.match(value.strip())
    if match is None or int(match.group(1)) == 0:
        shown = value if len(value) <= 40 else value[:39] + "…"
        raise DurationError(f"bad duration '{shown}': write a whole number of days, months or "
                            "years, such as \"30d\", \"6m\" or \"2y\"")
    return Duration(int(match.group(1)), match.group(2))
