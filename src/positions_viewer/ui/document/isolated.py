"""Loading a big file in a child process, so that the window keeps running (no Qt here).

Why: the TOML parser is compiled code that holds Python's global lock for the whole parse.
On a worker thread it still starves the GUI thread: a 30 MB file froze the window for about
2.5 s, progress bar and Cancel button included (measured: 2 timer ticks in 2.5 s). In a
child process the parse cannot block the window, and Cancel ends it at once (the process
is killed, its memory freed).

The child (a fresh interpreter: no Qt, nothing of the window) runs the same ``load_file``
and sends the result back in pieces: the small tables
whole, positions and events as rows of plain values a few thousand at a time, which the
parent turns back into objects between pieces (the lock is free between them).
Files under :data:`ISOLATE_BYTES` load in the thread: a process costs more than their parse.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import gc
import operator
import os
import pickle
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from ...model import Diagnostic, LoadResult, Severity, load_file
from ...model.files import ReadObserver, observed_reads
from ...model.types import Event, Position

__all__ = ["ISOLATE_BYTES", "load_isolated", "worth_isolating"]

ISOLATE_BYTES = 4 << 20  # from here a parse on a thread holds the window ~0.1 s or more
ROWS = 4000  # positions or events a piece (the parent holds the lock ~10 ms for one)
_POSITION = [f.name for f in dataclasses.fields(Position)]
_EVENT = [f.name for f in dataclasses.fields(Event)]
_START = ("import sys; from positions_viewer.ui.document.isolated import child_main; "
          "child_main(sys.argv[1])")


_RUNNING: set[subprocess.Popen[bytes]] = set()


@atexit.register
def _stop_children() -> None:
    """The app quits: a child still parsing a big file is not left to finish alone."""
    for child in list(_RUNNING):
        child.kill()


def worth_isolating(path: Path) -> bool:
    """Whether ``path`` is a regular file big enough to load in a child process (on POSIX
    systems; elsewhere files load in the thread)."""
    if os.name != "posix":
        return False
    try:
        return os.stat(path).st_size >= ISOLATE_BYTES
    except (OSError, ValueError):
        return False


def load_isolated(path: Path, observer: ReadObserver) -> LoadResult | None:
    """``load_file(path)`` run in a child process; ``None`` when ``observer`` cancelled it.
    The observer hears of the bytes read, and gets the read's problem and signature."""
    child = subprocess.Popen([sys.executable, "-c", _START, os.fspath(path)],
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    _RUNNING.add(child)
    pipe = Connection(os.dup(child.stdout.fileno()), writable=False)
    child.stdout.close()
    collecting = gc.isenabled()
    gc.disable()  # 100k new objects would set off full collections, each holding the lock
    result: LoadResult | None = None
    try:
        result = _receive(path, pipe, observer)
        return result
    except (EOFError, OSError):  # the child died (killed, out of memory)
        code = child.wait()
        return _failed(path, f"the loading process stopped (exit code {code}); the file may "
                             "be too large for this computer's memory")
    finally:
        if collecting:
            gc.enable()
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(2 if result is not None else 0)  # done: let it end on its own
        if child.poll() is None:
            child.kill()
        child.wait()
        _RUNNING.discard(child)
        pipe.close()


def _receive(path: Path, pipe: Connection, observer: ReadObserver) -> LoadResult | None:
    head: LoadResult | None = None
    positions: list[Position] = []
    events: list[Event] = []
    while True:
        while not pipe.poll(0.05):
            if observer.cancelled():
                return None
        if observer.cancelled():
            return None
        kind, *message = pickle.loads(pipe.recv_bytes())
        if kind == "progress":
            observer.progress(*message)
        elif kind == "head":
            head, observer.problem, observer.signature = message
        elif kind == "positions":
            positions += [Position(*row) for row in message[0]]
        elif kind == "events":
            events += [Event(*row) for row in message[0]]
        elif kind == "error":
            return _failed(path, f"internal error while loading: {message[0]}")
        elif kind == "done":
            break
    assert head is not None
    if head.dataset is not None:
        head.dataset = dataclasses.replace(head.dataset, positions=tuple(positions),
                                           events=tuple(events))
    return head


def _failed(path: Path, message: str) -> LoadResult:
    return LoadResult(str(path), None, [Diagnostic(str(path), 0, 0, Severity.ERROR, message)])


def child_main(path: str) -> None:  # pragma: no cover - runs in the child
    """The child's side: load ``path``, send the pieces on standard output."""
    pipe = Connection(os.dup(1), readable=False)
    sys.stdout = sys.stderr  # nothing else may write into the pipe

    def send(*message: object) -> None:
        pipe.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    try:
        observer = ReadObserver(lambda read, total: send("progress", read, total))
        with observed_reads(observer):
            result = load_file(path)
        dataset = result.dataset
        head = LoadResult(result.path, None, result.diagnostics, result.digest)
        if dataset is not None:
            head.dataset = dataclasses.replace(dataset, positions=(), events=())
        send("head", head, observer.problem, observer.signature)
        if dataset is not None:
            for name, rows, fields in (("positions", dataset.positions, _POSITION),
                                       ("events", dataset.events, _EVENT)):
                values = operator.attrgetter(*fields)
                for start in range(0, len(rows), ROWS):
                    send(name, [values(row) for row in rows[start:start + ROWS]])
        send("done")
    except Exception as exc:
        send("error", repr(exc))
    finally:
        pipe.close()
