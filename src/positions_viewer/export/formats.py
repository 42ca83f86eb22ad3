"""The registry of export formats: a format's name (the OUT suffix and ``--format``) and a
job's kind map to the writer that fills a file (as napari's writer plugins: the command line
and the window both ask).

Markdown and CSV writers of the ``view`` kind (what filters select: a grid, a timeline, a
saved view, a presenter step) are here, without Qt. Drawn formats are *declared* here, so
the command line can check a suffix without importing Qt, and their writers are registered
by the renderer (``positions_viewer.ui.render.image`` registers ``png``,
``positions_viewer.ui.render.pdf`` and ``.svg`` register ``pdf`` and ``svg``; importing
``positions_viewer.ui.render.outputs`` registers them all); ``pages=True`` marks a format
whose one file holds several pages (the PDF handout, DESIGN §5). Another kind of job, such
as the compare digest (issue 14), registers its writers under its own kind, e.g.
``register_writer("md", write_digest, kind="compare")``; its jobs
(``jobs.Job(kind="compare")``) hand those writers the pages their subjects make.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from ..limits import EXPORT_WIDTH
from ..model import DatasetIndex, QueryResult
from .errors import ExportError
from .tables import Changed, grid_csv, grid_markdown, timeline_csv, timeline_markdown

__all__ = ["PAGE_SIZES", "VIEW", "VIEWS", "ExportOptions", "Format", "Page", "Writer",
           "declare", "format_names", "get_format", "has_writer", "page_text",
           "register_writer", "writer_for"]

VIEWS = ("both", "grid", "timeline")
VIEW = "view"  # the kind of job that writes what filters select (jobs.Subject → Page)
# Paper for paged formats (DESIGN §2 ``--page-size``); 16:9 is a slide, landscape always.
PAGE_SIZES = ("A4", "Letter", "A3", "16:9")


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How to write: ``view`` (grid, timeline or both; None: the format's default), and for
    drawn formats the layout ``width`` in logical px (None: :data:`EXPORT_WIDTH` for a
    picture, the paper's printable width for pages, where 1 px is 1/96 inch), the pixel
    ``scale`` (pictures) and the ``theme``; ``raw_csv`` writes plain UTF-8 CSV, unguarded
    (DESIGN §2). ``timeline_range``: the days ``[start, end)`` the timeline shows (the
    window's visible range, "as shown"; None: the filter's whole range); ``compare``: each
    changed cell with the statement before it. For pages, the ``page_size`` (one of
    :data:`PAGE_SIZES`) and its orientation."""

    view: str | None = None
    scale: int = 1
    width: int | None = None
    theme: str = "light"
    raw_csv: bool = False
    timeline_range: tuple[float, float] | None = None
    compare: bool = False
    page_size: str = "A4"
    landscape: bool = False

    @property
    def picture_width(self) -> int:
        """The layout width of a picture: ``width``, else :data:`EXPORT_WIDTH`."""
        return self.width or EXPORT_WIDTH


@dataclass(frozen=True, slots=True)
class Page:
    """One page to write, resolved: the grid's and the timeline's results, and how the page
    is headed. ``changed``: a presenter step's changed cells (else the query's rule);
    ``event``: the step's event, highlighted; ``notes``: the view's or step's speaker
    notes; ``handout``: a page of a handout, which shows its notes and the sources its
    positions cite (DESIGN §5)."""

    index: DatasetIndex
    grid: QueryResult
    timeline: QueryResult
    subtitle: str | None = None
    saved_view: int | None = None
    event: int | None = None
    changed: Changed = None
    notes: str = ""
    handout: bool = False


# writer(pages, options, handle): fills ``handle`` (a file open for writing bytes) with the
# pages (a Page each for the view kind; another kind's own pages); one page unless the format
# has ``pages``. Raises DrawError for what cannot be drawn.
Writer = Callable[[Sequence[Any], ExportOptions, BinaryIO], None]


@dataclass(frozen=True, slots=True)
class Format:
    """A format: ``name`` (suffix), ``label`` (the dialog's list), ``drawn`` by the renderer
    (needs Qt) or text, the ``views`` it can hold and its ``default_view``, whether one file
    holds several ``pages``."""

    name: str
    label: str
    drawn: bool
    default_view: str
    views: tuple[str, ...] = VIEWS
    pages: bool = False

    def view_for(self, options: ExportOptions) -> str:
        """The view to write, or :class:`ExportError` when this format cannot hold it."""
        view = options.view or self.default_view
        if view not in self.views:
            raise ExportError(f"{self.label} holds one table: choose the grid or the timeline")
        return view


def page_text(page: Page, fmt: str, view: str, spreadsheet: bool = True) -> str:
    """A page as Markdown or CSV text (see :mod:`.tables`)."""
    if fmt == "csv":
        if view == "timeline":
            return timeline_csv(page.timeline, spreadsheet)
        return grid_csv(page.grid, spreadsheet, page.changed)
    if view == "timeline":
        return timeline_markdown(page.timeline, saved_view=page.saved_view,
                                 subtitle=page.subtitle)
    grid = grid_markdown(page.grid, saved_view=page.saved_view, subtitle=page.subtitle,
                         changed=page.changed)
    if view == "both":
        return grid + "\n## Timeline\n\n" + timeline_markdown(page.timeline, False)
    return grid


def _write_markdown(pages: Sequence[Page], options: ExportOptions, handle: BinaryIO) -> None:
    (page,) = pages
    handle.write(page_text(page, "md", _FORMATS["md"].view_for(options)).encode("utf-8"))


def _write_csv(pages: Sequence[Page], options: ExportOptions, handle: BinaryIO) -> None:
    (page,) = pages
    text = page_text(page, "csv", _FORMATS["csv"].view_for(options), not options.raw_csv)
    # For spreadsheets, a byte order mark: Excel reads a CSV without one in the locale's
    # legacy code page and garbles every accent.
    handle.write(text.encode("utf-8" if options.raw_csv else "utf-8-sig"))


_FORMATS: dict[str, Format] = {
    fmt.name: fmt for fmt in (
        Format("png", "PNG image", drawn=True, default_view="both"),
        Format("pdf", "PDF document", drawn=True, default_view="both", pages=True),
        Format("svg", "SVG picture", drawn=True, default_view="both"),
        Format("md", "Markdown table", drawn=False, default_view="grid"),
        Format("csv", "CSV table", drawn=False, default_view="grid", views=("grid", "timeline")),
    )
}
_WRITERS: dict[tuple[str, str], Writer] = {(VIEW, "md"): _write_markdown,
                                           (VIEW, "csv"): _write_csv}


def format_names() -> tuple[str, ...]:
    """Every declared format, in the order the dialog and messages list them."""
    return tuple(_FORMATS)


def get_format(name: str) -> Format:
    """The format called ``name``, or :class:`ExportError` naming the known ones."""
    try:
        return _FORMATS[name]
    except KeyError:
        known = ", ".join(f".{n}" for n in _FORMATS)
        raise ExportError(f"unknown format '{name}'; known: {known}") from None


def declare(fmt: Format) -> None:
    """Add a format (or replace its declaration), e.g. one the renderer draws."""
    _FORMATS[fmt.name] = fmt


def register_writer(name: str, writer: Writer, kind: str = VIEW) -> None:
    """Give the declared format ``name`` its writer for jobs of ``kind`` (the renderer does
    this for pictures)."""
    get_format(name)
    _WRITERS[(kind, name)] = writer


def has_writer(name: str, kind: str = VIEW) -> bool:
    """True when ``name`` can be written for jobs of ``kind`` (its writer is registered)."""
    return (kind, name) in _WRITERS


def writer_for(name: str, kind: str = VIEW) -> Writer:
    """The writer of ``name`` for jobs of ``kind``, or :class:`ExportError` when nothing
    registered one (a drawn format before ``positions_viewer.ui.render.image`` was imported)."""
    get_format(name)
    try:
        return _WRITERS[(kind, name)]
    except KeyError:
        raise ExportError(f"no writer for .{name} ({kind}): the module that writes it is "
                          "not loaded") from None
