"""Compare mode in the window (issue 14 item 3): "what changed between 18 and 26 December?"
answered on the bundled dataset in one step, with each cell's earlier statement beneath."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from positions_viewer.model import Filter, load_file, parse_date
from positions_viewer.ui.settings import Settings
from positions_viewer.ui.window.main_window import MainWindow


def opened(qtbot: QtBot, path: Path, settings: Path) -> MainWindow:
    window = MainWindow(Settings(settings))
    qtbot.addWidget(window)
    window.show_loaded(path, load_file(path))
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_what_changed_between_18_and_26_december(qtbot: QtBot, seed_path: Path,
                                                 tmp_path: Path) -> None:
    window = opened(qtbot, seed_path, tmp_path)
    window.filter_bar.set_filter(Filter(date_from=parse_date("2025-12-18"),
                                        date_to=parse_date("2025-12-26")))
    action = window.findChild(QAction, "compare")
    assert action is not None and not window.changes.isVisible()
    action.trigger()  # View ▸ Compare Dates (and the toolbar's Compare)
    assert window.session.compare_mode and window.changes.isVisible()
    heading = window.changes.heading.text()
    assert heading.startswith("What changed from 18 Dec 2025 to 26 Dec 2025")
    lines = window.changes.entries()
    assert lines[0] == "Whether talks are imminent"  # by issue, each in date order
    assert lines[1].startswith("Russia · new · 20 Dec 2025: “ready”")
    assert lines[2].startswith("France · new · 26 Dec 2025: “not planned”")
    assert window.status_label.text().endswith("· 4 new")
    # Choosing an entry selects its cell: the details show that cell's history.
    qtbot.mouseClick(window.changes.entry(0), Qt.MouseButton.LeftButton)
    issue = window.dataset.index_of("issues", "imminence")  # type: ignore[union-attr]
    russia = window.dataset.index_of("actors", "russia")  # type: ignore[union-attr]
    assert window.session.selection.cell == (issue, russia)
    assert window.grid.selected_cell() == (issue, russia)
    assert "Russia · Whether talks are imminent" in window.details.text()
    window.changes.entry(1).setFocus()
    qtbot.keyClick(window.changes.entry(1), Qt.Key.Key_Return)  # by keyboard too
    assert window.session.selection.cell == (issue, window.dataset.index_of(  # type: ignore[union-attr]
        "actors", "france"))


def test_a_changed_cell_shows_what_it_was(qtbot: QtBot, seed_path: Path,
                                          tmp_path: Path) -> None:
    window = opened(qtbot, seed_path, tmp_path)
    window.filter_bar.set_filter(Filter(date_from=parse_date("2025-12-20"),
                                        date_to=parse_date("2025-12-26")))
    rows_before = [window.grid.row_height(r) for r in range(4)]
    window.session.set_compare_mode(True)
    assert window.grid.grid_style.compare
    rows_after = [window.grid.row_height(r) for r in range(4)]
    assert rows_after[0] > rows_before[0]  # France's 18 Dec statement shown beneath
    lines = window.changes.entries()
    assert any("France · changed · 26 Dec 2025: “not planned” (was “open" in line
               for line in lines), lines


def test_compare_without_a_from_date_asks_for_one(qtbot: QtBot, seed_path: Path,
                                                  tmp_path: Path) -> None:
    window = opened(qtbot, seed_path, tmp_path)
    window.session.set_compare_mode(True)
    assert "Type the first date (A) in From" in window.changes.heading.text()
    qtbot.waitUntil(lambda: window.filter_bar.date_from.edit.hasFocus(), timeout=2000)
    window.session.set_compare_mode(False)
    assert not window.changes.isVisible() and not window.grid.grid_style.compare
    assert window.session.filter == Filter()  # compare mode leaves the filters as they were
