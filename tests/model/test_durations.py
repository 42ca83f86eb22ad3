"""``stale_after``: durations on the calendar, and their place in the file (DESIGN §1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from positions_viewer.model import load_file
from positions_viewer.model.durations import Duration, DurationError, parse_duration

WriteToml = Callable[..., Path]
BASE = """
schema = 1
title = "t"
{extra}
[[actors]]
id = "a"
name = "A"
[[issues]]
id = "i"
title = "I"
[[positions]]
actor = "a"
issue = "i"
text = "x"
"""


def _before(text: str, day: dt.date) -> dt.date:
    return dt.date.fromordinal(parse_duration(text).before(day.toordinal()))


@pytest.mark.parametrize(("text", "day", "expected"), [
    ("30d", dt.date(2025, 12, 26), dt.date(2025, 11, 26)),
    ("6m", dt.date(2024, 8, 31), dt.date(2024, 2, 29)),   # no 31 Feb: the month's last day
    ("18m", dt.date(2025, 12, 26), dt.date(2024, 6, 26)),
    ("2y", dt.date(2024, 2, 29), dt.date(2022, 2, 28)),
    ("1y", dt.date(1, 6, 1), dt.date(1, 1, 1)),            # clamped to the first day there is
    ("9999d", dt.date(1, 1, 2), dt.date(1, 1, 1)),
])
def test_before_counts_on_the_calendar(text: str, day: dt.date, expected: dt.date) -> None:
    assert _before(text, day) == expected


@pytest.mark.parametrize("bad", ["", "6", "m", "0d", "-3d", "6w", "1.5y", "6 months", "٣d"])
def test_bad_durations_say_what_is_expected(bad: str) -> None:
    with pytest.raises(DurationError, match='"30d", "6m" or "2y"'):
        parse_duration(bad)


def test_words() -> None:
    assert parse_duration("1y").text() == "1 year"
    assert parse_duration("18m").text() == "18 months"
    assert str(Duration(30, "d")) == "30d"


def test_stale_after_loads(write_toml: WriteToml) -> None:
    result = load_file(write_toml(BASE.format(extra='stale_after = "18m"')))
    assert result.diagnostics == []
    assert result.dataset is not None and result.dataset.stale_after == Duration(18, "m")


def test_stale_after_is_optional(write_toml: WriteToml) -> None:
    result = load_file(write_toml(BASE.format(extra="")))
    assert result.dataset is not None and result.dataset.stale_after is None


def test_bad_stale_after_is_a_located_error(write_toml: WriteToml) -> None:
    path = write_toml(BASE.format(extra='stale_after = "six months"'))
    result = load_file(path)
    assert result.dataset is None
    assert [str(d) for d in result.diagnostics] == [
        f"{path}:3:15: error: stale_after: bad duration 'six months': write a whole number of "
        'days, months or years, such as "30d", "6m" or "2y"'
    ]
