"""Dates that may be approximate: a whole year, a whole month or a single day.

An approximate date spans its period. It sorts and counts by its first day, and is shown
as such ("2024", "Mar 2022"). Ordinals (``date.toordinal()``) are the common currency of
the query layer and the timeline, so they are precomputed here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import IntEnum

from .text import clip_text

__all__ = ["MONTH_ABBR", "MONTH_NAMES", "DateError", "PartialDate", "Precision", "parse_date"]

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
_DATE_STRING = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")  # ASCII digits only


class DateError(ValueError):
    """A value that is not an acceptable date; the message says why."""


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    """A day, or a month or year taken as a whole (``month``/``day`` are ``None``)."""

    year: int
    month: int | None = None
    day: int | None = None
    # (start, stop) ordinals, worked out on first use: the query index, the timeline and the
    # validator ask for them hundreds of thousands of times per load (issue 18). Not part of
    # the value: no effect on equality, hashing or repr.
    _ordinals: tuple[int, int] | None = field(default=None, init=False, repr=False,
                                              compare=False)

    @property
    def precision(self) -> Precision:
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    @property
    def is_approximate(self) -> bool:
        return self.day is None

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    @property
    def start(self) -> int:
        """Ordinal of the first day: what this date sorts and counts by."""
        ordinals = self._ordinals
        return (ordinals if ordinals is not None else self._work_out_ordinals())[0]

    @property
    def stop(self) -> int:
        """Ordinal of the last day (inclusive)."""
        ordinals = self._ordinals
        return (ordinals if ordinals is not None else self._work_out_ordinals())[1]

    def _work_out_ordinals(self) -> tuple[int, int]:
        ordinals = (self.first_day.toordinal(), self.last_day.toordinal())
        object.__setattr__(self, "_ordinals", ordinals)  # a cache, not a change of value
        return ordinals

    def iso(self) -> str:
        """The date as written in a file: ``2024``, ``2023-09`` or ``2025-12-26``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def label(self) -> str:
        """The date for people: ``2024``, ``Mar 2022`` or ``26 Dec 2025``."""
        if self.month is None:
            return f"{self.year}"
        if self.day is None:
            return f"{MONTH_ABBR[self.month - 1]} {self.year}"
        return f"{self.day} {MONTH_ABBR[self.month - 1]} {self.year}"

    def range_label(self, end: PartialDate) -> str:
        """From this date to ``end`` for people, the shared part said once: ``18–20 Dec
        2025``, ``30 Nov – 2 Dec 2025``, ``Mar–May 2022``, ``2022–2024``; else both whole."""
        if end == self:
            return self.label()
        if self.precision is not end.precision:
            return f"{self.label()} – {end.label()}"
        if self.month is None or end.month is None:
            return f"{self.year}–{end.year}"
        first, last = MONTH_ABBR[self.month - 1], MONTH_ABBR[end.month - 1]
        if self.year != end.year:
            return f"{self.label()} – {end.label()}"
        if self.day is None:
            return f"{first}–{last} {self.year}"
        if self.month == end.month:
            return f"{self.day}–{end.day} {first} {self.year}"
        return f"{self.day} {first} – {end.day} {last} {self.year}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    def sort_key(self) -> tuple[int, int]:
        return (self.start, int(self.precision))


def parse_date(value: object) -> PartialDate:
    """Turn a TOML value into a :class:`PartialDate`, or raise :class:`DateError`.

    Accepts a TOML local date or a ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"`` string.
    Datetimes and times are refused: the file describes days, not instants.
    """
    if isinstance(value, dt.datetime):
        raise DateError(
            f"{value.isoformat()} is a date-time; write a date (YYYY-MM-DD, YYYY-MM or YYYY)"
        )
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, dt.time):
        raise DateError(f"{value.isoformat()} is a time of day; write a date (YYYY-MM-DD)")
    if not isinstance(value, str):
        raise DateError(
            f"expected a date (YYYY-MM-DD, or a string 'YYYY' or 'YYYY-MM'), "
            f"got {type_name(value)}"
        )
    match = _DATE_STRING.match(value.strip())
    if match is None:
        raise DateError(f"'{clip_text(value, 40)}' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year < 1:
        raise DateError(f"'{value}' is not a date: year 0000 does not exist")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{value}' is not a date: month {month:02d} does not exist")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(
                f"'{value}' is not a date: {MONTH_ABBR[month - 1]} {year} has {last} days"
            )
    return PartialDate(year, month, day)


def type_name(value: object) -> str:
    """The TOML name of a parsed value's type, for messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
