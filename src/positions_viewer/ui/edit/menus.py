"""The editing actions, their keys and where they sit in the window's menus.

Undo (Ctrl+Z), Redo (Ctrl+Shift+Z, Ctrl+Y), Save (Ctrl+S) and Save As (Ctrl+Shift+S) work
anywhere in the window. The statement keys — Enter or F2 to edit, Insert to add, Delete to
delete — work on the grid only, so Delete in a text field still deletes text. "Save Filters
as a Saved View" (Ctrl+Shift+V) takes the place of copying a ``[[views]]`` snippet by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from ..window.main_window import MainWindow
    from .editing import Editing

__all__ = ["EditActions"]


class EditActions:
    def __init__(self, editing: Editing, window: MainWindow) -> None:
        self._window = window
        keys = QKeySequence.StandardKey
        grid = window.grid
        self.undo = self._action("&Undo", editing.undo, [QKeySequence(keys.Undo)], "undo")
        self.redo = self._action("Red&o", editing.redo,
                                 [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")], "redo")
        self.save = self._action("&Save", editing.save, [QKeySequence(keys.Save)], "save")
        self.save_as = self._action("Save &As…", editing.save_as,
                                    [QKeySequence("Ctrl+Shift+S")], "save-as")
        self.add_statement = self._action("&Add Statement…", editing.add_statement,
                                          [QKeySequence("Insert")], "add-statement", grid)
        self.edit_statement = self._action(
            "&Edit Statement…", editing.edit_statement,
            [QKeySequence("F2"), QKeySequence("Return"), QKeySequence("Enter")],
            "edit-statement", grid)
        self.delete_statement = self._action("&Delete Statement", editing.delete_statement,
                                             [QKeySequence("Delete")], "delete-statement", grid)
        self.add_event = self._action("Add E&vent…", editing.add_event, None, "add-event")
        self.edit_event = self._action("Edit Eve&nt…", editing.edit_event, None, "edit-event")
        self.delete_event = self._action("Delete Even&t", editing.delete_event, None,
                                         "delete-event")
        self.entries = self._action("&Issues and Actors…", editing.edit_entries, None,
                                    "issues-actors")
        self.save_view = self._action("Save &Filters as a Saved View…", editing.save_view,
                                      [QKeySequence("Ctrl+Shift+V")], "save-view")
        self.views = self._action("&Manage Saved Views…", editing.manage_views, None,
                                  "manage-views")
        self._install()

    def _action(self, text: str, slot: Callable[[], object],
                keys: list[QKeySequence] | None, name: str,
                on: QWidget | None = None) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        if keys:
            action.setShortcuts(keys)
        action.triggered.connect(lambda _checked=False: slot())  # not "checked" as an index
        if on is not None:  # keys only where they make sense (Delete in a text field…)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            on.addAction(action)
        else:
            self._window.addAction(action)
        return action

    def _install(self) -> None:
        window = self._window
        menus = {action.text().replace("&", ""): action.menu()
                 for action in window.menuBar().actions() if action.menu() is not None}
        file_menu, edit_menu = menus.get("File"), menus.get("Edit")
        present = menus.get("Present")
        if isinstance(file_menu, QMenu):
            export = window.findChild(QAction, "export")
            before = export if export in file_menu.actions() else None
            file_menu.insertAction(before, self.save)  # type: ignore[arg-type]
            file_menu.insertAction(before, self.save_as)  # type: ignore[arg-type]
            file_menu.insertSeparator(before)  # type: ignore[arg-type]
        if isinstance(edit_menu, QMenu):
            first = edit_menu.actions()[0] if edit_menu.actions() else None
            edit_menu.insertAction(first, self.undo)  # type: ignore[arg-type]
            edit_menu.insertAction(first, self.redo)  # type: ignore[arg-type]
            edit_menu.insertSeparator(first)  # type: ignore[arg-type]
            for group in ((self.add_statement, self.edit_statement, self.delete_statement),
                          (self.add_event, self.edit_event, self.delete_event),
                          (self.entries,)):
                edit_menu.addSeparator()
                for action in group:
                    edit_menu.addAction(action)
        if isinstance(present, QMenu):
            present.addAction(self.save_view)  # replaces copying a snippet by hand
            present.addAction(self.views)
