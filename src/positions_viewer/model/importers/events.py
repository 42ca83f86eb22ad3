"""Events from event tables and TimelineJS sources.

An event row needs a date and a title; ``end`` (or a range in the date cell: ``Dec 18–20``)
makes it a range. ``actors`` and ``issues`` cells list names or ids split on ``;``; a name
no entry has becomes a new actor or issue. In TimelineJS, ``Year``/``Month``/``Day`` (and
the ``End …`` columns) give the dates, ``Headline`` the title, ``Text`` the detail (its HTML
read as plain text), a ``Group`` that names an actor tags it (and a new actor otherwise), and
the ``title`` slide the comparison's title.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..dates import PartialDate
from ..diagnostics import Severity
from ..text import clip_text
from .date_column import read_date_column
from .fields import Layout, normalize_header, year_hint
from .human_dates import MONTHS, DateProblem, Span, checked_date
from .markup import html_text
from .records import Context, NewEvent, cell_text, url_words
from .registry import is_id
from .statements import repeated_row
from .tables import Cell, RawTable

__all__ = ["read_events", "read_timeline"]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _dates(table: RawTable, column: int, ctx: Context) -> list[Span | DateProblem | None]:
    if column < 0:
        return [None] * len(table.rows)
    rows = table.rows
    read = read_date_column(
        [cells[column] if column < len(cells) else "" for _, cells in rows],
        [row for row, _ in rows], ctx.order, year_hint(table.header[column]))
    for index, severity, message in read.notes:
        ctx.report.at(table, rows[index][0], column, message, severity)
    return read.values


def read_events(table: RawTable, layout: Layout, ctx: Context) -> int:
    """Add the events of an event table to ``ctx``; returns how many."""
    cols, report = layout.columns, ctx.report
    missing = [needed for needed in ("date", "title") if needed not in cols]
    if missing:
        found = ", ".join(f"{table.header[c].strip()} → {f}" for f, c in cols.items())
        report.at(table, table.header_row, None, (
            f"read as events (columns found: {found}), but no column gives the "
            f"{' or the '.join(missing)}: name the columns so (date, title) or map them with "
            f"--map COLUMN={missing[0]}"))
        return 0
    names = ("date", "end", "title", "detail", "actors", "issues", "id", "source", "url")
    c_date, c_end, c_title, c_detail, c_actors, c_issues, c_id, c_source, c_url = (
        cols.get(name, -1) for name in names)
    starts, ends = _dates(table, c_date, ctx), _dates(table, c_end, ctx)
    width = len(table.header)
    added = 0
    seen: dict[tuple[Cell, ...], int] = {}
    for index, (row, cells) in enumerate(table.rows):
        values = [cell_text(c) for c in cells]
        if not any(values) or repeated_row(table, row, cells, seen, ctx):
            continue
        if len(values) > width and any(values[width:]):
            report.at(table, row, width, f"this row has {len(values)} cells but the header "
                      f"has {width}: a cell is under no column")
            report.bad_rows.append((table.label, row))
            continue

        def get(column: int, values: list[str] = values) -> str:
            return values[column] if 0 <= column < len(values) else ""

        start, end = _event_dates(table, row, (c_date, c_end), starts[index], ends[index], ctx)
        title, url = get(c_title), get(c_url)
        failed = start is None
        if not title:
            report.at(table, row, c_title, "no title: an event needs one")
            failed = True
        refused = url_words(url) if url else None
        if refused is not None:
            report.at(table, row, c_url, refused)
            failed = True
        event_id = _event_id(table, row, c_id, get(c_id), ctx)
        if event_id is None or failed or start is None:
            report.bad_rows.append((table.label, row))
            continue
        origin = (table.label, row, 0)
        actors = tuple(ctx.actors.resolve("", name, origin=origin).id
                       for name in _split(get(c_actors)))
        issues = tuple(ctx.issues.resolve("", name, origin=origin).id
                       for name in _split(get(c_issues)))
        source = get(c_source)
        sources = (ctx.source(source, url, origin),) if source or url else ()
        event = NewEvent(event_id, start, end, title, get(c_detail), actors, issues, sources,
                         origin)
        added += _add(ctx, event, table)
    return added


def _event_dates(
    table: RawTable, row: int, columns: tuple[int, int], start: Span | DateProblem | None,
    end: Span | DateProblem | None, ctx: Context,
) -> tuple[PartialDate | None, PartialDate | None]:
    report = ctx.report
    for column, got in zip(columns, (start, end), strict=True):
        if isinstance(got, DateProblem):
            report.at(table, row, column, str(got))
            return None, None
        if isinstance(got, Span) and got.circa:
            report.at(table, row, column, f"read as {got.start.label()}, an approximate date "
                      "(the 'circa' is dropped)", Severity.WARNING)
    if start is None:
        report.at(table, row, columns[0], "no date: an event needs one")
        return None, None
    assert isinstance(start, Span) and not isinstance(end, DateProblem)
    last = start.end
    if end is not None:
        if end.end is not None or last is not None:
            report.at(table, row, columns[1], "the end is a range: give one end date")
            return None, None
        last = end.start
    if last is not None and last.stop < start.start.start:
        report.at(table, row, columns[1], f"the event ends ({last.label()}) before it starts "
                  f"({start.start.label()})")
        return None, None
    return start.start, (None if last == start.start else last)


def _event_id(table: RawTable, row: int, column: int, value: str, ctx: Context) -> str | None:
    if not value:
        return ""
    if not is_id(value):
        ctx.report.at(table, row, column, f"bad id '{clip_text(value, 40)}': use letters, "
                      "digits, '_', '.', '-', starting with a letter or digit")
        return None
    taken = ctx.events.find(value)
    if taken is not None and taken.id == value:
        ctx.report.at(table, row, column, f"the event id '{value}' is already used")
        return None
    return value


def event_key(date: PartialDate, end: PartialDate | None, title: str, detail: str,
              actors: Sequence[str]) -> tuple[str, str, str, str, tuple[str, ...]]:
    """What makes two events the same one: dates, title, detail and actors."""
    return (date.iso(), end.iso() if end else "", title, detail, tuple(sorted(actors)))


def _add(ctx: Context, event: NewEvent, table: RawTable) -> int:
    key = event_key(event.date, event.end, event.title, event.detail, event.actors)
    if key in ctx.known_events:
        ctx.report.at(table, event.origin[1], None, "this event is already in the file (same "
                      "dates, title, detail and actors): not added again", Severity.WARNING)
        return 0
    ctx.event_entries.append(ctx.events.add_new(event.id, event.title, origin=event.origin))
    ctx.new_events.append(event)
    return 1


def _timeline_date(year: str, month: str, day: str) -> PartialDate:
    if not year.lstrip("-").isdigit():
        raise DateProblem(f"Year '{clip_text(year, 20)}' is not a year")
    number = int(year)
    if number < 1:
        raise DateProblem(f"Year {number}: dates before the year 1 AD cannot be shown")
    month_number = None
    if month:
        month_number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
        if month_number is None or not 1 <= month_number <= 12:
            raise DateProblem(f"Month '{clip_text(month, 20)}' is not a month (1–12)")
    if day and month_number is None:
        raise DateProblem("a Day needs a Month")
    if day and not day.isdigit():
        raise DateProblem(f"Day '{clip_text(day, 20)}' is not a day of the month")
    return checked_date(number, month_number, int(day) if day else None, f"{year}-{month}-{day}")


def read_timeline(table: RawTable, ctx: Context) -> int:
    """Add the slides of a TimelineJS sheet or JSON file to ``ctx`` as events."""
    index = {normalize_header(h): i for i, h in enumerate(table.header)}
    names = ("year", "month", "day", "end year", "end month", "end day", "headline", "text",
             "type", "group", "unique id")
    columns = [index.get(name, -1) for name in names]
    added = 0
    for row, cells in table.rows:
        values = [cell_text(c) for c in cells]

        def get(column: int, values: list[str] = values) -> str:
            return values[column] if 0 <= column < len(values) else ""

        c_head, c_text, c_type = columns[6:9]
        headline, text = html_text(get(c_head)), html_text(get(c_text))
        kind = get(c_type).lower()
        if kind == "title":
            ctx.title = ctx.title or headline.replace("\n", " ")
            ctx.description = ctx.description or text
            continue
        if not any(values):
            continue
        added += _timeline_row(table, row, values, columns, headline, text, ctx)
    return added


def _timeline_row(table: RawTable, row: int, values: list[str], columns: list[int],
                  headline: str, text: str, ctx: Context) -> int:
    def get(column: int) -> str:
        return values[column] if 0 <= column < len(values) else ""

    y, m, d, ey, em, ed, _head, c_text, _type, c_group, c_id = columns
    try:
        start = _timeline_date(get(y), get(m), get(d))
    except DateProblem as problem:
        ctx.report.at(table, row, y, str(problem))
        ctx.report.bad_rows.append((table.label, row))
        return 0
    end = None
    if get(ey) or get(em) or get(ed):
        try:
            end = _timeline_date(get(ey) or get(y), get(em), get(ed))
        except DateProblem as problem:
            ctx.report.at(table, row, ey, str(problem))
            ctx.report.bad_rows.append((table.label, row))
            return 0
        if end.stop < start.start:
            ctx.report.at(table, row, ey, f"the event ends ({end.label()}) before it starts "
                          f"({start.label()})")
            ctx.report.bad_rows.append((table.label, row))
            return 0
    title = headline.replace("\n", " ") or clip_text(text.split("\n")[0], 80)
    if not title:
        ctx.report.at(table, row, c_text, "no Headline and no Text: an event needs a title")
        ctx.report.bad_rows.append((table.label, row))
        return 0
    origin = (table.label, row, 0)
    group = " ".join(get(c_group).split())
    actors = (ctx.actors.resolve("", group, origin=origin).id,) if group else ()
    unique = get(c_id)
    event_id = unique if unique and is_id(unique) and ctx.events.find(unique) is None else ""
    detail = text if headline else ""
    event = NewEvent(event_id, start, None if end == start else end, title, detail, actors, (),
                     (), origin)
    return _add(ctx, event, table)

