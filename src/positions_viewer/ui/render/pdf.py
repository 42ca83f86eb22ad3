"""PDF: the pages as vectors, text kept as text in embedded fonts (DESIGN §2, §5); registers
the ``pdf`` export format (``positions_viewer.export.formats``) when imported.

Qt's ``QPdfWriter`` draws the sheets (``ui.render.pages``) with the same painter calls as a
picture, one sheet at a time, streaming each to the file. A handout (a page per saved view
or step) also gets an outline listing its pages: Qt has no API for one, so the outline is
appended to Qt's file as an incremental update by pypdf (the file Qt wrote stays byte for
byte at its start).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Sequence
from typing import IO, BinaryIO

from PySide6.QtCore import QBuffer, QByteArray, QFile, QFileDevice, QIODevice
from PySide6.QtGui import QPagedPaintDevice, QPainter, QPdfWriter

from ...export.errors import DrawError
from ...export.formats import ExportOptions, Page, register_writer
from .image import ensure_gui
from .pages import DPI, Pagination, paginate, paint_sheet

__all__ = ["add_outline", "paint_pagination", "write_pdf"]

CREATOR = "Positions Viewer"


def paint_pagination(device: QPagedPaintDevice, pagination: Pagination) -> None:
    """Every sheet of ``pagination`` on ``device`` (a PDF writer or a printer set to the
    paper), one after the other; raises :class:`DrawError` when the device cannot paint."""
    painter = QPainter()
    if not painter.begin(device):
        raise DrawError("cannot start drawing the pages (is the file or printer writable?)")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        total = pagination.sheet_count
        ratio = device.logicalDpiX() / DPI  # a printer's own resolution: 1200 dpi, say
        for number, (paged, sheet) in enumerate(pagination.sheets(), start=1):
            if number > 1 and not device.newPage():
                raise DrawError(f"cannot start page {number} (is the disk full?)")
            painter.save()
            painter.scale(ratio, ratio)
            paint_sheet(painter, paged, sheet, number, total, pagination.paper)
            painter.restore()
    finally:
        painter.end()


def _pdf_writer(device: QIODevice, pagination: Pagination) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setPageLayout(pagination.paper.page_layout())
    writer.setResolution(DPI)
    writer.setColorModel(QPdfWriter.ColorModel.RGB)  # the theme's colours, not grey levels
    writer.setCreator(CREATOR)
    first = pagination.pages[0]
    writer.setTitle(first.page.grid.dataset.label if len(pagination.pages) > 1 else first.title)
    return writer


@contextlib.contextmanager
def _device_on(handle: IO[bytes]) -> Iterator[QIODevice]:
    """A Qt device writing into ``handle``: straight into its file when it has one, else
    through a buffer copied at the end."""
    fileno = getattr(handle, "fileno", None)
    try:
        descriptor = fileno() if fileno is not None else -1
    except (OSError, ValueError):
        descriptor = -1
    if descriptor >= 0:
        handle.flush()
        device = QFile()
        if device.open(descriptor, QIODevice.OpenModeFlag.WriteOnly,
                       QFileDevice.FileHandleFlag.DontCloseHandle):
            try:
                yield device
            finally:
                device.close()
            handle.seek(0, 2)  # Qt wrote through the descriptor: Python's position follows
            return
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    yield buffer
    buffer.close()
    handle.write(bytes(data.data()))


def write_pdf(pages: Sequence[Page], options: ExportOptions, handle: BinaryIO) -> None:
    """The ``pdf`` format's writer: every page, continued on as many sheets as it needs;
    with handout pages, one outline entry each (:func:`add_outline`)."""
    ensure_gui()
    pagination = paginate(pages, options)
    handout = any(page.handout for page in pages)
    target: IO[bytes] = tempfile.TemporaryFile() if handout else handle  # noqa: SIM115
    try:
        with _device_on(target) as device:
            paint_pagination(_pdf_writer(device, pagination), pagination)
        if handout:
            target.seek(0)
            titles = [paged.title for paged in pagination.pages]
            add_outline(target, handle, list(zip(titles, pagination.first_sheets(),
                                                 strict=True)))
    finally:
        if target is not handle:
            target.close()


def add_outline(source: IO[bytes], out: IO[bytes], entries: list[tuple[str, int]]) -> None:
    """Copy the PDF ``source`` to ``out`` with an outline (bookmarks) of ``entries``
    (title, 0-based page), shown when the file opens; appended as an incremental update."""
    from pypdf import PdfReader, PdfWriter  # only handouts need it
    from pypdf.generic import NameObject

    writer = PdfWriter(PdfReader(source), incremental=True)
    for title, page in entries:
        writer.add_outline_item(title=title, page_number=page)
    writer.page_mode = "/UseOutlines"
    # The update's cross-reference is a stream, which PDF 1.5 brought (Qt writes 1.4).
    writer._root_object[NameObject("/Version")] = NameObject("/1.5")
    writer.write(out)


register_writer("pdf", write_pdf)
