"""Axis ticks without a display: steps that adapt to the zoom, labels that never overlap."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions_viewer.ui.render.timeline.scale import MAX_SPAN_DAYS, MIN_SPAN_DAYS, TimeScale
from positions_viewer.ui.render.timeline.ticks import choose_ticks, count_periods


def day(y: int, m: int = 1, d: int = 1) -> int:
    return dt.date(y, m, d).toordinal()


def text_width(text: str) -> float:
    """A deterministic stand-in for font metrics: 7 px a character."""
    return 7.0 * len(text)


@pytest.mark.parametrize(
    ("first", "last", "name"),
    [
        (day(2025, 12, 14), day(2025, 12, 24), "days"),
        (day(2025, 10, 1), day(2025, 12, 1), "weeks"),
        (day(2025, 1, 1), day(2026, 1, 1), "months"),
        (day(2022, 1, 1), day(2026, 1, 1), "quarters"),
        (day(2010, 1, 1), day(2025, 1, 1), "years"),
        (day(1900, 1, 1), day(2050, 1, 1), "decades"),
    ],
)
def test_tick_step_adapts_to_the_zoom(first: int, last: int, name: str) -> None:
    ticks = choose_ticks(TimeScale(first, last, 0, 1000), text_width, min_spacing=42)
    assert ticks.step.name == name
    assert ticks.major, "every zoom level has ticks"


def test_the_year_under_way_at_the_edge_is_named_only_when_a_tick_falls_in_it() -> None:
    """Quarters over 2022–2025, starting in late 2021: no quarter tick falls in 2021, so a
    "2021" under nothing would read as a stray label; from mid-September Q4 2021 shows."""
    sliver = choose_ticks(TimeScale(day(2021, 11, 20), day(2026, 1, 1), 0, 1400), text_width)
    assert sliver.step.unit == "month"
    assert [t.label for t in sliver.context][:2] == ["2022", "2023"]
    wider = choose_ticks(TimeScale(day(2021, 9, 1), day(2026, 1, 1), 0, 1400), text_width)
    assert wider.major[0].day < day(2022, 1, 1)
    assert wider.context[0].label == "2021"


def test_tick_labels_read_as_periods() -> None:
    ticks = choose_ticks(TimeScale(day(2025, 1, 1), day(2026, 1, 1), 0, 1000), text_width)
    assert [t.label for t in ticks.major][:3] == ["January", "February", "March"]
    assert [t.label for t in ticks.context] == ["2025"]
    days = choose_ticks(TimeScale(day(2025, 12, 14), day(2025, 12, 24), 0, 1000), text_width)
    assert days.major[0].label == "Sun 14"
    assert days.context[0].label == "December 2025"
    decades = choose_ticks(TimeScale(day(1900), day(2050), 0, 1000), text_width)
    assert "1950s" in [t.label for t in decades.major]


def _assert_no_overlap(ticks: list[tuple[float, str]], gap: float) -> None:
    for (x0, a), (x1, _b) in itertools.pairwise(ticks):
        assert x0 + text_width(a) + gap <= x1 + 1e-9, (a, x0, x1)


@settings(max_examples=200, deadline=None)
@given(
    start=st.floats(min_value=day(1800), max_value=day(2200)),
    span=st.floats(min_value=MIN_SPAN_DAYS, max_value=MAX_SPAN_DAYS),
    width=st.floats(min_value=120, max_value=4000),
)
def test_tick_labels_never_overlap(start: float, span: float, width: float) -> None:
    scale = TimeScale(start, start + span, 30, width)
    ticks = choose_ticks(scale, text_width, gap=8, pad=3)
    labelled = [(t.label_x, t.label) for t in ticks.major if t.label]
    _assert_no_overlap(labelled, 8)
    for x, label in labelled:
        assert scale.left <= x and x + text_width(label) <= scale.left + scale.width + 1e-9
    _assert_no_overlap([(t.label_x, t.label) for t in ticks.context], 8)
    xs = [t.x for t in ticks.major]
    assert xs == sorted(xs)
    assert all(scale.left - 1e-6 <= x <= scale.left + width + 1e-6 for x in xs)


def test_month_and_year_ticks_match_the_calendar() -> None:
    rng = np.random.default_rng(3)
    last = dt.date.max.toordinal()
    for _ in range(200):
        first = float(rng.uniform(1, last - 100))
        scale = TimeScale(first, min(first + float(np.exp(rng.uniform(3, 10))), last), 0, 1000)
        ticks = choose_ticks(scale, text_width, min_spacing=float(rng.choice([20.0, 40.0])))
        if ticks.step.unit in ("month", "year"):
            days = range(int(np.ceil(scale.start)), int(np.ceil(scale.end)))
            assert [t.day for t in ticks.major] == [
                d for d in days if _starts_period(d, ticks.step.unit, ticks.step.count)
            ]


def _starts_period(day_: int, unit: str, count: int) -> bool:
    date = dt.date.fromordinal(day_)
    if unit == "month":
        return date.day == 1 and (date.year * 12 + date.month - 1) % count == 0
    return date.day == 1 and date.month == 1 and date.year % count == 0


def test_count_periods_are_calendar_aligned_and_wide_enough() -> None:
    scale = TimeScale(day(2019, 3, 1) + 0.4, day(2019, 4, 14), 0, 1920)
    edges = count_periods(scale, 200)  # days are 44 px here: weeks are the first wide enough
    assert edges[0] == scale.start and edges[-1] == scale.end
    inner = edges[1:-1]
    assert all(dt.date.fromordinal(int(e)).weekday() == 0 for e in inner)  # Mondays
    assert all(b - a >= 200 / scale.px_per_day - 1e-9 for a, b in itertools.pairwise(inner))



def test_count_periods_are_no_finer_than_the_ticks() -> None:
    scale = TimeScale(day(2014), day(2026), 0, 900)
    ticks = choose_ticks(scale, text_width)
    edges = count_periods(scale, 10, ticks.step)
    assert edges[1:-1] == [float(t.day) for t in ticks.major]  # one count per labelled period


@pytest.mark.parametrize("width", [300, 700, 1280, 1920, 3840])
def test_the_whole_calendar_has_century_or_millennium_ticks(width: int) -> None:
    """9,999 years on screen (fit of the calendar's two ends): labelled years at round
    centuries or millennia, never an axis without a label."""
    scale = TimeScale(day(1), dt.date.max.toordinal() + 1, 0, width)
    ticks = choose_ticks(scale, text_width, min_spacing=42)
    labelled = [t for t in ticks.major if t.label]
    assert ticks.step.unit == "year" and ticks.step.count >= 100
    assert len(labelled) >= 2
    for tick in labelled:
        year = dt.date.fromordinal(tick.day).year
        assert tick.label == str(year) and year % ticks.step.count == 0


def test_three_centuries_read_as_decades_or_centuries() -> None:
    scale = TimeScale(day(1690), day(2035), 0, 1280)
    ticks = choose_ticks(scale, text_width, min_spacing=42)
    assert ticks.step.name in ("decades", "half-centuries", "centuries")
    assert [t.label for t in ticks.major if t.label][:2] in (["1700", "1720"], ["1700", "1750"],
                                                             ["1700", "1800"])


def test_the_last_period_is_named_when_its_label_fits_the_margin() -> None:
    """"2026" was missing under the last "Q1": measured against the plot's right end, it
    did not fit, though the frame had room past it (its margin)."""
    scale = TimeScale(day(2022), day(2026, 1, 20), 20, 1310)  # 2026 starts 10 px from the end
    assert scale.x(day(2026)) > 1310 + 20 - 28
    plain = choose_ticks(scale, text_width, min_spacing=42)
    assert "2026" not in [t.label for t in plain.context]
    ticks = choose_ticks(scale, text_width, min_spacing=42, label_right=1366 - 5)
    assert [t.label for t in ticks.context][-1] == "2026"
    last = ticks.context[-1]
    assert last.label_x + text_width("2026") <= 1366 - 5
    assert [t.label for t in ticks.major][-1] == "Q1"


def test_the_context_row_is_measured_in_its_own_font() -> None:
    def bold(text: str) -> float:
        return 11.0 * len(text)

    scale = TimeScale(day(2025, 11, 20), day(2025, 12, 10), 0, 400)
    ticks = choose_ticks(scale, text_width, min_spacing=42, context_width=bold)
    for a, b in itertools.pairwise(ticks.context):
        assert a.label_x + bold(a.label) <= b.x, "context labels never run into the next"
