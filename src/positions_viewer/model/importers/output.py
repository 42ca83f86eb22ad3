"""Writing a file atomically: a temporary file in the same folder, then a rename.

The destination is either the complete new file or what it was before: an interrupted
write (Ctrl+C, SIGTERM turned into ``SystemExit`` by the command line, a full disk) leaves
no partial file and no temporary file behind (DESIGN §2).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["write_atomically"]


def _default_mode() -> int:
    """0o666 less the umask, read without changing it where Linux allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644


def write_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it; ``mode`` is the
    permission bits to give it (those of the file replaced, else 0o666 less the umask).
    Raises ``OSError`` (nothing is left at ``path`` but what was there)."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):  # a folder that refuses chmod still gets the file
            os.chmod(temporary, _default_mode() if mode is None else mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
