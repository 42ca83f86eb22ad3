"""Dates as people write them in spreadsheets and articles (DESIGN §2, ``import``).

Accepted: ISO (``2025-12-18``, ``2025-12``, ``2025``, ``2025/12/18``), ``20251218``, ``18
Dec 2025``, ``December 18, 2025``, ``Dec 2025``, ``12/2025``, ``12/18/2025`` (``/``, ``.``
or ``-``), a two-digit year (``3/1/22``: 00–29 are the 2000s, 30–99 the 1900s, as
spreadsheets read them, with a warning), ranges (``18–20 Dec 2025``, ``Dec 18–20``,
``Mar–May 2022``, ``2022–2024``, ``… to …``), a leading weekday, ``c. 1900`` (read as the
year, with a warning) and a time of day (dropped, with a warning). ``NA``, ``N/A``, empty
and the like mean undated. A day and month without a year take the year from the column's
header (``Date (2025)``), else they are an error.

The order of day and month in ``07/08/2022`` is never guessed alone:
:func:`.date_column.read_date_column` infers it from the unambiguous dates of the same
column written the same way (``25/12/2022`` settles day first), says so in a warning, and
otherwise reports an error that asks for ``--dayfirst`` or ``--monthfirst``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from enum import Enum

from ..dates import MONTH_ABBR, MONTH_NAMES, PartialDate
from ..text import clip_text

__all__ = ["MONTHS", "UNDATED", "DateProblem", "Order", "Span", "checked_date", "read_date"]

UNDATED = frozenset({
    "", "na", "n/a", "n.a.", "n.a", "nan", "none", "null", "unknown", "undated", "n.d.", "-",
    "–", "—", "?",
})
# Month names as people write them, lower case: the abbreviations and full names the views
# show (model.dates), and "sept".
MONTHS = {
    **{name.lower(): number for number, name in enumerate(MONTH_ABBR, start=1)},
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
_WEEKDAY = re.compile(
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?,?\s+"
)
_TIME = re.compile(
    r"(?:[ t]|,\s*)(?:at\s+)?[0-9]{1,2}(?::[0-9]{2}){1,2}(?:\.[0-9]+)?\s*"
    r"(?:am|pm|z|utc|[+-][0-9]{2}:?[0-9]{2})?\Z"
)
_CIRCA = re.compile(
    r"(?:(?:circa|approximately|about|around)\s+|(?:approx|ca|c)(?:\.\s*|\s+)|~\s*)(?=[0-9])"
)
_ORDINAL = re.compile(r"\b([0-9]{1,2})(?:st|nd|rd|th)\b")
_FAST_ISO = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})\s*\Z")
_FAST_WORDS = re.compile(r"\s*([0-9]{1,2}) ([A-Za-z]{3,9}) ([0-9]{4})\s*\Z")
_FAST_NUMERIC = re.compile(r"\s*([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})\s*\Z")
_ISO_DAY = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})\Z")
_ISO_MONTH = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})\Z")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})\Z")
_NUMERIC = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{2}|[0-9]{4})\Z")
_MONTH_SLASH_YEAR = re.compile(r"([0-9]{1,2})/([0-9]{4})\Z")
_YEAR_RANGE = re.compile(r"([0-9]{4})-([0-9]{4})\Z")
_DAY_RANGE = re.compile(r"([0-9]{1,2})-([0-9]{1,2})(?=\s+[a-z])")
_RANGE_SPLIT = re.compile(r"\s*[–—]\s*|\s+-\s+|\s+(?:to|until|till)\s+")
_TOKEN = re.compile(r"[0-9]+|[a-z]+")
_SPREADSHEET_ERROR = re.compile(r"#[a-z0-9/]+[!?]?\Z")
_BC = re.compile(r".*\b(?:bc|bce|b\.c\.)\Z")


class DateProblem(ValueError):
    """A cell that is not a date this importer can read; ``str()`` says why and what to do."""


class Order(Enum):
    """Which number comes first in ``07/08/2022``."""

    DAY_FIRST = "day/month/year"
    MONTH_FIRST = "month/day/year"


@dataclass(frozen=True, slots=True)
class Span:
    """What a date cell says: a date, or a range from ``start`` to ``end`` (inclusive)."""

    start: PartialDate
    end: PartialDate | None = None
    circa: bool = False  # "c. 1900": read as the year
    had_time: bool = False  # a time of day was dropped
    short_year: bool = False  # "3/1/22": the century was supplied


@dataclass(frozen=True, slots=True)
class NumericDate:
    """``a/b/yyyy`` whose order is decided by the column."""

    first: int
    second: int
    year: int
    separator: str
    had_time: bool
    short_year: bool = False


def checked_date(year: int, month: int | None = None, day: int | None = None,
          text: str = "") -> PartialDate:
    if year < 1:
        raise DateProblem(f"'{text}' is not a date: the year must be 0001 or later")
    if month is not None and not 1 <= month <= 12:
        raise DateProblem(f"'{text}' is not a date: month {month} does not exist")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            name = calendar.month_abbr[month]
            raise DateProblem(f"'{text}' is not a date: {name} {year} has {last} days")
    return PartialDate(year, month, day)


def read_date(value: str | dt.date, year_hint: int | None = None) -> Span | None:
    """The date a single cell says (``None``: undated), or :class:`DateProblem`.

    A day/month order that the cell alone cannot settle (``07/08/2022``) is a problem
    here; :func:`.date_column.read_date_column` settles it from the rest of the column."""
    read = read_cell(value, year_hint)
    if isinstance(read, NumericDate):
        if read.first == read.second or read.first > 12 or read.second > 12:
            order = Order.DAY_FIRST if read.first > 12 else Order.MONTH_FIRST
            return resolve_order(read, order, str(value))
        raise DateProblem(ambiguous_message(str(value), read) + "; pass --dayfirst or "
                          "--monthfirst")
    return read


def read_cell(value: str | dt.date, year_hint: int | None) -> Span | NumericDate | None:
    if isinstance(value, dt.date):  # a spreadsheet's own date cell (datetime is a date)
        return Span(PartialDate.from_date(value))
    fast = _FAST_ISO.match(value)  # the common forms first, before any clean-up
    if fast is not None:
        return Span(checked_date(int(fast.group(1)), int(fast.group(2)), int(fast.group(3)),
                                 value.strip()))
    fast = _FAST_WORDS.match(value)
    if fast is not None and fast.group(2).lower() in MONTHS:
        return Span(checked_date(int(fast.group(3)), MONTHS[fast.group(2).lower()],
                                 int(fast.group(1)), value.strip()))
    fast = _FAST_NUMERIC.match(value)
    if fast is not None:
        return NumericDate(int(fast.group(1)), int(fast.group(3)), int(fast.group(4)),
                        fast.group(2), False)
    original = value
    text = " ".join(value.split()).lower().rstrip(".,;")
    if text in UNDATED:
        return None
    shown = clip_text(" ".join(original.split()), 40)
    if _SPREADSHEET_ERROR.match(text):
        raise DateProblem(f"'{shown}' is a spreadsheet error, not a date")
    if _BC.match(text):
        raise DateProblem(f"'{shown}': dates before the year 1 AD cannot be shown")
    text = _WEEKDAY.sub("", text, count=1) if _WEEKDAY.match(text) else text
    had_time = False
    timed = _TIME.search(text)
    if timed is not None and timed.start() > 0:
        text, had_time = text[: timed.start()].strip(), True
    circa = False
    circa_match = _CIRCA.match(text)
    if circa_match is not None:
        text, circa = text[circa_match.end():], True
    text = _ORDINAL.sub(r"\1", text.replace(",", " "))
    text = " ".join(text.split())
    numeric = _NUMERIC.match(text)
    if numeric is not None:
        year, short = int(numeric.group(4)), len(numeric.group(4)) == 2
        if short:  # as spreadsheets read them: 00–29 are 2000s, 30–99 are 1900s
            year += 2000 if year < 30 else 1900
        return NumericDate(int(numeric.group(1)), int(numeric.group(3)), year,
                        numeric.group(2), had_time, short)
    span = _read_span(text, shown, year_hint)
    return Span(span.start, span.end, circa=circa, had_time=had_time)


def _read_span(text: str, shown: str, year_hint: int | None) -> Span:
    iso = _ISO_DAY.match(text) or _COMPACT.match(text)
    if iso is not None:
        return Span(checked_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), shown))
    iso = _ISO_MONTH.match(text)
    if iso is not None:
        return Span(checked_date(int(iso.group(1)), int(iso.group(2)), None, shown))
    slash = _MONTH_SLASH_YEAR.match(text)
    if slash is not None:
        return Span(checked_date(int(slash.group(2)), int(slash.group(1)), None, shown))
    years = _YEAR_RANGE.match(text)
    if years is not None:
        text = f"{years.group(1)} – {years.group(2)}"
    text = _DAY_RANGE.sub(r"\1 – \2", text, count=1)
    sides = _RANGE_SPLIT.split(text)
    if len(sides) == 1:
        day, month, year = _parts(sides[0], shown)
        if day is not None and month is None:
            raise DateProblem(f"'{shown}' is not a date: a year has four digits "
                              f"({day:04d}), and a day needs a month")
        year = _year(year, year_hint, shown)
        return Span(checked_date(year, month, day, shown))
    if len(sides) != 2 or not all(sides):
        raise DateProblem(f"'{shown}' is not a date or a range of two dates")
    first, last = _parts(sides[0], shown), _parts(sides[1], shown)
    # The shared parts are written once: "18–20 Dec 2025", "Dec 18–20", "Mar–May 2022".
    end_month = last[1] if last[1] is not None else first[1]
    end_year = _year(last[2] if last[2] is not None else first[2], year_hint, shown)
    start_month = first[1] if first[1] is not None else (end_month if first[0] else None)
    start_year = first[2] if first[2] is not None else end_year
    if (first[0] is None) != (last[0] is None) or (start_month is None) != (end_month is None):
        raise DateProblem(f"'{shown}': both ends of a range need the same precision "
                          "(days, months or years)")
    start = checked_date(start_year, start_month, first[0], shown)
    end = checked_date(end_year, end_month, last[0], shown)
    if first[2] is None and start.start > end.start:  # "18 Dec – 2 Jan 2026"
        start = checked_date(start_year - 1, start_month, first[0], shown)
    if start.start > end.start:
        raise DateProblem(f"'{shown}': the range ends before it starts")
    return Span(start, None if end == start else end)


def _parts(text: str, shown: str) -> tuple[int | None, int | None, int | None]:
    """Day, month and year of one side of a date written in words or ISO."""
    iso = _ISO_DAY.match(text) or _COMPACT.match(text)
    if iso is not None:
        return int(iso.group(3)), int(iso.group(2)), int(iso.group(1))
    iso = _ISO_MONTH.match(text)
    if iso is not None:
        return None, int(iso.group(2)), int(iso.group(1))
    day = month = year = None
    tokens = _TOKEN.findall(text)
    if not tokens or "".join(tokens) != re.sub(r"[\s./-]", "", text):
        raise DateProblem(_not_a_date(shown))
    for token in tokens:
        if token.isdigit():
            if len(token) in (3, 4) and year is None:  # "878": a year of three digits
                year = int(token)
            elif len(token) <= 2 and day is None and year is None:
                day = int(token)
            else:
                raise DateProblem(_not_a_date(shown))
        elif token in MONTHS and month is None:
            month = MONTHS[token]
        else:
            close = difflib.get_close_matches(token, MONTHS, n=1, cutoff=0.75)
            if close:
                raise DateProblem(f"'{shown}' is not a date: '{token}' is not a month "
                                  f"(did you mean '{close[0]}'?)")
            raise DateProblem(_not_a_date(shown))
    return day, month, year


def _not_a_date(shown: str) -> str:
    return (f"'{shown}' is not a date; write one as 2025-12-18, 18 Dec 2025, Dec 2025, 2025 "
            "or 12/18/2025, or leave the cell empty (undated)")


def _year(year: int | None, hint: int | None, shown: str) -> int:
    if year is not None:
        return year
    if hint is not None:
        return hint
    raise DateProblem(f"'{shown}' has no year; write it in the date or in the column's "
                      "header, e.g. 'Date (2025)'")


def resolve_order(numeric: NumericDate, order: Order, shown: str) -> Span:
    if order is Order.DAY_FIRST:
        day, month = numeric.first, numeric.second
    else:
        month, day = numeric.first, numeric.second
    if month > 12:
        raise DateProblem(f"'{shown}' is not {order.value}: month {month} does not exist")
    return Span(checked_date(numeric.year, month, day, shown), had_time=numeric.had_time,
                short_year=numeric.short_year)


def ambiguous_message(shown: str, numeric: NumericDate) -> str:
    as_day = _label(numeric.year, numeric.second, numeric.first)
    as_month = _label(numeric.year, numeric.first, numeric.second)
    return f"'{shown}' could be {as_day} or {as_month}"


def _label(year: int, month: int, day: int) -> str:
    return f"{day} {calendar.month_abbr[month]} {year}"
