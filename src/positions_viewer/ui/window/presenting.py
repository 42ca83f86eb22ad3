"""Presenter mode from the window: start at the first or the current step, the speaker
notes beside it, stop."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMainWindow

from ...model.story import story_steps
from ..session import DocumentSession
from ..settings import Settings

if TYPE_CHECKING:  # imported when presenting starts: not needed to show the window
    from ..presenter.window import NotesWindow, PresenterWindow

__all__ = ["Presenting"]


class Presenting(QObject):
    """Owns the presenter and notes windows while a presentation runs."""

    def __init__(self, session: DocumentSession, window: QMainWindow, settings: Settings,
                 notes_action: QAction) -> None:
        super().__init__(window)
        self._session = session
        self._window = window
        self._settings = settings
        self.notes_action = notes_action
        self.presenter: PresenterWindow | None = None
        self.notes: NotesWindow | None = None

    def start(self, from_current: bool, dark: bool) -> PresenterWindow | None:
        session = self._session
        if session.dataset is None or session.index is None:
            return None
        steps = story_steps(session.dataset, session.index, session.filter)
        if not steps:
            self._window.statusBar().showMessage(
                "Nothing to present: the file has no saved views and no events in these "
                "filters", 6000)
            return None
        from ..presenter.window import NotesWindow, PresenterWindow

        start = session.current_step(steps) if from_current else 0
        presenter = PresenterWindow(steps, session.index, session.colors, dark, start)
        screen = self._window.screen()
        presenter.setScreen(screen)
        presenter.setGeometry(screen.geometry())
        presenter.finished.connect(self.stop)
        self.presenter = presenter
        others = [s for s in QGuiApplication.screens() if s is not screen]
        # One screen: the notes stay in front of the full-screen slides, in a corner.
        notes = NotesWindow(presenter=presenter, on_top=not others)
        if others:
            notes.setScreen(others[0])
            notes.move(others[0].availableGeometry().topLeft())
        else:
            area = screen.availableGeometry()
            notes.resize(min(560, area.width() // 2), min(340, area.height() // 2))
            notes.move(area.right() - notes.width() - 16, area.bottom() - notes.height() - 48)
        notes.show_step(steps, presenter.current)
        presenter.stepChanged.connect(lambda n: notes.show_step(steps, n))
        presenter.notesToggled.connect(lambda: notes.setVisible(not notes.isVisible()))
        notes.setVisible(self.notes_action.isChecked())
        self.notes = notes
        presenter.showFullScreen()
        presenter.activateWindow()
        presenter.setFocus()
        return presenter

    def stop(self) -> None:
        for window in (self.presenter, self.notes):
            if window is not None:
                window.close()
                window.deleteLater()
        self.presenter = self.notes = None
        self._window.activateWindow()
