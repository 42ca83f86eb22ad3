"""What the user did to the timeline, free of Qt: the range shown and the marked events.

The widget changes it in answer to the mouse and keys; the renderer only reads it. An
export builds one of its own (the range "as shown" or the whole, DESIGN §5).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TimelineView"]


@dataclass(slots=True)
class TimelineView:
    """Days ``[start, end)`` across the plot, and what is marked on it."""

    start: float
    end: float
    selected: int | None = None  # event index in the dataset
    hovered: int | None = None
    highlighted: frozenset[int] = frozenset()
    brush: tuple[float, float] | None = None  # days, while dragging on the axis
    actor_lanes: bool = False
