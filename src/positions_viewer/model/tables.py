"""What a filter selects, as text: CSV rows, Markdown tables and the caption in words.

Qt-free, so ``export`` to ``.md`` and ``.csv`` needs no display libraries at all, and the
PNG caption and the Markdown caption say exactly the same thing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from .query import QueryResult
from .story import view_title
from .text import clip_text
from .types import Dataset

__all__ = [
    "EMPTY_CELL_MD",
    "GRID_CSV_COLUMNS",
    "TIMELINE_CSV_COLUMNS",
    "as_of_words",
    "caption_lines",
    "grid_csv",
    "grid_markdown",
    "md_escape",
    "timeline_csv",
    "timeline_markdown",
]

GRID_CSV_COLUMNS = ("issue_id", "issue", "actor_id", "actor", "date", "stance", "changed", "text")
TIMELINE_CSV_COLUMNS = ("id", "date", "end", "title", "actors", "issues")
EMPTY_CELL_MD = "_No stated position_"


def grid_rows(result: QueryResult) -> list[tuple[str, ...]]:
    """One row per shown cell, issue-major, both in file order."""
    dataset = result.dataset
    rows: list[tuple[str, ...]] = []
    for row in range(result.row_count):
        for column in range(result.column_count):
            cell = result.cell(row, column)
            issue, actor = dataset.issues[cell.issue], dataset.actors[cell.actor]
            position = cell.position
            if position is None:
                rows.append((issue.id, issue.title, actor.id, actor.name, "", "", "", ""))
                continue
            rows.append((
                issue.id, issue.title, actor.id, actor.name,
                position.date.iso() if position.date else "",
                position.stance,
                cell.kind.value if cell.kind.marked else "",  # new, changed, restated
                position.text,
            ))
    return rows


def timeline_rows(result: QueryResult) -> list[tuple[str, ...]]:
    """One row per shown event, in date order."""
    dataset = result.dataset
    rows: list[tuple[str, ...]] = []
    for event in result.events():
        rows.append((
            event.id,
            event.date.iso(),
            event.end.iso() if event.end else "",
            event.title,
            ";".join(dataset.actors[i].id for i in event.actors),
            ";".join(dataset.issues[i].id for i in event.issues),
        ))
    return rows


def _csv(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # With "\n" as the line end, Python's writer leaves a field holding a lone "\r" unquoted,
    # and readers split the row there: such rows have every field quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        (quoted if any("\r" in field for field in row) else writer).writerow(row)
    return buffer.getvalue()


def grid_csv(result: QueryResult) -> str:
    return _csv(GRID_CSV_COLUMNS, grid_rows(result))


def timeline_csv(result: QueryResult) -> str:
    return _csv(TIMELINE_CSV_COLUMNS, timeline_rows(result))


# -- words -------------------------------------------------------------------------------


def as_of_words(result: QueryResult) -> str:
    flt = result.filter
    if flt.date_to is not None:
        return f"as of {flt.date_to.label()}"
    as_of = result.dataset.as_of
    return f"latest statements (file as of {as_of.label()})" if as_of else "latest statements"


def _names(dataset: Dataset, table: str, selected: frozenset[int] | None) -> str:
    entries = getattr(dataset, table)
    if selected is None or len(selected) == len(entries):
        return "all"
    if not selected:
        return "none"
    names = [entries[i].name if table == "actors" else entries[i].title
             for i in sorted(selected)]
    if len(names) > 6:
        return f"{len(names)} of {len(entries)} ({'; '.join(names[:5])}; …)"
    return "; ".join(names)


def no_events_text(result: QueryResult) -> str:
    """Why no event is shown, in words: the file has none, none match the search (with
    the other filters, when there are any), or the filters leave none."""
    if not result.dataset.events:
        return "No events in this file"
    flt = result.filter
    text = flt.text.strip()
    if not text:
        return "No events match these filters"
    others = (flt.issues, flt.actors, flt.date_from, flt.date_to) != (None,) * 4
    return f"No events match “{clip_text(text, 40)}”" + (" in these filters" if others else "")


def caption_lines(result: QueryResult, positions: bool = True) -> list[str]:
    """The filters in words: issues, actors, dates, what the positions are as of (unless
    not ``positions``: a timeline alone shows none), search."""
    dataset, flt = result.dataset, result.filter
    lines = [f"Issues: {_names(dataset, 'issues', flt.issues)}",
             f"Actors: {_names(dataset, 'actors', flt.actors)}"]
    if flt.date_from is not None and flt.date_to is not None:
        lines.append(f"Dates: {flt.date_from.range_label(flt.date_to)}")
    elif flt.date_from is not None:
        lines.append(f"Dates: from {flt.date_from.label()}")
    elif flt.date_to is not None:
        lines.append(f"Dates: up to {flt.date_to.label()}")
    else:
        lines.append("Dates: all")
    if positions:
        as_of = f"Positions: {as_of_words(result)}"
        if flt.date_from is not None:
            as_of += "; changes in range highlighted"
        lines.append(as_of)
    if flt.text.strip():
        lines.append(f"Search: “{flt.text.strip()}”")
    return lines


# -- Markdown ----------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes and backslashes escaped."""
    one_line = " ".join(text.split())
    return one_line.replace("\\", "\\\\").replace("|", "\\|")


def _md_table(header: list[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(md_escape(h) for h in header) + " |",
           "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _md_heading(result: QueryResult, positions: bool = True,
                saved_view: int | None = None) -> list[str]:
    dataset = result.dataset
    lines = [f"# {md_escape(dataset.title)}", ""]
    title = view_title(dataset, result.filter, saved_view)
    if title is not None:
        lines += [f"## {md_escape(title)}", ""]
    if dataset.description:
        lines += [md_escape(dataset.description), ""]
    lines += [f"- {md_escape(line)}" for line in caption_lines(result, positions)]
    return [*lines, ""]


def grid_markdown(result: QueryResult, heading: bool = True,
                  saved_view: int | None = None) -> str:
    """A row per issue and a column per actor, as in an article."""
    dataset = result.dataset
    header = ["Issue"]
    for index in result.actor_columns.tolist():
        actor = dataset.actors[index]
        header.append(f"{actor.name} ({actor.detail})" if actor.detail else actor.name)
    rows: list[list[str]] = []
    for row in range(result.row_count):
        cells = [md_escape(dataset.issues[int(result.issue_rows[row])].title)]
        for column in range(result.column_count):
            cell = result.cell(row, column)
            position = cell.position
            if position is None:
                cells.append(EMPTY_CELL_MD)
                continue
            meta = [position.stance] if position.stance else []
            meta.append(position.date.label() if position.date else "undated")
            if cell.kind.marked:
                meta.append(cell.kind.value)
            cells.append(f"{md_escape(position.text)} _({md_escape(' · '.join(meta))})_")
        rows.append(cells)
    lines = _md_heading(result, saved_view=saved_view) if heading else []
    return "\n".join(lines + _md_table(header, rows)) + "\n"


def timeline_markdown(result: QueryResult, heading: bool = True,
                      saved_view: int | None = None) -> str:
    dataset = result.dataset
    rows: list[list[str]] = []
    for event in result.events():
        rows.append([
            md_escape(event.date_label()),
            md_escape(event.title),
            md_escape(", ".join(dataset.actors[i].name for i in event.actors)),
            md_escape("; ".join(dataset.issues[i].title for i in event.issues)),
        ])
    lines = _md_heading(result, positions=False, saved_view=saved_view) if heading else []
    if not rows:
        why = md_escape(no_events_text(result)).replace("_", "\\_").replace("*", "\\*")
        return "\n".join([*lines, f"_{why}._"]) + "\n"
    return "\n".join(lines + _md_table(["Date", "Event", "Actors", "Issues"], rows)) + "\n"
