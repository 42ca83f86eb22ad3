"""The issue and actor lists (issue 18): filled when first looked at, right from the start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from positions_viewer.ui.filters.checklist import ChecklistButton

TITLES = [f"Issue number {n}" for n in range(40)]


def ticked(button: ChecklistButton) -> list[int]:
    widget = button.list
    return [row for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked]


def test_the_button_says_what_is_shown_before_the_list_is_opened(qtbot: QtBot) -> None:
    button = ChecklistButton("issues")
    qtbot.addWidget(button)
    button.set_items(TITLES, frozenset({1, 2, 3}))
    assert button.text() == "Issues: 3 of 40"
    assert button.checked() == frozenset({1, 2, 3})
    button.set_checked(None)
    assert button.text() == "Issues: all" and button.checked() is None
    button.set_checked(frozenset({5}))
    assert ticked(button) == [5]  # filled when looked at, with the ticks set meanwhile
    assert [button.list.item(r).text() for r in (0, 39)] == ["Issue number 0",
                                                              "Issue number 39"]
    assert button.list.item(7).toolTip()  # the whole title, as plain text


def test_ticks_set_after_the_list_is_filled_and_by_the_user(qtbot: QtBot) -> None:
    button = ChecklistButton("actors")
    qtbot.addWidget(button)
    button.set_items(TITLES[:3])
    assert ticked(button) == [0, 1, 2]
    with qtbot.waitSignal(button.selectionChanged):
        button.list.item(1).setCheckState(Qt.CheckState.Unchecked)  # the user unticks
    assert button.checked() == frozenset({0, 2})
    assert button.text() == "Actors: 2 of 3"
    button.set_checked(None)
    assert ticked(button) == [0, 1, 2] and button.text() == "Actors: all"
    button.set_items(["Other", "Names"])  # another file: new entries, all ticked
    assert [button.list.item(r).text() for r in range(button.list.count())] == ["Other",
                                                                                 "Names"]
    assert ticked(button) == [0, 1]
