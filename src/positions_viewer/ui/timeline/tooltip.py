"""What the timeline says in words: tooltips and the accessible description, plain text."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF

from positions_viewer.model import PartialDate
from positions_viewer.model.text import clip_text
from positions_viewer.model.types import Dataset

from ..render.timeline.data import TimelineData
from ..render.timeline.hit import TimelineHitMap
from ..render.timeline.lod import Lod
from ..render.timeline.scale import brush_days

__all__ = ["describe", "event_tooltip", "tooltip_at"]

_DETAIL_CHARS = 400  # a tooltip shows the start of long details; the panel shows them whole
_CHIP_TITLES = 8  # a chip's tooltip lists this many of its events
_TITLE_CHARS = 90


def tooltip_at(hit: TimelineHitMap, pos: QPointF, dataset: Dataset | None) -> str:
    """The tooltip for ``pos`` in the last frame: the event, the chip's or the density
    column's count, or how to brush on the axis; "" for none."""
    row = hit.event_at(pos)
    if row is not None and dataset is not None:
        return event_tooltip(dataset, row)
    chip = hit.chip_at(pos)
    if chip is not None:
        first, last, count = chip
        return _count_tip(count, first, last, hit.chip_events(pos), dataset)
    if hit.in_axis(pos):
        return "Drag along the axis to set the date filter"
    if hit.lod is Lod.DENSITY:
        column = hit.density_at(pos)
        if column is not None:
            count, first, last = column
            return _count_tip(count, first, last)
    return ""


def _count_tip(count: int, first: float, last: float, rows: tuple[int, ...] = (),
               dataset: Dataset | None = None) -> str:
    """How many events, when; for a "+n" chip, their titles (the marks it stands for
    cannot be told apart at this zoom)."""
    noun = "event" if count == 1 else "events"
    lines = [f"{count:,} {noun}, {_span_label(first, last)}"]
    if dataset is not None and rows:
        events = [dataset.events[row] for row in rows[:_CHIP_TITLES] if row < len(dataset.events)]
        lines += [f"• {event.date_label()}: {clip_text(event.label, _TITLE_CHARS)}"
                  for event in events]
        if len(rows) > _CHIP_TITLES:
            lines.append(f"and {len(rows) - _CHIP_TITLES:,} more")
    lines.append("Click to zoom in")
    return "\n".join(lines)


def event_tooltip(dataset: Dataset, row: int) -> str:
    """Plain text about one event: title, dates, actors, the start of the detail."""
    event = dataset.events[row]
    # Cut like the detail: a tooltip lays out all its text (a 1 MB title took 15 s).
    lines = [clip_text(event.label, _DETAIL_CHARS), event.date_label()]
    if event.is_approximate:
        lines[-1] += " (approximate)"
    names = [dataset.actors[a].label for a in event.actors if a < len(dataset.actors)]
    if names:
        lines.append(clip_text(", ".join(names), _DETAIL_CHARS))
    if event.detail:
        detail = event.detail.strip()
        if len(detail) > _DETAIL_CHARS:
            detail = detail[: _DETAIL_CHARS - 1].rstrip() + "…"
        lines.append(detail)
    return "\n".join(lines)


def describe(data: TimelineData) -> str:
    """The accessible description: how many events, from when to when."""
    if not data.count:
        return data.empty_text
    first = day_date(int(data.starts[0])).label()
    last = day_date(int(data.sorted_stops[-1])).label()
    noun = "event" if data.count == 1 else "events"
    return f"{data.count:,} {noun} from {first} to {last}"


def day_date(ordinal: int) -> PartialDate:
    """The day ``ordinal`` as a day-precision date."""
    return PartialDate.from_date(dt.date.fromordinal(ordinal))


def _span_label(first: float, last: float) -> str:
    a, b = brush_days(first, last - 1e-9)
    return day_date(a).range_label(day_date(b))  # "18–20 Dec 2025": the one wording
