"""Editing in the window, tested in pairs: act on a widget (keys, buttons, forms) and check
the session; change the session and check the widgets. The file is hand-written with CRLF
line endings; after a save, only the edited entry differs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from positions_viewer.model import load_file, parse_date
from positions_viewer.model.write import add_statement
from positions_viewer.ui.edit import prompts
from positions_viewer.ui.edit.event_form import EventForm
from positions_viewer.ui.edit.statement_form import StatementForm
from positions_viewer.ui.window.main_window import MainWindow

from ...model.write.files import HAND_WRITTEN, changed_lines, paragraph, variants

CRLF = variants(HAND_WRITTEN)["crlf"]


def cell_text(window: MainWindow, row: int, column: int) -> str:
    return str(window.grid.grid_model.index(row, column).data(Qt.ItemDataRole.DisplayRole))


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Questions the window asks, answered Discard (and recorded); problems recorded."""
    questions: list[str] = []

    def unsaved(_parent: object, name: str, doing: str) -> prompts.Answer:
        questions.append(f"unsaved {name} {doing}")
        return prompts.Answer.DISCARD

    monkeypatch.setattr(prompts, "ask_unsaved", unsaved)
    monkeypatch.setattr(prompts, "show_problem",
                        lambda _p, title, text: questions.append(f"{title}: {text}"))
    monkeypatch.setattr(prompts, "ask_overwrite",
                        lambda _p, text: questions.append(f"overwrite? {text}") is None)
    yield questions


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, asked: list[str]) -> MainWindow:
    path = tmp_path / "talks.toml"
    path.write_bytes(CRLF)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show_loaded(path, load_file(path))
    window.show()
    qtbot.waitExposed(window)
    return window


def open_form(qtbot: QtBot, key: Qt.Key, window: MainWindow) -> StatementForm:
    window.grid.setFocus()
    qtbot.keyClick(window.grid, key)
    forms = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, StatementForm) and w.isVisible()]
    assert len(forms) == 1
    return forms[0]


def ok(form: StatementForm | EventForm) -> None:
    button = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button.isEnabled(), form.problems()
    button.click()


def test_insert_on_a_cell_adds_a_statement_dated_as_of(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    window.grid.select_cell(1, 1)  # Russia on the ceasefire: no statement yet
    form = open_form(qtbot, Qt.Key.Key_Insert, window)
    assert form.actor.currentText() == "Russia" and form.issue.currentText() == "Ceasefire"
    assert form.date.text() == "2025-12-26"  # the file's as-of date
    qtbot.keyClicks(form.text, "Ready to <b>talk</b>")
    ok(form)
    dataset = window.session.dataset
    assert dataset is not None and dataset.positions[-1].text == "Ready to <b>talk</b>"
    assert cell_text(window, 1, 2) == "Ready to <b>talk</b>"  # plain text, as typed
    assert window.isWindowModified()
    assert "*" in window.windowHandle().title()


def test_enter_and_f2_edit_the_shown_statement(window: MainWindow, qtbot: QtBot) -> None:
    window.grid.select_cell(0, 0)
    for key in (Qt.Key.Key_F2, Qt.Key.Key_Return):
        form = open_form(qtbot, key, window)
        assert form.text.toPlainText() == "No call planned."
        assert form.stance.currentText() == "closed"
        form.reject()
    form = open_form(qtbot, Qt.Key.Key_F2, window)
    form.text.setPlainText("A call is possible.")
    ok(form)
    assert cell_text(window, 0, 1) == "A call is possible."
    assert window.session.selection.cell == (0, 0)


def test_a_form_checks_as_you_type_with_checks_messages(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    window.grid.select_cell(0, 0)
    form = open_form(qtbot, Qt.Key.Key_F2, window)
    button = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
    form.date.setText("31 Feb 2025")
    assert "is not a date: Feb 2025 has 28 days" in form.problems()
    assert not button.isEnabled()
    form.date.setText("2025-12-01")
    form.text.setPlainText("  ")
    assert "Warning: text: is blank; shown as '(no text)'" in form.problems()
    assert button.isEnabled()  # a warning does not stop the edit, as in check
    form.reject()


def test_delete_removes_the_selected_statement_and_undo_brings_it_back(
        window: MainWindow, qtbot: QtBot) -> None:
    window.grid.select_cell(0, 1)
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    assert window.session.dataset is not None and len(window.session.dataset.positions) == 2
    assert cell_text(window, 0, 2) != 'Open to "dialogue".'
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cell_text(window, 0, 2) == 'Open to "dialogue".'
    assert not window.isWindowModified()
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(window.session.dataset.positions) == 2
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert len(window.session.dataset.positions) == 2


def test_an_edit_made_on_the_session_shows_in_the_grid_details_and_menus(
        window: MainWindow) -> None:
    session = window.session
    assert session.dataset is not None
    session.select_cell(1, 1)
    session.edits.apply(add_statement(session.dataset, 1, 1, "Said by the session",
                                      parse_date("2025-12-24"), "open"))
    assert cell_text(window, 1, 2) == "Said by the session"
    assert "Said by the session" in window.details.text()
    assert window.editing.actions.undo.text() == "&Undo Add statement"
    assert window.isWindowModified()
    session.edits.undo()
    assert cell_text(window, 1, 2) != "Said by the session"
    assert window.editing.actions.redo.isEnabled()


def test_save_writes_only_the_edited_entry_and_the_watcher_does_not_reload(
        window: MainWindow, qtbot: QtBot) -> None:
    path = window.session.path
    assert path is not None
    window.grid.select_cell(0, 0)
    form = open_form(qtbot, Qt.Key.Key_F2, window)
    form.text.setPlainText("Edited in the window.")
    ok(form)
    opened: list[bool] = []
    window.session.opened.connect(opened.append)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    data = path.read_bytes()
    removed, added = changed_lines(CRLF, data)
    old_lines = CRLF.decode().splitlines(keepends=True)
    new_lines = data.decode().splitlines(keepends=True)
    assert removed <= paragraph(old_lines, "No call planned.")
    assert added <= paragraph(new_lines, "Edited in the window.")
    assert data.count(b"\n") == data.count(b"\r\n")
    qtbot.wait(800)  # longer than the watcher's debounce
    assert opened == []  # no reload of the app's own write: no flash
    assert window.session.selection.cell == (0, 0) and window.editing.actions.undo.isEnabled()


def test_details_buttons_edit_and_delete_a_statement_of_the_history(
        window: MainWindow, qtbot: QtBot) -> None:
    window.session.select_cell(0, 1)
    buttons = {b.text(): b for b in window.details.findChildren(QPushButton)
               if b.objectName() == "details-edit"}
    assert {"Add Statement…", "Edit…", "Delete"} <= set(buttons)
    buttons["Delete"].click()
    assert window.session.dataset is not None and len(window.session.dataset.positions) == 2
    assert "No stated position" in window.details.text() or "No stated" in cell_text(
        window, 0, 2)


def test_double_clicking_an_event_on_the_timeline_edits_it(window: MainWindow,
                                                           qtbot: QtBot) -> None:
    timeline = window.timeline
    timeline.repaint()
    hit = timeline.hit_map()
    assert hit is not None and hit.items
    _bounds, mark, event = hit.items[0]
    qtbot.mouseDClick(timeline, Qt.MouseButton.LeftButton, pos=mark.center().toPoint())
    forms = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, EventForm) and w.isVisible()]
    assert len(forms) == 1 and forms[0].event_index == event
    assert window.session.selection.event == event
    forms[0].title_edit.setText("Renamed on the timeline")
    ok(forms[0])
    assert window.session.dataset is not None
    assert window.session.dataset.events[event].title == "Renamed on the timeline"


def test_add_event_here_takes_the_dates_just_brushed(window: MainWindow) -> None:
    window.timeline.dateRangeBrushed.emit(parse_date("2025-12-20"), parse_date("2025-12-22"))
    window.timeline.repaint()
    hit = window.timeline.hit_map()
    assert hit is not None
    x = round(hit.scale.x(parse_date("2025-12-21").start))
    menu = window.editing.timeline_tools.menu(QPoint(x, 10))
    assert menu is not None
    add = next(a for a in menu.actions() if a.text() == "Add Event Here…")
    add.trigger()
    menu.close()
    form = next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, EventForm) and w.isVisible())
    assert (form.date.text(), form.end.text()) == ("2025-12-20", "2025-12-22")
    form.title_edit.setText("Brushed")
    ok(form)
    assert window.session.dataset is not None
    assert window.session.dataset.events[-1].title == "Brushed"


def test_saving_the_filters_as_a_view_adds_it_to_the_views_box(window: MainWindow,
                                                               qtbot: QtBot) -> None:
    window.session.update_filter(issues=frozenset({1}))
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    from positions_viewer.ui.edit.entry_form import EntryForm

    form = next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, EntryForm) and w.isVisible())
    qtbot.keyClicks(form.title_edit, "Ceasefire only")
    assert form.id.text() == "ceasefire-only"
    ok(form)  # type: ignore[arg-type]
    dataset = window.session.dataset
    assert dataset is not None and dataset.views[-1].title == "Ceasefire only"
    assert window.views_combo.findText("Ceasefire only") >= 0
    assert window.session.current_view() == len(dataset.views) - 1


def test_moving_an_issue_in_the_dialog_moves_its_row(window: MainWindow) -> None:
    dialog = window.editing.edit_entries()
    assert dialog is not None
    issues = dialog.lists["issues"]
    issues.list.setCurrentRow(1)
    issues.up_button.click()
    assert cell_text(window, 0, 0).startswith("Ceasefire")
    assert issues.list.currentRow() == 0
    window.session.edits.undo()  # the list follows the session
    assert issues.list.item(0).text().startswith("Whether talks")
    dialog.reject()


def test_closing_with_unsaved_edits_asks(window: MainWindow, asked: list[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    session = window.session
    assert session.dataset is not None
    session.edits.apply(add_statement(session.dataset, 0, 0, "unsaved"))
    monkeypatch.setattr(prompts, "ask_unsaved", lambda *_a: prompts.Answer.CANCEL)
    window.close()
    assert window.isVisible()  # Cancel keeps the window and the edits
    monkeypatch.setattr(prompts, "ask_unsaved", lambda *_a: prompts.Answer.SAVE)
    window.close()
    assert not window.isVisible()
    path = session.path
    assert path is not None and b"unsaved" in path.read_bytes()


def test_opening_another_file_with_unsaved_edits_asks(window: MainWindow, asked: list[str],
                                                      seed_path: Path) -> None:
    session = window.session
    assert session.dataset is not None
    session.edits.apply(add_statement(session.dataset, 0, 0, "unsaved"))
    window.open_path(seed_path)
    assert asked == ["unsaved talks.toml opening another file"]


def test_a_read_only_file_says_so_and_keeps_the_edits(window: MainWindow,
                                                      asked: list[str]) -> None:
    session = window.session
    assert session.dataset is not None and session.path is not None
    session.edits.apply(add_statement(session.dataset, 0, 0, "kept"))
    os.chmod(session.path, 0o444)
    try:
        assert not window.editing.save()
    finally:
        os.chmod(session.path, 0o644)
    assert "read-only; your edits are kept" in asked[-1]
    assert window.isWindowModified()


def test_a_change_on_disk_with_unsaved_edits_shows_the_conflict_bar(
        window: MainWindow, qtbot: QtBot) -> None:
    session = window.session
    assert session.dataset is not None and session.path is not None
    session.edits.apply(add_statement(session.dataset, 0, 0, "mine", parse_date("2025-12-20")))
    bar = window.editing.conflict_bar
    with qtbot.waitSignal(session.edits.conflict_changed, timeout=5000):
        session.path.write_bytes(CRLF.replace(b"No call planned.", b"Theirs."))
    assert bar.isVisible()
    assert cell_text(window, 0, 1) == "mine"  # nothing lost: still shown
    dialog = window.editing.compare()
    assert "Theirs." in dialog.theirs[1].toPlainText()
    assert "mine" in dialog.mine[1].toPlainText()
    dialog.reject()
    bar.take_button.click()
    assert not bar.isVisible() and cell_text(window, 0, 1) == "Theirs."
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cell_text(window, 0, 1) == "mine"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_forms_fit_the_screen(window: MainWindow, size: tuple[int, int],
                                  tmp_path: Path) -> None:
    window.resize(*size)
    window.session.select_cell(0, 1)
    forms = [window.editing.edit_statement(), window.editing.add_event(),
             window.editing.save_view()]
    screen = window.screen().availableGeometry()
    for form in forms:
        assert form is not None
        smallest = form.minimumSizeHint()
        assert smallest.width() <= size[0] and smallest.height() <= size[1] - 60
        assert form.width() <= screen.width() and form.height() <= screen.height()
        form.grab().save(str(tmp_path / f"{type(form).__name__}.png"))
        form.reject()
