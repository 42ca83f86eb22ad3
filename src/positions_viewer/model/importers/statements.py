"""Statements from long tables (a row per statement) and wide tables (an article's grid).

A long table's row needs an actor (name or id), an issue (title or id) and a text; a row
with none of text, stance and date is an empty grid cell (the grid CSV writes those) and is
skipped. A wide table's first column holds the issues and every other column an actor
(``France (Élysée / Macron)`` → name ``France``, detail ``Élysée / Macron``); each filled
cell is a statement dated ``--date`` (or undated).
"""

from __future__ import annotations

import re

from ..diagnostics import Severity, known_list
from ..text import clip_text
from .date_column import read_date_column
from .fields import Layout, year_hint
from .human_dates import DateProblem, Span
from .records import Context, NewPosition, cell_text, url_words
from .registry import Entry
from .tables import Cell, RawTable

__all__ = ["actor_header", "read_statements", "read_wide", "repeated_row"]

_EMPTY_CELL = frozenset({"", "-", "–", "—", "_No stated position_", "No stated position"})
_ACTOR_HEADER = re.compile(r"(.*?)\s*\((.*)\)\s*\Z", re.DOTALL)


def _extra_cells(table: RawTable, row: int, cells: list[Cell], width: int,
                 ctx: Context) -> bool:
    """Cells to the right of the header's last column: reported, never dropped silently."""
    if len(cells) <= width or not any(cell_text(c) for c in cells[width:]):
        return False
    column = next(i for i in range(width, len(cells)) if cell_text(cells[i]))
    ctx.report.at(table, row, column, f"this row has {len(cells)} cells but the header has "
                  f"{width}: '{clip_text(cell_text(cells[column]), 40)}' is under no column")
    return True


def repeated_row(table: RawTable, row: int, cells: list[Cell], seen: dict[tuple[Cell, ...], int],
            ctx: Context) -> bool:
    key = tuple(cells)
    first = seen.setdefault(key, row)
    if first == row:
        return False
    ctx.report.at(table, row, None, f"this row repeats row {first}: imported once",
                  Severity.WARNING)
    return True


def read_statements(table: RawTable, layout: Layout, ctx: Context) -> int:
    """Add the statements of a long table to ``ctx``; returns how many."""
    cols, report, header = layout.columns, ctx.report, table.header
    missing = [name for name, keys in (("actor", ("actor", "actor_id")),
                                       ("issue", ("issue", "issue_id")), ("text", ("text",)))
               if not any(key in cols for key in keys)]
    if missing:
        found = ", ".join(f"{header[c].strip()} → {f}" for f, c in cols.items()) or "none"
        report.at(table, table.header_row, None, (
            f"read as statements (columns found: {found}), but no column gives the "
            f"{' or the '.join(missing)}: name the columns so (actor, issue, text) or map "
            f"them with --map COLUMN={missing[0]}"))
        return 0
    width = len(header)
    rows = table.rows
    date_col = cols.get("date", -1)
    dates: list[Span | DateProblem | None] = []
    if date_col >= 0:
        column = read_date_column(
            [cells[date_col] if date_col < len(cells) else "" for _, cells in rows],
            [row for row, _ in rows], ctx.order, year_hint(header[date_col]))
        for index, severity, message in column.notes:
            report.at(table, rows[index][0], date_col, message, severity)
        dates = column.values
    wanted = ("actor", "actor_id", "issue", "issue_id", "text", "stance", "source", "url",
              "event")
    a_name, a_id, i_name, i_id, c_text, c_stance, c_source, c_url, c_event = (
        cols.get(name, -1) for name in wanted)
    seen: dict[tuple[Cell, ...], int] = {}
    added = 0
    label = table.label
    # Each row's cells as text, padded so that index -1 (a field without a column) is "".
    pad: list[str] = [""] * (width + 1)
    for index, (row, cells) in enumerate(rows):
        n = len(cells)
        if n > width and _extra_cells(table, row, cells, width, ctx):
            ctx.report.bad_rows.append((label, row))
            continue
        if table.has_dates:
            values = [cell_text(c) for c in cells]
        else:  # text only (CSV): strip directly, the hot path at 100k rows
            values = [c.strip() for c in cells]  # type: ignore[union-attr]
        if n == width:
            values.append("")
        else:
            values += pad[n:] if n < width else [""]
        text, stance = values[c_text], values[c_stance]
        span = dates[index] if dates else None
        if not text and not stance and span is None:
            if not any(values):
                continue  # a blank row
            if (values[a_name] or values[a_id]) and (values[i_name] or values[i_id]):
                continue  # an empty grid cell: actor and issue, nothing said
        first = seen.setdefault(tuple(cells), row)  # repeated_row, inlined in this hot loop
        if first != row:
            report.at(table, row, None, f"this row repeats row {first}: imported once",
                      Severity.WARNING)
            continue
        failed = False
        date = None
        if isinstance(span, DateProblem):
            report.at(table, row, date_col, str(span))
            failed = True
        elif span is not None:
            if span.end is not None:
                report.at(table, row, date_col, "a statement has one date, not a range")
                failed = True
            date = span.start
            if span.circa:
                report.at(table, row, date_col, f"read as {span.start.label()}, an "
                          "approximate date (the 'circa' is dropped)", Severity.WARNING)
        if not text:
            report.at(table, row, c_text, "no text: a statement needs what was said")
            failed = True
        actor_id, actor_name = values[a_id], values[a_name]
        issue_id, issue_name = values[i_id], values[i_name]
        if not actor_id and not actor_name:
            report.at(table, row, a_name if a_name >= 0 else a_id, "no actor")
            failed = True
        if not issue_id and not issue_name:
            report.at(table, row, i_name if i_name >= 0 else i_id, "no issue")
            failed = True
        url = values[c_url]
        refused = url_words(url) if url else None
        if refused is not None:
            report.at(table, row, c_url, refused)
            failed = True
        event = _event_ref(table, row, c_event, values[c_event], ctx) if c_event >= 0 else ""
        if event is None:
            failed = True
        if failed:
            ctx.report.bad_rows.append((label, row))
            continue
        origin = (label, row, 0)
        actor = ctx.actors.resolve(actor_id, actor_name, origin=origin)
        issue = ctx.issues.resolve(issue_id, issue_name, origin=origin)
        source = values[c_source]
        sources = (ctx.source(source, url, origin),) if source or url else ()
        if not ctx.known_positions:  # nothing to compare with: _add, inlined
            ctx.positions.append(NewPosition(actor.id, issue.id, text, date, stance,
                                             event or "", sources, origin))
            added += 1
        elif _add(ctx, NewPosition(actor.id, issue.id, text, date, stance, event or "", sources,
                                 origin), table):
            added += 1
    return added


def _event_ref(table: RawTable, row: int, column: int, value: str, ctx: Context) -> str | None:
    """The id of the event a statement names ("" for none), or ``None`` when it names an
    event that does not exist or cannot be referred to."""
    if not value:
        return ""
    entry = ctx.events.find(value)
    if entry is None:
        ids = [e.id or e.name for e in ctx.events.entries]
        ctx.report.at(table, row, column, f"no event '{clip_text(value, 40)}' in this import "
                      f"or the file it goes into {known_list(ids)}")
        return None
    if not entry.id and not entry.new:
        ctx.report.at(table, row, column, f"the event '{clip_text(entry.name, 40)}' has no id "
                      "in the file: give it one there to refer to it")
        return None
    return ctx.events.assign_id(entry)


def _add(ctx: Context, position: NewPosition, table: RawTable) -> bool:
    if ctx.known_positions:
        key = (position.actor, position.issue, position.date.iso() if position.date else "",
               position.stance, position.text)
        if key in ctx.known_positions:
            ctx.report.at(table, position.origin[1], None, "this statement is already in the "
                          "file (same actor, issue, date, stance and text): not added again",
                          Severity.WARNING)
            return False
    ctx.positions.append(position)
    return True


def actor_header(text: str) -> tuple[str, str]:
    """``"France (Élysée / Macron)"`` → ``("France", "Élysée / Macron")``."""
    text = " ".join(text.split())
    match = _ACTOR_HEADER.match(text)
    if match and match.group(1):
        return match.group(1), match.group(2).strip()
    return text, ""


def read_wide(table: RawTable, ctx: Context) -> int:
    """Add a statement per filled cell of an issues × actors table; returns how many."""
    header = table.header
    if len(header) < 2 or not table.rows:
        ctx.report.at(table, table.header_row, None, "not read: its columns name no statement "
                      "or event fields, and as an article's table (issues in the first "
                      "column, an actor per column) it needs two columns and a row",
                      Severity.WARNING)
        return 0
    width = len(header)
    actors: dict[int, Entry] = {}
    seen: dict[tuple[Cell, ...], int] = {}
    date = ctx.wide_date.start if ctx.wide_date is not None else None
    added = 0
    for row, cells in table.rows:
        if len(cells) > width and _extra_cells(table, row, cells, width, ctx):
            ctx.report.bad_rows.append((table.label, row))
            continue
        values = [cell_text(c) for c in cells]
        filled = [i for i in range(1, min(width, len(values))) if values[i] not in _EMPTY_CELL]
        issue_title = values[0] if values else ""
        if not filled:
            continue
        if repeated_row(table, row, cells, seen, ctx):
            continue
        if not issue_title:
            ctx.report.at(table, row, 0, "no issue: the first column names the issue of "
                          "each row")
            ctx.report.bad_rows.append((table.label, row))
            continue
        nameless = [i for i in filled if not header[i].strip()]
        if nameless:
            ctx.report.at(table, table.header_row, nameless[0], "this column has no header: "
                          "it names the actor whose statements it holds")
            ctx.report.bad_rows.append((table.label, row))
            continue
        origin = (table.label, row, 0)
        issue = ctx.issues.resolve("", issue_title, origin=origin)
        for column in filled:
            actor = actors.get(column)
            if actor is None:
                name, detail = actor_header(header[column])
                actor = ctx.actors.find(header[column]) or ctx.actors.resolve(
                    "", name, detail, origin=(table.label, table.header_row, column + 1))
                actors[column] = actor
            position = NewPosition(actor.id, issue.id, values[column], date, "", "", (),
                                   (table.label, row, column + 1))
            if _add(ctx, position, table):
                added += 1
    return added
