"""Actor colours as painted: the file's colour, lifted where a dark theme would swallow it.

A dark theme lifts the whole set at once (:func:`theme_colors`, the model's
:func:`~positions_viewer.model.colors.dark_colors`), so two colours told apart on white stay
apart on the dark surface; :func:`visible_actor_color` lifts one colour the same way (a
colour already lifted is left as it is).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtGui import QColor

from ...model.colors import dark_colors, lift_for_dark

__all__ = ["theme_colors", "visible_actor_color"]


def visible_actor_color(hex_color: str, dark: bool) -> QColor:
    """``hex_color``, made lighter on a dark theme when it is too dark to stand out there
    (the bundled France blue, #1f4e9c, nearly vanishes on the dark surface)."""
    return QColor(lift_for_dark(hex_color) if dark else hex_color)


def theme_colors(colors: Sequence[str], dark: bool) -> tuple[str, ...]:
    """The actor colours for a theme: as given on a light one, lifted together on a dark one."""
    return _lifted(tuple(colors)) if dark else tuple(colors)


@lru_cache(maxsize=32)
def _lifted(colors: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dark_colors(colors))
