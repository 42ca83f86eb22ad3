"""Where the last frame drew what: hover, clicks and zoom in the widget ask this."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF

from .lod import Lod
from .parts import Frame
from .scale import IntArray, TimeScale

__all__ = ["TimelineHitMap", "hit_map"]


@dataclass(slots=True)
class TimelineHitMap:
    """What the last frame drew where, for hover, clicks and zoom in the widget."""

    scale: TimeScale
    plot: QRectF
    axis: QRectF
    lod: Lod
    visible_count: int
    items: list[tuple[QRectF, QRectF, int]]  # (bounds, mark, event index), drawing order
    chips: list[tuple[QRectF, float, float, int]]  # (rect, first day, end day, count)
    density: list[tuple[QRectF, IntArray]]  # (band, events per column)
    chip_rows: list[tuple[int, ...]] = field(default_factory=list)  # events of each chip

    def event_at(self, pos: QPointF) -> int | None:
        """The event drawn under ``pos``: the mark wins over labels, the topmost over others."""
        for _bounds, mark, row in reversed(self.items):
            if mark.adjusted(-3, -3, 3, 3).contains(pos):
                return row
        for bounds, _mark, row in reversed(self.items):
            if bounds.contains(pos):
                return row
        return None

    def event_rect(self, row: int) -> QRectF | None:
        for bounds, _mark, drawn in self.items:
            if drawn == row:
                return bounds
        return None

    def chip_at(self, pos: QPointF) -> tuple[float, float, int] | None:
        """(first day, end day, count) of the count chip under ``pos``."""
        for rect, first, last, count in self.chips:
            if rect.adjusted(-2, -2, 2, 2).contains(pos):
                return first, last, count
        return None

    def chip_events(self, pos: QPointF) -> tuple[int, ...]:
        """The events (dataset indices) counted on the "+n" chip under ``pos``, if any."""
        for (rect, *_rest), rows in zip(self.chips, self.chip_rows, strict=False):
            if rect.adjusted(-2, -2, 2, 2).contains(pos):
                return rows
        return ()

    def density_at(self, pos: QPointF) -> tuple[int, float, float] | None:
        """(events, first day, end day) of the density column under ``pos``."""
        for band, counts in self.density:
            if band.contains(pos) and len(counts):
                column = int((pos.x() - band.left()) / band.width() * len(counts))
                column = min(max(column, 0), len(counts) - 1)
                first = self.scale.day(band.left() + column * band.width() / len(counts))
                last = self.scale.day(band.left() + (column + 1) * band.width() / len(counts))
                return int(counts[column]), first, last
        return None

    def in_axis(self, pos: QPointF) -> bool:
        return self.axis.contains(pos)


def hit_map(frame: Frame) -> TimelineHitMap:
    """The hit map of a laid-out frame."""
    return TimelineHitMap(
        frame.scale, frame.plot, frame.axis, frame.lod, frame.visible_count,
        [(item.bounds, item.mark, item.row) for band in frame.bands for item in band.items],
        [(c.rect, c.first, c.last, c.count) for band in frame.bands for c in band.chips],
        [(band.rect, band.density) for band in frame.bands if band.density is not None],
        [c.rows for band in frame.bands for c in band.chips],
    )
