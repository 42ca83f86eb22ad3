"""The comparison window (DESIGN §3): lays out the views and wires them to the session.

Header, banner, filter bar, timeline, grid and details each bind to the one
:class:`~positions_viewer.ui.session.DocumentSession`; opening and watching the file
(:mod:`.opening`), the saved views (:mod:`.saved_views`), presenting (:mod:`.presenting`),
the menus (:mod:`.actions`) and the remembered layout (:mod:`.layout_memory`) live beside
this module. The window itself only builds, places and connects.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QSplitter

from ...limits import DEFAULT_TEXT_PX
from ...model import Dataset, DatasetIndex, Filter, LoadResult, QueryResult
from ...model.text import clip_text
from ..details.changes import ChangesPanel
from ..details.panel import DetailsPanel
from ..document.progress import LoadProgress
from ..edit.editing import Editing
from ..filters.filter_bar import FilterBar
from ..grid.view import GridView
from ..render.colors import theme_colors
from ..session import DocumentSession
from ..settings import Settings
from ..theme import Theme
from ..timeline.widget import TimelineWidget
from .actions import build_menus, shortcuts_text
from .layout_memory import WindowLayout
from .opening import DocumentOpener, dropped_file
from .panes import lay_out
from .parts import Banner, Header, show_text_dialog
from .presenting import Presenting
from .saved_views import SavedViews
from .status import EmptyState, StatusLine
from .style import apply_font, apply_palette, chosen_theme

if TYPE_CHECKING:
    from ..presenter.window import NotesWindow, PresenterWindow

__all__ = ["MainWindow"]

APP_NAME = "Positions Viewer"


class MainWindow(QMainWindow):
    """Emits ``resultChanged(QueryResult)`` after every filter change or reload."""

    resultChanged = Signal(object)
    side: QSplitter
    right: QSplitter
    splitter: QSplitter
    status: StatusLine
    status_label: QLabel
    progress: LoadProgress
    views_menu: QMenu
    notes_action: QAction
    recent_menu: QMenu

    def __init__(self, settings: Settings | None = None,
                 session: DocumentSession | None = None) -> None:
        settings = settings or Settings()
        # The theme's font is set before any widget exists, this window included: widgets
        # made before keep Qt's default (12 px) until a zoom. The style sheet comes after
        # them (_apply_theme): set first, it made every widget dearer (built 30 -> 55 ms).
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_font(app, chosen_theme(settings.theme, settings.text_size))
        super().__init__()
        self.settings = settings
        self.session = session or DocumentSession()
        self.theme: Theme = chosen_theme(settings.theme, settings.text_size)
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self._fit_on_first_result = False
        self.opener = DocumentOpener(self.session, settings, self)
        self.loader, self.watcher = self.opener.loader, self.opener.watcher

        self.header = Header(self.session, self)
        self.banner = Banner(self.session, self)
        self.filter_bar = FilterBar(self.session, self)
        self.timeline = TimelineWidget(self)
        self.grid = GridView(self.session, self)
        self.details = DetailsPanel(self.session, self)
        self.changes = ChangesPanel(self.session, self)
        self.empty_state = EmptyState(self.session, self.grid, self)
        self.empty_label = self.empty_state.label
        lay_out(self)
        build_menus(self)
        self.saved_views = SavedViews(self.session, self.views_menu, self)
        self.views_combo = self.saved_views.combo
        self.filter_bar.bar_layout.insertWidget(0, self.views_combo)
        self.filter_bar.set_tab_order(self.views_combo)
        self.presenting = Presenting(self.session, self, settings, self.notes_action)
        self.editing = Editing(self)  # edit, undo, save (issue 17)
        self._wire()
        self.header.setVisible(settings.show_header)
        self._apply_theme()
        self.layout_memory = WindowLayout(self, settings, {"views": self.splitter,
                                                           "side": self.side,
                                                           "right": self.right})
        self.layout_memory.restore()
        if settings.problem:
            self.statusBar().showMessage(f"Settings: {settings.problem}", 15000)

    def _wire(self) -> None:
        session = self.session
        session.opened.connect(self._document_opened)
        session.result_changed.connect(self._result_changed)
        session.selection_changed.connect(self._selection_changed)
        self.opener.shown.connect(self.empty_state.load_shown)
        self.filter_bar.wasReset.connect(self._was_reset)
        self.saved_views.applied.connect(self.timeline.fit)  # a view shows its own period
        session.compare_changed.connect(self._compare_changed)
        self.timeline.eventSelected.connect(
            lambda event: session.select_event(event if event >= 0 else None))
        self.timeline.dateRangeBrushed.connect(self.filter_bar.set_dates)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: self._apply_theme())

    # -- what the session holds, for callers and tests --------------------------------

    @property
    def path(self) -> Path | None:
        return self.session.path

    @property
    def dataset(self) -> Dataset | None:
        return self.session.dataset

    @property
    def index(self) -> DatasetIndex | None:
        return self.session.index

    @property
    def result(self) -> QueryResult | None:
        return self.session.result

    @property
    def selected_event(self) -> int | None:
        return self.session.selection.event

    @property
    def presenter(self) -> PresenterWindow | None:
        return self.presenting.presenter

    @property
    def notes(self) -> NotesWindow | None:
        return self.presenting.notes

    # -- intents ------------------------------------------------------------------------

    def show_loaded(self, path: Path, result: LoadResult, flt: Filter | None = None) -> None:
        """Show a result loaded by the caller (the command line has already read the file)."""
        self.opener.show_loaded(path, result, flt)

    def open_path(self, path: Path) -> None:
        self.opener.open_path(path)

    def reload(self) -> None:
        self.opener.reload()

    def import_dialog(self) -> None:
        self.opener.import_dialog(self)

    def apply_filter(self, flt: Filter) -> None:
        self.session.set_filter(flt)

    def apply_view(self, number: int) -> None:
        self.saved_views.apply(number)

    def start_presenting(self, from_current: bool = False) -> PresenterWindow | None:
        return self.presenting.start(from_current, self.theme.dark)

    def stop_presenting(self) -> None:
        self.presenting.stop()
        self.grid.setFocus()

    def export_all_steps(self) -> None:
        from .export_dialog import run_export_all_steps

        run_export_all_steps(self)

    def export_dialog(self) -> None:
        from .export_dialog import run_export_dialog

        run_export_dialog(self)

    def copy_image(self) -> None:
        from .export_dialog import copy_image_to_clipboard

        copy_image_to_clipboard(self)

    def set_theme(self, name: str) -> None:
        self.settings.theme = name
        self._apply_theme()

    def zoom_text(self, step: int) -> None:
        self.settings.text_size = DEFAULT_TEXT_PX if step == 0 else \
            self.settings.text_size + step
        self._apply_theme()

    def show_header(self, on: bool) -> None:
        self.settings.show_header = on
        self.header.setVisible(on)

    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def show_shortcuts(self) -> None:
        show_text_dialog(self, "Keyboard shortcuts", shortcuts_text(self.actions()))

    def fill_recent(self) -> None:
        self.opener.fill_recent_menu(self.recent_menu)

    # -- the session → the window -------------------------------------------------------

    def _document_opened(self, reloaded: bool) -> None:
        dataset = self.session.dataset
        assert dataset is not None
        # "[*]" in a window title is Qt's "modified" mark, hidden unless doubled.
        title = clip_text(dataset.label, 120).replace("[*]", "[*][*]")
        self.setWindowTitle(f"{title}[*] — {APP_NAME}")  # "[*]": unsaved edits
        self.timeline.set_actor_colors(list(theme_colors(self.session.colors, self.theme.dark)))
        if not reloaded:
            self._fit_on_first_result = True

    def _result_changed(self, result: QueryResult) -> None:
        assert self.session.index is not None
        self.timeline.set_result(result, self.session.index)
        self.header.show_view(self.session.current_view())
        if self._fit_on_first_result:  # a newly opened file: all of it, the grid in focus
            self._fit_on_first_result = False
            self.timeline.fit()
            self.grid.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resultChanged.emit(result)

    def _compare_changed(self, on: bool) -> None:
        """The list of changes takes room above the details; without a From, type one."""
        if on:
            self.layout_memory.default_panes("right")
            if self.session.filter.date_from is None:
                self.filter_bar.date_from.setFocus()

    def _was_reset(self) -> None:
        """Reset shows everything plainly: the whole timeline, no event selected, no
        comparison."""
        if self.session.selection.event is not None:
            self.session.clear_selection()
        self.session.set_compare_mode(False)
        self.timeline.fit()

    def _selection_changed(self) -> None:
        event = self.session.selection.event
        self.timeline.select_event(event, scroll=False)
        self.timeline.highlight_events(set())

    # -- drag and drop, closing ---------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.layout_memory.save()
        self.opener.stop()
        super().closeEvent(event)

    def _apply_theme(self) -> None:
        self.theme = chosen_theme(self.settings.theme, self.settings.text_size)
        apply_palette(QApplication.instance(), self.theme)  # type: ignore[arg-type]
        self.grid.set_theme(self.theme)
        self.details.set_theme(self.theme)
        self.timeline.set_theme(self.theme)
        self.timeline.set_actor_colors(list(theme_colors(self.session.colors, self.theme.dark)))
