"""Canary for the PySide6 6.12.0 reference bug on Python 3.11.

6.12.0 drops a reference to ``None`` on every call of a Qt method that returns nothing; after a
few thousand painter calls the process aborts with ``Fatal Python error: none_dealloc``.
Reproduced here with 6.12.0: 1,000 ``drawLine`` calls took None's refcount down by 994.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtGui import QImage, QPainter


def test_void_qt_calls_keep_none_alive(qapp: object) -> None:
    image = QImage(32, 32, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(2000):
        painter.drawLine(0, 0, 10, 10)
        painter.setOpacity(1.0)
    after = sys.getrefcount(None)
    painter.end()
    # A healthy binding moves None's count by a handful; the broken one by ~4000.
    assert before - after < 100, f"None lost {before - after} references over 4000 void calls"


def test_many_painter_calls_do_not_abort_the_process() -> None:
    script = textwrap.dedent(
        """
        from PySide6.QtGui import QGuiApplication, QImage, QPainter
        app = QGuiApplication([])
        image = QImage(64, 64, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        for _ in range(50_000):
            painter.drawLine(0, 0, 10, 10)
        painter.end()
        print("survived")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert "survived" in done.stdout
