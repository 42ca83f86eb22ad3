"""Dates by keyboard (issue 13 item 8) and at the calendar's edges (issue 12 item 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCalendarWidget, QLineEdit
from pytestqt.qtbot import QtBot

from positions_viewer.model import DateError, PartialDate, load_file, parse_date
from positions_viewer.ui.filters.date_field import DateField, parse_typed_date
from positions_viewer.ui.settings import Settings
from positions_viewer.ui.window.main_window import MainWindow

CASES = Path(__file__).resolve().parents[2] / "data" / "cases"


@pytest.mark.parametrize(("typed", "expected"), [
    ("2025-12-18", "2025-12-18"), ("18 Dec 2025", "2025-12-18"), ("18 december 2025", "2025-12-18"),
    ("December 18, 2025", "2025-12-18"), ("Dec 2025", "2025-12"), ("2025", "2025"),
    ("  1 Jan 1 ", "0001-01-01"), ("31 Dec 9999", "9999-12-31"), ("1", "0001"),
    ("Mar 12", "0012-03"), ("0001-01-01", "0001-01-01"),
])
def test_typed_dates(typed: str, expected: str) -> None:
    assert parse_typed_date(typed) == parse_date(expected)


@pytest.mark.parametrize("typed", ["art18Dec2025", "31 Feb 2025", "18 Foo 2025", "2025-13",
                                   "10000", "0", "yesterday", "18–20 Dec 2025", "1 Foo 1",
                                   "31 Feb 1"])
def test_bad_typed_dates_are_refused(typed: str) -> None:
    with pytest.raises(DateError):
        parse_typed_date(typed)


@pytest.fixture
def field(qtbot: QtBot) -> DateField:
    field = DateField("start", "start", "From date")
    qtbot.addWidget(field)
    field.show()
    return field


def test_typing_then_enter_commits_once(qtbot: QtBot, field: DateField) -> None:
    with qtbot.waitSignal(field.edited) as blocker:
        qtbot.keyClicks(field.edit, "18 Dec 2025")
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert blocker.args == [parse_date("2025-12-18")]
    assert field.edit.text() == "18 Dec 2025"


def test_a_bad_date_is_kept_marked_and_escape_restores(qtbot: QtBot, field: DateField) -> None:
    field.set_value(parse_date("2025-12-18"))
    field.edit.selectAll()
    with qtbot.assertNotEmitted(field.edited):
        qtbot.keyClicks(field.edit, "18 Dex 2025")
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.edit.text() == "18 Dex 2025" and field.edit.property("invalid") is True
    assert "is not a date" in field.edit.toolTip()
    qtbot.keyClick(field.edit, Qt.Key.Key_Escape)
    assert field.edit.text() == "18 Dec 2025" and field.value() == parse_date("2025-12-18")
    assert field.edit.property("invalid") is False


def test_clearing_the_field_means_no_limit(qtbot: QtBot, field: DateField) -> None:
    field.set_value(parse_date("2025-12-18"))
    field.edit.clear()
    with qtbot.waitSignal(field.edited) as blocker:
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert blocker.args == [None]


def test_the_calendar_opens_at_the_fields_date_or_the_anchor(qtbot: QtBot,
                                                             field: DateField) -> None:
    field.calendar_anchor = lambda: dt.date(2025, 12, 26)
    field.open_calendar()
    calendar = field._menu.findChild(QCalendarWidget)
    assert calendar is not None and calendar.selectedDate() == QDate(2025, 12, 26)
    assert calendar.minimumDate() == QDate(1, 1, 1)
    assert calendar.maximumDate() == QDate(9999, 12, 31)
    field._menu.close()
    field.set_value(parse_date("0001-01"))
    field.open_calendar()
    calendar = field._menu.findChild(QCalendarWidget)
    assert calendar is not None and calendar.selectedDate() == QDate(1, 1, 1)
    with qtbot.waitSignal(field.edited) as blocker:
        calendar.clicked.emit(QDate(1, 1, 3))
    assert blocker.args == [PartialDate(1, 1, 3)]


def test_tab_leaves_the_empty_from_field(qtbot: QtBot, seed_path: Path,
                                         tmp_path: Path) -> None:
    window = MainWindow(Settings(tmp_path))
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    window.show()
    qtbot.waitExposed(window)
    bar = window.filter_bar
    bar.date_from.edit.setFocus()
    qtbot.keyClick(bar.date_from.edit, Qt.Key.Key_Tab)
    assert not bar.date_from.edit.hasFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is not bar.date_from.edit)


def test_a_year_one_event_opens_and_the_pickers_reach_the_first_day(qtbot: QtBot,
                                                                     tmp_path: Path) -> None:
    """Case calendar-year-one.toml: the window opens it and the pickers reach 0001-01-01."""
    path = CASES / "calendar-year-one.toml"
    window = MainWindow(Settings(tmp_path))
    qtbot.addWidget(window)
    window.show_loaded(path, load_file(path))
    window.show()
    qtbot.waitExposed(window)
    assert window.status_label.text() == "1 of 1 issues · 2 of 2 actors · 1 of 1 events"
    assert window.grid.grid_model.rowCount() == 1
    bar = window.filter_bar
    bar.date_from.setDate(QDate(1, 1, 1))
    assert bar.current_filter.date_from == parse_date("0001-01-01")
    bar.date_to.setDate(QDate(1, 1, 1))
    assert bar.current_filter.date_to == parse_date("0001-01-01")
    assert window.status_label.text() == "1 of 1 issues · 2 of 2 actors · 1 of 1 events"
    bar.reset()
    bar.range.ensure_slider()
    low, high = bar.range._slider.minimum(), bar.range._slider.maximum()
    bar.range._slider.setValue((low, low + 1))  # the slider's very first day
    assert bar.current_filter.date_to == parse_date("0001-01-01")
    assert isinstance(bar.date_from.edit, QLineEdit) and high > low
