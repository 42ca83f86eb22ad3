"""One frame of the timeline, laid out but not drawn: data, view, style and geometry.

:class:`TimelineData` holds the shown events as sorted arrays, built once per filter change;
:func:`layout_frame` culls by binary search, decides the level of detail and, for labels,
stacks the visible items into lanes. The painter then only draws what this module placed.
"""

from __future__ import annotations

import math
import threading
import weakref
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen, QStaticText, QTransform

from positions_viewer.export.captions import no_events_text
from positions_viewer.model import DatasetIndex, Event, PartialDate, QueryResult
from positions_viewer.model.types import Dataset

from .colors import visible_actor_color
from .text_layout import MAX_LAYOUT_CHARS
from .theme import Theme
from .timeline_layout import (
    AxisTicks,
    FloatArray,
    IntArray,
    Lod,
    TimeScale,
    choose_lod,
    choose_ticks,
    cluster_overflow,
    item_extents,
    stack_lanes,
    visible_count,
    visible_range,
)

__all__ = [
    "NO_ACTOR", "Band", "Chip", "Frame", "Item", "TimelineData", "TimelineStyle", "TimelineView",
    "layout_frame", "timeline_style", "with_alpha",
]

_EMPTY = np.zeros(0, dtype=np.int64)
NO_ACTOR = -1  # the band of events tagged with no actor


# -- what is drawn -------------------------------------------------------------------


@dataclass(eq=False)
class TimelineData:
    """The shown events as sorted arrays, built once per filter change."""

    dataset: Dataset | None
    rows: IntArray  # event indices, date order
    starts: IntArray  # first day of each shown event (sorted)
    stops: IntArray  # last day, inclusive
    sorted_stops: IntArray
    max_duration: int
    actor_colors: tuple[str, ...]
    actor_columns: tuple[int, ...]  # shown actors, for lanes per actor
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    as_of: PartialDate | None = None  # the filter's `to`, else the file's as-of date
    index: DatasetIndex | None = None
    empty_text: str = "No events"  # what the plot says when the filters show none
    _bands: dict[int, tuple[IntArray, IntArray]] = field(default_factory=dict, repr=False)
    _shown: npt.NDArray[np.bool_] | None = field(default=None, repr=False)
    _labels: dict[TimelineStyle, _LabelMetrics] = field(default_factory=dict, repr=False)
    _marks: dict[tuple[TimelineStyle, tuple[int, ...]], tuple[QColor, ...]] = field(
        default_factory=dict, repr=False)

    @classmethod
    def from_result(
        cls, result: QueryResult, index: DatasetIndex, actor_colors: list[str]
    ) -> TimelineData:
        rows = result.event_rows.astype(np.int64)
        starts = index.event_start[rows]
        stops = index.event_stop[rows]
        flt = result.filter
        return cls(
            dataset=result.dataset,
            rows=rows,
            starts=starts,
            stops=stops,
            sorted_stops=np.sort(stops),
            max_duration=int((stops - starts).max()) if len(rows) else 0,
            actor_colors=tuple(actor_colors),
            actor_columns=tuple(int(a) for a in result.actor_columns.tolist()),
            date_from=flt.date_from,
            date_to=flt.date_to,
            as_of=flt.date_to or result.dataset.as_of,
            index=index,
            empty_text=no_events_text(result),
        )

    @classmethod
    def empty(cls) -> TimelineData:
        return cls(None, _EMPTY, _EMPTY, _EMPTY, _EMPTY, 0, (), ())

    @property
    def count(self) -> int:
        return len(self.rows)

    def event(self, row: int) -> Event:
        assert self.dataset is not None
        return self.dataset.events[row]

    def span(self) -> tuple[float, float] | None:
        """Days ``[first, last)`` worth showing: the events, the as-of line, the filter."""
        lows: list[float] = []
        highs: list[float] = []
        if self.count:
            lows.append(float(self.starts[0]))
            highs.append(float(self.sorted_stops[-1] + 1))
        elif self.date_from is not None:
            lows.append(float(self.date_from.start))
        if self.as_of is not None:
            lows.append(float(self.as_of.start))
            highs.append(float(self.as_of.stop + 1))
        if not self.count:
            whole = self.index.span if self.index is not None else (
                self.dataset.span() if self.dataset is not None else None)
            if whole is not None:
                lows.append(float(whole[0]))
                highs.append(float(whole[1] + 1))
        if not lows or not highs:
            return None
        return min(lows), max(highs)

    def shown(self, events: IntArray) -> npt.NDArray[np.bool_]:
        """Which of ``events`` (dataset indices) this filter shows."""
        if self._shown is None:
            total = len(self.dataset.events) if self.dataset is not None else 0
            self._shown = np.zeros(total, dtype=bool)
            self._shown[self.rows] = True
        inside = (events >= 0) & (events < len(self._shown))
        out = np.zeros(len(events), dtype=bool)
        out[inside] = self._shown[events[inside]]
        return out

    def band_positions(self, actor: int) -> tuple[IntArray, IntArray]:
        """Positions (into the shown arrays) of the events tagged with ``actor``, and their
        stops sorted; ``NO_ACTOR`` gives the untagged events. Cached per filter change."""
        cached = self._bands.get(actor)
        if cached is not None:
            return cached
        owners, tags = _actor_pairs(self.index) if self.index is not None else (_EMPTY, _EMPTY)
        where = np.full(len(self.index.event_start) if self.index else 0, -1, dtype=np.int64)
        where[self.rows] = np.arange(self.count, dtype=np.int64)
        if actor == NO_ACTOR:
            tagged = np.zeros(self.count, dtype=bool)
            hit = where[owners]
            tagged[hit[hit >= 0]] = True
            positions = np.flatnonzero(~tagged).astype(np.int64)
        else:
            hit = where[owners[tags == actor]]
            positions = np.unique(hit[hit >= 0])
        result = (positions, np.sort(self.stops[positions]))
        self._bands[actor] = result
        return result

    def label_metrics(
        self, positions: IntArray, style: TimelineStyle
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Fade-in and fade-out fractions (0 when exact) and label widths in ``style``'s
        label font of the shown events at ``positions``. Worked out in Python the first time
        an event is stacked, then read from arrays: a frame pays only for events it has not
        seen since the last filter change."""
        metrics = self._labels.get(style)
        if metrics is None:
            metrics = self._labels[style] = _LabelMetrics.empty(self.count)
        new = positions[~metrics.known[positions]]
        if len(new):
            assert self.dataset is not None
            events = self.dataset.events
            separator = style.width(" · ")
            fades_in, fades_out, widths = [], [], []
            for row in self.rows[new].tolist():
                event = events[row]
                soft = _softness(event)
                prefix = event.date_label() if soft != (0.0, 0.0) else ""
                fades_in.append(soft[0])
                fades_out.append(soft[1])
                widths.append(
                    style.width(event.title) + (style.width(prefix) + separator if prefix else 0.0)
                )
            metrics.fade_in[new] = fades_in
            metrics.fade_out[new] = fades_out
            metrics.width[new] = widths
            metrics.known[new] = True
        return metrics.fade_in[positions], metrics.fade_out[positions], metrics.width[positions]


@dataclass(slots=True)
class _LabelMetrics:
    """What stacking needs of each shown event, per style; see ``label_metrics``."""

    known: npt.NDArray[np.bool_]
    fade_in: FloatArray
    fade_out: FloatArray
    width: FloatArray  # the title, and an approximate date's prefix and separator before it

    @classmethod
    def empty(cls, count: int) -> _LabelMetrics:
        return cls(np.zeros(count, dtype=bool), np.zeros(count), np.zeros(count), np.zeros(count))


_PAIRS: weakref.WeakKeyDictionary[DatasetIndex, tuple[IntArray, IntArray]] = (
    weakref.WeakKeyDictionary()
)


def _actor_pairs(index: DatasetIndex) -> tuple[IntArray, IntArray]:
    """(event, actor) for every actor of every event; one pass per loaded dataset."""
    cached = _PAIRS.get(index)
    if cached is None:
        owners = [i for i, e in enumerate(index.dataset.events) for _ in e.actors]
        tags = [a for e in index.dataset.events for a in e.actors]
        cached = (np.array(owners, dtype=np.int64), np.array(tags, dtype=np.int64))
        _PAIRS[index] = cached
    return cached


@dataclass(slots=True)
class TimelineView:
    """What the user did to the timeline: the range shown and the marked events."""

    start: float
    end: float
    selected: int | None = None  # event index in the dataset
    hovered: int | None = None
    highlighted: frozenset[int] = frozenset()
    brush: tuple[float, float] | None = None  # days, while dragging on the axis
    actor_lanes: bool = False


# -- style: one object from the theme ------------------------------------------------


class TimelineStyle:
    """Fonts, metrics, sizes and colours for one theme; built once and cached."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.font = _font(theme, 1.0)
        self.small = _font(theme, 0.85)
        self.context_font = _font(theme, 0.85, bold=True)
        self.chip_font = _font(theme, 0.8, bold=True)
        self.fm: QFontMetricsF = _ElidingMetrics(self.font)
        self.small_fm = QFontMetricsF(self.small)
        self.context_fm = QFontMetricsF(self.context_font)
        self.chip_fm = QFontMetricsF(self.chip_font)
        self.pad = float(theme.px(0.35))
        self.gap = float(theme.px(0.6))
        self.side = float(theme.px(1.0))
        self.lane_h = math.ceil(self.fm.height() + theme.px(0.55))
        self.bar_h = self.lane_h - theme.px(0.3)
        self.marker = float(theme.px(0.8))
        self.min_label = float(theme.px(4.5))
        self.tick_len = float(theme.px(0.45))
        self.chip_h = math.ceil(self.chip_fm.height() + theme.px(0.2))
        self.overflow_h = self.chip_h + theme.px(0.3)
        self.header_h = math.ceil(self.small_fm.height() + 2 * self.pad)
        self.axis_h = math.ceil(
            self.tick_len + self.pad + self.small_fm.height() + self.pad
            + self.context_fm.height() + self.pad
        )
        c = QColor
        self.surface, self.text, self.muted = c(theme.surface), c(theme.text), c(theme.text_muted)
        self.axis, self.grid, self.border = c(theme.axis), c(theme.tick_line), c(theme.border)
        self.accent, self.selection = c(theme.accent), c(theme.selection)
        self.highlight, self.as_of = c(theme.highlight), c(theme.as_of_line)
        self.chip_fill, self.chip_text = c(theme.chip_fill), c(theme.chip_text)
        self.changed_edge = c(theme.changed_edge)
        self.ring = QPen(self.surface, 1.5)
        self.outside = with_alpha(c(theme.surface_alt), 150 if theme.dark else 170)
        self.density = _mix(c(theme.accent), self.surface, 0.55 if theme.dark else 0.45)
        self.neutral = c(theme.text_muted)
        self.tick_spacing = self.small_fm.horizontalAdvance("0000") * 1.5
        self._widths: dict[str, float] = {}
        self._small_widths: dict[str, float] = {}
        self._chip_widths: dict[str, float] = {}
        self._context_widths: dict[str, float] = {}
        self._static: dict[tuple[str, str], QStaticText] = {}
        self._tints: dict[tuple[int, bool], QColor] = {}
        self._marks: dict[str, QColor] = {}
        self.fonts = {
            "label": self.font, "small": self.small, "context": self.context_font,
            "chip": self.chip_font,
        }

    def width(self, text: str) -> float:
        """Width of ``text`` in the label font (memoised: labels repeat every frame)."""
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > 50_000:
                self._widths.clear()
            # A label past MAX_LAYOUT_CHARS never fits: measuring a 1 MB title took 0.2 s.
            width = self._widths[text] = self.fm.horizontalAdvance(text[:MAX_LAYOUT_CHARS])
        return width

    def static_text(self, text: str, font: str) -> QStaticText:
        """``text`` laid out once in the named font (label, small, context or chip) and
        reused: tick labels, counts and titles repeat from frame to frame. Plain text
        always, since a QStaticText would otherwise guess at rich text."""
        key = (font, text)
        static = self._static.get(key)
        if static is None:
            if len(self._static) > 20_000:
                self._static.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
            static.prepare(QTransform(), self.fonts[font])
            self._static[key] = static
        return static

    def context_width(self, text: str) -> float:
        """Width in the context font, memoised."""
        width = self._context_widths.get(text)
        if width is None:
            if len(self._context_widths) > 10_000:
                self._context_widths.clear()
            width = self._context_widths[text] = self.context_fm.horizontalAdvance(text)
        return width

    def chip_width(self, text: str) -> float:
        """Width in the chip font, memoised: counts repeat from frame to frame."""
        width = self._chip_widths.get(text)
        if width is None:
            if len(self._chip_widths) > 10_000:
                self._chip_widths.clear()
            width = self._chip_widths[text] = self.chip_fm.horizontalAdvance(text)
        return width

    def small_width(self, text: str) -> float:
        """Width in the axis font, memoised: tick choice measures every candidate label."""
        width = self._small_widths.get(text)
        if width is None:
            if len(self._small_widths) > 10_000:
                self._small_widths.clear()
            width = self._small_widths[text] = self.small_fm.horizontalAdvance(text)
        return width

    def tint(self, color: QColor, strong: bool = False) -> QColor:
        """``color`` mixed into the surface: a bar fill that labels stay readable on.
        Memoised, like ``mark_color``: the colours returned are shared, never to be changed."""
        key = (color.rgba(), strong)
        tint = self._tints.get(key)
        if tint is None:
            amount = (0.42 if strong else 0.34) if self.theme.dark else (0.36 if strong else 0.26)
            tint = self._tints[key] = _mix(color, self.surface, amount)
        return tint

    def mark_color(self, hex_color: str) -> QColor:
        """An actor colour made to stand out on this theme's surface."""
        color = self._marks.get(hex_color)
        if color is None:
            color = visible_actor_color(hex_color, self.theme.dark)
            if len(self._marks) > 1000:
                self._marks.clear()
            self._marks[hex_color] = color
        return color


class _ElidingMetrics(QFontMetricsF):
    """Label font metrics that remember what ``elidedText`` returned: the same few titles
    are cut to the same room frame after frame (at 25 µs a cut). Qt cuts at the width in
    whole 1/64 px, so the key is that, and a pan that moves a label and its limit alike
    still finds it."""

    def __init__(self, font: QFont) -> None:
        super().__init__(font)
        self._elided: dict[tuple[str, Qt.TextElideMode, int, int], str] = {}

    def elidedText(
        self, text: str, mode: Qt.TextElideMode, width: float, /, flags: int | None = 0
    ) -> str:
        if width <= 0:
            return super().elidedText(text, mode, width, flags or 0)
        key = (text, mode, int(width * 64), flags or 0)
        cut = self._elided.get(key)
        if cut is None:
            if len(self._elided) > 5_000:
                self._elided.clear()
            cut = self._elided[key] = super().elidedText(text, mode, width, flags or 0)
        return cut


def _font(theme: Theme, factor: float, bold: bool = False) -> QFont:
    font = QFont(theme.font_family)
    font.setPixelSize(theme.px(factor))
    font.setBold(bold)
    return font


def _mix(color: QColor, base: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        base.redF() + (color.redF() - base.redF()) * amount,
        base.greenF() + (color.greenF() - base.greenF()) * amount,
        base.blueF() + (color.blueF() - base.blueF()) * amount,
    )


def with_alpha(color: QColor, alpha: int) -> QColor:
    out = QColor(color)
    out.setAlpha(alpha)
    return out


def timeline_style(theme: Theme) -> TimelineStyle:
    """The style for ``theme``, one per thread: its caches (widths, laid-out text) are
    plain dicts, and an export may paint in a worker thread while the window paints."""
    return _style(theme, threading.get_ident())


@lru_cache(maxsize=16)
def _style(theme: Theme, thread: int) -> TimelineStyle:
    return TimelineStyle(theme)


# -- one frame's layout --------------------------------------------------------------


@dataclass(slots=True)
class Item:
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
    rect: QRectF
    text: str
    first: float  # days the chip stands for: a click zooms there
    last: float
    count: int


@dataclass(slots=True)
class Band:
    rect: QRectF
    lanes: int
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


def layout_frame(
    rect: QRectF, data: TimelineData, view: TimelineView, style: TimelineStyle,
    lanes_per_band: int | None = None,
) -> Frame:
    header = QRectF(rect.left(), rect.top(), rect.width(), style.header_h)
    axis = QRectF(rect.left(), rect.bottom() - style.axis_h, rect.width(), style.axis_h)
    plot = QRectF(
        rect.left() + style.side, header.bottom(),
        max(1.0, rect.width() - 2 * style.side), max(1.0, axis.top() - header.bottom()),
    )
    scale = TimeScale(view.start, view.end, plot.left(), plot.width())
    ticks = choose_ticks(
        scale, style.small_width, gap=style.gap, pad=style.pad, min_spacing=style.tick_spacing
    )
    bands = _bands(data, view, plot, style, lanes_per_band)
    # With lanes per actor an event shared by two actors is drawn twice: the level of detail
    # follows what is drawn, the count reported follows the events.
    drawn = sum(visible_count(b.starts, b.sorted_stops, scale.start, scale.end) for b in bands)
    visible = drawn if len(bands) == 1 else visible_count(
        data.starts, data.sorted_stops, scale.start, scale.end
    )
    lanes = sum(b.lanes for b in bands)
    lod = choose_lod(drawn, plot.width(), lanes, min_item_px=style.min_label)
    if lod is Lod.LABELS:
        # Only now are the visible events listed: in density mode nothing is per event.
        for band in bands:
            band.visible = visible_range(
                band.starts, band.stops, scale.start, scale.end, data.max_duration
            )
            _stack_band(band, data, scale, plot, style)
    return Frame(rect, header, plot, axis, scale, ticks, bands, lod, visible)


def _bands(
    data: TimelineData, view: TimelineView, plot: QRectF, style: TimelineStyle,
    lanes_per_band: int | None,
) -> list[Band]:
    actors: list[int | None] = [None]
    if view.actor_lanes and data.actor_columns:
        actors = list(data.actor_columns)
        if len(data.band_positions(NO_ACTOR)[0]):
            actors.append(NO_ACTOR)
    height = plot.height() / len(actors)
    bands = []
    for i, actor in enumerate(actors):
        rect = QRectF(plot.left(), plot.top() + i * height, plot.width(), height)
        lanes = lanes_per_band or max(1, int((height - style.overflow_h) // style.lane_h))
        if actor is None:
            bands.append(Band(rect, lanes, None, data.starts, data.stops, data.sorted_stops, None))
        else:
            positions, sorted_stops = data.band_positions(actor)
            bands.append(Band(
                rect, lanes, actor, data.starts[positions], data.stops[positions], sorted_stops,
                positions,
            ))
    return bands


def _stack_band(
    band: Band, data: TimelineData, scale: TimeScale, plot: QRectF, style: TimelineStyle
) -> None:
    """Labelled items in lanes, bottom lane nearest the axis; what does not fit, clustered."""
    local = band.visible
    if not len(local):
        return
    positions = band.data_positions(local)
    fade_in, fade_out, label_w = data.label_metrics(positions, style)
    starts, stops = band.starts[local], band.stops[local]
    is_point = (fade_in == 0.0) & (fade_out == 0.0) & (starts == stops)
    ext = item_extents(
        scale.xs(starts), scale.xs(stops + 1), is_point, label_w,
        marker=style.marker, pad=style.pad, min_label=style.min_label,
        inside_min=style.min_label, plot_left=plot.left(), plot_right=plot.right(),
    )
    stacking = stack_lanes(ext.left, ext.min_right, ext.full_right, band.lanes, style.gap)
    band.lanes_used = stacking.lane_count
    lane_bottom = band.rect.bottom()
    # Only the placed items (a few dozen) become objects; the rest are counted on chips.
    placed = np.flatnonzero(stacking.lanes >= 0)
    for row, lane, limit, label_x, point, x0, x1, soft in zip(
        data.rows[positions[placed]].tolist(), stacking.lanes[placed].tolist(),
        stacking.label_limit[placed].tolist(), ext.label_x[placed].tolist(),
        is_point[placed].tolist(), ext.mark_x0[placed].tolist(), ext.mark_x1[placed].tolist(),
        zip(fade_in[placed].tolist(), fade_out[placed].tolist(), strict=True), strict=True,
    ):
        event = data.event(row)
        top = lane_bottom - (lane + 1) * style.lane_h
        prefix = event.date_label() if soft != (0.0, 0.0) else ""
        prefix, title, label_end = _fit_label(
            prefix, event.title, label_x, min(limit, plot.right()), style
        )
        if point:
            size = style.marker
            mark = QRectF(x0, top + (style.lane_h - size) / 2, size, size)
        else:
            mark = QRectF(x0, top + (style.lane_h - style.bar_h) / 2, x1 - x0, style.bar_h)
        left = min(mark.left(), label_x)
        right = max(mark.right(), label_end)
        band.items.append(Item(
            row, mark, label_x, prefix, title,
            QRectF(left - 2, top + 1, right - left + 4, style.lane_h - 2),
            _colors(event, data, style), point, soft,
        ))
    overflow = np.flatnonzero(stacking.lanes < 0)
    merge = style.chip_width("+999") + 2 * style.pad + style.gap
    for cluster in cluster_overflow(ext.mark_x0, ext.mark_x1, overflow, merge):
        members = positions[list(cluster.members)]
        text = f"+{cluster.count}"
        width = style.chip_width(text) + 2 * style.pad
        x = min(max(cluster.x0, plot.left()), plot.right() - width)
        chip = QRectF(x, band.rect.top() + (style.overflow_h - style.chip_h) / 2, width,
                      style.chip_h)
        first = float(data.starts[members].min())
        last = float(data.stops[members].max() + 1)
        band.chips.append(Chip(chip, text, first, last, cluster.count))


def _softness(event: Event) -> tuple[float, float]:
    """How much of the bar fades in and out: a third of each approximate end's period."""
    start_soft = event.date.is_approximate
    end = event.end or event.date
    end_soft = end.is_approximate
    if not (start_soft or end_soft):
        return (0.0, 0.0)
    total = event.stop - event.start + 1
    fade_in = 0.34 * (event.date.stop - event.date.start + 1) / total if start_soft else 0.0
    fade_out = 0.34 * (end.stop - end.start + 1) / total if end_soft else 0.0
    return (max(min(fade_in, 0.45), 0.001), max(min(fade_out, 0.45), 0.001))


def _fit_label(
    prefix: str, title: str, x: float, limit: float, style: TimelineStyle
) -> tuple[str, str, float]:
    """The prefix and title cut with an ellipsis to end before ``limit``; and where they end."""
    room = limit - x
    prefix_w = style.width(prefix + " · ") if prefix else 0.0
    if prefix and prefix_w > room:
        prefix = style.fm.elidedText(prefix, Qt.TextElideMode.ElideRight, room)
        return prefix, "", x + style.width(prefix)
    full = style.width(title)
    if prefix_w + full <= room:
        return prefix, title, x + prefix_w + full
    cut = style.fm.elidedText(" ".join(title[:MAX_LAYOUT_CHARS].split()),
                              Qt.TextElideMode.ElideRight, room - prefix_w)
    if cut in ("", "…"):
        return prefix, "", x + prefix_w
    return prefix, cut, x + prefix_w + style.width(cut)


def _colors(event: Event, data: TimelineData, style: TimelineStyle) -> tuple[QColor, ...]:
    """The event's actors' mark colours (shared, not to be changed), once per actor set."""
    key = (style, event.actors)
    colors = data._marks.get(key)
    if colors is None:
        colors = data._marks[key] = tuple(
            style.mark_color(data.actor_colors[a]) for a in event.actors
            if a < len(data.actor_colors)
        ) or (style.neutral,)
    return colors
