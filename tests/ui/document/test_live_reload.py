"""Live reload: in-place saves, rename-over saves, delete and recreate, broken then fixed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from positions_viewer.model import load_file
from positions_viewer.ui.document.watcher import FileWatcher
from positions_viewer.ui.window.main_window import MainWindow

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
    return open_on(qtbot, path, BASE.format(text="first")), path


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


EVENTS = """schema = 1
title = "Events"

[[actors]]
id = "a"
name = "Alpha"

[[issues]]
id = "i"
title = "First issue"

[[issues]]
id = "j"
title = "Second issue"

[[positions]]
actor = "a"
issue = "i"
text = "on i"

[[positions]]
actor = "a"
issue = "j"
text = "on j"
{events}"""


def open_on(qtbot: QtBot, path: Path, text: str) -> MainWindow:
    """``text`` written to ``path`` and shown in a new window."""
    path.write_text(text, encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_loaded(path, load_file(path))
    window.show()
    return window


def three_events_the_last_selected(qtbot: QtBot,
                                   path: Path) -> tuple[MainWindow, list[str]]:
    blocks = [event_block(n, f"2024-0{k}-01") for k, n in enumerate(("e1", "e2", "e3"), 1)]
    window = open_on(qtbot, path, EVENTS.format(events="".join(blocks)))
    window.timeline.select_event(2)
    window.session.select_event(2)
    return window, blocks


def event_block(event_id: str, date: str) -> str:
    return (f'\n[[events]]\nid = "{event_id}"\ndate = {date}\ntitle = "Event {event_id}"\n'
            f'issues = ["j"]\n')


def test_a_reload_keeps_the_selected_event_by_id_and_drops_a_vanished_one(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    window, blocks = three_events_the_last_selected(qtbot, path)
    assert "Event e3" in window.details.text()

    # e1 goes: e3 is now the second event, and stays the one selected.
    with qtbot.waitSignal(window.resultChanged, timeout=5000):
        path.write_text(EVENTS.format(events="".join(blocks[1:])), encoding="utf-8")
    assert window.timeline.selected_event() == 1
    assert "Event e3" in window.details.text()
    assert window.grid.highlight_issues == frozenset({1})

    # e3 goes too: nothing is selected, nothing highlighted, and the keys do not fail.
    with qtbot.waitSignal(window.resultChanged, timeout=5000):
        path.write_text(EVENTS.format(events=blocks[1]), encoding="utf-8")
    assert window.timeline.selected_event() is None
    assert window.selected_event is None
    assert window.grid.highlight_issues == frozenset()
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Right)
    qtbot.keyClick(window.timeline, Qt.Key.Key_Left)


def test_a_reload_keeps_the_selected_cell_when_its_issue_moves(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    path = tmp_path / "cells.toml"
    window = open_on(qtbot, path, EVENTS.format(events=""))
    assert window.grid.select_cell(1, 0)
    assert "on j" in window.details.text()
    swapped = EVENTS.format(events="").replace('id = "i"\ntitle = "First issue"', "@@") \
        .replace('id = "j"\ntitle = "Second issue"', 'id = "i"\ntitle = "First issue"') \
        .replace("@@", 'id = "j"\ntitle = "Second issue"')
    with qtbot.waitSignal(window.resultChanged, timeout=5000):
        path.write_text(swapped, encoding="utf-8")
    assert window.grid.selected_cell() == (0, 0)  # issue j, now first
    assert "on j" in window.details.text()


def test_reload_while_another_file_is_opening_does_not_undo_the_open(
        qtbot: QtBot, live: tuple[MainWindow, Path], tmp_path: Path) -> None:
    window, _path = live
    other = tmp_path / "other.toml"
    other.write_text(BASE.format(text="the other file"), encoding="utf-8")
    with qtbot.waitSignal(window.resultChanged, timeout=5000):
        window.open_path(other)
        window.reload()  # Ctrl+R, or a save of the old file, before the open has landed
    qtbot.wait(200)
    assert window.path == other
    assert cell_text(window) == "the other file"


def test_other_files_in_the_folder_do_not_make_the_watcher_read_the_file(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from positions_viewer.ui.document import state as state_module

    path = tmp_path / "watched.toml"
    path.write_text("x", encoding="utf-8")
    hashed: list[str] = []
    real_hash = state_module.digest_regular_file

    def counting_hash(target: str, *args: object, **kwargs: object) -> str:
        hashed.append(target)
        return real_hash(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(state_module, "digest_regular_file", counting_hash)
    watcher = FileWatcher(debounce_ms=20)
    watcher.watch(path)
    qtbot.waitUntil(lambda: watcher.idle, timeout=3000)  # its first look has landed
    hashed.clear()
    for n in range(3):  # an editor's swap files, a build writing beside the data
        (tmp_path / f"other-{n}.txt").write_text("noise", encoding="utf-8")
        qtbot.wait(120)
    assert hashed == []
    with qtbot.waitSignal(watcher.changed, timeout=3000):
        temp = tmp_path / "watched.tmp"
        temp.write_text("y", encoding="utf-8")
        os.replace(temp, path)  # a rename-over save: only the folder tells
    assert hashed
    watcher.stop()


def test_a_reload_leaves_the_timeline_where_the_user_put_it(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    window, blocks = three_events_the_last_selected(qtbot, path)
    start, end = window.timeline.visible_range()
    window.timeline.set_visible_range(start - 400, end - 400)  # panned away from e3
    kept = window.timeline.visible_range()
    with qtbot.waitSignal(window.resultChanged, timeout=5000):
        path.write_text(EVENTS.format(events="".join(blocks)) + "\n# saved again\n",
                        encoding="utf-8")
    assert window.timeline.selected_event() == 2
    assert window.timeline.visible_range() == kept


def test_a_reload_that_removes_the_selected_cells_issue_clears_the_details(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "cells.toml"
    window = open_on(qtbot, path, EVENTS.format(events=""))
    assert window.grid.select_cell(1, 0)
    assert "on j" in window.details.text()
    without_j = EVENTS.format(events="").replace(
        '[[issues]]\nid = "j"\ntitle = "Second issue"\n\n', "").replace(
        '[[positions]]\nactor = "a"\nissue = "j"\ntext = "on j"\n', "")
    assert 'id = "j"' not in without_j
    with qtbot.waitSignal(window.resultChanged, timeout=5000):
        path.write_text(without_j, encoding="utf-8")
    assert window.grid.selected_cell() is None
    assert "on j" not in window.details.text()
