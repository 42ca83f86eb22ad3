"""What changed between two dates, as text: the Markdown digest and the compare CSV
(DESIGN §2 ``compare``; issue 14.5). Qt-free.

The digest has a section per issue and a line per actor whose cell is new, changed or
restated ("A: … → B: …", dates and kinds); unchanged and empty cells are counted, not
listed. The CSV has a row per shown cell (:data:`COMPARE_CSV_COLUMNS`). Every field from the
data goes through the export service's text safety (:mod:`.escape`, :func:`.tables.csv_text`):
Markdown that renders as the data's characters, spreadsheet-safe CSV, control characters as
U+FFFD.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from ..model import QueryResult
from ..model.compare import CHANGED, NEW, RESTATED, Comparison, Kind, age_words
from ..model.types import Position
from .atomic import atomic_write
from .captions import caption_lines
from .escape import clean_text, md_escape
from .tables import csv_text

__all__ = ["COMPARE_CSV_COLUMNS", "compare_csv", "compare_markdown", "compare_rows",
           "write_compare"]

COMPARE_CSV_COLUMNS = ("issue_id", "issue", "actor_id", "actor", "kind", "a_date", "a_stance",
                       "a_text", "b_date", "b_stance", "b_text")
LISTED = (CHANGED, NEW, RESTATED)  # the kinds a digest lists; the others are counted
SUMMARY = (Kind.CHANGED, Kind.NEW, Kind.RESTATED, Kind.UNCHANGED)


def compare_rows(comparison: Comparison) -> list[tuple[str, ...]]:
    """A row per cell (:data:`COMPARE_CSV_COLUMNS`), issue-major, both in file order; dates
    as written in the file, empty for an undated or missing position."""
    dataset = comparison.dataset
    rows: list[tuple[str, ...]] = []
    for cell in comparison.cells():
        issue, actor = dataset.issues[cell.issue], dataset.actors[cell.actor]
        rows.append((issue.id, clean_text(issue.title), actor.id, clean_text(actor.name),
                     cell.kind.value, *_fields(cell.a), *_fields(cell.b)))
    return rows


def _fields(position: Position | None) -> tuple[str, str, str]:
    if position is None:
        return "", "", ""
    date = position.date.iso() if position.date is not None else ""
    return date, clean_text(position.stance), clean_text(position.text)


def compare_csv(comparison: Comparison, spreadsheet: bool = True) -> str:
    """The comparison as CSV text (``spreadsheet``: formula-like cells guarded with ``'``;
    the byte order mark is the file writer's, :func:`write_compare`)."""
    return csv_text(COMPARE_CSV_COLUMNS, compare_rows(comparison), spreadsheet)


# -- the Markdown digest --------------------------------------------------------------------


def _side(label: str, position: Position | None, stale_note: str = "") -> str:
    """``17 Dec 2025: *open in principle* — Talking may become useful (18 Dec 2025)``."""
    if position is None:
        return f"{label}: no stated position"
    stance = f"*{md_escape(position.stance)}* — " if position.stance.strip() else ""
    stated = position.date.label() if position.date is not None else "undated"
    return f"{label}: {stance}{md_escape(position.text)} ({stated}{stale_note})"


def compare_markdown(comparison: Comparison, result: QueryResult | None = None) -> str:
    """The digest: the title, what was compared, the counts of each kind, then a section
    per issue with a line per new, changed or restated cell::

        - **France** (changed) — 17 Dec 2025: *open* — … (18 Dec 2025) → 26 Dec 2025: …

    ``result`` (the query of the same filters) names the date range and the issues and
    actors in words, as every export's caption does."""
    dataset = comparison.dataset
    a, b = comparison.a_label(), comparison.b_label()
    flt = result.filter if result is not None else None
    if flt is not None and flt.date_from is not None and flt.date_to is not None:
        # The window's words (the changes panel): the user's own dates, both included.
        heading = f"What changed from {flt.date_from.label()} to {flt.date_to.label()}"
    else:
        heading = f"What changed between {a} and {b}"
    lines = [f"# {md_escape(dataset.label)}", "", f"## {md_escape(heading)}", ""]
    if dataset.description.strip():
        lines += [md_escape(dataset.description), ""]
    if comparison.date_a is None:
        since = "undated (before every date)"
    elif flt is not None and flt.date_from is not None:
        since = f"before {flt.date_from.label()} (as of {a})"
    else:
        since = f"as of {a}"
    lines.append(f"- Compared: positions {since} with positions as of {b}")
    if result is not None:
        lines += [f"- {md_escape(line)}" for line in caption_lines(result, positions=False)[:2]]
    counts = comparison.counts()
    summary = " · ".join(f"{counts[kind]} {kind.value}" for kind in SUMMARY if counts[kind])
    lines += [f"- Cells: {summary or 'none'}", ""]
    listed = False
    for row in range(comparison.row_count):
        entries = [_entry(comparison, row, column) for column in range(comparison.column_count)
                   if int(comparison.kinds[row, column]) in LISTED]
        if entries:
            issue = dataset.issues[int(comparison.issue_rows[row])]
            lines += [f"### {md_escape(issue.label)}", "", *entries, ""]
            listed = True
    if not listed:
        lines += [f"_No position changed between {a} and {b}._", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _entry(comparison: Comparison, row: int, column: int) -> str:
    cell = comparison.cell(row, column)
    actor = comparison.dataset.actors[cell.actor]
    stale = ""
    if cell.stale and cell.age_days is not None:
        stale = f"; stale, {age_words(cell.age_days, comparison.b_ordinal)} old"
    return (f"- **{md_escape(actor.label)}** ({cell.kind.value}) — "
            f"{_side(comparison.a_label(), cell.a)} → "
            f"{_side(comparison.b_label(), cell.b, stale)}")


# -- writing ------------------------------------------------------------------------------


def write_compare(comparison: Comparison, target: Path, fmt: str, raw_csv: bool = False,
                  result: QueryResult | None = None) -> None:
    """Write the digest (``fmt`` "md") or the CSV ("csv") to ``target`` atomically (UTF-8;
    CSV with a byte order mark unless ``raw_csv``). Raises :class:`.errors.ExportError`."""
    if fmt == "csv":
        data = compare_csv(comparison, not raw_csv).encode("utf-8" if raw_csv else "utf-8-sig")
    else:
        data = compare_markdown(comparison, result).encode("utf-8")

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    atomic_write(target, write)

