"""A wrapped, plain-text paragraph with search matches marked behind the words (issue 13
item 9): laid out and drawn with ``QTextLayout`` on the plain string, so nothing from a data
file is ever read as markup, and the marks are painted, not rich text."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..labels import wrapped_layout

__all__ = ["HighlightedText"]


class HighlightedText(QWidget):
    """``text`` wrapped to the widget's width; each ``(start, stop)`` span of ``spans``
    (character offsets) drawn on ``mark`` (a colour)."""

    def __init__(self, text: str, spans: list[tuple[int, int]], mark: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._spans = spans
        self._mark = QColor(mark)
        self.setAccessibleName(text[:200])
        self.setObjectName("details-body")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text

    def _layout(self, width: float) -> QTextLayout:
        formats = []
        for start, stop in self._spans:
            span = QTextLayout.FormatRange()
            span.start, span.length = start, stop - start
            mark = QTextCharFormat()
            mark.setBackground(self._mark)
            span.format = mark
            formats.append(span)
        return wrapped_layout(self._text, self.font(), width, formats)

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

