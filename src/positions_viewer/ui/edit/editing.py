"""Editing wired into the window (issue 17): the actions and their keys, the forms they
open, saving and its questions, the conflict bar, and the window's modified mark.

The window builds one :class:`Editing`; everything else happens here, bound to the
session's edit history (``session.edits``): Undo (Ctrl+Z), Redo (Ctrl+Shift+Z, Ctrl+Y),
Save (Ctrl+S), Save As (Ctrl+Shift+S); on the grid Enter or F2 edits the selected cell's
statement, Insert adds one, Delete removes it (undoable); the details panel has buttons on
each statement and event; on the timeline a double-click edits an event and the context
menu adds one where the pointer is or over the dates just brushed. Closing or opening
another file with unsaved edits asks first.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QVBoxLayout

from ...model import PartialDate, Position
from ...model.write import DeleteEntry, EditRefused
from ..document.state import Snapshot, content
from . import prompts
from .conflict import CompareDialog, ConflictBar
from .entries_dialog import EntriesDialog
from .entry_form import EntryForm
from .event_form import EventForm
from .history import SaveConflict
from .menus import EditActions
from .panel_tools import PanelTools
from .saving import SaveError
from .statement_form import StatementForm
from .timeline_tools import TimelineTools

if TYPE_CHECKING:
    from ..window.main_window import MainWindow

__all__ = ["Editing"]

Form = TypeVar("Form", StatementForm, EventForm, EntryForm)

STATUS_MS = 6000


class Editing(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.history = window.session.edits
        self.actions = EditActions(self, window)
        self.conflict_bar = ConflictBar(self.session, window)
        self.conflict_bar.keepMine.connect(self.keep_mine)
        self.conflict_bar.compareAsked.connect(self.compare)
        central = window.centralWidget()
        layout = central.layout() if central is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(2, self.conflict_bar)  # under the header and the banner
        self.panel_tools = PanelTools(self, window.details)
        self._wire()
        self._synchronize()

    def _wire(self) -> None:
        history, window = self.history, self.window
        history.changed.connect(self._synchronize)
        history.changed.connect(self._edited)
        history.saved.connect(self._saved)
        self.session.selection_changed.connect(self._synchronize)
        self.session.opened.connect(self._synchronize)
        window.opener.may_replace = self._may_replace
        window.grid.doubleClicked.connect(lambda _index: self.edit_statement())
        self.timeline_tools = TimelineTools(self, window.timeline)
        window.installEventFilter(self)

    def _edited(self) -> None:
        """After an edit, undo or redo: the new index folds its texts for search on a
        worker thread, as after a load (the first search and From date do not wait)."""
        index = self.session.index
        if index is not None and not index.search_ready:
            QTimer.singleShot(0, lambda: threading.Thread(
                target=index.prepare_search, name="positions-search", daemon=True).start())

    def _synchronize(self, _changed: object = None) -> None:
        history, session = self.history, self.session
        open_file = session.dataset is not None and session.path is not None
        self.actions.undo.setEnabled(history.can_undo)
        self.actions.undo.setText(f"&Undo {history.undo_title}" if history.can_undo
                                 else "&Undo")
        self.actions.redo.setEnabled(history.can_redo)
        self.actions.redo.setText(f"Red&o {history.redo_title}" if history.can_redo
                                 else "Red&o")
        for action in (self.actions.save, self.actions.save_as, self.actions.add_statement,
                       self.actions.add_event, self.actions.entries, self.actions.save_view,
                       self.actions.views):
            action.setEnabled(open_file)
        self.actions.edit_statement.setEnabled(open_file and session.selection.cell is not None)
        self.actions.delete_statement.setEnabled(self.shown_statement() is not None)
        selected_event = open_file and session.selection.event is not None
        self.actions.edit_event.setEnabled(selected_event)
        self.actions.delete_event.setEnabled(selected_event)
        self.window.setWindowModified(history.is_modified)

    def status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    # -- statements -----------------------------------------------------------------

    def shown_statement(self) -> Position | None:
        """The statement the selected cell shows (as of the filter's date)."""
        shown, result = self.session.shown_position(), self.session.result
        if shown is None or result is None:
            return None
        return result.cell(*shown).position

    def _cell(self) -> tuple[int, int]:
        """The selected cell, or the first shown one (the form lets the user choose)."""
        cell, result = self.session.selection.cell, self.session.result
        if cell is not None and cell[1] >= 0:
            return cell
        issue = cell[0] if cell is not None else (
            int(result.issue_rows[0]) if result is not None and result.row_count else 0)
        actor = int(result.actor_columns[0]) if result is not None and result.column_count \
            else 0
        return issue, actor

    def add_statement(self) -> StatementForm | None:
        if self.session.dataset is None:
            return None
        self.history.prefetch()  # the file is read while the form is open
        issue, actor = self._cell()
        return self._open(StatementForm(self.session, issue, actor, None, self.window))

    def edit_statement(self, position: int | None = None) -> StatementForm | None:
        """Edit ``position``, else the selected cell's shown statement, else its latest
        (a cell without one: add one)."""
        session = self.session
        if session.dataset is None or session.index is None:
            return None
        self.history.prefetch()
        if position is None:
            shown = self.shown_statement()
            cell = session.selection.cell
            if shown is not None:
                position = shown.index
            elif cell is not None and cell[1] >= 0 and session.index.history(*cell):
                position = session.index.history(*cell)[-1].index
            else:
                return self.add_statement()
        entry = session.dataset.positions[position]
        return self._open(StatementForm(session, entry.issue, entry.actor, position,
                                        self.window))

    def delete_statement(self, position: int | None = None) -> bool:
        if position is None:
            shown = self.shown_statement()
            if shown is None:
                self.status("Select a cell with a statement to delete it")
                return False
            position = shown.index
        if self._apply(DeleteEntry("positions", position)):
            self.status("Deleted the statement. Undo (Ctrl+Z) brings it back.")
            return True
        return False

    # -- events -----------------------------------------------------------------------

    def add_event(self, start: PartialDate | None = None,
                  end: PartialDate | None = None) -> EventForm | None:
        session = self.session
        if session.dataset is None:
            return None
        self.history.prefetch()
        if start is None:
            flt = session.filter
            start, end = (flt.date_from, flt.date_to) if flt.date_from else (
                flt.date_to or session.dataset.as_of, None)
        return self._open(EventForm(session, None, start, end, self.window))

    def edit_event(self, event: int | None = None) -> EventForm | None:
        event = self.session.selection.event if event is None else event
        if event is None or self.session.dataset is None:
            return None
        self.history.prefetch()
        return self._open(EventForm(self.session, event, parent=self.window))

    def delete_event(self, event: int | None = None) -> bool:
        event = self.session.selection.event if event is None else event
        if event is None:
            return False
        if self._apply(DeleteEntry("events", event)):
            self.status("Deleted the event. Undo (Ctrl+Z) brings it back.")
            return True
        return False

    # -- issues, actors, views ----------------------------------------------------------

    def edit_entries(self) -> EntriesDialog | None:
        if self.session.dataset is None:
            return None
        self.history.prefetch()
        dialog = EntriesDialog(self.session, ("issues", "actors"), "Issues and Actors",
                               self.window)
        dialog.open()
        return dialog

    def manage_views(self) -> EntriesDialog | None:
        if self.session.dataset is None:
            return None
        self.history.prefetch()
        dialog = EntriesDialog(self.session, ("views",), "Saved Views", self.window)
        dialog.open()
        return dialog

    def save_view(self) -> EntryForm | None:
        """Save the current filters as a saved view (replaces copying a snippet by hand)."""
        if self.session.dataset is None:
            return None
        self.history.prefetch()
        return self._open(EntryForm(self.session, "views", None, self.window))

    # -- undo, redo, save ---------------------------------------------------------------

    def undo(self) -> None:
        applied = self.history.undo()
        if applied is not None:
            self.status(f"Undid: {applied.title}")

    def redo(self) -> None:
        applied = self.history.redo()
        if applied is not None:
            self.status(f"Redid: {applied.title}")

    def save(self, path: Path | None = None) -> bool:
        """Save (to ``path``: Save As). Says why when it cannot; the edits are kept."""
        if path is None and not self.history.is_modified and self.session.path is not None:
            self.status("No unsaved edits")
            return True
        try:
            saved = self.history.save(path)
        except SaveConflict as exc:
            if not prompts.ask_overwrite(self.window, str(exc)):
                return False
            try:
                saved = self.history.save(path, overwrite=True)
            except SaveError as again:
                prompts.show_problem(self.window, "Cannot save", str(again))
                return False
        except SaveError as exc:
            prompts.show_problem(self.window, "Cannot save", str(exc))
            return False
        self.status(f"Saved {saved.name}")
        return True

    def save_as(self) -> bool:
        path = prompts.ask_save_path(self.window, self.session.path)
        return self.save(path) if path is not None else False

    def keep_mine(self) -> bool:
        try:
            saved = self.history.keep_mine()
        except SaveError as exc:
            prompts.show_problem(self.window, "Cannot save", str(exc))
            return False
        self.status(f"Saved your edits over the file's version: {saved.name}")
        return True

    def compare(self) -> CompareDialog:
        mine, theirs = self.history.texts()
        dialog = CompareDialog(mine, theirs, self.window)
        dialog.open()
        return dialog

    def _saved(self, path: Path, digest: str, moved: bool) -> None:
        """The app's own write: the watcher takes it as known (no reload, no flash); after
        Save As it watches the new file."""
        watcher = self.window.watcher
        written = Snapshot(content(digest))  # the content the app wrote: not news
        if moved:
            watcher.watch(path, written)
            self.window.settings.add_recent(path)
        else:
            watcher.accept(written)

    # -- asking before edits would go ---------------------------------------------------

    def may_discard(self, doing: str) -> bool:
        """``True`` when nothing unsaved would be lost by ``doing`` (asks if needed)."""
        if not self.history.is_modified:
            return True
        name = self.session.path.name if self.session.path else "The file"
        answer = prompts.ask_unsaved(self.window, name, doing)
        if answer is prompts.Answer.SAVE:
            return self.save()
        return answer is prompts.Answer.DISCARD

    def _may_replace(self, path: Path) -> bool:
        return self.session.is_open(path) or self.may_discard("opening another file")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            if not self.may_discard("closing"):
                assert isinstance(event, QCloseEvent)
                event.ignore()
                return True
            return False
        return super().eventFilter(watched, event)

    # -- helpers ------------------------------------------------------------------------

    def _open(self, form: Form) -> Form:
        form.finished.connect(lambda _result: self.window.grid.setFocus())
        form.open()
        return form

    def _apply(self, edit: DeleteEntry) -> bool:
        try:
            self.history.apply(edit)
        except EditRefused as exc:
            prompts.show_problem(self.window, "Cannot make this edit", str(exc))
            return False
        return True
