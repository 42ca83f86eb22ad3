"""What an export says in words: the filters, the as-of date, the step, an empty selection.

Qt-free and shared by every format, so the PNG caption, the Markdown caption and the
window say exactly the same thing (DESIGN §5: "a caption: dataset title, the filters in
words, the as-of date, the actor legend").
"""

from __future__ import annotations

from ..model import Dataset, QueryResult
from ..model.text import clip_text

__all__ = ["NOTHING_MATCHES", "as_of_words", "caption_lines", "is_empty_grid",
           "no_events_text", "step_heading"]

# What the window says over an empty grid (ui/main_window.py), and every export with it.
NOTHING_MATCHES = "Nothing matches these filters"


def is_empty_grid(result: QueryResult) -> bool:
    """True when the filters leave no row or no column: the grid says
    :data:`NOTHING_MATCHES` instead of drawing an empty table."""
    return result.row_count == 0 or result.column_count == 0


def step_heading(number: int, total: int, title: str) -> str:
    """``Step 3 of 7: <title>``: how a presenter step's export names itself (1-based)."""
    return f"Step {number} of {total}: {title}"


def as_of_words(result: QueryResult) -> str:
    """``as of 26 Dec 2025``, or ``latest statements (file as of …)`` with no end date."""
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
    names = [entries[i].label
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
        if flt.date_from is not None:  # the kinds compare with the day before From
            as_of += f"; marked: new, changed or restated from {flt.date_from.label()} on"
        lines.append(as_of)
    if flt.text.strip():
        lines.append(f"Search: “{flt.text.strip()}”")
    return lines
