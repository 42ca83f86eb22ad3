"""The comparison window (DESIGN §3): header, filter bar, timeline, grid, details, live reload."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..model import Dataset, DatasetIndex, Event, Filter, LoadResult, QueryResult
from ..model.query import carry_filter
from ..model.story import Step, matching_view, story_steps, view_filter_of, view_snippet
from ..model.text import clip_text
from ..paths import default_dataset
from .details import DetailsPanel, literal_mnemonic, plain_label
from .document.loading import (
    BackgroundLoader,
    Loaded,
    failure_text,
    loaded_from,
    missing_text,
    same_file_path,
    unloaded_text,
)
from .document.progress import LoadProgress
from .document.watcher import FileWatcher
from .filter_bar import FilterBar
from .grid_view import GridView
from .settings import Settings
from .theme import Theme, actor_colors, theme
from .timeline_widget import TimelineWidget
from .window_parts import Banner, ElidedComboBox, Header, show_text_dialog
from .window_style import apply_font, apply_palette, system_prefers_dark

if TYPE_CHECKING:  # imported when presenting starts: not needed to show the window
    from .presenter import NotesWindow, PresenterWindow

__all__ = ["MainWindow"]

APP_NAME = "Positions Viewer"
Shortcut = QKeySequence | QKeySequence.StandardKey | list[QKeySequence]


class MainWindow(QMainWindow):
    """Emits ``resultChanged(QueryResult)`` after every filter change or reload."""

    resultChanged = Signal(object)

    def __init__(self, settings: Settings | None = None) -> None:
        settings = settings or Settings()
        # The theme's font is set before any widget exists, this window included: widgets
        # made before keep Qt's default (12 px) until a zoom. The style sheet comes after
        # them (_apply_theme): set first, it made every widget dearer (built 30 -> 55 ms).
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_font(app, _chosen_theme(settings.theme, settings.text_size))
        super().__init__()
        self.settings = settings
        self.path: Path | None = None
        self.dataset: Dataset | None = None
        self.index: DatasetIndex | None = None
        self.result: QueryResult | None = None
        self.colors: list[str] = []
        self.selected_event: int | None = None
        self._opening: Path | None = None  # a file being opened, not shown yet
        self.presenter: PresenterWindow | None = None
        self.notes: NotesWindow | None = None
        self._theme_name = self.settings.theme
        self.theme: Theme = _chosen_theme(self._theme_name, self.settings.text_size)

        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.loader = BackgroundLoader(self)
        self.loader.finished.connect(self._loaded)
        self.watcher = FileWatcher(self)
        self.watcher.changed.connect(self.reload)
        self.watcher.missing.connect(self._file_missing)

        self.header = Header(self)
        self.banner = Banner(self)
        self.filter_bar = FilterBar(self)
        self.timeline = TimelineWidget(self)
        self.grid = GridView(self)
        self.details = DetailsPanel(self)
        self.empty_label = plain_label("", "empty", self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        self.side = QSplitter(Qt.Orientation.Horizontal, self)
        grid_box = QWidget(self)
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.grid)
        grid_layout.addWidget(self.empty_label)
        self.side.addWidget(grid_box)
        self.side.addWidget(self.details)
        self.side.setStretchFactor(0, 3)
        self.side.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = LoadProgress(self.loader, self)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)

        self.filter_bar.filterChanged.connect(self.apply_filter)
        self.filter_bar.wasReset.connect(self.timeline.fit)
        self.grid.cellSelected.connect(self._cell_selected)
        self.timeline.eventSelected.connect(self._event_selected)
        self.timeline.dateRangeBrushed.connect(self.filter_bar.set_dates)

        self._build_actions()
        self._apply_theme()
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: self._apply_theme())
        self.setTabOrder(self.filter_bar.reset_button, self.timeline)
        self.setTabOrder(self.timeline, self.grid)
        self.setTabOrder(self.grid, self.details)
        self._restore_geometry()
        if self.settings.problem:
            self.statusBar().showMessage(f"Settings: {self.settings.problem}", 15000)

    # -- actions -----------------------------------------------------------------------

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                shortcut: Shortcut | None = None, name: str = "") -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        action.setObjectName(name or text)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&Open…", self.open_dialog, keys.Open, "open")
        self.recent_menu = file_menu.addMenu("Open Recen&t")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, "&Reload", self.reload, QKeySequence("Ctrl+R"), "reload")
        file_menu.addSeparator()
        self.export_action = self._action(file_menu, "&Export…", self.export_dialog,
                                          QKeySequence("Ctrl+E"), "export")
        self.copy_image_action = self._action(file_menu, "Copy &Image", self.copy_image,
                                              QKeySequence("Ctrl+Shift+C"), "copy-image")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, keys.Quit, "quit")

        edit_menu = bar.addMenu("&Edit")
        self._action(edit_menu, "&Copy Cell Text", self.grid.copy_current, keys.Copy, "copy")
        self._action(edit_menu, "&Find…", self.filter_bar.focus_search, keys.Find, "find")
        self._action(edit_menu, "&Reset Filters", self.filter_bar.reset,
                     QKeySequence("Ctrl+Shift+R"), "reset")

        view_menu = bar.addMenu("&View")
        self._action(view_menu, "Zoom &In Text", lambda: self.zoom_text(1),
                     [QKeySequence(keys.ZoomIn), QKeySequence("Ctrl+=")], "zoom-in")
        self._action(view_menu, "Zoom &Out Text", lambda: self.zoom_text(-1), keys.ZoomOut,
                     "zoom-out")
        self._action(view_menu, "&Actual Text Size", lambda: self.zoom_text(0),
                     QKeySequence("Ctrl+0"), "zoom-reset")
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        for name, label in (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")):
            action = QAction(label, self, checkable=True)
            action.setObjectName(f"theme-{name}")
            action.setChecked(name == self._theme_name)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            group.addAction(action)
            theme_menu.addAction(action)
        view_menu.addSeparator()
        self._action(view_menu, "Focus Time&line", lambda: self.timeline.setFocus(),
                     QKeySequence("Ctrl+1"), "focus-timeline")
        self._action(view_menu, "Focus &Grid", lambda: self.grid.setFocus(),
                     QKeySequence("Ctrl+2"), "focus-grid")
        self._action(view_menu, "Focus &Details", lambda: self.details.setFocus(),
                     QKeySequence("Ctrl+3"), "focus-details")
        view_menu.addSeparator()
        self._action(view_menu, "&Full Screen", self.toggle_full_screen, keys.FullScreen,
                     "full-screen")
        self.view_menu = view_menu
        self.present_menu = bar.addMenu("&Present")
        self._build_present_menu()
        self.help_menu = bar.addMenu("&Help")
        self._action(self.help_menu, "&Keyboard Shortcuts", self.show_shortcuts,
                     keys.HelpContents, "shortcuts")

    # -- loading -----------------------------------------------------------------------

    def show_loaded(self, path: Path, result: LoadResult, flt: Filter | None = None) -> None:
        """Show a result loaded by the caller (the command line has already read the file)."""
        self._loaded(loaded_from(path, result), flt)

    def open_path(self, path: Path) -> None:
        self._opening = path
        self.loader.start(path)

    def open_dialog(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.cwd())
        name, _ = QFileDialog.getOpenFileName(self, "Open comparison", start,
                                              "Comparison files (*.toml);;All files (*)")
        if name:
            self.open_path(Path(name))

    def reload(self) -> None:
        """Loads the open file again; while another file is being opened, that one (a
        reload must not overtake an Open and show the old file)."""
        path = self._opening or self.path
        if path is not None:
            self.loader.start(path, asked=False)  # progress shows if it lasts

    def _loaded(self, loaded: Loaded, flt: Filter | None = None) -> None:
        self._opening = None
        result = loaded.result
        same_file = self.path is not None and same_file_path(loaded.path, self.path)
        if result.dataset is None or loaded.index is None:
            self._show_errors(loaded, same_file)
            return
        keep = flt
        if keep is None and same_file and self.dataset is not None:
            keep = carry_filter(self.filter_bar.current_filter, self.dataset, result.dataset)
        # Selections are indices into the old file: carry them over by id, or drop them.
        event_key = cell_keys = None
        if same_file and self.dataset is not None:
            if self.selected_event is not None:
                event_key = _event_key(self.dataset.events[self.selected_event])
            cell = self.grid.selected_cell()
            if cell is not None:
                cell_keys = (self.dataset.issues[cell[0]].id,
                             self.dataset.actors[cell[1]].id if cell[1] >= 0 else None)
        self.grid.clear_selection()
        self.path = loaded.path
        self.dataset = result.dataset
        self.index = loaded.index
        self.colors = actor_colors([a.color for a in self.dataset.actors])
        self.settings.add_recent(loaded.path)
        self.watcher.watch(loaded.path, loaded.seen)
        warnings = result.warnings
        if warnings:
            first = warnings[0]
            more = f" (+{len(warnings) - 1} more)" if len(warnings) > 1 else ""
            self.banner.show_message(f"Warning: {first.location()}: {first.text()}{more}",
                                     warnings)
        else:
            self.banner.hide()
        self.header.set_dataset(self.dataset, loaded.path)
        # "[*]" in a window title is Qt's "modified" mark, hidden unless doubled.
        title = clip_text(self.dataset.title, 120).replace("[*]", "[*][*]")
        self.setWindowTitle(f"{title} — {APP_NAME}")
        self.grid.set_actor_colors(self.colors)
        self.timeline.set_actor_colors(self.colors)
        self.selected_event = None
        self.timeline.select_event(None)
        self.timeline.highlight_events(set())
        self.grid.set_highlight(frozenset(), frozenset())
        self._fill_views()
        self.filter_bar.set_dataset(self.dataset, keep)
        self.apply_filter(self.filter_bar.current_filter)
        self._restore_selection(event_key, cell_keys)
        if not same_file:
            self.timeline.fit()
            self.details.show_nothing()
            self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def _restore_selection(self, event_key: tuple[str, int, str] | None,
                           cell_keys: tuple[str, str | None] | None) -> None:
        """Selects again, after a reload, the event and cell that were selected, found by
        id (events without one by title and date) in the new data."""
        assert self.dataset is not None
        if cell_keys is not None:
            issue_id, actor_id = cell_keys
            issue = self.dataset.index_of("issues", issue_id)
            actor = -1 if actor_id is None else self.dataset.index_of("actors", actor_id)
            if (issue is not None and actor is not None
                    and self.grid.select_cell(issue, actor, emit=False)):
                self._cell_selected(issue, actor)
            else:
                cell_keys = None  # gone, or hidden by the filters: nothing to show for it
        if event_key is not None:
            event = self.dataset.index_of("events", event_key[0]) if event_key[0] else next(
                (e.index for e in self.dataset.events if _event_key(e) == event_key), None)
            if event is not None:
                self.timeline.select_event(event, scroll=False)  # the axis stays put
                self._event_selected(event)
        if cell_keys is None and event_key is None:
            self.details.show_nothing()

    def _show_errors(self, loaded: Loaded, same_file: bool) -> None:
        showing = self.path if self.dataset is not None else None
        self.banner.show_message(failure_text(loaded, showing), loaded.result.diagnostics)
        if self.dataset is None:
            self.path = loaded.path
            self.empty_label.setText(unloaded_text(loaded))
            self.empty_label.show()
            self.grid.hide()
        if self.dataset is None or same_file:
            self.watcher.watch(loaded.path, loaded.seen)
        else:
            self.watcher.recheck()  # a save of the open file meanwhile was not loaded

    def _file_missing(self) -> None:
        if self.path is not None:
            self.banner.show_message(missing_text(self.path, self.dataset is not None))

    # -- filters and selection -----------------------------------------------------------

    def apply_filter(self, flt: Filter) -> None:
        if self.index is None:
            return
        self.result = self.index.query(flt)
        self.empty_label.hide()
        self.grid.show()
        self.grid.set_result(self.result)
        self.timeline.set_result(self.result, self.index)
        self.status_label.setText(self.result.status_text())
        if self.result.row_count == 0 or self.result.column_count == 0:
            self.empty_label.setText("Nothing matches these filters. Press Reset "
                                     "(Ctrl+Shift+R) to show everything.")
            self.empty_label.show()
            self.grid.hide()
        self._refresh_details()
        self._sync_view_combo()
        self.resultChanged.emit(self.result)

    def _refresh_details(self) -> None:
        selected = self.grid.selected_cell()
        if selected is not None:
            self._cell_selected(*selected)
        elif self.selected_event is None:
            self.details.show_nothing()

    def _cell_selected(self, issue: int, actor: int) -> None:
        if self.index is None or self.result is None or issue < 0:
            return
        if actor < 0:
            self.details.show_issue(self.index.dataset, issue)
            return
        shown = None
        rows, columns = self.result.issue_rows.tolist(), self.result.actor_columns.tolist()
        if issue in rows and actor in columns:
            shown = self.result.cell(rows.index(issue), columns.index(actor)).position
        self.details.show_cell(self.index, self.result.filter, issue, actor, shown)

    def _event_selected(self, event_index: int) -> None:
        if self.dataset is None:
            return
        if event_index < 0:
            self.selected_event = None
            self.grid.set_highlight(frozenset(), frozenset())
            self.timeline.highlight_events(set())
            self._refresh_details()
            return
        self.selected_event = event_index
        event = self.dataset.events[event_index]
        self.grid.set_highlight(frozenset(event.issues), self.dataset.event_actors(event))
        self.details.show_event(self.dataset, event)

    # -- view ------------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        self._theme_name = name
        self.settings.theme = name
        self._apply_theme()

    def _apply_theme(self) -> None:
        self.theme = _chosen_theme(self._theme_name, self.settings.text_size)
        apply_palette(QApplication.instance(), self.theme)  # type: ignore[arg-type]
        self.grid.set_theme(self.theme)
        self.timeline.set_theme(self.theme)

    def zoom_text(self, step: int) -> None:
        size = 13 if step == 0 else self.settings.text_size + step
        self.settings.text_size = size
        self._apply_theme()

    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def show_shortcuts(self) -> None:
        lines = []
        for action in self.actions():
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in action.shortcuts())
            if keys:
                lines.append(f"{action.text().replace('&', ''):<28} {keys}")
        lines += ["", "Timeline: wheel or +/− zoom, drag or arrows pan, 0 fits, drag on the axis "
                  "sets the dates", "Grid: arrows move, Ctrl+C copies the cell"]
        show_text_dialog(self, "Keyboard shortcuts", "\n".join(lines))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        for entry in recent:
            action = self.recent_menu.addAction(literal_mnemonic(entry))
            action.triggered.connect(lambda _=False, p=entry: self.open_path(Path(p)))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Bundled Example", lambda: self.open_path(default_dataset()))

    # -- saved views and presenting ----------------------------------------------------

    def _build_present_menu(self) -> None:
        menu = self.present_menu
        self.present_action = self._action(
            menu, "Present from &Start", lambda: self.start_presenting(False),
            QKeySequence("F5"), "present")
        self._action(menu, "Present from &Current View", lambda: self.start_presenting(True),
                     QKeySequence("Shift+F5"), "present-current")
        self.notes_action = QAction("Speaker &Notes Window", self, checkable=True)
        self.notes_action.setChecked(len(QGuiApplication.screens()) > 1)
        menu.addAction(self.notes_action)
        menu.addSeparator()
        self.views_menu = menu.addMenu("Saved &Views")
        self._action(menu, "Co&py Filters as a Saved View", self.copy_filters_as_view,
                     QKeySequence("Ctrl+Shift+V"), "copy-view")
        self._action(menu, "Export &All Steps…", self.export_all_steps, None, "export-steps")
        self.views_combo = ElidedComboBox(self)
        self.views_combo.setAccessibleName("Saved view")
        self.views_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.views_combo.setMinimumContentsLength(9)  # long titles end in "…"
        self.views_combo.setMaximumWidth(260)
        self.views_combo.activated.connect(self._view_chosen)
        bar_layout = self.filter_bar.layout()
        assert isinstance(bar_layout, QHBoxLayout)
        bar_layout.insertWidget(0, self.views_combo)
        self.views_combo.hide()
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("open", "reload", "export", "copy-image", "present"):
            action = self.findChild(QAction, name)
            if action is not None:
                toolbar.addAction(action)
        self.addToolBar(toolbar)

    def _fill_views(self) -> None:
        dataset = self.dataset
        self.views_menu.clear()
        self.views_combo.clear()
        views = dataset.views if dataset else ()
        self.views_combo.setVisible(bool(views))
        self.views_menu.setEnabled(bool(views))
        self.views_combo.addItem("All (no saved view)", -1)
        for number, view in enumerate(views):
            self.views_combo.addItem(clip_text(view.title, 300), number)
            action = self.views_menu.addAction(literal_mnemonic(clip_text(view.title, 300)))
            action.triggered.connect(lambda _=False, n=number: self.apply_view(n))

    def apply_view(self, number: int) -> None:
        if self.dataset is None or not 0 <= number < len(self.dataset.views):
            return
        self.filter_bar.set_filter(view_filter_of(self.dataset, number))
        self.timeline.fit()  # a saved view shows its own period, even after zooming

    def _view_chosen(self, row: int) -> None:
        number = self.views_combo.itemData(row)
        if number is None or number < 0:
            self.filter_bar.reset()
        else:
            self.apply_view(int(number))

    def current_view(self) -> int | None:
        """The saved view whose filters are exactly the current ones, if any."""
        if self.dataset is None:
            return None
        return matching_view(self.dataset, self.filter_bar.current_filter)

    def _sync_view_combo(self) -> None:
        number = self.current_view()
        row = self.views_combo.findData(-1 if number is None else number)
        self.views_combo.setCurrentIndex(max(0, row))
        if self.dataset is not None and number is not None:
            self.header.show_view(self.dataset.views[number].title)
        else:
            self.header.show_view(None)

    def copy_filters_as_view(self) -> str:
        """A ready ``[[views]]`` snippet for the current filters, on the clipboard."""
        if self.dataset is None:
            return ""
        snippet = view_snippet(self.dataset, self.filter_bar.current_filter)
        QGuiApplication.clipboard().setText(snippet)
        self.statusBar().showMessage("Copied a [[views]] entry for these filters: paste it "
                                     "into the file", 6000)
        return snippet

    def start_presenting(self, from_current: bool = False) -> PresenterWindow | None:
        if self.dataset is None or self.index is None:
            return None
        steps = story_steps(self.dataset, self.index, self.filter_bar.current_filter)
        if not steps:
            self.statusBar().showMessage("Nothing to present: the file has no saved views and "
                                         "no events in these filters", 6000)
            return None
        from .presenter import NotesWindow, PresenterWindow

        start = self._current_step(steps) if from_current else 0
        presenter = PresenterWindow(steps, self.index, tuple(self.colors), self.theme.dark,
                                    start)
        screen = self.screen()
        presenter.setScreen(screen)
        presenter.setGeometry(screen.geometry())
        presenter.finished.connect(self.stop_presenting)
        self.presenter = presenter
        if self.notes_action.isChecked():
            notes = NotesWindow()
            others = [s for s in QGuiApplication.screens() if s is not screen]
            if others:
                notes.setScreen(others[0])
                notes.move(others[0].availableGeometry().topLeft())
            notes.show_step(steps, presenter.current)
            presenter.stepChanged.connect(lambda n: notes.show_step(steps, n))
            notes.show()
            self.notes = notes
        presenter.showFullScreen()
        presenter.activateWindow()
        presenter.setFocus()
        return presenter

    def _current_step(self, steps: list[Step]) -> int:
        view = self.current_view()
        if view is not None:
            for number, step in enumerate(steps):
                if step.view == view:
                    return number
        to = self.filter_bar.current_filter.to_ordinal
        if to is not None and steps and steps[0].event is not None and self.dataset:
            before = [n for n, step in enumerate(steps)
                      if step.event is not None and self.dataset.events[step.event].start <= to]
            return before[-1] if before else 0
        return 0

    def stop_presenting(self) -> None:
        for name in ("presenter", "notes"):
            window = getattr(self, name, None)
            if window is not None:
                window.close()
                window.deleteLater()
                setattr(self, name, None)
        self.activateWindow()
        self.grid.setFocus()

    def export_all_steps(self) -> None:
        if self.dataset is None or self.index is None:
            return
        folder = QFileDialog.getExistingDirectory(self, "Export every step into folder",
                                                  self.settings.last_export_dir or str(Path.home()))
        if folder:
            from .export_dialog import export_steps

            written = export_steps(self.dataset, self.index, self.filter_bar.current_filter,
                                   Path(folder), scale=2)
            self.statusBar().showMessage(f"Exported {written} steps to {folder}", 8000)

    # -- export and copy image ---------------------------------------------------------

    def export_dialog(self) -> None:
        from .export_dialog import run_export_dialog

        run_export_dialog(self)

    def copy_image(self) -> None:
        from .export_dialog import copy_image_to_clipboard

        copy_image_to_clipboard(self)

    # -- drag and drop -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)

    # -- geometry ----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self.settings.window_state
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.splitter
        if splitter is None or not self.splitter.restoreState(splitter):
            QTimer.singleShot(0, self._default_splitter)

    def _default_splitter(self) -> None:
        height = max(400, self.splitter.height())
        self.splitter.setSizes([round(height * 0.3), round(height * 0.7)])
        width = max(600, self.side.width())
        self.side.setSizes([round(width * 0.74), round(width * 0.26)])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.splitter = self.splitter.saveState()
        self.settings.sync()
        self.watcher.stop()
        super().closeEvent(event)


def _dropped_file(mime: QMimeData) -> Path | None:
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".toml"):
            return Path(url.toLocalFile())
    return None


def _event_key(event: Event) -> tuple[str, int, str]:
    """What identifies an event across reloads: its id, or its date and title without one."""
    return (event.id, -1, "") if event.id else ("", event.start, event.title)


def _chosen_theme(name: str, text_size: int) -> Theme:
    """The theme a setting names ("system" follows the desktop), at the text size."""
    if name == "system":
        name = "dark" if system_prefers_dark() else "light"
    return theme(name).scaled(text_size)
