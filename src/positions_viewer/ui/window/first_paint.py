"""Work that waits for the window's next paint (issue 18): the first frame is not kept
waiting by what the user does not see yet (the search fold, giving memory back)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

__all__ = ["after_next_paint"]


def after_next_paint(window: QObject, then: Callable[[], object],
                     latest_ms: int | None = None) -> None:
    """Call ``then`` once, on the event loop's turn after ``window``'s next paint (the frame
    painted and flushed); after ``latest_ms`` at the latest when given (a window that does
    not paint: hidden, or offscreen in a test)."""
    done = False

    def once() -> None:
        nonlocal done
        if not done:
            done = True
            then()

    _AfterPaint(window, once)
    if latest_ms is not None:
        QTimer.singleShot(latest_ms, once)


class _AfterPaint(QObject):
    def __init__(self, window: QObject, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._window: QObject | None = window
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._fire)  # after this frame has been painted and flushed
        return False

    def _fire(self) -> None:
        window = self._window
        if window is None:
            return
        self._window = None
        window.removeEventFilter(self)
        self._then()
        self.deleteLater()
