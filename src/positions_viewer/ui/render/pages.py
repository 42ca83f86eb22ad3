"""Pages on paper (DESIGN §2, §5): an export's page laid out at the paper's width and cut
into sheets at row boundaries, the grid's column header repeated on every sheet, the heading
and caption on the first, a page number on each. PDF, print and the handout share this.

Coordinates: a sheet is painted in device pixels of 1/96 inch (``DPI``); the page's own
layout (``ui.render.page``) is in layout px, scaled to the printable width. Nothing here
holds more than one sheet's drawing: the layouts keep row heights, not pictures.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from math import floor

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPageLayout, QPageSize, QPainter

from ...export.formats import PAGE_SIZES, ExportOptions, Page, get_format
from .fonts import family_font
from .handout_notes import HandoutNotes, layout_notes, paint_notes
from .image import page_spec
from .page import PageLayout, layout_page, paint_grid_part, paint_top
from .text_layout import elide

__all__ = ["DPI", "PagedPage", "Pagination", "Paper", "Sheet", "paginate", "paint_sheet"]

DPI = 96  # device px per inch: 1 layout px is 1 CSS px (0.75 pt) at the paper's own width
MARGIN_PX = 28.0  # around the page's own padding: about 12 mm of white in all
FOOTER_PX = 24.0  # the page number's line, inside the bottom margin
FIT_MIN = 0.6  # a handout page shrinks this far to stay on one sheet, else it continues
MIN_COLUMN_PX = 110  # an actor column narrower than this makes the layout wider (shrunk):
#                     on paper, 110 px of 9.75 pt text rather than the pictures' 180 px
_SLIDE_INCHES = QSizeF(13.333, 7.5)  # 16:9, as presentation software makes slides


@dataclass(frozen=True, slots=True, eq=False)
class Paper:
    """A sheet of paper: its size and orientation (16:9 is a landscape slide)."""

    page_size: QPageSize
    landscape: bool = False

    @classmethod
    def named(cls, name: str, landscape: bool = False) -> Paper:
        """One of ``PAGE_SIZES``; :class:`ValueError` for another name."""
        if name == "16:9":
            return cls(QPageSize(_SLIDE_INCHES.transposed(), QPageSize.Unit.Inch, "16:9",
                                 QPageSize.SizeMatchPolicy.ExactMatch), True)
        sizes = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3,
                 "Letter": QPageSize.PageSizeId.Letter}
        if name not in sizes or name not in PAGE_SIZES:
            raise ValueError(f"unknown page size {name!r}")
        return cls(QPageSize(sizes[name]), landscape)

    @classmethod
    def of(cls, options: ExportOptions) -> Paper:
        return cls.named(options.page_size, options.landscape)

    @classmethod
    def of_layout(cls, layout: QPageLayout) -> Paper:
        """The paper a printer is set to (its own margins are ignored: see ``MARGIN_PX``)."""
        return cls(layout.pageSize(), layout.orientation() == QPageLayout.Orientation.Landscape)

    def page_layout(self) -> QPageLayout:
        """The whole sheet, no margins: the sheet paints its own (and its background)."""
        orientation = QPageLayout.Orientation.Landscape if self.landscape \
            else QPageLayout.Orientation.Portrait
        return QPageLayout(self.page_size, orientation, QMarginsF(0, 0, 0, 0))

    @property
    def size_px(self) -> QSizeF:
        """The sheet in device px (1/96 inch), oriented."""
        inches = self.page_size.size(QPageSize.Unit.Inch)
        size = QSizeF(inches.width() * DPI, inches.height() * DPI)
        return size.transposed() if self.landscape else size

    @property
    def printable_px(self) -> QSizeF:
        """Where the page goes: the sheet less the margins and the footer."""
        size = self.size_px
        return QSizeF(size.width() - 2 * MARGIN_PX, size.height() - 2 * MARGIN_PX - FOOTER_PX)


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet of paper: which parts of its page it shows (the heading and timeline on
    the ``top`` sheet; the grid's header and ``rows``; the handout's ``notes``) at ``scale``
    device px per layout px."""

    top: bool
    rows: range
    grid: bool
    notes: bool
    scale: float


@dataclass(slots=True)
class PagedPage:
    """An export's page, laid out, and the sheets it takes."""

    page: Page
    layout: PageLayout
    notes: HandoutNotes | None
    sheets: list[Sheet] = field(default_factory=list)

    @property
    def title(self) -> str:
        """How the outline lists it: the view's or step's title, else the dataset's."""
        return self.page.subtitle or self.page.grid.dataset.label


@dataclass(slots=True)
class Pagination:
    paper: Paper
    pages: list[PagedPage]

    @property
    def sheet_count(self) -> int:
        return sum(len(paged.sheets) for paged in self.pages)

    def first_sheets(self) -> list[int]:
        """The 0-based sheet each page begins on (the handout's outline points there)."""
        starts, number = [], 0
        for paged in self.pages:
            starts.append(number)
            number += len(paged.sheets)
        return starts

    def sheets(self) -> Iterator[tuple[PagedPage, Sheet]]:
        for paged in self.pages:
            for sheet in paged.sheets:
                yield paged, sheet


PAPER_WHITE = "#ffffff"


def paginate(pages: Sequence[Page], options: ExportOptions, paper: Paper | None = None,
             view: str | None = None) -> Pagination:
    """Lay out every page at the paper's printable width (or ``options.width``, wider when
    many actors need it, shrunk to the paper) and cut it into sheets."""
    paper = paper or Paper.of(options)
    view = view or get_format("pdf").view_for(options)
    printable = paper.printable_px
    paginated = []
    for page in pages:
        spec = page_spec(page, options, view, options.width or floor(printable.width()),
                         MIN_COLUMN_PX)
        if not spec.theme.dark:  # paper is white: no grey sheet (and no ink spent on it)
            spec = replace(spec, theme=replace(spec.theme, background=PAPER_WHITE))
        layout = layout_page(page.grid, page.index, spec,
                             None if page.timeline is page.grid else page.timeline)
        width = layout.spec.width  # wider than the paper when many actors need it
        notes = None
        if page.handout:
            notes = layout_notes(page.notes, page.grid, spec.theme, width - 2 * layout.pad)
        paged = PagedPage(page, layout, notes)
        paged.sheets = _cut(layout, notes, printable.width() / width,
                            printable.height(), page.handout)
        paginated.append(paged)
    return Pagination(paper, paginated)


def _top_height(layout: PageLayout) -> float:
    height = layout.pad + layout.heading_height
    if layout.timeline is not None:
        height += layout.pad * 0.75 + layout.timeline_height
    return height


def _grid_height(layout: PageLayout, rows: range) -> float:
    """The height of the grid's part showing ``rows`` (0 when the page has no grid)."""
    if layout.grid is not None:
        return layout.pad * 0.75 + layout.grid.header_height + sum(
            layout.grid.row_heights[rows.start:rows.stop])
    if layout.empty_grid:
        return layout.pad * 0.75 + QFontMetricsF(layout.fonts["subtitle"]).lineSpacing() * 2
    return 0.0


def _cut(layout: PageLayout, notes: HandoutNotes | None, scale: float, sheet_height: float,
         fit: bool) -> list[Sheet]:
    """Sheets for one page: ``sheet_height`` device px each at ``scale``. A handout page
    (``fit``) shrinks to one sheet when it can (down to :data:`FIT_MIN`)."""
    room = sheet_height / scale  # layout px a sheet holds
    count = len(layout.grid.row_heights) if layout.grid is not None else 0
    rows = range(count)
    has_grid = layout.grid is not None or bool(layout.empty_grid)
    extra = layout.pad + notes.height if notes is not None and notes.height > 0 else 0.0
    whole = _top_height(layout) + _grid_height(layout, rows) + extra + layout.pad
    if whole <= room or (fit and room / whole >= FIT_MIN) or layout.grid is None:
        return [Sheet(True, rows, has_grid, extra > 0, scale * min(1.0, room / whole))]
    sheets: list[Sheet] = []
    top, used, first = True, _top_height(layout), 0
    head = layout.pad * 0.75 + layout.grid.header_height
    heights = layout.grid.row_heights
    while first < count:
        last, filled = first, used + head
        while last < count and filled + heights[last] + layout.pad <= room:
            filled += heights[last]
            last += 1
        if last > first:
            sheets.append(Sheet(top, range(first, last), True, False, scale))
            used = filled
        elif top:  # the heading and timeline fill the first sheet: the grid starts anew
            sheets.append(Sheet(True, range(0), False, False, scale))
            used = filled - head
        else:  # one row taller than a sheet: alone, shrunk to fit
            alone = head + heights[first] + 2 * layout.pad
            sheets.append(Sheet(False, range(first, first + 1), True, False,
                                scale * room / alone))
            last, used = first + 1, room
        top, first = False, last
        if first < count:
            used = 0.0
    if extra:
        if used + extra + layout.pad <= room:
            last_sheet = sheets.pop()
            sheets.append(Sheet(last_sheet.top, last_sheet.rows, last_sheet.grid, True,
                                last_sheet.scale))
        else:
            sheets.append(Sheet(False, range(0), False, True,
                                scale * min(1.0, room / (extra + layout.pad))))
    return sheets


def paint_sheet(painter: QPainter, paged: PagedPage, sheet: Sheet, number: int, total: int,
                paper: Paper) -> None:
    """One sheet, on a painter over a whole sheet of ``paper`` in device px: background,
    the page's parts, and the footer ("Page 3 of 12")."""
    layout = paged.layout
    theme = layout.spec.theme
    size = paper.size_px
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor(theme.background))
    painter.save()
    room = paper.printable_px.width()
    painter.translate(MARGIN_PX + max(0.0, room - layout.spec.width * sheet.scale) / 2,
                      MARGIN_PX)
    painter.scale(sheet.scale, sheet.scale)
    y = 0.0
    if sheet.top:
        y = paint_top(painter, QPointF(0, 0), layout)
    if sheet.grid:
        paint_grid_part(painter, QPointF(0, y), layout, sheet.rows)
        y += _grid_height(layout, sheet.rows)
    if sheet.notes and paged.notes is not None:
        paint_notes(painter, QPointF(layout.pad, y + layout.pad), paged.notes)
    painter.restore()
    _paint_footer(painter, paged, number, total, size, paged.layout.pad * sheet.scale)


def _paint_footer(painter: QPainter, paged: PagedPage, number: int, total: int,
                  size: QSizeF, inset: float) -> None:
    theme = paged.layout.spec.theme
    font = family_font(theme)
    font.setPixelSize(11)
    painter.setFont(font)
    painter.setPen(QColor(theme.text_muted))
    rect = QRectF(MARGIN_PX + inset, size.height() - MARGIN_PX - FOOTER_PX,
                  size.width() - 2 * (MARGIN_PX + inset), FOOTER_PX)
    count = f"Page {number} of {total}"
    align = Qt.AlignmentFlag.AlignBottom
    painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignRight), count)
    room = rect.width() - QFontMetricsF(font).horizontalAdvance(count) - 24
    title = paged.page.grid.dataset.label
    painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignLeft), elide(title, font, room))
