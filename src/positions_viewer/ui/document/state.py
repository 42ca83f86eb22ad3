"""What the open file holds, in the terms the window and its watcher compare (no Qt).

A :class:`FileState` is the file's content (its SHA-256), or "missing" (nothing at the path,
or a folder on it is gone), or the sentence saying why it cannot be read (a FIFO, a device,
a symlink loop, no permission, over the size limit: DESIGN §1 "Only regular files"). A load
records the state it read; the watcher probes the state now; the window has shown the file's
last content exactly when the two are equal.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass

from ... import limits
from ...model.files import (
    FileProblem,
    ReadCancelled,
    ReadObserver,
    digest_regular_file,
    not_regular,
    os_problem,
    signature,
)

__all__ = ["MISSING", "NOUN", "FileState", "Snapshot", "content", "file_limit", "probe",
           "problem_state"]

NOUN = "TOML file"  # what a folder is not, as the loader says it: the same sentence both ways


def file_limit() -> int:
    """The size limit of a data file in bytes (the loader's, read when asked: one limit)."""
    return limits.MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class FileState:
    """``kind`` is ``"content"`` (``value``: the SHA-256 of the bytes, hex), ``"missing"``
    or ``"problem"`` (``value``: why the file cannot be read, a sentence)."""

    kind: str
    value: str = ""


MISSING = FileState("missing")


def content(digest: str) -> FileState:
    return FileState("content", digest)


def problem_state(problem: FileProblem) -> FileState:
    """The state a failed read leaves: missing for "no such file", else the sentence."""
    return MISSING if problem.errno == errno.ENOENT else FileState("problem", str(problem))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A file's state and, when it was a regular file read whole without changing, its
    :func:`~positions_viewer.model.files.signature` (the same signature later means the
    same state, without reading again). ``folder`` and ``file`` are the (device, inode) of
    the parent folder and of the file when they exist (the watcher re-adds its watches when
    they change: a folder deleted and made again, a file saved by rename)."""

    state: FileState
    signature: tuple[int, ...] | None = None
    folder: tuple[int, int] | None = None
    file: tuple[int, int] | None = None


def probe(path: str, known: Snapshot | None = None, read: bool = False,
          cancelled: Callable[[], bool] | None = None) -> Snapshot | None:
    """The state of ``path`` now; ``None`` when ``cancelled()`` stopped it.

    Looks first (one ``stat``): a regular file whose signature equals ``known``'s is taken
    to hold ``known``'s state unless ``read`` is set (a write the file system reported: its
    time stamp may not have moved). Otherwise reads it, a chunk at a time, up to the size
    limit. Never blocks on a FIFO or a device, never raises for the file's sake.
    """
    folder = _identity(os.path.dirname(path) or ".", want_folder=True)
    try:
        info = os.stat(path)
    except OSError as exc:
        return Snapshot(problem_state(os_problem(exc, path)), None, folder)
    except ValueError as exc:
        return Snapshot(FileState("problem", f"cannot read the file: {exc}"), None, folder)
    if not stat.S_ISREG(info.st_mode):
        return Snapshot(FileState("problem", not_regular(info.st_mode, NOUN)), None, folder)
    identity = (info.st_dev, info.st_ino)
    if not read and known is not None and known.signature == signature(info):
        return Snapshot(known.state, known.signature, folder, identity)
    observer = ReadObserver(cancelled=cancelled)
    try:
        digest = digest_regular_file(path, file_limit(), NOUN, observer)
    except ReadCancelled:
        return None
    except FileProblem as exc:
        return Snapshot(problem_state(exc), None, folder, identity)
    return Snapshot(content(digest), observer.signature, folder, identity)


def _identity(path: str, want_folder: bool) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if want_folder and not stat.S_ISDIR(info.st_mode):
        return None
    return info.st_dev, info.st_ino
