"""A signal at any moment of an export leaves each OUT old or new and no temporary (issue 12,
"trust at every edge"; DESIGN §2 "a signal cleans it up").

Python runs a signal's handler in the main thread between two bytecodes, whichever thread
the signal reached (a Qt or worker thread in a drawn export): so blocking signals in the
main thread does not stop the handler from running inside ``mkstemp`` or right after a
rename. These tests run the installed handler at *every* line of the atomic writer in turn
(a trace function calls it, as the interpreter would), and check what is left each time.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, BinaryIO

import pytest

from positions_viewer.export import atomic, signals
from positions_viewer.export.errors import Interrupted

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

WATCHED = (atomic.__file__, signals.__file__, "tempfile.py", "shutil.py")


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@contextmanager
def signal_at(event: int | None, signum: int, seen: list[str],
              storm: bool = False) -> Iterator[None]:
    """Run the handler installed for ``signum`` at the ``event``-th line executed in the
    atomic writer (or in the library functions it calls), and at every line after it when
    ``storm`` (more signals while cleaning up); ``None`` only counts the lines."""
    count = 0

    def trace(frame: FrameType, kind: str, _arg: Any) -> Callable[..., Any] | None:
        nonlocal count
        if not frame.f_code.co_filename.endswith(WATCHED):
            return None
        if kind == "line":
            if event is not None and (count == event or (storm and count > event)):
                seen.append(f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}")
                handler = signal.getsignal(signum)
                assert callable(handler)
                handler(signum, frame)
            count += 1
        return trace

    sys.settrace(trace)
    try:
        yield
    finally:
        sys.settrace(None)
        seen.append(str(count))


def write(name: str) -> Callable[[BinaryIO], object]:
    return lambda handle: handle.write(f"new {name}".encode())


def export(folder: Path, names: list[str]) -> None:
    """What ``export.jobs.write_plan`` does: stage each, commit, abort on any error."""
    batch = atomic.AtomicBatch()
    try:
        for name in names:
            batch.stage(folder / name, write(name))
        batch.commit()
    except BaseException:
        batch.abort()
        raise


@pytest.mark.parametrize("names", [["x.csv"], ["a.md", "b.md", "c.md"]],
                         ids=["one file", "several"])
@pytest.mark.parametrize(("signum", "storm"), [
    (signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGHUP, True),
], ids=["SIGTERM", "SIGINT", "SIGHUP then more"])
def test_a_signal_at_any_line_leaves_old_or_new_and_no_temporary(
        tmp_path: Path, names: list[str], signum: int, storm: bool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # hundreds of runs: the disk is not tested
    event = 0
    while True:
        folder = tmp_path / f"run{event}"
        folder.mkdir()
        for name in names[:-1] or names:  # with several, the last one is new
            (folder / name).write_bytes(b"old")
        before = listing(folder)
        after = {name: f"new {name}".encode() for name in names}
        seen: list[str] = []
        stopped: type[BaseException] | None = None
        try:
            with atomic.cleanup_on_signals(), signal_at(event, signum, seen, storm):
                export(folder, names)
        except (Interrupted, KeyboardInterrupt) as exc:
            stopped = type(exc)
        left = listing(folder)
        if len(seen) == 1:  # the export ran to its end before the event: every line tried
            assert left == after and stopped is None
            break
        where = seen[0]
        assert left in (before, after), (where, sorted(left))  # old or new, never half
        assert stopped is (KeyboardInterrupt if signum == signal.SIGINT else Interrupted), \
            where  # the signal is never lost: the export stops
        event += 1
    assert event > 20 * len(names)  # the lines of making, writing, renaming, cleaning up


def test_a_signal_just_after_the_rename_never_deletes_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hostile tester's wrap3.py: a one-file export's rename done and marked, then
    SIGTERM. The new OUT stays (it is the only copy) and the program still stops."""
    out = tmp_path / "x.csv"
    out.write_bytes(b"old")

    class Staged(atomic._Staged):
        def __setattr__(self, name: str, value: object) -> None:
            super().__setattr__(name, value)
            if name == "renamed" and value:
                signal.raise_signal(signal.SIGTERM)

    monkeypatch.setattr(atomic, "_Staged", Staged)
    with pytest.raises(Interrupted), atomic.cleanup_on_signals():
        atomic.atomic_write(out, write("x.csv"))
    assert listing(tmp_path) == {"x.csv": b"new x.csv"}
