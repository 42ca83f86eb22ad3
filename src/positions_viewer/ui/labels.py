"""Plain-text labels and menu texts: data is shown literally, never as markup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ..model.text import clip_text

__all__ = ["LABEL_CHARS", "literal_mnemonic", "plain_label"]

LABEL_CHARS = 2_000  # titles and one-line facts are cut here: a label lays out all its text


def literal_mnemonic(text: str) -> str:
    """``text`` for a button or menu entry, where "&" marks a shortcut: doubled, so a
    title like "Q&A" shows its "&" and does not bind Alt+A."""
    return text.replace("&", "&&")


def plain_label(text: str, role: str = "body", parent: QWidget | None = None,
                limit: int = LABEL_CHARS) -> QLabel:
    """A wrapped, selectable label that shows ``text`` literally, cut at ``limit`` characters.
    ``role`` names its style (``details-<role>`` in the style sheet)."""
    text = clip_text(text, limit)
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    flags = Qt.TextInteractionFlag
    label.setTextInteractionFlags(flags.TextSelectableByMouse | flags.TextSelectableByKeyboard)
    label.setText(text)
    label.setObjectName(f"details-{role}")
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    policy.setHeightForWidth(True)  # wrapped: its height follows the width it is given
    label.setSizePolicy(policy)
    return label
