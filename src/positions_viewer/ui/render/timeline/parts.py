"""The parts of a laid-out frame: bands of lanes, the items in them, the count chips.

Rectangles in logical pixels, made by ``frame.py`` and ``counts.py``; painting reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from .lod import Lod
from .scale import IntArray, TimeScale
from .ticks import AxisTicks

__all__ = ["Band", "Chip", "Frame", "Item"]

_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass(slots=True)
class Item:
    """One labelled event as drawn."""

    row: int  # event index in the dataset
    mark: QRectF  # marker or bar
    label_x: float
    prefix: str  # an approximate date, drawn muted before the title
    title: str  # already cut to fit, "" when there is no room
    bounds: QRectF  # mark and label: what hover, selection and highlight cover
    colors: tuple[QColor, ...]
    is_point: bool
    soft: tuple[float, float]  # fade-in and fade-out widths as fractions; (0, 0) when exact


@dataclass(slots=True)
class Chip:
    """A count of events on a small pill: a cluster, or a period in density mode."""

    rect: QRectF
    text: str
    first: float  # days the chip stands for: a click zooms there
    last: float
    count: int
    rows: tuple[int, ...] = ()  # the events counted (for a cluster; none for a period)


@dataclass(slots=True)
class Band:
    """A horizontal strip of lanes: the whole plot, or one actor's with lanes per actor."""

    rect: QRectF
    lanes: int  # below the row kept for count chips
    actor: int | None  # None: the single band of all events
    starts: IntArray  # the band's events, sorted by start
    stops: IntArray
    sorted_stops: IntArray
    positions: IntArray | None  # into the data's arrays; None: all of them
    visible: IntArray = field(default_factory=lambda: _EMPTY)  # into this band's arrays
    items: list[Item] = field(default_factory=list)
    chips: list[Chip] = field(default_factory=list)
    lanes_used: int = 0
    density: IntArray | None = None  # events per device column, in density mode
    density_rect: QRectF | None = None  # where the density histogram goes
    max_lanes: int = 0  # with the chips' row too, used when nothing is left to count

    def data_positions(self, local: IntArray) -> IntArray:
        return local if self.positions is None else self.positions[local]


@dataclass(slots=True)
class Frame:
    rect: QRectF
    header: QRectF
    plot: QRectF
    axis: QRectF
    scale: TimeScale
    ticks: AxisTicks
    bands: list[Band]
    lod: Lod
    visible_count: int
