"""Starting the window: the QApplication, the no-display fallback, presenting on start."""

from __future__ import annotations

import ctypes.util
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Filter, LoadResult
from ..paths import resources_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

__all__ = ["display_problem", "run_window"]

PREVIEW_NAME = "positions-viewer-preview.png"


def display_problem() -> str | None:
    """Why a window cannot open here, in words, or ``None`` when it can."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return "no display was found (DISPLAY and WAYLAND_DISPLAY are not set)"
    if not os.environ.get("WAYLAND_DISPLAY") and ctypes.util.find_library("xcb-cursor") is None:
        return ("Qt's X11 plugin needs libxcb-cursor0, which is not installed; on Debian or "
                "Ubuntu: sudo apt-get install libxcb-cursor0")
    return None


def make_application() -> QApplication:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("positions-viewer")
    app.setApplicationDisplayName("Positions Viewer")
    app.setOrganizationName("positions-viewer")
    app.setDesktopFileName("positions-viewer")
    icon = resources_dir() / "positions-viewer.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_window(path: Path, result: LoadResult, flt: Filter, present: bool = False,
               saved_view: str | None = None) -> int:
    problem = display_problem()
    if problem is not None:
        return _write_preview(path, result, flt, problem)
    make_application()
    from PySide6.QtWidgets import QApplication

    from .window.main_window import MainWindow

    window = MainWindow()
    window.show_loaded(path, result, flt)
    window.show()
    # The command line's load left the parse's freed memory to give back (0.7 s at 280 MB):
    # done once the window is on screen, on a thread (the C call lets go of Python's lock),
    # not before the first frame (issue 18).
    import threading

    from ..model.load.release import release_freed_memory
    from .window.first_paint import after_next_paint

    after_next_paint(window, threading.Thread(target=release_freed_memory, daemon=True,
                                              name="release-memory").start)
    if present:
        window.start_presenting(from_current=saved_view is not None)
    return QApplication.exec()


def _write_preview(path: Path, result: LoadResult, flt: Filter, problem: str) -> int:
    """No window can open: say why, and leave a picture of what it would have shown."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _hide_offscreen_noise()
    make_application()
    from .settings import Settings
    from .window.main_window import MainWindow

    with tempfile.TemporaryDirectory() as scratch:
        window = MainWindow(Settings(Path(scratch)))
        window.resize(1280, 800)
        window.show_loaded(path, result, flt)
        window.show()
        from PySide6.QtWidgets import QApplication

        window.filter_bar.range.ensure_slider()  # built after the first frame otherwise
        QApplication.processEvents()
        window.grid.viewport().update()
        QApplication.processEvents()
        target = _writable(Path.cwd() / PREVIEW_NAME)
        saved = window.grab().save(str(target))
        window.close()
    print(f"positions-viewer: cannot open the window: {problem}.", file=sys.stderr)
    if saved:
        print(f"positions-viewer: wrote a picture of the window instead: {target}",
              file=sys.stderr)
    print("positions-viewer: to make pictures and tables without a display, use "
          "'positions-viewer export FILE -o view.png' (or .md, .csv); to see the window, "
          "run it on a desktop, or under Xvfb (xvfb-run positions-viewer).", file=sys.stderr)
    return 0


def _hide_offscreen_noise() -> None:
    """The offscreen plugin warns that it cannot resize windows to their hints: true, and
    of no interest to someone who asked for a window and is being told why there is none."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _writable(target: Path) -> Path:
    if os.access(target.parent, os.W_OK):
        return target
    return Path(tempfile.gettempdir()) / PREVIEW_NAME
