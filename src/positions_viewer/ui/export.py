"""Rendering pages to images and PNG bytes, with or without a display."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from PySide6.QtGui import QGuiApplication, QImage, QPainter

from ..limits import MAX_SIDE_PX
from ..model import DatasetIndex, QueryResult
from ..model.story import Step, view_title
from .render.page import PageSpec, layout_page, paint_page
from .theme import actor_colors, theme

__all__ = ["MAX_SIDE_PX", "ImageTooLarge", "encode_png", "ensure_gui", "render_image",
           "render_png", "render_step_png"]

PNG_QUALITY = 80  # Qt maps this to a light zlib level: about half the encode time of the
#                   default at a similar size (benchmarks/); 90+ writes uncompressed files


class ImageTooLarge(ValueError):
    """The picture would exceed what QImage can hold; says what to change."""


def ensure_gui() -> QGuiApplication:
    """A QGuiApplication, on the offscreen platform when there is no display."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(sys.argv[:1])


def render_image(result: QueryResult, index: DatasetIndex, spec: PageSpec, scale: float = 1.0,
                 timeline_result: QueryResult | None = None) -> QImage:
    """The page as an image ``spec.width × height`` logical pixels at ``scale``."""
    layout = layout_page(result, index, spec, timeline_result)
    width, height = round(spec.width * scale), round(layout.height * scale)
    if width > MAX_SIDE_PX or height > MAX_SIDE_PX:
        raise ImageTooLarge(
            f"the picture would be {width}×{height} px, over the {MAX_SIDE_PX} px limit a side; "
            "select fewer issues, or lower --scale or --width"
        )
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


def render_png(result: QueryResult, index: DatasetIndex, view: str = "both", width: int = 1280,
               scale: int = 1, theme_name: str = "light",
               saved_view: int | None = None) -> QImage:
    """What ``positions-viewer export`` draws: the filtered page with its caption, under
    the title of ``saved_view``, or of the saved view the filters are
    (:func:`~positions_viewer.model.story.view_title`)."""
    ensure_gui()
    dataset = result.dataset
    colors = tuple(actor_colors([a.color for a in dataset.actors]))
    subtitle = view_title(dataset, result.filter, saved_view)
    spec = PageSpec(view=view, width=width, theme=theme(theme_name), colors=colors,
                    subtitle=subtitle)
    return render_image(result, index, spec, scale)


def render_step_png(step: Step, index: DatasetIndex, width: int = 1280, scale: int = 1,
                    theme_name: str = "light") -> QImage:
    """A presenter step as an exported page: a saved view's step is exactly what
    ``export --saved-view`` draws; an event step adds its title and highlights."""
    ensure_gui()
    grid, timeline = step.results(index)
    if step.view is not None:
        return render_png(grid, index, "both", width, scale, theme_name, step.view)
    colors = tuple(actor_colors([a.color for a in grid.dataset.actors]))
    spec = PageSpec(view="both", width=width, theme=theme(theme_name), colors=colors,
                    subtitle=step.title, highlight_event=step.event,
                    highlight_cells=step.changed_cells(grid))
    return render_image(grid, index, spec, scale, timeline)


def encode_png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    if not rgb.save(buffer, "PNG", PNG_QUALITY):  # type: ignore[call-overload]
        raise ImageTooLarge("the PNG encoder failed")
    buffer.close()
    return bytes(data.data())
