"""The window as a new user walks it (issue 13 items 5 and 14): a first window that fits the
screen, remembered panes that stay readable, F11, F1, a banner that can be dismissed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from positions_viewer.model import load_file
from positions_viewer.ui.settings import Settings
from positions_viewer.ui.window.actions import shortcuts_text
from positions_viewer.ui.window.layout_memory import MIN_PANE_PX, WindowLayout
from positions_viewer.ui.window.main_window import MainWindow


def new_window(qtbot: QtBot, settings_dir: Path, path: Path) -> MainWindow:
    window = MainWindow(Settings(settings_dir))
    qtbot.addWidget(window)
    window.show_loaded(path, load_file(path))
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_the_first_window_fits_the_screen(qtbot: QtBot, tmp_path: Path, seed_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          size: tuple[int, int]) -> None:
    area = QRect(0, 0, *size)
    monkeypatch.setattr(WindowLayout, "available_area", lambda _self: area)
    window = new_window(qtbot, tmp_path, seed_path)
    assert window.width() <= area.width() and window.height() <= area.height() - 30


def test_both_splitters_are_remembered(qtbot: QtBot, tmp_path: Path, seed_path: Path) -> None:
    window = new_window(qtbot, tmp_path, seed_path)
    window.resize(760, 700)
    QApplication.processEvents()
    window.splitter.setSizes([200, 400])
    window.side.setSizes([450, 300])
    saved = (window.splitter.sizes(), window.side.sizes())
    window.close()
    again = new_window(qtbot, tmp_path, seed_path)
    qtbot.waitUntil(lambda: (again.splitter.sizes(), again.side.sizes()) == saved, timeout=2000)


def test_a_crushed_pane_comes_back_readable(qtbot: QtBot, tmp_path: Path,
                                            seed_path: Path) -> None:
    window = new_window(qtbot, tmp_path, seed_path)
    window.resize(760, 700)
    QApplication.processEvents()
    window.side.setSizes([730, 30])  # the details panel squeezed to a sliver
    window.close()
    again = new_window(qtbot, tmp_path, seed_path)
    qtbot.waitUntil(lambda: again.side.sizes()[1] >= MIN_PANE_PX["details"], timeout=2000)


def test_f11_toggles_full_screen(qtbot: QtBot, tmp_path: Path, seed_path: Path) -> None:
    window = new_window(qtbot, tmp_path, seed_path)
    action = window.findChild(QAction, "full-screen")
    assert action is not None and QKeySequence("F11") in action.shortcuts()


def test_f1_lists_every_key_aligned(qtbot: QtBot, tmp_path: Path, seed_path: Path) -> None:
    window = new_window(qtbot, tmp_path, seed_path)
    text = shortcuts_text(window.actions())
    for needed in ("Lanes per actor", "Next step", "Blank the screen", "Full Screen", "F11",
                   "Page Down", "Reload"):
        assert needed in text, needed
    rows = [line for line in text.splitlines() if line.startswith("  ")]
    columns = {len(line) - len(line[2:].split("  ", 1)[1].lstrip()) for line in rows
               if "  " in line[2:]}
    assert len(columns) == 1, columns  # the keys start in one column


def test_the_banner_can_be_dismissed(qtbot: QtBot, tmp_path: Path,
                                     write_toml: object) -> None:
    path = tmp_path / "warn.toml"
    path.write_text(load_file_text_with_warning(), encoding="utf-8")
    window = new_window(qtbot, tmp_path / "settings", path)
    assert window.banner.isVisible() and "Warning" in window.banner.label.text()
    window.banner.close_button.click()
    assert not window.banner.isVisible()
    assert window.status_label.text().startswith("1 of 1 issues")  # the data stays


def test_a_huge_value_in_a_problem_never_widens_the_window(qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text(load_file_text_with_warning(key="k" * 200_000), encoding="utf-8")
    window = new_window(qtbot, tmp_path / "settings", path)
    window.resize(1000, 700)
    QApplication.processEvents()
    assert window.banner.isVisible()
    assert window.width() <= 1000 and len(window.banner.label.text()) < 1000
    assert window.banner.mapTo(window, QPoint(window.banner.width(), 0)).x() <= window.width()


def test_the_open_dialog_starts_in_the_open_files_folder(qtbot: QtBot, tmp_path: Path,
                                                         seed_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    seen: list[str] = []

    def fake(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        seen.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    window = new_window(qtbot, tmp_path / "settings", seed_path)
    window.opener.open_dialog(window)  # the bundled example: not inside the package
    mine = tmp_path / "work" / "mine.toml"
    mine.parent.mkdir()
    mine.write_bytes(seed_path.read_bytes())
    window.close()
    window = new_window(qtbot, tmp_path / "settings", mine)
    window.opener.open_dialog(window)
    assert seen == [str(Path.home()), str(mine.parent)]


def load_file_text_with_warning(key: str = "colour") -> str:
    return ('schema = 1\ntitle = "t"\n' + f"{key} = 1\n" + '[[actors]]\nid = "a"\nname = "A"\n'
            '[[issues]]\nid = "i"\ntitle = "I"\n'
            '[[positions]]\nactor = "a"\nissue = "i"\ntext = "x"\n')


def test_a_small_screen_can_hide_the_header_and_the_details(qtbot: QtBot, tmp_path: Path,
                                                            seed_path: Path) -> None:
    window = new_window(qtbot, tmp_path, seed_path)
    header = window.findChild(QAction, "show-header")
    details = window.findChild(QAction, "show-details")
    assert header is not None and details is not None
    grid_height = window.grid.height()
    header.trigger()
    details.trigger()
    QApplication.processEvents()
    assert not window.header.isVisible() and not window.details.isVisible()
    assert window.grid.height() > grid_height  # the room went to the views
    window.close()
    again = new_window(qtbot, tmp_path, seed_path)
    assert not again.header.isVisible()  # remembered
