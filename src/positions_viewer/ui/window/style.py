"""Widget colours for a theme: a Fusion palette plus a short style sheet for named widgets.

Painted surfaces (grid, timeline, pages) read the :class:`Theme` directly; this module makes
the ordinary widgets around them match.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..render.text_layout import theme_font
from ..theme import Theme, theme

__all__ = ["apply_font", "apply_palette", "chosen_theme", "style_sheet", "system_prefers_dark"]


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply_font(app: QApplication, theme: Theme) -> None:
    """The theme's font for every widget made from now on (those made before keep theirs
    until the style sheet is set again)."""
    font = theme_font(theme, 1.0)
    app.setFont(font)


def apply_palette(app: QApplication, theme: Theme) -> None:
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    palette = QPalette()
    role = QPalette.ColorRole
    colors = {
        role.Window: theme.background,
        role.WindowText: theme.text,
        role.Base: theme.surface,
        role.AlternateBase: theme.surface_alt,
        role.Text: theme.text,
        role.Button: theme.surface_alt,
        role.ButtonText: theme.text,
        role.Highlight: theme.accent,
        role.HighlightedText: "#ffffff",
        role.ToolTipBase: theme.surface,
        role.ToolTipText: theme.text,
        role.PlaceholderText: theme.text_muted,
        role.Link: theme.accent,
        role.Mid: theme.border,
        role.Midlight: theme.surface_alt,
        role.Dark: theme.border,
    }
    for color_role, value in colors.items():
        palette.setColor(color_role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for color_role in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(disabled, color_role, QColor(theme.text_muted))
    app.setPalette(palette)
    apply_font(app, theme)
    app.setStyleSheet(style_sheet(theme))


def style_sheet(theme: Theme) -> str:
    t = theme
    return f"""
QLabel#details-heading {{ font-size: {t.px(1.55)}px; font-weight: 600; }}
QLabel#details-heading-blank {{ font-size: {t.px(1.55)}px; font-weight: 600;
    color: {t.text_muted}; }}
QLabel#details-title {{ font-size: {t.px(1.15)}px; font-weight: 600; }}
QLabel#details-section {{ color: {t.text_muted}; font-weight: 600; margin-top: 4px; }}
QLabel#details-muted, QLabel#details-meta {{ color: {t.text_muted}; }}
QLabel#details-date {{ color: {t.text_muted}; font-weight: 600; }}
QLabel#details-empty {{ color: {t.text_muted}; font-size: {t.px(1.1)}px; }}
QFrame#details-entry, QFrame#details-entry-shown {{
    border: 1px solid {t.border}; border-radius: 6px; background: {t.surface}; }}
QFrame#details-entry-shown {{ border: 2px solid {t.accent}; }}
QWidget#DetailsBody {{ background: {t.background}; }}
QFrame#Banner {{ background: {t.banner_fill}; border-bottom: 1px solid {t.border}; }}
QFrame#Banner QLabel {{ color: {t.banner_text}; font-weight: 600; }}
QFrame#FilterBar {{ border-top: 1px solid {t.border}; border-bottom: 1px solid {t.border};
    background: {t.surface_alt}; }}
QPushButton#details-link {{ text-align: left; color: {t.accent}; }}
*:focus {{ outline: 2px solid {t.accent}; }}
QToolButton:focus, QPushButton:focus, QLineEdit:focus, QDateEdit:focus {{
    border: 2px solid {t.accent}; border-radius: 3px; }}
QCalendarWidget QWidget#qt_calendar_navigationbar {{ background: {t.surface_alt}; }}
QCalendarWidget QToolButton {{ color: {t.text}; background: transparent; }}
""" + (_dark_indicators(t) if t.dark else "")


def _dark_indicators(t: Theme) -> str:
    """Fusion draws check boxes and radio buttons with an outline darker than the window: on
    a dark window they vanish. Outlined in the muted text colour, filled with the accent."""
    return f"""
QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator {{
    width: 13px; height: 13px; border: 1px solid {t.text_muted}; background: {t.surface}; }}
QRadioButton::indicator {{ border-radius: 7px; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked,
QAbstractItemView::indicator:checked {{ background: {t.accent}; border-color: {t.accent}; }}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: {t.border}; }}
"""


def chosen_theme(name: str, text_size: int) -> Theme:
    """The theme a setting names ("system" follows the desktop), at the text size."""
    if name == "system":
        name = "dark" if system_prefers_dark() else "light"
    return theme(name).scaled(text_size)
