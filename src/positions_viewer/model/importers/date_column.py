"""A column of dates read together: the day/month order of ``07/08/2022`` settled by the
column's unambiguous dates written the same way, with a warning, or an error asking for
``--dayfirst``/``--monthfirst`` (DESIGN §2). Each distinct value is read once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..diagnostics import Severity
from ..text import clip_text
from .human_dates import (
    DateProblem,
    NumericDate,
    Order,
    Span,
    ambiguous_message,
    read_cell,
    resolve_order,
)

__all__ = ["DateColumn", "read_date_column"]


@dataclass(slots=True)
class DateColumn:
    """One column's dates: ``values[i]`` is a :class:`Span`, ``None`` (undated) or the
    :class:`DateProblem` of cell ``i``; ``notes`` are column-level diagnostics as
    ``(cell index, severity, message)``."""

    values: list[Span | DateProblem | None]
    notes: list[tuple[int, Severity, str]] = field(default_factory=list)


def read_date_column(
    cells: Sequence[str | dt.date], rows: Sequence[int], order: Order | None = None,
    year_hint: int | None = None,
) -> DateColumn:
    """Read a column of date cells (``rows`` are their spreadsheet row numbers, for the
    messages), settling ``07/08/2022`` by ``order`` or else by the column (DESIGN §2).
    Each distinct value is read once: a column of 100k dates holds a few thousand."""
    first: dict[str | dt.date, int] = {}
    for index, cell in enumerate(cells):
        first.setdefault(cell, index)
    read: dict[str | dt.date, Span | NumericDate | DateProblem | None] = {}
    for cell in first:
        try:
            read[cell] = read_cell(cell, year_hint)
        except DateProblem as problem:
            read[cell] = problem
    column = DateColumn([])
    orders = _column_orders(read, first, rows, order, column)
    settled: dict[str | dt.date, Span | DateProblem | None] = {}
    first_time = first_short = None
    for cell, got in read.items():
        if isinstance(got, NumericDate):
            got = _settle(got, cell, orders.get(got.separator, _UNSETTLED))
        if isinstance(got, Span):
            if got.had_time and (first_time is None or first[cell] < first[first_time]):
                first_time = cell
            if got.short_year and (first_short is None or first[cell] < first[first_short]):
                first_short = cell
        settled[cell] = got
    column.values = [settled[cell] for cell in cells]
    if first_time is not None:
        column.notes.append((first[first_time], Severity.WARNING,
                             "times of day are dropped: a comparison records days"))
    if first_short is not None:
        example = settled[first_short]
        assert isinstance(example, Span)
        column.notes.append((first[first_short], Severity.WARNING, (
            f"two-digit years are read as spreadsheets read them (00–29: 2000s, 30–99: "
            f"1900s): '{clip_text(str(first_short), 20)}' is "
            f"{example.start.label()}; write years in full if that is wrong")))
    column.notes.sort(key=lambda note: note[0])
    return column


_UNSETTLED = "no date written this way in the column settles the order"


def _settle(numeric: NumericDate, cell: str | dt.date, order: Order | str) -> Span | DateProblem:
    """``order``: the column's order for this way of writing, or why there is none."""
    shown = clip_text(" ".join(str(cell).split()), 40)
    if numeric.first == numeric.second:
        order = Order.DAY_FIRST
    elif (numeric.first > 12 or numeric.second > 12) and not isinstance(order, Order):
        order = Order.DAY_FIRST if numeric.first > 12 else Order.MONTH_FIRST
    if not isinstance(order, Order):
        return DateProblem(f"{ambiguous_message(shown, numeric)}, and {order}: pass "
                           "--dayfirst or --monthfirst")
    try:
        return resolve_order(numeric, order, shown)
    except DateProblem as problem:
        return problem


def _column_orders(
    read: dict[str | dt.date, Span | NumericDate | DateProblem | None],
    first: dict[str | dt.date, int], rows: Sequence[int], given: Order | None,
    column: DateColumn,
) -> dict[str, Order | str]:
    """The day/month order of each way of writing (``/``, ``.``, ``-``) in this column, or
    why it is not settled (``first``: the index of each value's first cell)."""
    evidence: dict[str, dict[Order, int]] = {}
    ambiguous: dict[str, int] = {}
    numeric = {first[cell]: got for cell, got in read.items() if isinstance(got, NumericDate)}
    for index in sorted(numeric):
        got = numeric[index]
        seen = evidence.setdefault(got.separator, {})
        if got.first > 12 >= got.second:
            seen.setdefault(Order.DAY_FIRST, index)
        elif got.second > 12 >= got.first:
            seen.setdefault(Order.MONTH_FIRST, index)
        elif got.first != got.second and got.first <= 12 and got.second <= 12:
            ambiguous.setdefault(got.separator, index)
    if given is not None:
        return dict.fromkeys(evidence, given)
    orders: dict[str, Order | str] = {}
    for separator, seen in evidence.items():
        first_ambiguous = ambiguous.get(separator)
        if len(seen) == 1:
            (order, proof), = seen.items()
            orders[separator] = order
            if first_ambiguous is not None:
                example = numeric[first_ambiguous]
                settled = resolve_order(example, order, "").start.label()
                other = Order.MONTH_FIRST if order is Order.DAY_FIRST else Order.DAY_FIRST
                flag = "--monthfirst" if other is Order.MONTH_FIRST else "--dayfirst"
                column.notes.append((first_ambiguous, Severity.WARNING, (
                    f"dates written a{separator}b{separator}yyyy are read {order.value}, "
                    f"as row {rows[proof]} shows: this one is {settled}; pass {flag} if "
                    "that is wrong")))
        elif len(seen) == 2:
            day_row, month_row = rows[seen[Order.DAY_FIRST]], rows[seen[Order.MONTH_FIRST]]
            orders[separator] = (f"the column has both day-first (row {day_row}) and "
                                 f"month-first (row {month_row}) dates")
        else:
            orders[separator] = _UNSETTLED
    return orders
