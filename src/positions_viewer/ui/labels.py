"""Plain-text labels and menu texts: data is shown literally, never as markup."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QTextLayout, QTextOption
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ..model.text import clip_text

__all__ = ["LABEL_CHARS", "PlainLabel", "literal_mnemonic", "plain_label", "plain_tooltip",
           "wrapped_layout"]

LABEL_CHARS = 2_000  # titles and one-line facts are cut here: a label lays out all its text
# A word longer than this may be longer than the line (a hash, an address, an id): such a
# label wraps anywhere, as the grid does, instead of running off its edge (case
# unbroken-tokens.toml).
LONG_WORD = 24
MIN_WRAP_PX = 160


def wrapped_layout(text: str, font: QFont, width: float,
                   formats: Sequence[QTextLayout.FormatRange] = ()) -> QTextLayout:
    """``text`` laid out as plain text in lines of ``width`` px, a word longer than the line
    broken anywhere; ``formats`` (e.g. search marks) drawn with it. Newlines are kept."""
    layout = QTextLayout(text.replace("\r\n", "\n").replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    if formats:
        layout.setFormats(list(formats))
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


def plain_tooltip(text: str, limit: int = 1_000) -> str:
    """``text`` (cut at ``limit`` characters) as a tooltip that shows it literally: Qt guesses
    rich text in tooltips, so data such as ``<img src=…>`` is escaped, never rendered.
    Empty text gives "" (no tooltip)."""
    if not text:
        return ""
    return QtGuiNamespace.convertFromPlainText(clip_text(text, limit),
                                               Qt.WhiteSpaceMode.WhiteSpaceNormal)


def literal_mnemonic(text: str) -> str:
    """``text`` for a button or menu entry, where "&" marks a shortcut: doubled, so a
    title like "Q&A" shows its "&" and does not bind Alt+A."""
    return text.replace("&", "&&")


class PlainLabel(QLabel):
    """A wrapped plain-text label that breaks a word longer than its line anywhere.

    Text without such a word is an ordinary ``QLabel`` (selectable); text with one is laid
    out and drawn with ``QTextLayout`` (``WrapAtWordBoundaryOrAnywhere``), so nothing is cut
    at the panel's edge.
    """

    max_lines = 0  # 0: as many lines as the text needs; else at most this many are shown

    def set_max_lines(self, lines: int) -> None:
        """Show at most ``lines`` lines (the rest is cut; the whole text is the tooltip): a
        long title or description can never make its window taller than the screen."""
        self.max_lines = lines
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.updateGeometry()

    def setText(self, text: str) -> None:
        self._anywhere = any(len(word) > LONG_WORD for word in text.split())
        super().setText(text)
        if self.max_lines:
            self.setToolTip(plain_tooltip(text) if len(text) > 80 else "")
        self.updateGeometry()

    def _layout(self, width: float) -> QTextLayout:
        return wrapped_layout(self.text(), self.font(), width)

    def _capped(self, height: int) -> int:
        if not self.max_lines:
            return height
        margins = self.contentsMargins()
        most = self.fontMetrics().lineSpacing() * self.max_lines + margins.top() \
            + margins.bottom() + 1
        return min(height, most)

    def heightForWidth(self, width: int) -> int:
        if not getattr(self, "_anywhere", False):
            return self._capped(super().heightForWidth(width))
        margins = self.contentsMargins()
        # Layouts ask at their minimum width too (a few px for a label whose width is the
        # window's): wrapping a long word into such a sliver would make it hundreds of px tall.
        inner = max(MIN_WRAP_PX, width - margins.left() - margins.right())
        return self._capped(round(self._layout(inner).boundingRect().height())
                            + margins.top() + margins.bottom() + 1)

    def minimumSizeHint(self) -> QSize:
        if not getattr(self, "_anywhere", False):
            hint = super().minimumSizeHint()
            return QSize(hint.width(), self._capped(hint.height()))
        return QSize(40, self.fontMetrics().height())

    def sizeHint(self) -> QSize:
        if not getattr(self, "_anywhere", False):
            hint = super().sizeHint()
            return QSize(hint.width(), self._capped(hint.height()))
        width = max(80, self.width())
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:
        if not getattr(self, "_anywhere", False):
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        self._layout(rect.width()).draw(painter, QPointF(rect.left(), rect.top()))
        painter.end()


def plain_label(text: str, role: str = "body", parent: QWidget | None = None,
                limit: int = LABEL_CHARS) -> PlainLabel:
    """A wrapped, selectable label that shows ``text`` literally, cut at ``limit`` characters.
    ``role`` names its style (``details-<role>`` in the style sheet)."""
    label = PlainLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    flags = Qt.TextInteractionFlag
    label.setTextInteractionFlags(flags.TextSelectableByMouse | flags.TextSelectableByKeyboard)
    label.setText(clip_text(text, limit))
    label.setObjectName(f"details-{role}")
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    policy.setHeightForWidth(True)  # wrapped: its height follows the width it is given
    label.setSizePolicy(policy)
    return label
