"""The one page renderer: heading, caption and legend, timeline and grid, at a fixed width.

Export, copy-image and presenter mode all draw through :func:`paint_page`; the window's own
grid and timeline widgets draw their cells and events with the same painters underneath.
There is no UI chrome here: no scroll bars, no focus, no selection, every row complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from ...export.captions import NOTHING_MATCHES, caption_lines, is_empty_grid
from ...limits import EXPORT_WIDTH, MAX_SIDE_PX
from ...model import DatasetIndex, QueryResult
from ..theme import LIGHT, Theme
from .colors import theme_colors
from .grid_painter import GridLayout, GridStyle, grid_layout, issue_column_width, paint_grid
from .text_layout import elide, theme_font, wrap
from .timeline.data import TimelineData
from .timeline.fit import timeline_height
from .timeline.paint import paint_timeline
from .timeline.view import TimelineView

__all__ = ["PageLayout", "PageSpec", "layout_page", "paint_grid_part", "paint_page", "paint_top"]


@dataclass(frozen=True, slots=True)
class PageSpec:
    """How to draw a page. ``title`` replaces the dataset title (presenter steps)."""

    view: str = "both"
    width: int = EXPORT_WIDTH
    theme: Theme = LIGHT
    colors: tuple[str, ...] = ()  # by actor index, as the session holds them
    title: str | None = None
    subtitle: str | None = None
    caption: bool = True
    highlight_event: int | None = None
    # A presenter step's changes: exactly these (issue, actor) cells are marked as changed
    # (not every position dated in the step's days); None elsewhere.
    highlight_cells: frozenset[tuple[int, int]] | None = None
    max_text_lines: int = 12
    compare: bool = False  # each changed cell shows, beneath, the statement before it
    # The days [start, end) the timeline shows ("as shown" in the window); None: the
    # filter's range, or everything worth showing.
    timeline_range: tuple[float, float] | None = None
    # Exports: the page is laid out wider when the actors' columns would be narrower than
    # this (DESIGN §5: "wider when many actors need it"); 0: the width as given.
    min_column_px: int = 0
    timeline_share: float = 0.0  # presenter: a fixed share of the page height, 0 = natural

    @property
    def painted_colors(self) -> tuple[str, ...]:
        """The actor colours as this page's theme paints them (lifted together on dark)."""
        return theme_colors(self.colors, self.theme.dark)


@dataclass(slots=True)
class PageLayout:
    spec: PageSpec
    result: QueryResult
    timeline_result: QueryResult
    index: DatasetIndex
    pad: float
    heading_lines: tuple[str, ...]
    description_lines: tuple[str, ...]
    caption: tuple[str, ...]
    heading_height: float
    timeline: TimelineData | None = None
    timeline_view: TimelineView | None = None
    timeline_height: float = 0.0
    grid: GridLayout | None = None
    grid_style: GridStyle | None = None
    fonts: dict[str, QFont] = field(default_factory=dict)
    empty_grid: str = ""  # said instead of a grid with no row or no column
    legend_rows: tuple[tuple[tuple[int, str, float], ...], ...] = ()  # (actor, label, width)

    @property
    def height(self) -> int:
        total = self.pad + self.heading_height
        if self.timeline is not None:
            total += self.pad * 0.75 + self.timeline_height
        if self.grid is not None:
            total += self.pad * 0.75 + self.grid.height
        elif self.empty_grid:
            total += self.pad * 0.75 + QFontMetricsF(self.fonts["subtitle"]).lineSpacing() * 2
        return round(total + self.pad)


def _font(theme: Theme, factor: float, bold: bool = False) -> QFont:
    return theme_font(theme, factor, QFont.Weight.DemiBold if bold else QFont.Weight.Normal)


def layout_page(result: QueryResult, index: DatasetIndex, spec: PageSpec,
                timeline_result: QueryResult | None = None) -> PageLayout:
    """Measure everything: the heights of the heading, the timeline and every grid row.
    The layout's ``spec`` is ``spec``, widened when many actors need it (``min_column_px``)."""
    spec = _widened(spec, result)
    theme = spec.theme
    pad = theme.px(1.6)
    inner = spec.width - 2 * pad
    fonts = {
        "title": _font(theme, 1.9, bold=True),
        "subtitle": _font(theme, 1.15, bold=True),
        "body": _font(theme, 1.0),
        "small": _font(theme, 0.85),
        "legend": _font(theme, 0.95, bold=True),
    }
    dataset = result.dataset
    heading = wrap(spec.title or dataset.label, fonts["title"], inner, 2)
    description = () if spec.title else wrap(dataset.description, fonts["body"], inner, 3) \
        if dataset.description else ()
    words = caption_lines(result, positions=spec.view != "timeline")
    caption = wrap("  ·  ".join(words), fonts["small"], inner, 2) if spec.caption else ()
    height = len(heading) * QFontMetricsF(fonts["title"]).lineSpacing()
    if spec.subtitle:
        height += QFontMetricsF(fonts["subtitle"]).lineSpacing()
    height += len(description) * QFontMetricsF(fonts["body"]).lineSpacing()
    legend = _legend_rows(result, spec, fonts["legend"], inner) if spec.caption else ()
    if spec.caption:
        height += pad * 0.4 + QFontMetricsF(fonts["legend"]).lineSpacing() * 1.3 * len(legend)
        height += len(caption) * QFontMetricsF(fonts["small"]).lineSpacing()
    layout = PageLayout(spec, result, timeline_result or result, index, pad, heading,
                        description, caption, height, fonts=fonts, legend_rows=legend)
    if spec.view in ("timeline", "both"):
        data = TimelineData.from_result(layout.timeline_result, index, list(spec.painted_colors))
        start, end = spec.timeline_range or _timeline_range(data, layout.timeline_result)
        highlighted = frozenset({spec.highlight_event}) if spec.highlight_event is not None \
            else frozenset()
        view = TimelineView(start, end, selected=spec.highlight_event, highlighted=highlighted)
        layout.timeline, layout.timeline_view = data, view
        layout.timeline_height = float(timeline_height(data, view, inner, theme))
    if spec.view in ("grid", "both") and is_empty_grid(result):
        layout.empty_grid = NOTHING_MATCHES  # as the window says (DESIGN §2, issue 12.5)
    elif spec.view in ("grid", "both"):
        style = GridStyle(theme, spec.max_text_lines, compare=spec.compare)
        layout.grid_style = style
        layout.grid = grid_layout(result, inner, style)
    return layout


def _timeline_range(data: TimelineData, result: QueryResult) -> tuple[float, float]:
    """The filter's range when it has one, else everything worth showing, padded."""
    flt = result.filter
    span = data.span() or (float(result.dataset.as_of.start) if result.dataset.as_of else 0.0,
                           float(result.dataset.as_of.stop + 1) if result.dataset.as_of else 1.0)
    start = float(flt.date_from.start) if flt.date_from else span[0]
    end = float(flt.date_to.stop + 1) if flt.date_to else span[1]
    if flt.date_from is None and flt.date_to is not None:
        start = min(span[0], end - 1)
    # A range of a few days is widened to a week, evenly on both sides (widening it to the
    # right only left most of a one-day step's axis to shaded days after "as of").
    short = max(0.0, 7.0 - (end - start))
    start, end = start - short / 2, end + short / 2
    margin = (end - start) * 0.04
    return start - margin, end + margin


def paint_page(painter: QPainter, origin: QPointF, layout: PageLayout) -> None:
    painter.fillRect(QRectF(origin.x(), origin.y(), layout.spec.width, layout.height),
                     QColor(layout.spec.theme.background))
    y = paint_top(painter, origin, layout)
    paint_grid_part(painter, QPointF(origin.x(), y), layout)


def paint_top(painter: QPainter, origin: QPointF, layout: PageLayout) -> float:
    """The heading (title, description, legend and caption) and the timeline, from
    ``origin`` (the page's top-left corner); returns where the grid's part begins. Paged
    output paints it on a page's first sheet only (``ui.render.pages``)."""
    spec, pad = layout.spec, layout.pad
    left = origin.x() + pad
    width = spec.width - 2 * pad
    y = origin.y() + pad
    y = _paint_heading(painter, left, y, width, layout)
    if layout.timeline is not None and layout.timeline_view is not None:
        y += pad * 0.75
        rect = QRectF(left, y, width, layout.timeline_height)
        paint_timeline(painter, rect, layout.timeline, layout.timeline_view, spec.theme,
                       interactive=False)
        y += layout.timeline_height
    return y


def paint_grid_part(painter: QPainter, origin: QPointF, layout: PageLayout,
                    rows: range | None = None) -> None:
    """The grid (its column header, then ``rows``, all when None) or what is said instead
    of an empty grid, below ``origin`` (the left edge of the page, where :func:`paint_top`
    ended, or a continued sheet's top)."""
    spec, pad = layout.spec, layout.pad
    left = origin.x() + pad
    y = origin.y() + pad * 0.75
    if layout.grid is not None and layout.grid_style is not None:
        issues, actors = _highlights(layout)
        paint_grid(painter, QPointF(left, y), layout.result, layout.grid,
                   list(spec.painted_colors), layout.grid_style, issues, actors,
                   spec.highlight_cells, rows)
    elif layout.empty_grid:
        font = layout.fonts["subtitle"]
        painter.setPen(QColor(spec.theme.text_muted))
        painter.setFont(font)
        rect = QRectF(left, y, spec.width - 2 * pad, QFontMetricsF(font).lineSpacing() * 2)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), layout.empty_grid)


def _highlights(layout: PageLayout) -> tuple[frozenset[int], frozenset[int]]:
    event_index = layout.spec.highlight_event
    if event_index is None or layout.spec.highlight_cells:
        return frozenset(), frozenset()
    dataset = layout.result.dataset
    event = dataset.events[event_index]
    return frozenset(event.issues), dataset.event_actors(event)


def _paint_heading(painter: QPainter, left: float, y: float, width: float,
                   layout: PageLayout) -> float:
    theme, fonts, spec = layout.spec.theme, layout.fonts, layout.spec
    painter.setPen(QColor(theme.text))
    y = _lines(painter, left, y, layout.heading_lines, fonts["title"])
    if spec.subtitle:
        painter.setPen(QColor(theme.text_muted))
        y = _lines(painter, left, y, (elide(spec.subtitle, fonts["subtitle"], width),),
                   fonts["subtitle"])
    painter.setPen(QColor(theme.text_muted))
    y = _lines(painter, left, y, layout.description_lines, fonts["body"])
    if not spec.caption:
        return y
    y += layout.pad * 0.4
    y = _paint_legend(painter, left, y, width, layout)
    painter.setPen(QColor(theme.text_muted))
    return _lines(painter, left, y, layout.caption, fonts["small"])


def _legend_rows(result: QueryResult, spec: PageSpec, font: QFont,
                 width: float) -> tuple[tuple[tuple[int, str, float], ...], ...]:
    """The legend's entries (actor, label, width), wrapped into rows that fit ``width``:
    every shown actor has its entry; a label longer than a row ends with "…"."""
    metrics = QFontMetricsF(font)
    swatch = metrics.height() * 0.75
    dataset = result.dataset
    rows: list[tuple[tuple[int, str, float], ...]] = []
    row: list[tuple[int, str, float]] = []
    x = 0.0
    columns = result.actor_columns.tolist()
    # A detail every actor shares ("Permanent mission to the UN") says nothing in the legend.
    shared = len({dataset.actors[i].detail for i in columns}) == 1 and len(columns) > 1
    for index in columns:
        actor = dataset.actors[index]
        label = actor.label + (f" ({actor.detail})" if actor.detail and not shared else "")
        label = elide(label, font, max(40.0, width - swatch - 24))
        needed = swatch + 6 + metrics.horizontalAdvance(label) + 18
        if row and x + needed > width:
            rows.append(tuple(row))
            row, x = [], 0.0
        row.append((index, label, needed))
        x += needed
    if row:
        rows.append(tuple(row))
    return tuple(rows)


def _paint_legend(painter: QPainter, left: float, y: float, width: float,
                  layout: PageLayout) -> float:
    theme, font = layout.spec.theme, layout.fonts["legend"]
    metrics = QFontMetricsF(font)
    line = metrics.lineSpacing() * 1.3
    swatch = metrics.height() * 0.75
    colors = layout.spec.painted_colors
    painter.setFont(font)
    for row in layout.legend_rows:
        x = left
        for index, label, needed in row:
            color = colors[index] if index < len(colors) else theme.text
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(color))
            painter.drawRoundedRect(QRectF(x, y + (line - swatch) / 2, swatch, swatch), 3, 3)
            painter.setPen(QColor(theme.text))
            painter.drawText(QRectF(x + swatch + 6, y, width, line),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             label)
            x += needed
        y += line
    return y


def _widened(spec: PageSpec, result: QueryResult) -> PageSpec:
    """``spec`` laid out wide enough that each actor's column is ``min_column_px`` (at most
    the widest picture there is)."""
    if spec.min_column_px <= 0 or spec.view == "timeline" or result.column_count == 0:
        return spec
    pad = 2 * spec.theme.px(1.6)
    width = spec.width
    while width < MAX_SIDE_PX:
        inner = width - pad
        column = (inner - issue_column_width(inner, result.column_count)) / result.column_count
        if column >= spec.min_column_px:
            break
        width = min(MAX_SIDE_PX, round(width * 1.1) + 1)
    return spec if width == spec.width else replace(spec, width=width)


def _lines(painter: QPainter, left: float, y: float, lines: tuple[str, ...], font: QFont) -> float:
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    for line in lines:
        painter.drawText(QPointF(left, y + metrics.ascent()), line)
        y += metrics.lineSpacing()
    return y
