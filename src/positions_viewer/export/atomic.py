"""Atomic writes: an export leaves each OUT either complete and new or untouched (DESIGN §2).

Every file is written to a temporary ``.OUT.*.part`` beside the file it replaces, flushed
and synced, then renamed over it. :class:`AtomicBatch` does this for several files at once,
all or none: everything is written first, then renamed; if anything fails (a full disk, a
picture too large, Ctrl+C, SIGTERM and the other signals of :mod:`.signals`), the
temporaries are removed and the files already renamed are put back as they were. A signal
that comes while the files are renamed into place (milliseconds) waits for the last rename:
the export is then complete, and the program stops as the signal asks.

A temporary's name never exceeds the folder's limit on names (255 bytes): OUT's name is cut
in it when OUT's own name is long (``.NAME….1a2b3c4d.part``).

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
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..model.files import FileProblem, file_mode, name_beside, write_target
from .errors import DrawError, ExportError
from .signals import cleanup_on_signals, held

__all__ = ["AtomicBatch", "atomic_write", "cleanup_on_signals", "resolve_target", "same_file"]

Write = Callable[[BinaryIO], object]
_CREATE = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
           | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))


@dataclass(slots=True)
class _Staged:
    target: Path  # as the user named it
    real: Path  # the file replaced: symbolic links resolved
    temp: str
    backup: str | None = None  # a hard link (or copy) of the old file while committing
    fresh: bool = False  # known to be new: no file was there (undoing removes it)
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
        fd = -1
        try:
            with held():  # a signal between making the temporary and its record would leak it
                try:
                    fd, temp = _create_beside(real, "part")
                except OSError as exc:
                    shown = folder if os.path.islink(target) else (target.parent or Path("."))
                    raise ExportError(f"{target}: cannot write in {shown}: "
                                      f"{exc.strerror or exc}") from None
                staged = _Staged(target, real, temp)
                self._staged.append(staged)
        except BaseException:
            if fd >= 0:  # a signal came meanwhile: the caller's abort removes the file
                os.close(fd)
            raise
        try:
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            with contextlib.suppress(OSError):  # a FAT or SMB mount may refuse; data is safe
                os.chmod(temp, file_mode(real))  # it was made 0600: ours only
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
        kept aside until all are in place, and put back if any rename fails. Once the
        last rename is done nothing is undone: a signal meanwhile waits for it."""
        several = len(self._staged) > 1
        try:
            if several:
                for staged in self._staged:
                    with held():  # the second name made and recorded at once
                        staged.backup, staged.fresh = _backup(staged)
            with held():
                for staged in self._staged:
                    if staged.real.is_dir():
                        raise ExportError(f"{staged.target}: is a folder")
                    os.replace(staged.temp, staged.real)
                    staged.renamed = True
                for staged in self._staged:
                    _remove(staged.backup)
                self._staged.clear()
        except OSError as exc:
            failed = next((s for s in self._staged if not s.renamed), self._staged[-1])
            self.abort()
            raise ExportError(f"{failed.target}: cannot write: {exc.strerror or exc}") from None
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Remove every temporary; put back the old files of those already renamed (a file
        that was not there is removed; one whose old content was not kept stays new)."""
        with held():
            for staged in reversed(self._staged):
                if staged.renamed:
                    if staged.backup is not None:
                        with contextlib.suppress(OSError):
                            os.replace(staged.backup, staged.real)
                    elif staged.fresh:
                        _remove(str(staged.real))
                else:
                    _remove(staged.temp)
                    _remove(staged.backup)
            self._staged.clear()

    def _forget(self, staged: _Staged) -> None:
        with held():
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
    """The file that writing ``target`` replaces: symbolic links resolved (written through;
    the one rule, :func:`~positions_viewer.model.files.write_target`). Raises
    :class:`ExportError` for a link loop, a folder or a special file."""
    try:
        return write_target(target)
    except FileProblem as problem:
        raise ExportError(f"{target}: {problem}") from None


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` are one file, however named (links, ``./x``, hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _backup(staged: _Staged) -> tuple[str | None, bool]:
    """A second name for the file about to be replaced (a hard link, else a copy), and
    whether there was no file (then there is nothing to keep: it is new)."""
    if not staged.real.exists():
        return None, True
    while True:
        name = name_beside(staged.real, "old")
        try:
            os.link(staged.real, name)
        except FileExistsError:
            continue
        except OSError:  # no hard links on this file system
            shutil.copy2(staged.real, name)
        return name, False


def _create_beside(real: Path, tag: str) -> tuple[int, str]:
    """A new file (mode 0600, opened for writing) beside ``real``, named by
    :func:`~positions_viewer.model.files.name_beside`: its descriptor and name. Raises
    ``OSError``."""
    for _ in range(100):
        name = name_beside(real, tag)
        try:
            return os.open(name, _CREATE, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file")


def _remove(name: str | None) -> None:
    if name is not None:
        with contextlib.suppress(OSError):
            os.unlink(name)
