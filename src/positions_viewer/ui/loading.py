"""Loading a file off the GUI thread, so a 30 MB file never freezes the window."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..model import DatasetIndex, LoadResult, load_file

__all__ = ["BackgroundLoader", "Loaded", "load_now"]


@dataclass(frozen=True, slots=True)
class Loaded:
    path: Path
    result: LoadResult
    index: DatasetIndex | None
    digest: str | None
    generation: int


def load_now(path: Path, generation: int = 0) -> Loaded:
    """Read, validate and index ``path`` (in whatever thread calls it)."""
    result = load_file(path)  # reads the file once; its digest is of those very bytes
    index = DatasetIndex(result.dataset) if result.dataset is not None else None
    return Loaded(path, result, index, result.digest, generation)


class BackgroundLoader(QObject):
    """``start(path)`` loads in a worker thread; ``finished(Loaded)`` arrives on the GUI thread.

    Only the newest request is delivered: a slow load overtaken by a newer one is dropped.
    """

    started = Signal(str)
    finished = Signal(object)
    _done = Signal(object)  # emitted by the worker thread, received on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._done.connect(self._deliver_in_gui)

    def start(self, path: Path) -> int:
        self._generation += 1
        generation = self._generation
        self.started.emit(str(path))
        thread = threading.Thread(
            target=self._work, args=(path, generation), name="positions-load", daemon=True
        )
        thread.start()
        return generation

    def _work(self, path: Path, generation: int) -> None:
        try:
            loaded = load_now(path, generation)
        except Exception as exc:  # a bug, not bad input: report it like a load error
            from ..model.diagnostics import Diagnostic, Severity

            diagnostic = Diagnostic(str(path), 0, 0, Severity.ERROR,
                                    f"internal error while loading: {exc!r}")
            loaded = Loaded(path, LoadResult(str(path), None, [diagnostic]), None, None,
                            generation)
        self._done.emit(loaded)

    def _deliver_in_gui(self, loaded: Loaded) -> None:
        if loaded.generation == self._generation:
            self.finished.emit(loaded)
