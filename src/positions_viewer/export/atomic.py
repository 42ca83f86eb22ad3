"""Atomic writes: an export leaves each OUT either complete and new or untouched (DESIGN §2).

Every file is written to a temporary ``.OUT.*.part`` beside the file it replaces, flushed
and synced, then renamed over it. :class:`AtomicBatch` does this for several files at once,
all or none: everything is written first, then renamed; if anything fails (a full disk, a
picture too large, Ctrl+C, SIGTERM, SIGHUP), the temporaries are removed and the files
already renamed are put back as they were.

Symbolic links are written *through*: OUT's resolved target is replaced (the temporary sits
beside it), so the link keeps pointing at the new file, as an editor's save does. The new
file keeps the replaced file's permissions, never world-writable nor set-id; a new file gets
0666 less the umask, also never world-writable. OUT that resolves to something other than a
regular file (a folder, a device such as ``/dev/null``, a FIFO) is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import DrawError, ExportError, Interrupted

__all__ = ["AtomicBatch", "atomic_write", "cleanup_on_signals", "resolve_target", "same_file"]

Write = Callable[[BinaryIO], object]
_NEVER = stat.S_IWOTH | stat.S_ISUID | stat.S_ISGID | stat.S_ISVTX
_CLEANUP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                         if hasattr(signal, name))
_BLOCKED = {signal.SIGINT, *_CLEANUP_SIGNALS}


@dataclass(slots=True)
class _Staged:
    target: Path  # as the user named it
    real: Path  # the file replaced: symbolic links resolved
    temp: str
    backup: str | None = None  # a hard link (or copy) of the old file while committing
    renamed: bool = False


class AtomicBatch:
    """Files written all or none: :meth:`stage` each, then :meth:`commit`; on any error
    (or :meth:`abort`) nothing of this batch is left and every old file is as it was."""

    def __init__(self) -> None:
        self._staged: list[_Staged] = []

    def stage(self, target: Path, write: Write) -> None:
        """Write ``target``'s new content to a temporary beside it with ``write(handle)``.
        Raises :class:`ExportError` (its temporary removed) when that fails."""
        real = resolve_target(target)
        folder = real.parent
        if not folder.is_dir():
            shown = folder if os.path.islink(target) else (target.parent or Path("."))
            raise ExportError(f"{target}: the folder {shown} does not exist")
        with _signals_blocked():  # a signal between mkstemp and the record would leak it
            try:
                fd, temp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".part", dir=folder)
            except OSError as exc:
                shown = folder if os.path.islink(target) else (target.parent or Path("."))
                raise ExportError(f"{target}: cannot write in {shown}: "
                                  f"{exc.strerror or exc}") from None
            staged = _Staged(target, real, temp)
            self._staged.append(staged)
        try:
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            with contextlib.suppress(OSError):  # a FAT or SMB mount may refuse; data is safe
                os.chmod(temp, _mode_for(real))  # mkstemp makes it 0600: ours only
        except OSError as exc:
            self._forget(staged)
            raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from None
        except DrawError as exc:
            self._forget(staged)
            raise ExportError(f"{target}: {exc}") from None
        except BaseException:
            self._forget(staged)
            raise

    def commit(self) -> None:
        """Rename every temporary over its file. With several files, the old ones are
        kept aside until all are in place, and put back if any rename fails."""
        several = len(self._staged) > 1
        try:
            if several:
                for staged in self._staged:
                    staged.backup = _backup(staged)
            for staged in self._staged:
                if staged.real.is_dir():
                    raise ExportError(f"{staged.target}: is a folder")
                os.replace(staged.temp, staged.real)
                staged.renamed = True
        except OSError as exc:
            failed = next((s for s in self._staged if not s.renamed), self._staged[-1])
            self.abort()
            raise ExportError(f"{failed.target}: cannot write: {exc.strerror or exc}") from None
        except BaseException:
            self.abort()
            raise
        with _signals_blocked():
            for staged in self._staged:
                _remove(staged.backup)
            self._staged.clear()

    def abort(self) -> None:
        """Remove every temporary; put back the old files of those already renamed."""
        with _signals_blocked():
            for staged in reversed(self._staged):
                if staged.renamed:
                    if staged.backup is not None:
                        with contextlib.suppress(OSError):
                            os.replace(staged.backup, staged.real)
                    else:
                        _remove(str(staged.real))
                else:
                    _remove(staged.temp)
                    _remove(staged.backup)
            self._staged.clear()

    def _forget(self, staged: _Staged) -> None:
        with _signals_blocked():
            _remove(staged.temp)
            if staged in self._staged:
                self._staged.remove(staged)


def atomic_write(target: Path, write: Write) -> None:
    """One file written atomically (see the module): ``write(handle)`` fills it. Raises
    :class:`ExportError`; on any error ``target`` is untouched and nothing is left."""
    batch = AtomicBatch()
    try:
        batch.stage(target, write)
        batch.commit()
    except BaseException:
        batch.abort()
        raise


def resolve_target(target: Path) -> Path:
    """The file that writing ``target`` replaces: symbolic links resolved (written through).
    Raises :class:`ExportError` for a link loop, a folder or a special file."""
    try:
        real = Path(os.path.realpath(target, strict=True))
    except FileNotFoundError:  # a new file, or a link to one not made yet
        real = Path(os.path.realpath(target))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ExportError(f"{target}: a loop of symbolic links") from None
        raise ExportError(f"{target}: {exc.strerror or exc}") from None
    try:
        mode = real.stat().st_mode
    except OSError:
        return real
    if stat.S_ISDIR(mode):
        raise ExportError(f"{target}: is a folder; name a file")
    if not stat.S_ISREG(mode):
        raise ExportError(f"{target}: is not a regular file (a device, pipe or socket); "
                          "name a file")
    return real


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` are one file, however named (links, ``./x``, hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@contextlib.contextmanager
def cleanup_on_signals() -> Iterator[None]:
    """Inside, SIGTERM and SIGHUP raise :class:`Interrupted` in the main thread, as SIGINT
    raises ``KeyboardInterrupt``, so the writes under way remove their temporaries. A signal
    the process ignores (``nohup``) stays ignored; other threads change nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, _frame: object) -> None:
        raise Interrupted(signum)

    previous = {}
    for signum in _CLEANUP_SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, interrupt)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """Signals held back (delivered on leaving) around bookkeeping that must not be cut."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _BLOCKED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _backup(staged: _Staged) -> str | None:
    """A second name for the file about to be replaced (a hard link, else a copy)."""
    if not staged.real.exists():
        return None
    while True:
        name = str(staged.real.with_name(f".{staged.real.name}.{secrets.token_hex(4)}.old"))
        try:
            os.link(staged.real, name)
        except FileExistsError:
            continue
        except OSError:  # no hard links on this file system
            shutil.copy2(staged.real, name)
        return name


def _mode_for(real: Path) -> int:
    """The replaced file's permissions, or 0666 less the umask for a new one; never
    world-writable nor set-id (a link to a device once left a 0666 export)."""
    try:
        mode = stat.S_IMODE(real.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    return mode & ~_NEVER


def _umask() -> int:
    """The process's umask, read without changing it where the system says (Linux)."""
    with contextlib.suppress(OSError, ValueError, StopIteration):
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
        return int(next(line for line in status.splitlines()
                        if line.startswith("Umask:")).split()[1], 8)
    umask = os.umask(0o022)  # elsewhere only os.umask tells, by setting it: put it back
    os.umask(umask)
    return umask


def _remove(name: str | None) -> None:
    if name is not None:
        with contextlib.suppress(OSError):
            os.unlink(name)
