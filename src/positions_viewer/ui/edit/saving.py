"""Writing the edited bytes to the file (DESIGN §7): atomically, keeping its permissions.

The bytes go to a temporary file in the same folder, are synced, then renamed over the file
(``export.atomic``: symbolic links are written through, the permissions kept, nothing left
behind on failure). A read-only file is refused before anything is written: a rename would
replace it even so, and the user marked it so for a reason. Every refusal is one sentence
naming the file and saying the edits are kept. Qt-free.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ...export.atomic import atomic_write, resolve_target
from ...export.errors import ExportError
from ...limits import MAX_FILE_BYTES
from ...model.files import FileProblem, read_regular_file
from ...paths import seeds_dir

__all__ = ["SaveError", "disk_digest", "read_for_editing", "write_file"]

KEPT = "your edits are kept"


class SaveError(Exception):
    """The file cannot be written: one sentence naming it, saying what to do."""


def write_file(target: Path, data: bytes) -> str:
    """Write ``data`` to ``target`` atomically; returns the SHA-256 of what was written.
    Raises :class:`SaveError` (``target`` untouched) when it cannot be written."""
    problem = unwritable(target)
    if problem:
        raise SaveError(problem)
    try:
        atomic_write(target, lambda handle: handle.write(data))
    except ExportError as exc:
        raise SaveError(f"{exc}; {KEPT}") from None
    return hashlib.sha256(data).hexdigest()


def unwritable(target: Path) -> str:
    """Why ``target`` must not be written (empty when it may)."""
    try:
        real = resolve_target(target)
    except ExportError as exc:
        return f"{exc}; {KEPT}"
    if _inside(real, seeds_dir()):
        return (f"{target.name} is the bundled example, part of the installed program; "
                f"{KEPT}: use Save As… to write them to a file of your own")
    if real.exists() and not _writable(real):
        return (f"{target} is read-only; {KEPT}: make it writable, or use Save As… to write "
                "them to another file")
    folder = real.parent
    if not folder.is_dir():
        return f"{target}: the folder {folder} does not exist; {KEPT}"
    if not _writable(folder):
        return (f"{target}: the folder {folder} is read-only, so the file cannot be replaced "
                f"safely; {KEPT}: use Save As… to write them elsewhere")
    return ""


def read_for_editing(path: Path) -> bytes:
    """The file's bytes, as the loader reads them. Raises :class:`SaveError`."""
    try:
        return read_regular_file(path, MAX_FILE_BYTES, noun="TOML file")
    except FileProblem as exc:
        raise SaveError(f"{path}: {exc}") from None


def disk_digest(path: Path) -> str | None:
    """SHA-256 of the file as it is on disk now (``None``: it cannot be read)."""
    try:
        return hashlib.sha256(read_regular_file(path, MAX_FILE_BYTES)).hexdigest()
    except OSError:
        return None


def _writable(path: Path) -> bool:
    """Writable by this process, and not marked read-only for everyone (``chmod a-w``):
    root may write anything, but a file its owner made read-only is refused all the same."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(
        path, os.W_OK | (os.X_OK if path.is_dir() else 0))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
