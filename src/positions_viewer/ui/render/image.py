"""Pages as images and PNG files, with or without a display; registers the ``png`` export
format (``positions_viewer.export.formats``) when imported."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from PySide6.QtGui import QGuiApplication, QImage, QPainter

from ...export.errors import DrawError
from ...export.formats import ExportOptions, Page, get_format, has_writer, register_writer
from ...export.jobs import Subject
from ...limits import EXPORT_WIDTH, MAX_SIDE_PX, MIN_EXPORT_COLUMN_PX
from ...model import DatasetIndex, QueryResult
from ...model.story import Step, view_title
from ..theme import actor_colors, theme
from .page import PageSpec, layout_page, paint_page

__all__ = ["MAX_SIDE_PX", "PNG_QUALITY", "ImageTooLarge", "encode_png", "ensure_gui",
           "page_spec", "render_image", "render_page", "render_png", "render_step_png", "write_png"]

PNG_QUALITY = 80  # Qt maps this to a light zlib level: about half the encode time of the
#                   default at a similar size (benchmarks/); 90+ writes uncompressed files


class ImageTooLarge(DrawError):
    """The picture would exceed what QImage can hold; says what helps."""


def ensure_gui() -> QGuiApplication:
    """A QGuiApplication, on the offscreen platform when there is no display."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(sys.argv[:1])


def _too_large(width: int, height: int, scale: float) -> str:
    """What helps with a picture over the limit (issue 12.7, 15.6): a wider layout makes a
    tall page taller, so the hint is about the issues (rows) and the scale, never the width."""
    size = f"the picture would be {width}×{height} px, over the {MAX_SIDE_PX} px limit a side"
    if width > MAX_SIDE_PX:
        return f"{size}; choose a smaller scale or layout width"
    fewer = "select fewer issues" + (" or a smaller scale" if scale > 1 else "")
    pdf = has_writer("pdf")
    other = ("export PDF, which continues the grid on more pages" if pdf
             else "export the grid as Markdown or CSV")
    return f"{size}; {fewer}, or {other}"


def render_image(result: QueryResult, index: DatasetIndex, spec: PageSpec, scale: float = 1.0,
                 timeline_result: QueryResult | None = None) -> QImage:
    """The page as an image ``spec.width × height`` logical pixels at ``scale``; raises
    :class:`ImageTooLarge` past :data:`MAX_SIDE_PX` a side."""
    layout = layout_page(result, index, spec, timeline_result)
    width, height = round(layout.spec.width * scale), round(layout.height * scale)
    if width > MAX_SIDE_PX or height > MAX_SIDE_PX:
        raise ImageTooLarge(_too_large(width, height, scale))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    if image.isNull():
        raise ImageTooLarge(f"not enough memory for a {width}×{height} px picture")
    image.setDevicePixelRatio(scale)
    painter = QPainter()
    if not painter.begin(image):
        raise ImageTooLarge(f"cannot paint a {width}×{height} px picture")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        paint_page(painter, QPointF(0, 0), layout)
    finally:
        painter.end()
    return image


def page_spec(page: Page, options: ExportOptions, view: str, width: int | None = None,
              min_column_px: int = MIN_EXPORT_COLUMN_PX) -> PageSpec:
    """How an export's page is drawn: the caption, the page's subtitle (a handout page's
    title replaces the dataset's, as on a slide), a step's event and changed cells
    highlighted, at ``width`` layout px (else the options' picture width), wider when the
    actors' columns would be narrower than ``min_column_px``."""
    dataset = page.grid.dataset
    colors = tuple(actor_colors([a.color for a in dataset.actors]))
    title, subtitle = (page.subtitle, None) if page.handout and page.subtitle \
        else (None, page.subtitle)
    return PageSpec(view=view, width=width or options.picture_width, theme=theme(options.theme),
                    colors=colors, title=title, subtitle=subtitle, highlight_event=page.event,
                    highlight_cells=page.changed, timeline_range=options.timeline_range,
                    compare=options.compare, min_column_px=min_column_px)


def render_page(page: Page, options: ExportOptions, view: str = "both") -> QImage:
    """An export's page (``positions_viewer.export.jobs``) as ``export`` draws it
    (:func:`page_spec`)."""
    ensure_gui()
    spec = page_spec(page, options, view)
    timeline = None if page.timeline is page.grid else page.timeline
    return render_image(page.grid, page.index, spec, options.scale, timeline)


def render_png(result: QueryResult, index: DatasetIndex, view: str = "both",
               width: int = EXPORT_WIDTH, scale: int = 1, theme_name: str = "light",
               saved_view: int | None = None) -> QImage:
    """What ``positions-viewer export`` draws: the filtered page with its caption, under
    the title of ``saved_view``, or of the saved view the filters are
    (:func:`~positions_viewer.model.story.view_title`)."""
    subtitle = view_title(result.dataset, result.filter, saved_view)
    page = Page(index, result, result, subtitle, saved_view)
    return render_page(page, ExportOptions(view, scale, width, theme_name), view)


def render_step_png(step: Step, index: DatasetIndex, width: int = EXPORT_WIDTH, scale: int = 1,
                    theme_name: str = "light") -> QImage:
    """A presenter step as a page headed with the step's title: a saved view's step as
    ``export --saved-view`` draws it; an event step with its event and changes highlighted.
    (Export All Steps adds "Step 3 of 7: " to the title: ``export.jobs.plan_steps``.)"""
    subject = Subject(step.grid_filter, step.timeline_filter, step.view, step.title, step)
    return render_page(subject.page(index), ExportOptions("both", scale, width, theme_name))


def encode_png(image: QImage) -> bytes:
    """``image`` as PNG bytes (RGB, :data:`PNG_QUALITY`)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    if not rgb.save(buffer, "PNG", PNG_QUALITY):  # type: ignore[call-overload]
        raise ImageTooLarge("the PNG encoder failed")
    buffer.close()
    return bytes(data.data())


def write_png(pages: Sequence[Page], options: ExportOptions, handle: BinaryIO) -> None:
    """The ``png`` format's writer: one page."""
    (page,) = pages
    view = get_format("png").view_for(options)
    handle.write(encode_png(render_page(page, options, view)))


register_writer("png", write_png)
