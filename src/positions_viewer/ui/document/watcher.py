"""Watching the open file for saves made in another editor (DESIGN §3, "Live reload").

The guarantee: after any sequence of writes, rename-saves, deletes and re-creations (of the
file or of its folder), once the file is quiet the window shows exactly its final content,
or the reason it cannot be read, within a couple of seconds. How:

- **The window says what it shows.** After every load (good, bad or cancelled) the window
  calls :meth:`FileWatcher.watch` with the state that load read (its content's hash, or why
  it could not be read). The watcher then looks at the file at once: a save made while the
  load ran (which the load did not see) is announced, so the window loads again. Nothing
  is reset by a load: a check already pending for a newer save stays pending.
- **Announced on every change of state.** A probe's state that differs from the one the
  window shows, and from the previous probe's, emits ``changed`` (or ``missing`` when the
  file or its folder is gone); a state already announced is not announced again while the
  load it asked for runs.
- **Never on the GUI thread.** A probe (one ``stat``; a read and hash only when the
  signature moved) runs in a worker thread, through the regular-file reader: a FIFO, a
  device or a loop swapped in under the open file is refused in a sentence, not read.
- **Events, then polling.** inotify (``QFileSystemWatcher``) watches the file and its folder;
  editors that save by rename drop the file's watch, and a folder deleted then made again
  drops the folder's, so both are re-added whenever a probe finds a new inode. Where no
  event can come (a folder re-created, a network file system), a probe every second looks:
  a ``stat`` when nothing moved.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from .relay import Mailbox
from .state import MISSING, FileState, Snapshot, probe

__all__ = ["DEBOUNCE_MS", "MAX_DELAY_MS", "POLL_MS", "FileWatcher"]

DEBOUNCE_MS = 300  # editors write in several steps: look once they pause this long
MAX_DELAY_MS = 2000  # a file written without pause is still looked at this often
POLL_MS = 1000  # where events cannot tell (a re-created folder), a look this often


class FileWatcher(QObject):
    """Emits ``changed()`` when the file's state differs from what the window shows (load it
    again), ``missing()`` when the file or its folder is gone (the data stays; the file is
    loaded again when it is back)."""

    changed = Signal()
    missing = Signal()

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS,
                 poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_poked)
        self._watcher.directoryChanged.connect(self._folder_poked)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self._quiet)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self._polled)
        self._mailbox = Mailbox(self._on_probed)  # (generation, epoch, Snapshot | None, verify)
        self._stopped = threading.Event()  # set when the path changes: a running probe stops
        self._path: str | None = None
        self._shown: FileState | None = None  # None: take the next probe as shown
        self._known: Snapshot | None = None  # the last probe's answer
        self._verify = False  # the next probe compares with what is shown, changed or not
        self._read = False  # the next probe reads, whatever the signature says
        self._running = False
        self._again = False  # a probe was asked for while one ran
        self._generation = 0  # a new path (or stop): probes still running are ignored
        self._epoch = 0  # a new accept: probes still running only tell which inodes to watch
        self._first_event: float | None = None
        self._watched: dict[str, tuple[int, int]] = {}
        self.probes = 0  # how many probes ran (for tests and the curious)

    @property
    def path(self) -> Path | None:
        return Path(self._path) if self._path is not None else None

    @property
    def idle(self) -> bool:
        """No look at the file is running or waiting (none for a debounced event either)."""
        return not (self._running or self._again or self._debounce.isActive())

    def watch(self, path: Path, seen: Snapshot | None = None) -> None:
        """The window shows ``path`` as ``seen`` (what its last load read); ``None`` takes
        the file as it is now. The same path again is :meth:`accept`: nothing pending is
        dropped. The path is watched as named (a symbolic link is followed when read, and
        replacing the link itself is seen too)."""
        target = os.path.abspath(path)
        if target != self._path:
            self.stop()
            self._path = target
            self._poll.start()
        self.accept(seen)

    def accept(self, seen: Snapshot | None) -> None:
        """The window now shows ``seen``; the file is looked at at once, so a save the load
        missed is announced."""
        if self._path is None:
            return
        self._epoch += 1
        self._shown = seen.state if seen is not None else None
        if seen is not None and seen.signature is not None:
            # The load's own read: the same signature later means the same content.
            old = self._known
            self._known = Snapshot(seen.state, seen.signature, old.folder if old else None,
                                   old.file if old else None)
        self._verify = True
        self._probe()

    def recheck(self) -> None:
        """Compare the file with what is shown again (a load of another file failed; a
        change announced meanwhile was not loaded)."""
        if self._path is not None:
            self._verify = True
            self._probe()

    def stop(self) -> None:
        self._debounce.stop()
        self._poll.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._watched.clear()
        self._generation += 1  # a probe still running is ignored when it lands
        self._stopped.set()
        self._stopped = threading.Event()
        self._path, self._shown, self._known = None, None, None
        self._running = self._again = self._verify = self._read = False
        self._first_event = None

    # -- events --------------------------------------------------------------------------

    def _file_poked(self, _path: str = "") -> None:
        self._read = True  # written: the time stamp may not have moved, read it
        self._poked()

    def _folder_poked(self, _path: str = "") -> None:
        self._poked()

    def _poked(self) -> None:
        now = time.monotonic()
        if self._first_event is None:
            self._first_event = now
        if (now - self._first_event) * 1000 < MAX_DELAY_MS or not self._debounce.isActive():
            self._debounce.start()

    def _quiet(self) -> None:
        self._first_event = None
        self._probe()

    def _polled(self) -> None:
        if not self._running and not self._debounce.isActive():
            self._probe()

    # -- probing ---------------------------------------------------------------------------

    def _probe(self) -> None:
        if self._path is None:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self.probes += 1
        read, self._read = self._read, False
        verify, self._verify = self._verify, False
        threading.Thread(target=_work, name="positions-watch", daemon=True,
                         args=(self._mailbox, self._stopped, (self._generation, self._epoch),
                               self._path, self._known, read, verify)).start()

    def _on_probed(self, answer: tuple[int, int, Snapshot | None, bool]) -> None:
        generation, epoch, snapshot, verify = answer
        if generation != self._generation:
            return
        self._running = False
        if snapshot is not None:
            self._rewatch(snapshot)
        if snapshot is not None and epoch == self._epoch:  # else older than the load shown
            before, self._known = self._known, snapshot
            state = snapshot.state
            if self._shown is None:
                self._shown = state
            elif state != self._shown and (verify or before is None or state != before.state):
                self._announce(state)
        if self._again:
            self._again = False
            self._probe()

    def _announce(self, state: FileState) -> None:
        if state == MISSING:
            self._shown = MISSING  # the window says so and keeps its data
            self.missing.emit()
        else:
            self.changed.emit()

    def _rewatch(self, snapshot: Snapshot) -> None:
        """Watch the folder and the file that are there now (new inodes: watch again)."""
        assert self._path is not None
        self._keep(os.path.dirname(self._path), snapshot.folder, folder=True)
        self._keep(self._path, snapshot.file, folder=False)

    def _keep(self, path: str, identity: tuple[int, int] | None, folder: bool) -> None:
        listed = path in (self._watcher.directories() if folder else self._watcher.files())
        had = self._watched.get(path)
        if had == identity and (listed or identity is None):
            return
        if listed:
            self._watcher.removePath(path)
        self._watched.pop(path, None)
        if identity is not None and self._watcher.addPath(path):
            self._watched[path] = identity


def _work(mailbox: Mailbox, stopped: threading.Event, stamp: tuple[int, int], path: str,
          known: Snapshot | None, read: bool, verify: bool) -> None:
    """One probe, on a worker thread (holding nothing of the watcher but its mailbox)."""
    try:
        snapshot = probe(path, known, read, stopped.is_set)
    except Exception as exc:  # a bug, not the file: say so rather than stop watching
        snapshot = Snapshot(FileState("problem", f"cannot check the file: {exc!r}"))
    mailbox.post((*stamp, snapshot, verify))
