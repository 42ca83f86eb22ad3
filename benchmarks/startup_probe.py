"""One start-up, timed from inside: run by ``benchmarks.run`` as a whole process, 5+ times.

    python -m benchmarks.startup_probe app [FILE]  # positions-viewer (the bundled dataset)
    python -m benchmarks.startup_probe bare        # QApplication + empty QMainWindow
    python -m benchmarks.startup_probe check FILE  # positions-viewer check FILE (baseline)

*First painted window*, precisely: the window is shown and the first ``Paint`` event of the
watched widget has been handled. The watched widget is the grid's viewport (``app``) or the
empty QMainWindow itself (``bare``). An event filter installed on that one widget (not on the
application, which would add a Python call to every event of every widget) sees the ``Paint``
event arrive and starts a zero-timeout single-shot timer; the timer fires when control is back
in the event loop, i.e. after that paint event, and the backing-store flush that contains it,
have completed. The probe then prints one JSON line and leaves with ``os._exit(0)``: no
teardown, so the parent's wall time of the whole process (spawn to exit) ends at the first
painted window, within the time it takes the kernel to reap a process.

``app`` runs the real entry point, ``positions_viewer.cli.main([])`` (``show`` with the
bundled dataset: load, window, ``QApplication.exec()``); the probe only wraps
``cli.load_file`` and ``MainWindow.show_loaded`` to time them and to install its filter.
The parent passes ``BENCH_SPAWN`` (its ``time.time()`` just before the spawn) so the JSON can
say where the time went from spawn on: interpreter start, imports, load, window, paint.
"""

from __future__ import annotations

import time

_START = time.time()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

MODES = ("app", "bare", "check")


def _since_spawn(stamp: float) -> float:
    spawn = float(os.environ.get("BENCH_SPAWN", _START))
    return stamp - spawn


def main(argv: list[str]) -> int:
    arguments = {"app": (1, 2), "bare": (1,), "check": (2,)}
    if not argv or argv[0] not in MODES or len(argv) not in arguments[argv[0]]:
        print(f"usage: python -m benchmarks.startup_probe {{{','.join(MODES)}}} [FILE]",
              file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    marks: dict[str, float] = {"python": _since_spawn(_START)}
    if argv[0] == "check":
        import contextlib
        import io

        from positions_viewer import cli as check_cli

        with contextlib.redirect_stdout(io.StringIO()):
            check_cli.main(["check", argv[1]])
        marks["checked"] = _since_spawn(time.time())
        print(json.dumps(marks), flush=True)
        os._exit(0)

    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        """Ends the process once the first paint of the widget it filters has completed."""

        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.seen and event.type() == QEvent.Type.Paint:
                self.seen = True
                QTimer.singleShot(0, self.done)
            return False

        def done(self) -> None:
            marks["painted"] = _since_spawn(time.time())
            print(json.dumps(marks), flush=True)
            os._exit(0)

    probe = FirstPaint()
    if argv[0] == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        marks["imports"] = _since_spawn(time.time())
        window = QMainWindow()
        window.resize(1280, 800)
        window.installEventFilter(probe)
        window.show()
        marks["shown"] = _since_spawn(time.time())
        app.exec()
        return 1  # the probe exits from inside the event loop

    from positions_viewer import cli
    from positions_viewer.cli import show as show_command
    from positions_viewer.ui.window import main_window

    marks["imports"] = _since_spawn(time.time())
    load_file = show_command.load_file
    show_loaded = main_window.MainWindow.show_loaded

    def timed_load(*args: Any, **kwargs: Any) -> Any:
        result = load_file(*args, **kwargs)
        marks["loaded"] = _since_spawn(time.time())
        return result

    def watched_show_loaded(self: main_window.MainWindow, *args: Any, **kwargs: Any) -> None:
        marks["window built"] = _since_spawn(time.time())
        show_loaded(self, *args, **kwargs)
        marks["data shown"] = _since_spawn(time.time())
        self.grid.viewport().installEventFilter(probe)

    show_command.load_file = timed_load  # type: ignore[assignment]
    main_window.MainWindow.show_loaded = watched_show_loaded  # type: ignore[method-assign]
    cli.main(argv[1:2])  # show FILE, or the bundled dataset
    return 1  # the probe exits from inside the event loop


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
