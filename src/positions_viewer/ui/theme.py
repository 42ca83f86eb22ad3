"""Colours and sizes for every painted surface: light, dark and presenter.

Qt-free on purpose: painters turn these hex strings into ``QColor`` once per paint. One
:class:`Theme` is passed to the grid, timeline and page painters, so the window, presenter
mode and export can only differ by the theme and the scale they are given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..limits import DEFAULT_TEXT_PX
from ..model.colors import ACTOR_PALETTE, assign_colors

__all__ = ["ACTOR_PALETTE", "DARK", "LIGHT", "Theme", "actor_colors", "presenter_theme", "theme"]

@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    dark: bool
    background: str  # page behind everything
    surface: str  # grid cells, timeline plot
    surface_alt: str  # headers, alternate bands
    text: str
    text_muted: str
    border: str
    accent: str  # focus and selection outline
    selection: str  # selected cell fill
    highlight: str  # cells/events related to the selected event (not "changed": teal)
    highlight_edge: str
    changed_fill: str  # a cell whose stance or text changed since "from"
    changed_edge: str
    new_fill: str  # a cell with a position where there was none
    new_edge: str
    restated_edge: str  # restated: the same stance said again, marked quietly
    stale_text: str  # the date of a statement older than stale_after
    match_fill: str  # search matches, drawn behind the matched words
    chip_fill: str
    chip_text: str
    axis: str
    tick_line: str
    as_of_line: str
    banner_fill: str
    banner_text: str
    font_family: str = "DejaVu Sans"  # bundled: ui/render/fonts.py
    font_px: int = DEFAULT_TEXT_PX  # body text in logical px; everything else derives from it

    def px(self, factor: float) -> int:
        """A size proportional to the body text, at least one pixel."""
        return max(1, round(self.font_px * factor))

    def scaled(self, font_px: int) -> Theme:
        return replace(self, font_px=font_px)


LIGHT = Theme(
    name="light",
    dark=False,
    background="#f4f5f7",
    surface="#ffffff",
    surface_alt="#eceef2",
    text="#1b1f24",
    text_muted="#5f6670",
    border="#d0d4da",
    accent="#2563eb",
    selection="#dbe7ff",
    highlight="#dff3f1",
    highlight_edge="#0f766e",
    changed_fill="#fff4d6",
    changed_edge="#b45309",
    new_fill="#e3f5e8",
    new_edge="#15803d",
    restated_edge="#8a94a3",
    stale_text="#9a3412",
    match_fill="#fde047",
    chip_fill="#e6e9ef",
    chip_text="#2b3139",
    axis="#4a515b",
    tick_line="#e3e6ea",
    as_of_line="#c2410c",
    banner_fill="#fde8e8",
    banner_text="#7f1d1d",
)

DARK = Theme(
    name="dark",
    dark=True,
    background="#15171b",
    surface="#1e2127",
    surface_alt="#272b33",
    text="#e8eaed",
    text_muted="#a1a8b3",
    border="#3a3f48",
    accent="#7aa7ff",
    selection="#26406e",
    highlight="#163d3a",
    highlight_edge="#5eead4",
    changed_fill="#3a3117",
    changed_edge="#f0b429",
    new_fill="#17331f",
    new_edge="#4ade80",
    restated_edge="#a3adbb",
    stale_text="#fdba74",
    match_fill="#854d0e",
    chip_fill="#343a44",
    chip_text="#e8eaed",
    axis="#b8bec8",
    tick_line="#2c3038",
    as_of_line="#fb923c",
    banner_fill="#4c1d1d",
    banner_text="#fecaca",
)

_THEMES = {"light": LIGHT, "dark": DARK}


def theme(name: str) -> Theme:
    """``light`` or ``dark``; unknown names fall back to light."""
    return _THEMES.get(name, LIGHT)


def presenter_theme(screen_height: int, dark: bool = False) -> Theme:
    """Large type scaled to the screen: 1080 px high gives 30 px body text."""
    base = DARK if dark else LIGHT
    return replace(base, name="presenter", font_px=max(18, round(screen_height / 36)))


def actor_colors(colors: list[str | None] | tuple[str | None, ...]) -> list[str]:
    """The file's colour where given, else a palette colour far from the others (OKLab)."""
    return assign_colors(colors)
