"""Opening, reloading and watching the document: the loader and the watcher, wired to the
session. Loads run off the GUI thread; the session decides what a finished load changes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from ...model import DatasetIndex, Filter, LoadResult
from ...paths import default_dataset, seeds_dir
from ..document.loading import BackgroundLoader, Loaded, loaded_from
from ..document.state import MISSING
from ..document.watcher import FileWatcher
from ..labels import literal_mnemonic
from ..session import DocumentSession
from ..settings import Settings
from .first_paint import after_next_paint

__all__ = ["DocumentOpener", "dropped_file"]


class DocumentOpener(QObject):
    """Emits ``shown(bool)`` after a load: ``True`` when the dataset was replaced, ``False``
    when the load failed (the session says why). The loader shows its own progress."""

    shown = Signal(bool)

    def __init__(self, session: DocumentSession, settings: Settings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._opening: Path | None = None  # a file being opened, not shown yet
        # Whether the open file may be replaced by ``path`` (unsaved edits ask; issue 17).
        self.may_replace: Callable[[Path], bool] = lambda _path: True
        self.loader = BackgroundLoader(self)
        self.loader.finished.connect(self.take)
        self.watcher = FileWatcher(self)
        self.watcher.changed.connect(self.reload)
        self.watcher.missing.connect(self._file_missing)

    def show_loaded(self, path: Path, result: LoadResult, flt: Filter | None = None) -> None:
        """Show a result loaded by the caller (the command line has already read the file)."""
        self.take(loaded_from(path, result), flt)

    def open_path(self, path: Path) -> None:
        if not self.may_replace(path):
            return
        self._opening = path
        self.loader.start(path)

    def start_folder(self) -> Path:
        """Where the Open dialog starts: the open file's folder, else the home folder (the
        bundled example's folder is inside the installed package: no place to browse)."""
        path = self._session.path
        if path is None or path.resolve().parent == seeds_dir().resolve():
            return Path.home()
        return path.parent

    def open_dialog(self, parent: QWidget) -> None:
        name, _ = QFileDialog.getOpenFileName(parent, "Open comparison", str(self.start_folder()),
                                              "Comparison files (*.toml);;All files (*)")
        if name:
            self.open_path(Path(name))

    def import_dialog(self, parent: QWidget) -> None:
        """File ▸ Import…: a spreadsheet or article table into a new file (opened), or into
        the open file (which then reloads by itself, as after any save)."""
        from .import_dialog import run_import_dialog

        written = run_import_dialog(parent, self._session.path)
        if written is not None and not self._session.is_open(written):
            self.open_path(written)

    def reload(self) -> None:
        """Loads the open file again; while another file is being opened, that one (a
        reload must not overtake an Open and show the old file)."""
        path = self._opening or self._session.path or self._session.failed_path
        if path is not None:
            self.loader.start(path, asked=self._opening is not None)  # progress if it lasts

    def take(self, loaded: Loaded, flt: Filter | None = None) -> None:
        """A finished load: the session shows it; the watcher is told what this load read,
        and looks at the file again (a save made while it loaded is loaded next)."""
        self._opening = None
        session = self._session
        same_file = session.is_open(loaded.path)
        if same_file and flt is None and session.edits.intercept(loaded.result, loaded.index,
                                                                 loaded.digest):
            return  # the app's own save, or a change the unsaved edits must not lose
        missing = loaded.seen is not None and loaded.seen.state == MISSING
        replaced = session.show_loaded(loaded.path, loaded.result, loaded.index, flt,
                                       cancelled=loaded.cancelled, missing=missing)
        if replaced:
            self._settings.add_recent(loaded.path)
            if loaded.index is not None:
                _prepare_search_soon(loaded.index, self.parent())
        if replaced or session.dataset is None or same_file:
            self.watcher.watch(loaded.path, loaded.seen)  # fixed in an editor, it reloads
        else:
            self.watcher.recheck()  # another file failed: a save of the open one meanwhile
        self.shown.emit(replaced)

    def _file_missing(self) -> None:
        self._session.file_missing()

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Recent files, newest first, and the bundled example."""
        menu.clear()
        recent = self._settings.recent_files
        if not recent:
            menu.addAction("No recent files").setEnabled(False)
        for entry in recent:
            action = menu.addAction(literal_mnemonic(entry))
            action.triggered.connect(lambda _=False, p=entry: self.open_path(Path(p)))
        menu.addSeparator()
        menu.addAction("Bundled Example", lambda: self.open_path(default_dataset()))

    def stop(self) -> None:
        self.watcher.stop()


def dropped_file(mime: QMimeData) -> Path | None:
    """The first ``.toml`` file dropped, if any."""
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".toml"):
            return Path(url.toLocalFile())
    return None


def _prepare_search_soon(index: DatasetIndex, window: QObject | None) -> None:
    """Fold the texts for search and code the stances for compare on a worker thread, once
    the window has painted (issue 18 item 4: the first search is then fast).

    Started after the window's next paint, not before it: the fold is Python work that
    shares the interpreter's lock with the GUI thread, and started at once it ran during the
    first frame and made it about twice as long (L: 120 -> 250 ms)."""

    def start() -> None:
        threading.Thread(target=index.prepare_search, name="positions-search",
                         daemon=True).start()

    if window is None:
        QTimer.singleShot(0, start)
    else:
        after_next_paint(window, start, latest_ms=FOLD_LATEST_MS)


FOLD_LATEST_MS = 1000  # a window that does not paint (hidden) folds after this
