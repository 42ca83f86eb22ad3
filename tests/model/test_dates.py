"""Dates as the file writes them and as people read them (DESIGN §1, "Dates")."""

from __future__ import annotations

import datetime as dt

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from positions_viewer.model import DateError, PartialDate, Precision, parse_date


def toml_value(literal: str) -> object:
    """The value TOML gives for ``d = <literal>``."""
    return tomli.loads(f"d = {literal}")["d"]


# -- accepted ---------------------------------------------------------------------------


def test_toml_local_date() -> None:
    date = parse_date(toml_value("2025-12-26"))
    assert date == PartialDate(2025, 12, 26)
    assert date.precision is Precision.DAY
    assert not date.is_approximate


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2024", PartialDate(2024), Precision.YEAR),
        ("2023-09", PartialDate(2023, 9), Precision.MONTH),
        ("2025-12-26", PartialDate(2025, 12, 26), Precision.DAY),
        ("0001", PartialDate(1), Precision.YEAR),
        ("9999-12-31", PartialDate(9999, 12, 31), Precision.DAY),
        ("2024-02-29", PartialDate(2024, 2, 29), Precision.DAY),
        ("2000-02-29", PartialDate(2000, 2, 29), Precision.DAY),
    ],
)
def test_date_strings(text: str, expected: PartialDate, precision: Precision) -> None:
    date = parse_date(text)
    assert date == expected
    assert date.precision is precision
    assert date.is_approximate == (precision is not Precision.DAY)


def test_a_day_string_equals_the_toml_date() -> None:
    assert parse_date("2025-12-26") == parse_date(toml_value("2025-12-26"))


# -- refused ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "literal",
    ["2025-12-26T10:00:00", "2025-12-26 10:00:00", "2025-12-26T10:00:00Z",
     "2025-12-26T10:00:00+01:00", "1979-05-27T00:32:00.999999-07:00"],
)
def test_toml_datetimes_are_refused(literal: str) -> None:
    value = toml_value(literal)
    assert isinstance(value, dt.datetime)
    with pytest.raises(DateError, match="is a date-time; write a date"):
        parse_date(value)


def test_toml_times_are_refused() -> None:
    with pytest.raises(DateError, match=r"^10:30:00 is a time of day; write a date"):
        parse_date(toml_value("10:30:00"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "'2025-02-30' is not a date: Feb 2025 has 28 days"),
        ("2023-02-29", "'2023-02-29' is not a date: Feb 2023 has 28 days"),
        ("1900-02-29", "'1900-02-29' is not a date: Feb 1900 has 28 days"),
        ("2024-02-30", "'2024-02-30' is not a date: Feb 2024 has 29 days"),
        ("2025-04-31", "'2025-04-31' is not a date: Apr 2025 has 30 days"),
        ("2025-12-32", "'2025-12-32' is not a date: Dec 2025 has 31 days"),
        ("2025-12-00", "'2025-12-00' is not a date: Dec 2025 has 31 days"),
        ("2025-13", "'2025-13' is not a date: month 13 does not exist"),
        ("2025-13-01", "'2025-13-01' is not a date: month 13 does not exist"),
        ("2025-00", "'2025-00' is not a date: month 00 does not exist"),
        ("0000", "'0000' is not a date: year 0000 does not exist"),
    ],
)
def test_impossible_dates(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "text",
    ["", " ", "25", "202", "20251", "25-12-26", "2025/12/26", "2025.12.26", "2025-1",
     "2025-12-5", "2025-1-05", "Dec 2025", "26 Dec 2025", "2025-12-26T10:00", "+2025",
     "-2025", "2025-", "2025-12-", "twenty", "2025-W52", "2025-360",
     "２０２５", "٢٠٢٥-١٢", "2025-12-26\x00"],
)
def test_malformed_strings(text: str) -> None:
    with pytest.raises(DateError, match="is not a date: use YYYY-MM-DD, YYYY-MM or YYYY"):
        parse_date(text)


def test_malformed_message_quotes_the_value_and_clips_long_ones() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("x" * 500)
    message = str(caught.value)
    assert message.startswith("'xxxx")
    assert len(message) < 120


@pytest.mark.parametrize(
    ("value", "kind"),
    [(2025, "an integer"), (2025.5, "a float"), (True, "a boolean"), ([2025], "an array"),
     ({"year": 2025}, "a table")],
)
def test_wrong_types(value: object, kind: str) -> None:
    with pytest.raises(DateError, match=f"expected a date .*, got {kind}$"):
        parse_date(value)


def test_date_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("nope")


# -- for people and for files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [("2024", "2024"), ("2022-03", "Mar 2022"), ("2025-12-26", "26 Dec 2025"),
     ("2025-01-01", "1 Jan 2025"), ("2023-09", "Sep 2023"), ("0999", "999"),
     ("2024-02-29", "29 Feb 2024")],
)
def test_labels(text: str, label: str) -> None:
    assert parse_date(text).label() == label


def test_month_labels_cover_the_year() -> None:
    labels = [PartialDate(2025, month).label() for month in range(1, 13)]
    assert labels == [f"{dt.date(2025, m, 1):%b} 2025" for m in range(1, 13)]


@pytest.mark.parametrize("text", ["2024", "2023-09", "2025-12-26", "0999", "0042-01-05"])
def test_iso_writes_the_date_as_in_the_file(text: str) -> None:
    date = parse_date(text)
    assert date.iso() == text
    assert str(date) == text
    assert parse_date(date.iso()) == date


def test_iso_of_a_toml_date() -> None:
    assert parse_date(toml_value("2025-01-05")).iso() == "2025-01-05"


# -- periods and ordinals -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("1900-02", dt.date(1900, 2, 1), dt.date(1900, 2, 28)),
        ("2025-12", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
        ("2025-04", dt.date(2025, 4, 1), dt.date(2025, 4, 30)),
        ("2025-12-26", dt.date(2025, 12, 26), dt.date(2025, 12, 26)),
        ("9999", dt.date(9999, 1, 1), dt.date(9999, 12, 31)),
    ],
)
def test_first_and_last_day(text: str, first: dt.date, last: dt.date) -> None:
    date = parse_date(text)
    assert (date.first_day, date.last_day) == (first, last)
    assert (date.start, date.stop) == (first.toordinal(), last.toordinal())


def test_span_lengths() -> None:
    assert parse_date("2024").stop - parse_date("2024").start + 1 == 366
    assert parse_date("2025").stop - parse_date("2025").start + 1 == 365
    assert parse_date("2025-02").stop - parse_date("2025-02").start + 1 == 28
    assert parse_date("2025-12-26").stop == parse_date("2025-12-26").start


def test_approximate_dates_sort_by_their_first_day() -> None:
    texts = ["2025-12-02", "2025-12", "2025-11-30", "2025", "2025-01-01", "2024-12-31",
             "2025-01"]
    ordered = sorted((parse_date(t) for t in texts), key=PartialDate.sort_key)
    assert [d.iso() for d in ordered] == [
        "2024-12-31", "2025", "2025-01", "2025-01-01", "2025-11-30", "2025-12", "2025-12-02",
    ]


def test_from_date() -> None:
    assert PartialDate.from_date(dt.date(2022, 3, 4)) == parse_date("2022-03-04")


@given(st.dates())
def test_every_calendar_day_round_trips(day: dt.date) -> None:
    date = parse_date(day.isoformat())
    assert date == parse_date(day)
    assert date.first_day == date.last_day == day
    assert date.start == day.toordinal()
    assert date.label() == f"{day.day} {day:%b} {day.year}"
    month = parse_date(day.isoformat()[:7])
    assert month.first_day <= day <= month.last_day
    year = parse_date(day.isoformat()[:4])
    assert year.start <= month.start <= date.start <= month.stop <= year.stop


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        ("2025-12-18", "2025-12-20", "18–20 Dec 2025"),
        ("2025-11-30", "2025-12-02", "30 Nov – 2 Dec 2025"),
        ("2024-12-30", "2025-01-02", "30 Dec 2024 – 2 Jan 2025"),
        ("2022-03", "2022-05", "Mar–May 2022"),
        ("2021-11", "2022-02", "Nov 2021 – Feb 2022"),
        ("2022", "2024", "2022–2024"),
        ("2022", "2022-05", "2022 – May 2022"),
        ("2025-12-18", "2025-12-18", "18 Dec 2025"),
    ],
)
def test_a_range_says_what_its_ends_share_once(start: str, end: str, label: str) -> None:
    assert parse_date(start).range_label(parse_date(end)) == label
