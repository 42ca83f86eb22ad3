"""Loading a file off the GUI thread, with progress and Cancel, so a big file never freezes
the window (issue 18: a progress bar with bytes read and a Cancel button).

``BackgroundLoader.start(path)`` reads, checks and indexes ``path`` in a worker thread and
delivers ``finished(Loaded)`` on the GUI thread. One load at a time per file: asking again
for the file being loaded adds nothing (the window compares what that load read with the
file when it lands, and loads again if a save came meanwhile: see ``watcher.py``); asking
for another file drops the first load's result. ``cancel()`` delivers a cancelled
:class:`Loaded` at once; the worker stops at its next chunk or step and its result is
dropped.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...model import DatasetIndex, Diagnostic, LoadResult, Severity, load_file
from ...model.files import ReadCancelled, ReadObserver, observed_reads, size_text
from .isolated import load_isolated, worth_isolating
from .relay import Mailbox
from .state import Snapshot, content, problem_state
from .texts import same_file_path

__all__ = ["BackgroundLoader", "Loaded", "Progress", "load_now", "loaded_from", "progress_text"]


@dataclass(frozen=True, slots=True)
class Loaded:
    """A finished load. ``seen`` is the file's state as this load read it (for the watcher;
    ``None``: not known, take the file as it is now); ``cancelled``: the user stopped it and
    ``result`` only says so."""

    path: Path
    result: LoadResult
    index: DatasetIndex | None
    digest: str | None
    generation: int
    seen: Snapshot | None = None
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a load is: ``read`` of ``total`` bytes; ``checking`` once all are read (the
    parse and the checks, which report no steps). ``asked``: the user opened the file (show
    progress at once) rather than a save reloading it (show it only if it lasts)."""

    path: Path
    read: int = 0
    total: int = 0
    checking: bool = False
    asked: bool = True


def loaded_from(path: Path, result: LoadResult, generation: int = 0) -> Loaded:
    """A result the caller loaded itself (the command line), as the window takes it."""
    index = DatasetIndex(result.dataset) if result.dataset is not None else None
    seen = Snapshot(content(result.digest)) if result.digest is not None else None
    return Loaded(path, result, index, result.digest, generation, seen)


def load_now(path: Path, generation: int = 0, observer: ReadObserver | None = None,
             isolate: bool | None = None) -> Loaded:
    """Read, validate and index ``path`` (in whatever thread calls it); the read reports to
    ``observer`` and stops when it says so (the result is then a cancelled one). A big file
    (``isolate`` None: by its size) is read and checked in a child process
    (``isolated.py``: the parse would otherwise hold the window)."""
    observer = observer or ReadObserver()
    if isolate if isolate is not None else worth_isolating(path):
        isolated = load_isolated(path, observer)
        if isolated is None:
            return cancelled_load(path, generation)
        result = isolated
    else:
        with observed_reads(observer):
            result = load_file(path)  # reads the file once; its digest is of those bytes
    if isinstance(observer.problem, ReadCancelled) or observer.cancelled():
        return cancelled_load(path, generation)
    seen: Snapshot | None = None
    if result.digest is not None:
        seen = Snapshot(content(result.digest), observer.signature)
    elif observer.problem is not None:
        seen = Snapshot(problem_state(observer.problem))
    index = DatasetIndex(result.dataset) if result.dataset is not None else None
    return Loaded(path, result, index, result.digest, generation, seen)


def cancelled_load(path: Path, generation: int) -> Loaded:
    diagnostic = Diagnostic(str(path), 0, 0, Severity.ERROR, "loading was cancelled")
    return Loaded(path, LoadResult(str(path), None, [diagnostic]), None, None, generation,
                  None, cancelled=True)


class _Job:
    def __init__(self, path: Path, generation: int) -> None:
        self.path = path
        self.generation = generation
        self.stop = threading.Event()


class BackgroundLoader(QObject):
    """``start(path)`` loads in a worker thread; ``finished(Loaded)`` arrives on the GUI
    thread; ``progressed(Progress)`` while it reads; ``started(path)`` when a load begins.

    Only the newest request is delivered: a load overtaken by one of another file is dropped.
    """

    started = Signal(str)
    progressed = Signal(object)
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._job: _Job | None = None
        self._done = Mailbox(self._deliver_in_gui)  # from the worker thread: a Loaded
        self._read = Mailbox(self._progress_in_gui)  # and (generation, Progress)

    @property
    def loading(self) -> Path | None:
        """The file being loaded, if any."""
        return self._job.path if self._job is not None else None

    def start(self, path: Path, asked: bool = True) -> int:
        """Load ``path``; ``asked`` is False for a reload no one asked for (a save): its
        progress shows only if it lasts. The same file already loading: nothing more."""
        job = self._job
        if job is not None and same_file_path(job.path, path):
            return job.generation
        if job is not None:
            job.stop.set()
        self._generation += 1
        job = self._job = _Job(path, self._generation)
        self.started.emit(str(path))
        self.progressed.emit(Progress(path, asked=asked))
        threading.Thread(target=_work, args=(job, asked, self._done, self._read),
                         name="positions-load", daemon=True).start()
        return job.generation

    def cancel(self) -> None:
        """Stop the running load: ``finished`` says it was cancelled, now; the data shown
        stays. Nothing to do when nothing loads."""
        job = self._job
        if job is None:
            return
        job.stop.set()
        self._job = None
        self._generation += 1  # whatever the worker still delivers is dropped
        self.finished.emit(cancelled_load(job.path, job.generation))

    def _progress_in_gui(self, update: tuple[int, Progress]) -> None:
        if update[0] == self._generation:
            self.progressed.emit(update[1])

    def _deliver_in_gui(self, loaded: Loaded) -> None:
        if loaded.generation == self._generation:
            self._job = None
            self.finished.emit(loaded)


def _work(job: _Job, asked: bool, done: Mailbox, read: Mailbox) -> None:
    """One load, on a worker thread (holding nothing of the loader but its mailboxes)."""
    def progress(got: int, total: int) -> None:
        read.post((job.generation, Progress(job.path, got, total, got >= total, asked)))

    try:
        loaded = load_now(job.path, job.generation, ReadObserver(progress, job.stop.is_set))
    except Exception as exc:  # a bug, not bad input: report it like a load error
        diagnostic = Diagnostic(str(job.path), 0, 0, Severity.ERROR,
                                f"internal error while loading: {exc!r}")
        loaded = Loaded(job.path, LoadResult(str(job.path), None, [diagnostic]), None, None,
                        job.generation)
    done.post(loaded)


def progress_text(progress: Progress) -> str:
    """"Reading big.toml: 12.0 MB of 30.0 MB", "Checking big.toml (30.0 MB)…"."""
    name = progress.path.name
    if progress.checking:
        return f"Checking {name} ({size_text(progress.total)})…"
    if progress.total:
        return f"Reading {name}: {size_text(progress.read)} of {size_text(progress.total)}"
    return f"Opening {name}…"
