"""SVG: the page as one vector picture, the PNG's twin (DESIGN §2); registers the ``svg``
export format (``positions_viewer.export.formats``) when imported.

Qt's ``QSvgGenerator`` takes the same painter calls as a picture and writes text as
``<text>`` elements, so the names and statements stay text: searchable, selectable,
readable by a screen reader. The page is laid out at the picture's width (``--width``) and
is as tall as its content, like the PNG but with no size limit. The bundled fonts it uses
are embedded, cut down to its characters (:mod:`.svg_fonts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from ...export.errors import DrawError
from ...export.formats import ExportOptions, Page, get_format, register_writer
from .image import ensure_gui, page_spec
from .page import PageLayout, layout_page, paint_page
from .svg_fonts import embed_fonts

__all__ = ["render_svg", "write_svg"]


def render_svg(layout: PageLayout, title: str) -> bytes:
    """The laid-out page as SVG bytes (UTF-8), ``width × height`` user units = layout px."""
    width, height = layout.spec.width, layout.height
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setResolution(96)
    generator.setTitle(title)
    generator.setDescription("Made with Positions Viewer")
    painter = QPainter()
    if not painter.begin(generator):
        raise DrawError("cannot start drawing the SVG picture")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_page(painter, QPointF(0, 0), layout)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def write_svg(pages: Sequence[Page], options: ExportOptions, handle: BinaryIO) -> None:
    """The ``svg`` format's writer: one page, as tall as it is."""
    (page,) = pages
    ensure_gui()
    view = get_format("svg").view_for(options)
    spec = page_spec(page, options, view)
    layout = layout_page(page.grid, page.index, spec,
                         None if page.timeline is page.grid else page.timeline)
    svg = render_svg(layout, page.subtitle or page.grid.dataset.label)
    handle.write(embed_fonts(svg))


register_writer("svg", write_svg)
