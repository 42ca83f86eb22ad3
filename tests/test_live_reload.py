"""Live reload: in-place saves, rename-over saves, delete and recreate, broken then fixed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from positions_viewer.model import load_file
from positions_viewer.ui.main_window import MainWindow
from positions_viewer.ui.watcher import FileWatcher

BASE = """schema = 1
title = "Live"

[[actors]]
id = "a"
name = "Alpha"

[[issues]]
id = "i"
title = "Issue"

[[positions]]
actor = "a"
issue = "i"
text = "{text}"
"""


def cell_text(window: MainWindow) -> str:
    return str(window.grid.grid_model.index(0, 1).data(Qt.ItemDataRole.DisplayRole))


@pytest.fixture
def live(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, Path]:
    path = tmp_path / "live.toml"
    path.write_text(BASE.format(text="first"), encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_loaded(path, load_file(path))
    window.show()
    return window, path


def test_in_place_save_reloads(live: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    window, path = live
    with qtbot.waitSignal(window.resultChanged, timeout=5000):
        path.write_text(BASE.format(text="second"), encoding="utf-8")
    assert cell_text(window) == "second"


def test_rename_over_save_reloads_twice(live: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    window, path = live
    for text in ("renamed once", "renamed twice"):
        temp = path.with_suffix(".tmp")
        temp.write_text(BASE.format(text=text), encoding="utf-8")
        with qtbot.waitSignal(window.resultChanged, timeout=5000):
            os.replace(temp, path)
        assert cell_text(window) == text


def test_broken_file_keeps_last_good_data_and_recovers(live: tuple[MainWindow, Path],
                                                       qtbot: QtBot) -> None:
    window, path = live
    broken = BASE.format(text="second").replace('actor = "a"', 'actor = "b"')
    path.write_text(broken, encoding="utf-8")
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5000)
    message = window.banner.label.text()
    assert f"{path}:13:" in message
    assert "unknown actor 'b'" in message
    assert "last good data" in message
    assert cell_text(window) == "first"
    with qtbot.waitSignal(window.resultChanged, timeout=5000):
        path.write_text(BASE.format(text="fixed"), encoding="utf-8")
    assert cell_text(window) == "fixed"
    assert not window.banner.isVisible()


def test_deleted_file_says_so_and_comes_back(live: tuple[MainWindow, Path],
                                             qtbot: QtBot) -> None:
    window, path = live
    path.unlink()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5000)
    assert "deleted or moved" in window.banner.label.text()
    assert cell_text(window) == "first"
    with qtbot.waitSignal(window.resultChanged, timeout=5000):
        path.write_text(BASE.format(text="back"), encoding="utf-8")
    assert cell_text(window) == "back"
    assert not window.banner.isVisible()


def test_filters_survive_a_reload(live: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    window, path = live
    window.filter_bar.search.setText("zzz")
    qtbot.waitUntil(lambda: window.grid.grid_model.rowCount() == 0, timeout=2000)
    with qtbot.waitSignal(window.resultChanged, timeout=5000):
        path.write_text(BASE.format(text="zzz inside"), encoding="utf-8")
    assert window.filter_bar.search.text() == "zzz"
    assert cell_text(window) == "zzz inside"


def test_watcher_ignores_writes_that_do_not_change_content(qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "same.toml"
    path.write_text("x", encoding="utf-8")
    watcher = FileWatcher(debounce_ms=20)
    watcher.watch(path)
    changes: list[bool] = []
    watcher.changed.connect(lambda: changes.append(True))
    path.write_text("x", encoding="utf-8")
    qtbot.wait(300)
    assert changes == []
    with qtbot.waitSignal(watcher.changed, timeout=3000):
        path.write_text("y", encoding="utf-8")
    watcher.stop()
