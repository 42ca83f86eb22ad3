"""Dates as people write them (DESIGN §2): the forms, undated cells, and the day/month order
settled by the column, never guessed alone."""

from __future__ import annotations

import datetime as dt

import pytest

from positions_viewer.model import PartialDate
from positions_viewer.model.diagnostics import Severity
from positions_viewer.model.importers.date_column import read_date_column
from positions_viewer.model.importers.human_dates import DateProblem, Order, Span, read_date


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2025-12-18", (2025, 12, 18), None),
    ("2025-12", (2025, 12, None), None),
    ("2025", (2025, None, None), None),
    ("2025/12/18", (2025, 12, 18), None),
    ("20251218", (2025, 12, 18), None),
    ("18 Dec 2025", (2025, 12, 18), None),
    ("18 December 2025", (2025, 12, 18), None),
    ("December 18, 2025", (2025, 12, 18), None),
    ("Dec 18th, 2025", (2025, 12, 18), None),
    ("Friday, 26 December 2025", (2025, 12, 26), None),
    ("18-Dec-2025", (2025, 12, 18), None),
    ("Dec 2025", (2025, 12, None), None),
    ("Sept 2020", (2020, 9, None), None),
    ("12/2025", (2025, 12, None), None),
    ("12/18/2025", (2025, 12, 18), None),
    ("18.12.2025", (2025, 12, 18), None),
    ("30 may 1381", (1381, 5, 30), None),
    ("878", (878, None, None), None),
    ("18–20 Dec 2025", (2025, 12, 18), (2025, 12, 20)),
    ("18-20 Dec 2025", (2025, 12, 18), (2025, 12, 20)),
    ("Mar–May 2022", (2022, 3, None), (2022, 5, None)),
    ("2022–2024", (2022, None, None), (2024, None, None)),
    ("2022-2024", (2022, None, None), (2024, None, None)),
    ("18 Dec – 2 Jan 2026", (2025, 12, 18), (2026, 1, 2)),
    ("1 March 2022 to 3 May 2022", (2022, 3, 1), (2022, 5, 3)),
    ("2025-12-18T10:30:00Z", (2025, 12, 18), None),
    ("2025-12-18 10:30", (2025, 12, 18), None),
])
def test_forms_people_write(text: str, start: tuple[int, int | None, int | None],
                            end: tuple[int, int | None, int | None] | None) -> None:
    span = read_date(text)
    assert span is not None
    assert span.start == PartialDate(*start)
    assert span.end == (PartialDate(*end) if end else None)


@pytest.mark.parametrize("text", ["", "  ", "NA", "N/A", "n/a", "na", "-", "—", "unknown"])
def test_na_and_empty_mean_undated(text: str) -> None:
    assert read_date(text) is None


def test_a_spreadsheet_date_cell_is_taken_as_it_is() -> None:
    assert read_date(dt.date(2024, 2, 29)) == Span(PartialDate(2024, 2, 29))


def test_a_year_in_the_header_completes_day_and_month() -> None:
    assert read_date("Dec 18–20", year_hint=2025) == Span(PartialDate(2025, 12, 18),
                                                           PartialDate(2025, 12, 20))
    with pytest.raises(DateProblem, match="no year"):
        read_date("Dec 18")


def test_circa_reads_the_year_and_says_so() -> None:
    span = read_date("Circa 1900")
    assert span is not None and span.start == PartialDate(1900) and span.circa


@pytest.mark.parametrize(("text", "why"), [
    ("31/02/2020", "Feb 2020 has 29 days"),
    ("2025-13-01", "month 13 does not exist"),
    ("55 BC", "before the year 1 AD"),
    ("#VALUE!", "spreadsheet error"),
    ("Reagan admin", "is not a date"),
    ("Decmber 2020", "did you mean 'december'"),
    ("43", "four digits"),
    ("2 Jan – 18 Dec 2025 x", "is not a date"),
    ("20 Dec 2025 – 18 Dec 2025", "ends before it starts"),
])
def test_what_is_not_a_date_says_why(text: str, why: str) -> None:
    with pytest.raises(DateProblem, match=why):
        read_date(text)


def test_an_ambiguous_date_alone_asks_for_the_order() -> None:
    with pytest.raises(DateProblem, match=r"could be 7 Aug 2022 or 8 Jul 2022.*--dayfirst"):
        read_date("07/08/2022")
    assert read_date("07/07/2022") == Span(PartialDate(2022, 7, 7))  # the same either way
    assert read_date("25/12/2022") == Span(PartialDate(2022, 12, 25))


def _column(cells: list[str], order: Order | None = None):  # type: ignore[no-untyped-def]
    return read_date_column(cells, list(range(2, len(cells) + 2)), order)


def test_the_column_settles_the_order_with_a_warning() -> None:
    column = _column(["25/12/2022", "07/08/2022", "NA", "1/2/2023"])
    assert [v.start if isinstance(v, Span) else v for v in column.values] == [
        PartialDate(2022, 12, 25), PartialDate(2022, 8, 7), None, PartialDate(2023, 2, 1)]
    ((index, severity, message),) = column.notes
    assert (index, severity) == (1, Severity.WARNING)
    assert "day/month/year" in message and "row 2" in message and "7 Aug 2022" in message
    assert "--monthfirst" in message


def test_month_first_evidence_reads_the_other_way() -> None:
    column = _column(["12/25/2022", "07/08/2022"])
    assert column.values[1] == Span(PartialDate(2022, 7, 8))


def test_without_evidence_every_ambiguous_cell_is_an_error() -> None:
    column = _column(["07/08/2022", "03/04/2022", "05/05/2022"])
    assert all(isinstance(v, DateProblem) for v in column.values[:2])
    assert "pass --dayfirst or --monthfirst" in str(column.values[0])
    assert column.values[2] == Span(PartialDate(2022, 5, 5))


def test_conflicting_evidence_is_an_error_naming_both_rows() -> None:
    column = _column(["25/12/2022", "12/25/2022", "07/08/2022"])
    problem = column.values[2]
    assert isinstance(problem, DateProblem)
    assert "day-first (row 2)" in str(problem) and "month-first (row 3)" in str(problem)


def test_forms_are_settled_separately() -> None:
    # 25.12.2022 settles dotted dates only; the slashed one stays ambiguous.
    column = _column(["25.12.2022", "07.08.2022", "07/08/2022"])
    assert column.values[1] == Span(PartialDate(2022, 8, 7))
    assert isinstance(column.values[2], DateProblem)


def test_the_flags_decide_and_contradictions_are_errors() -> None:
    column = _column(["07/08/2022", "12/25/2022"], Order.DAY_FIRST)
    assert column.values[0] == Span(PartialDate(2022, 8, 7))
    assert isinstance(column.values[1], DateProblem)
    assert "month 25 does not exist" in str(column.values[1])
    assert _column(["07/08/2022"], Order.MONTH_FIRST).values[0] == Span(PartialDate(2022, 7, 8))


def test_two_digit_years_are_read_as_spreadsheets_do_with_a_warning() -> None:
    column = _column(["3/1/22", "5/17/22", "1/21/77"])
    assert [v.start for v in column.values if isinstance(v, Span)] == [
        PartialDate(2022, 3, 1), PartialDate(2022, 5, 17), PartialDate(1977, 1, 21)]
    assert any("two-digit years" in note[2] for note in column.notes)


def test_dropped_times_are_said_once_per_column() -> None:
    column = _column(["2025-12-18 10:00", "2025-12-19T11:00:00"])
    assert [note[0] for note in column.notes] == [0]
    assert "times of day are dropped" in column.notes[0][2]
