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
from ..model.compare import KINDS
from ..model.story import view_title
from .captions import NOTHING_MATCHES, caption_lines, is_empty_grid, no_events_text
from .escape import FORMULA_STARTS, clean_text, md_escape

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
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
# A presenter step marks exactly these (issue, actor) cells as changed (model.story
# Step.changed_cells); None: the query's own rule (changed since the day before `from`).
Changed = frozenset[tuple[int, int]] | None


def _kind_words(result: QueryResult, changed: Changed) -> list[list[str]]:
    """Per shown cell, its mark (DESIGN §2 ``changed`` column): the kind against the day
    before ``from`` (new, changed, restated) or ""; with ``changed`` (a presenter step),
    only those cells are marked, each with its kind ("changed" when it has none)."""
    words = [kind.value if kind.marked else "" for kind in KINDS]
    marks = [[words[code] for code in row] for row in result.cell_kinds.tolist()]
    if changed is None:
        return marks
    actors = result.actor_columns.tolist()
    return [[(marks[row][column] or "changed") if (issue, actor) in changed else ""
             for column, actor in enumerate(actors)]
            for row, issue in enumerate(result.issue_rows.tolist())]


def grid_rows(result: QueryResult, changed: Changed = None) -> list[tuple[str, ...]]:
    """One row per shown cell (:data:`GRID_CSV_COLUMNS`), issue-major, both in file order;
    control characters are U+FFFD."""
    return _grid_rows(result, changed, spreadsheet=False)


def _field(text: str, spreadsheet: bool) -> str:
    """A CSV field: controls as U+FFFD; for spreadsheets, formulas guarded (as
    :func:`.escape.spreadsheet_cell`, inlined: a call per field costs at 100,000 rows)."""
    if not text.isprintable():
        text = clean_text(text)
    return "'" + text if spreadsheet and text[:1] in _FORMULA_FIRST else text


def _grid_rows(result: QueryResult, changed: Changed, spreadsheet: bool) -> list[tuple[str, ...]]:
    # Plain lists rather than QueryResult.cell(): a 20,000-cell grid in a third of the time.
    dataset = result.dataset
    issue_rows, actor_columns = result.issue_rows.tolist(), result.actor_columns.tolist()
    actors = [(dataset.actors[a].id, _field(dataset.actors[a].name, spreadsheet))
              for a in actor_columns]
    positions, cells = dataset.positions, result.cell_positions.tolist()
    kinds = _kind_words(result, changed)
    rows: list[tuple[str, ...]] = []
    for row, issue_index in enumerate(issue_rows):
        issue = dataset.issues[issue_index]
        issue_id, title = issue.id, _field(issue.title, spreadsheet)
        row_cells, row_kinds = cells[row], kinds[row]
        for column, (actor_id, name) in enumerate(actors):
            number = row_cells[column]
            if number < 0:
                rows.append((issue_id, title, actor_id, name, "", "", "", ""))
                continue
            position = positions[number]
            rows.append((
                issue_id, title, actor_id, name,
                position.date.iso() if position.date else "",
                _field(position.stance, spreadsheet),
                row_kinds[column],
                _field(position.text, spreadsheet),
            ))
    return rows


def timeline_rows(result: QueryResult) -> list[tuple[str, ...]]:
    """One row per shown event (:data:`TIMELINE_CSV_COLUMNS`), in date order."""
    return _timeline_rows(result, spreadsheet=False)


def _timeline_rows(result: QueryResult, spreadsheet: bool) -> list[tuple[str, ...]]:
    dataset = result.dataset
    rows: list[tuple[str, ...]] = []
    for event in result.events():
        rows.append((
            event.id,
            event.date.iso(),
            event.end.iso() if event.end else "",
            _field(event.title, spreadsheet),
            ";".join(dataset.actors[i].id for i in event.actors),
            ";".join(dataset.issues[i].id for i in event.issues),
        ))
    return rows


def csv_text(header: tuple[str, ...], rows: list[tuple[str, ...]], spreadsheet: bool) -> str:
    """``rows`` under ``header`` as CSV text; ``spreadsheet`` guards formula-like cells with
    ``'`` and every field has control characters as U+FFFD (for other writers' tables)."""
    clean = [tuple(_field(field, spreadsheet) for field in row) for row in rows]
    return _csv(header, clean, tuple(range(len(header))))


def _csv(header: tuple[str, ...], rows: list[tuple[str, ...]], texts: tuple[int, ...]) -> str:
    """CSV text; ``texts``: the columns that may hold a carriage return (ids, dates and
    lists of ids cannot)."""
    # With "\n" as the line end, Python's writer leaves a field holding a lone "\r" unquoted,
    # and readers split the row there: such rows have every field quoted (second pass, rare).
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if "\r" not in text:  # the line end is "\n": a "\r" can only come from the data
        return text
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        (quoted if any("\r" in row[i] for i in texts) else writer).writerow(row)
    return buffer.getvalue()


def grid_csv(result: QueryResult, spreadsheet: bool = False, changed: Changed = None) -> str:
    """The grid's cells as CSV text; ``spreadsheet`` guards formula-like cells with ``'``
    (the byte order mark is the file writer's: :mod:`.formats`)."""
    return _csv(GRID_CSV_COLUMNS, _grid_rows(result, changed, spreadsheet), (1, 3, 5, 7))


def timeline_csv(result: QueryResult, spreadsheet: bool = False) -> str:
    """The shown events as CSV text; ``spreadsheet`` as in :func:`grid_csv`."""
    return _csv(TIMELINE_CSV_COLUMNS, _timeline_rows(result, spreadsheet), (3,))


# -- Markdown ----------------------------------------------------------------------------


def _md_table(header: list[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(md_escape(h) for h in header) + " |",
           "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _md_heading(result: QueryResult, positions: bool = True, saved_view: int | None = None,
                subtitle: str | None = None) -> list[str]:
    dataset = result.dataset
    lines = [f"# {md_escape(dataset.label)}", ""]
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
    actor_columns = result.actor_columns.tolist()
    header = ["Issue"]
    for index in actor_columns:
        actor = dataset.actors[index]
        header.append(f"{actor.label} ({actor.detail})" if actor.detail else actor.label)
    positions, cells = dataset.positions, result.cell_positions.tolist()
    kinds = _kind_words(result, changed)
    metas: dict[tuple[str, str, str], str] = {}  # few stances and dates: escaped once
    rows: list[list[str]] = []
    for row, issue_index in enumerate(result.issue_rows.tolist()):
        line = [md_escape(dataset.issues[issue_index].label)]
        row_cells, row_kinds = cells[row], kinds[row]
        for column, number in enumerate(row_cells):
            if number < 0:
                line.append(EMPTY_CELL_MD)
                continue
            position = positions[number]
            key = (position.stance, position.date.label() if position.date else "undated",
                   row_kinds[column])
            meta = metas.get(key)
            if meta is None:
                meta = metas[key] = md_escape(" · ".join(word for word in key if word))
            line.append(f"{md_escape(position.text)} _({meta})_")
        rows.append(line)
    return "\n".join(lines + _md_table(header, rows)) + "\n"


def timeline_markdown(result: QueryResult, heading: bool = True,
                      saved_view: int | None = None, subtitle: str | None = None) -> str:
    """A row per shown event in date order (date, event, actors, issues), or why none is
    shown; headed as :func:`grid_markdown`."""
    dataset = result.dataset
    rows: list[list[str]] = []
    dates: dict[str, str] = {}  # dates and tag lists repeat: each escaped once
    actors: dict[tuple[int, ...], str] = {}
    issues: dict[tuple[int, ...], str] = {}
    for event in result.events():
        date, who, what = event.date_label(), tuple(event.actors), tuple(event.issues)
        if date not in dates:
            dates[date] = md_escape(date)
        if who not in actors:
            actors[who] = md_escape(", ".join(dataset.actors[i].label for i in who))
        if what not in issues:
            issues[what] = md_escape("; ".join(dataset.issues[i].label for i in what))
        rows.append([dates[date], md_escape(event.label), actors[who], issues[what]])
    lines = (_md_heading(result, positions=False, saved_view=saved_view, subtitle=subtitle)
             if heading else [])
    if not rows:
        return "\n".join([*lines, _md_sentence(no_events_text(result))]) + "\n"
    return "\n".join(lines + _md_table(["Date", "Event", "Actors", "Issues"], rows)) + "\n"
