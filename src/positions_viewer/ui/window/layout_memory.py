"""The window's size and splitters, remembered between launches and checked against the
screen it opens on (issue 13 item 5): a first window fits the available screen, and a
restored layout that would crush a pane below a readable size falls back to the default."""

from __future__ import annotations

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QMainWindow, QSplitter

from ..settings import Settings

__all__ = ["MIN_PANE_PX", "WindowLayout"]

DEFAULT_SIZE = (1440, 900)  # the first window, when the screen has room
SCREEN_SHARE = 0.92  # else this share of the available screen
# Below these a pane shows nothing useful: timeline, grid and details (height, width, width).
MIN_PANE_PX = {"timeline": 110, "grid": 260, "details": 200, "views": 160}
DEFAULT_SHARES = {"views": (0.3, 0.7), "side": (0.76, 0.24), "right": (0.65, 0.35)}


class WindowLayout:
    """Saves and restores ``window``'s geometry and its named splitters."""

    def __init__(self, window: QMainWindow, settings: Settings,
                 splitters: dict[str, QSplitter]) -> None:
        self._window = window
        self._settings = settings
        self._splitters = splitters

    def restore(self) -> None:
        window, settings = self._window, self._settings
        geometry = settings.geometry
        if geometry is None or not window.restoreGeometry(geometry) or not self._on_screen():
            self.fit_to_screen()
        state = settings.window_state
        if state is not None:
            window.restoreState(state)
        restored = True
        for name, splitter in self._splitters.items():
            saved = settings.splitter_state(name)
            restored = saved is not None and splitter.restoreState(saved) and restored
        # Sizes are only real once the window is laid out: check them then.
        QTimer.singleShot(0, self.check_panes if restored else self.default_panes)

    def _on_screen(self) -> bool:
        """Whether most of the window is on a screen that exists now."""
        frame = self._window.frameGeometry()
        area = self.available_area()
        seen = frame.intersected(area)
        return seen.width() * seen.height() >= 0.6 * frame.width() * frame.height() and \
            frame.width() <= area.width() + 16 and frame.height() <= area.height() + 16

    def available_area(self) -> QRect:
        """The part of the window's screen that windows may use (no task bar, no dock)."""
        screen = self._window.screen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)

    def fit_to_screen(self) -> None:
        """The default size where it fits, else most of the available screen, centred."""
        area = self.available_area()
        width = min(DEFAULT_SIZE[0], round(area.width() * SCREEN_SHARE))
        height = min(DEFAULT_SIZE[1], round(area.height() * SCREEN_SHARE))
        self._window.resize(width, height)
        self._window.move(area.x() + (area.width() - width) // 2,
                          area.y() + (area.height() - height) // 2)

    def default_panes(self, only: str | None = None) -> None:
        """The default sizes for every splitter (``only``: that one)."""
        for name, splitter in self._splitters.items():
            if only is not None and name != only:
                continue
            shares = DEFAULT_SHARES.get(name)
            if shares is None:
                continue
            total = sum(splitter.sizes()) or 1000
            splitter.setSizes([round(total * share) for share in shares])

    def check_panes(self) -> None:
        """Back to the default panes when any is shown below its readable size (a pane the
        user collapsed to nothing stays collapsed)."""
        sizes = {name: splitter.sizes() for name, splitter in self._splitters.items()}
        minimums = {"views": (MIN_PANE_PX["timeline"], MIN_PANE_PX["views"]),
                    "side": (MIN_PANE_PX["grid"], MIN_PANE_PX["details"])}
        too_small = any(
            0 < size < least
            for name, pair in minimums.items()
            for size, least in zip(sizes.get(name, []), pair, strict=False)
        )
        if too_small:
            self.default_panes()

    def save(self) -> None:
        settings = self._settings
        settings.geometry = self._window.saveGeometry()
        settings.window_state = self._window.saveState()
        for name, splitter in self._splitters.items():
            settings.set_splitter_state(name, splitter.saveState())
        settings.sync()
