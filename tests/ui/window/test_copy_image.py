"""Copy Image and Export draw what the user sees (issue 13 item 12): the timeline's visible
range, compare mode; in the export's own theme (light by default), not the window's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QGuiApplication
from pytestqt.qtbot import QtBot

from positions_viewer.model import load_file, parse_date
from positions_viewer.ui.settings import Settings
from positions_viewer.ui.theme import LIGHT
from positions_viewer.ui.window.export_dialog import copy_image_to_clipboard
from positions_viewer.ui.window.main_window import MainWindow


def test_copy_image_is_light_and_shows_the_visible_range(qtbot: QtBot, seed_path: Path,
                                                         tmp_path: Path) -> None:
    window = MainWindow(Settings(tmp_path))
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    window.show()
    window.set_theme("dark")
    assert window.theme.dark
    assert copy_image_to_clipboard(window, scale=1)
    whole = QGuiApplication.clipboard().image()
    assert whole.pixelColor(2, 2) == QColor(LIGHT.background)  # the export's theme
    start, end = parse_date("2025-12-17").start, parse_date("2025-12-27").start
    window.timeline.set_visible_range(start, end)  # the user zoomed in on December
    assert copy_image_to_clipboard(window, scale=1)
    zoomed = QGuiApplication.clipboard().image()
    assert zoomed != whole  # the timeline drawn as shown (its lanes may differ too)


def test_the_export_dialog_defaults_to_the_export_theme(qtbot: QtBot, seed_path: Path,
                                                        tmp_path: Path) -> None:
    from positions_viewer.ui.window.export_dialog import ExportDialog

    window = MainWindow(Settings(tmp_path))
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    window.set_theme("dark")
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.theme_box.currentData() == "light"
    assert dialog.timeline_range.currentData() == "shown"
