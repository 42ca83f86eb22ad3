"""Watching the open file for edits made in another editor.

Editors save in place, or write a new file and rename it over the old one; the second drops
a plain file watch after its first signal. So the folder is watched too, the watch on the file
is re-added after every event, changes are debounced (editors often write in several steps),
and nothing is reported unless the content's hash actually changed. A folder event that left
the file's inode, size and time alone is about another file, and hashes nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from ..limits import MAX_FILE_BYTES
from ..model.files import read_regular_file

__all__ = ["FileWatcher", "content_hash"]

DEBOUNCE_MS = 300


def content_hash(path: Path) -> str | None:
    """SHA-256 of the file's bytes, or ``None`` when it cannot be read (missing, a folder,
    not a regular file, over the size limit)."""
    try:
        return hashlib.sha256(read_regular_file(path, MAX_FILE_BYTES)).hexdigest()
    except OSError:
        return None


class FileWatcher(QObject):
    """Emits ``changed()`` when the content differs, ``missing()`` when the file is gone."""

    changed = Signal()
    missing = Signal()

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_poked)
        self._watcher.directoryChanged.connect(self._folder_poked)
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._check)
        self._path: Path | None = None
        self._hash: str | None = None
        self._stat: tuple[int, int, int] | None = None  # inode, size, mtime at the last hash
        self._file_event = False
        self._gone = False

    def watch(self, path: Path, known_hash: str | None = None) -> None:
        """Watch ``path``; ``known_hash`` is the content already loaded (no event for it)."""
        self.stop()
        self._path = path.resolve()
        # With a hash from the caller, the first event hashes again: the file may have
        # changed between the caller's read and now, and its stat would hide that.
        self._stat = None if known_hash is not None else _signature(self._path)
        self._hash = known_hash if known_hash is not None else content_hash(self._path)
        self._gone = self._hash is None
        self._rewatch()

    def accept(self, known_hash: str | None) -> None:
        """The caller has loaded this content: report only later changes."""
        self._hash = known_hash

    def stop(self) -> None:
        self._timer.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._path = None

    def _rewatch(self) -> None:
        if self._path is None:
            return
        folder = str(self._path.parent)
        if folder not in self._watcher.directories() and self._path.parent.is_dir():
            self._watcher.addPath(folder)
        if str(self._path) not in self._watcher.files() and self._path.is_file():
            self._watcher.addPath(str(self._path))

    def _file_poked(self, _path: str = "") -> None:
        self._file_event = True
        self._timer.start()

    def _folder_poked(self, _path: str = "") -> None:
        self._timer.start()

    def _check(self) -> None:
        if self._path is None:
            return
        self._rewatch()
        signature = _signature(self._path)
        if not self._file_event and signature is not None and signature == self._stat:
            return  # another file in the folder changed: not worth hashing a 30 MB file
        self._file_event, self._stat = False, signature
        digest = content_hash(self._path)
        if digest is None:
            if not self._gone:
                self._gone = True
                self.missing.emit()
            return
        came_back, self._gone = self._gone, False
        if came_back or digest != self._hash:
            self._hash = digest
            self.changed.emit()


def _signature(path: Path) -> tuple[int, int, int] | None:
    """Inode, size and modification time: a save changes one of them (a rename-over save
    the inode), so a folder event that leaves them alone is about some other file."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns
