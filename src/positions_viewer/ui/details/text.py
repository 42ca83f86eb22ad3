"""A wrapped, plain-text paragraph with search matches marked behind the words (issue 13
item 9): laid out and drawn with ``QTextLayout`` on the plain string, so nothing from a data
file is ever read as markup, and the marks are painted, not rich text."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["HighlightedText"]


class HighlightedText(QWidget):
    """``text`` wrapped to the widget's width; each ``(start, stop)`` span of ``spans``
    (character offsets) drawn on ``mark`` (a colour)."""

    def __init__(self, text: str, spans: list[tuple[int, int]], mark: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text.replace("\r\n", "\n").replace("\n", "\u2028")
        self._spans = spans
        self._mark = QColor(mark)
        self.setAccessibleName(text[:200])
        self.setObjectName("details-body")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text.replace("\u2028", "\n")

    def _layout(self, width: float) -> QTextLayout:
        layout = QTextLayout(self._text, self.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        formats = []
        for start, stop in self._spans:
            span = QTextLayout.FormatRange()
            span.start, span.length = start, stop - start
            fmt = QTextCharFormat()
            fmt.setBackground(self._mark)
            span.format = fmt
            formats.append(span)
        layout.setFormats(formats)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(8.0, width))
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(self._layout(width).boundingRect().height()) + 2

    def sizeHint(self) -> QSize:
        width = max(200, self.width())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self.fontMetrics().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        self._layout(self.width()).draw(painter, QPointF(0, 0))
        painter.end()

    def changeEvent(self, event: object) -> None:
        super().changeEvent(event)  # type: ignore[arg-type]
        self.updateGeometry()

