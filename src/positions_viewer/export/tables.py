"""What a filter selects, as text: CSV rows and Markdown tables (DESIGN §2, export formats).

Qt-free, so ``export`` to ``.md`` and ``.csv`` needs no display libraries at all. Every
field goes through :mod:`.escape`: control characters become U+FFFD, Markdown is escaped so
that it renders as the data's characters, and CSV for spreadsheets has no cell a
spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..model import QueryResult
from ..model.story import view_title
from .captions import NOTHING_MATCHES, caption_lines, is_empty_grid, no_events_text
from .escape import clean_text, md_escape, spreadsheet_cell

__all__ = [
    "EMPTY_CELL_MD",
    "GRID_CSV_COLUMNS",
    "TIMELINE_CSV_COLUMNS",
    "Changed",
    "csv_text",
    "grid_csv",
    "grid_markdown",
    "grid_rows",
    "timeline_csv",
    "timeline_markdown",
    "timeline_rows",
]

GRID_CSV_COLUMNS = ("issue_id", "issue", "actor_id", "actor", "date", "stance", "changed", "text")
TIMELINE_CSV_COLUMNS = ("id", "date", "end", "title", "actors", "issues")
EMPTY_CELL_MD = "_No stated position_"
# A presenter step marks exactly these (issue, actor) cells as changed (model.story
# Step.changed_cells); None: the query's own rule (changed since the day before `from`).
Changed = frozenset[tuple[int, int]] | None


def _kind(result: QueryResult, row: int, column: int, changed: Changed) -> str:
    """The cell's mark: its kind against the day before `from` (new, changed, restated) or
    "" (DESIGN §2); "changed" for a presenter step's changed cells."""
    if changed is None:
        kind = result.cell(row, column).kind
        return kind.value if kind.marked else ""
    cell = (int(result.issue_rows[row]), int(result.actor_columns[column]))
    return "changed" if cell in changed else ""


def grid_rows(result: QueryResult, changed: Changed = None) -> list[tuple[str, ...]]:
    """One row per shown cell (:data:`GRID_CSV_COLUMNS`), issue-major, both in file order;
    control characters are U+FFFD."""
    dataset = result.dataset
    rows: list[tuple[str, ...]] = []
    for row in range(result.row_count):
        for column in range(result.column_count):
            cell = result.cell(row, column)
            issue, actor = dataset.issues[cell.issue], dataset.actors[cell.actor]
            position = cell.position
            if position is None:
                rows.append((issue.id, clean_text(issue.title), actor.id,
                             clean_text(actor.name), "", "", "", ""))
                continue
            rows.append((
                issue.id, clean_text(issue.title), actor.id, clean_text(actor.name),
                position.date.iso() if position.date else "",
                clean_text(position.stance),
                _kind(result, row, column, changed),
                clean_text(position.text),
            ))
    return rows


def timeline_rows(result: QueryResult) -> list[tuple[str, ...]]:
    """One row per shown event (:data:`TIMELINE_CSV_COLUMNS`), in date order."""
    dataset = result.dataset
    rows: list[tuple[str, ...]] = []
    for event in result.events():
        rows.append((
            event.id,
            event.date.iso(),
            event.end.iso() if event.end else "",
            clean_text(event.title),
            ";".join(dataset.actors[i].id for i in event.actors),
            ";".join(dataset.issues[i].id for i in event.issues),
        ))
    return rows


def csv_text(header: tuple[str, ...], rows: list[tuple[str, ...]], spreadsheet: bool) -> str:
    """``rows`` under ``header`` as CSV text; ``spreadsheet`` guards formula-like cells."""
    return _csv(header, rows, spreadsheet)


def _csv(header: tuple[str, ...], rows: list[tuple[str, ...]], spreadsheet: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # With "\n" as the line end, Python's writer leaves a field holding a lone "\r" unquoted,
    # and readers split the row there: such rows have every field quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        if spreadsheet:
            row = tuple(spreadsheet_cell(field) for field in row)
        (quoted if any("\r" in field for field in row) else writer).writerow(row)
    return buffer.getvalue()


def grid_csv(result: QueryResult, spreadsheet: bool = False, changed: Changed = None) -> str:
    """The grid's cells as CSV text; ``spreadsheet`` guards formula-like cells with ``'``
    (the byte order mark is the file writer's: :mod:`.formats`)."""
    return _csv(GRID_CSV_COLUMNS, grid_rows(result, changed), spreadsheet)


def timeline_csv(result: QueryResult, spreadsheet: bool = False) -> str:
    """The shown events as CSV text; ``spreadsheet`` as in :func:`grid_csv`."""
    return _csv(TIMELINE_CSV_COLUMNS, timeline_rows(result), spreadsheet)


# -- Markdown ----------------------------------------------------------------------------


def _md_table(header: list[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(md_escape(h) for h in header) + " |",
           "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _md_heading(result: QueryResult, positions: bool = True, saved_view: int | None = None,
                subtitle: str | None = None) -> list[str]:
    dataset = result.dataset
    lines = [f"# {md_escape(dataset.title)}", ""]
    title = subtitle if subtitle is not None else view_title(dataset, result.filter, saved_view)
    if title is not None:
        lines += [f"## {md_escape(title)}", ""]
    if dataset.description:
        lines += [md_escape(dataset.description), ""]
    lines += [f"- {md_escape(line)}" for line in caption_lines(result, positions)]
    return [*lines, ""]


def _md_sentence(text: str) -> str:
    """A sentence of ours in emphasis, ending with a full stop (data in it escaped)."""
    return f"_{md_escape(text)}._"


def grid_markdown(result: QueryResult, heading: bool = True, saved_view: int | None = None,
                  subtitle: str | None = None, changed: Changed = None) -> str:
    """A row per issue and a column per actor, as in an article; headed with the dataset's
    title, ``subtitle`` (else the title of ``saved_view``, or of the saved view the filters
    are) and the caption. Filters that leave no row or column say :data:`NOTHING_MATCHES`."""
    dataset = result.dataset
    lines = _md_heading(result, saved_view=saved_view, subtitle=subtitle) if heading else []
    if is_empty_grid(result):
        return "\n".join([*lines, _md_sentence(NOTHING_MATCHES)]) + "\n"
    header = ["Issue"]
    for index in result.actor_columns.tolist():
        actor = dataset.actors[index]
        header.append(f"{actor.name} ({actor.detail})" if actor.detail else actor.name)
    rows: list[list[str]] = []
    for row in range(result.row_count):
        cells = [md_escape(dataset.issues[int(result.issue_rows[row])].title)]
        for column in range(result.column_count):
            position = result.cell(row, column).position
            if position is None:
                cells.append(EMPTY_CELL_MD)
                continue
            meta = [position.stance] if position.stance else []
            meta.append(position.date.label() if position.date else "undated")
            kind = _kind(result, row, column, changed)
            if kind:
                meta.append(kind)
            cells.append(f"{md_escape(position.text)} _({md_escape(' · '.join(meta))})_")
        rows.append(cells)
    return "\n".join(lines + _md_table(header, rows)) + "\n"


def timeline_markdown(result: QueryResult, heading: bool = True,
                      saved_view: int | None = None, subtitle: str | None = None) -> str:
    """A row per shown event in date order (date, event, actors, issues), or why none is
    shown; headed as :func:`grid_markdown`."""
    dataset = result.dataset
    rows: list[list[str]] = []
    for event in result.events():
        rows.append([
            md_escape(event.date_label()),
            md_escape(event.title),
            md_escape(", ".join(dataset.actors[i].name for i in event.actors)),
            md_escape("; ".join(dataset.issues[i].title for i in event.issues)),
        ])
    lines = (_md_heading(result, positions=False, saved_view=saved_view, subtitle=subtitle)
             if heading else [])
    if not rows:
        return "\n".join([*lines, _md_sentence(no_events_text(result))]) + "\n"
    return "\n".join(lines + _md_table(["Date", "Event", "Actors", "Issues"], rows)) + "\n"
