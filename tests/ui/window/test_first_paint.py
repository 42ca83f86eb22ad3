"""What waits for the window's first paint (issue 18): the search fold starts after it,
so the first frame does not share the interpreter with it; a window that never paints
still gets its search prepared."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from pytestqt.qtbot import QtBot

from positions_viewer.model import DatasetIndex, load_file
from positions_viewer.ui.settings import Settings
from positions_viewer.ui.window.main_window import MainWindow


class Paints(QObject):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_the_search_fold_starts_after_the_first_paint(
        qtbot: QtBot, seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log: list[str] = []
    fold = DatasetIndex.prepare_search
    monkeypatch.setattr(DatasetIndex, "prepare_search",
                        lambda self: (log.append("fold"), fold(self))[1])
    window = MainWindow(Settings(tmp_path))
    qtbot.addWidget(window)
    paints = Paints(log)
    window.installEventFilter(paints)
    window.resize(1280, 800)
    window.show_loaded(seed_path, load_file(seed_path))
    window.show()
    qtbot.waitUntil(lambda: "fold" in log, timeout=5000)
    assert "paint" in log and log.index("paint") < log.index("fold")
    index = window.session.index
    assert index is not None
    qtbot.waitUntil(lambda: index.search_ready, timeout=5000)


def test_a_window_that_is_not_shown_still_prepares_search(
        qtbot: QtBot, seed_path: Path, tmp_path: Path) -> None:
    window = MainWindow(Settings(tmp_path))
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    index = window.session.index
    assert index is not None
    qtbot.waitUntil(lambda: index.search_ready, timeout=5000)
