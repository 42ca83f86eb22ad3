"""Actor colours as painted: the file's colour, lifted where the theme would swallow it."""

from __future__ import annotations

from PySide6.QtGui import QColor

__all__ = ["visible_actor_color"]


def visible_actor_color(hex_color: str, dark: bool) -> QColor:
    """``hex_color``, made lighter on a dark theme when it is too dark to stand out there
    (the bundled France blue, #1f4e9c, nearly vanishes on the dark surface)."""
    color = QColor(hex_color)
    if dark and color.lightness() < 130:
        color = color.lighter(150)
    return color
