"""Reading the bytes of a file the user named (regular files only, with a size limit), and
writing one atomically (the model's write path: imports and saved edits).

Every read of a data or settings file goes through :func:`read_regular_file`, so a FIFO
(which blocks for ever), a device such as ``/dev/zero`` (which never ends), a folder or a
symlink loop is refused with one plain sentence instead of hanging or raising (DESIGN §1:
"Only regular files are read, with a size limit").
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["FileProblem", "FileTooLarge", "read_regular_file", "regular_file_problem",
           "size_text", "write_atomically"]


class FileProblem(OSError):
    """The file cannot be read as data; ``str()`` is a sentence without the file's name."""

    def __str__(self) -> str:
        return str(self.strerror)


class FileTooLarge(FileProblem):
    """The file is over the limit it was read with."""


def size_text(size: int) -> str:
    """``size`` bytes in words a user reads: "512 bytes", "3.4 KB", "1.2 MB", "1.0 GB"."""
    if size >= 2**30:
        return f"{size / 2**30:.1f} GB"
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    if size >= 2**10:
        return f"{size / 2**10:.1f} KB"
    return f"{size} bytes"


def _kind(mode: int, noun: str) -> str:
    if stat.S_ISDIR(mode):
        return f"is a folder, not a {noun}"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file: it is not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file: it is not read"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file: it is not read"
    return "is not a regular file: it is not read"


def _os_problem(exc: OSError) -> FileProblem:
    if isinstance(exc, FileProblem):
        return exc
    if exc.errno == errno.ENOENT:
        return FileProblem(errno.ENOENT, "no such file")
    if exc.errno == errno.ELOOP:
        return FileProblem(errno.ELOOP, "is a symbolic link that points back to itself (a loop)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FileProblem(exc.errno, "permission denied: the file cannot be read")
    if exc.errno == errno.ENOTDIR:
        return FileProblem(exc.errno, "a part of the path is not a folder")
    if exc.errno == errno.ENAMETOOLONG:
        return FileProblem(exc.errno, "the path is too long")
    return FileProblem(exc.errno or 0, f"cannot read the file: {exc.strerror or exc}")


def regular_file_problem(path: str | os.PathLike[str], noun: str = "file") -> str | None:
    """Why ``path`` cannot be read as data (missing, a FIFO, a device, a folder, a loop,
    no permission), or ``None`` when it is a regular file. Never blocks, never raises.
    ``noun`` names what a folder is not ("a folder, not a TOML file")."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return str(_os_problem(exc))
    except ValueError as exc:  # a path with a NUL character
        return f"cannot read the file: {exc}"
    if not stat.S_ISREG(info.st_mode):
        return _kind(info.st_mode, noun)
    return None


def read_regular_file(path: str | os.PathLike[str], limit: int, noun: str = "file") -> bytes:
    """The bytes of ``path``, at most ``limit`` of them.

    Opens with ``O_NONBLOCK`` so that a FIFO swapped in after the check cannot block, and
    checks the opened descriptor (not the name) is a regular file; reads at most
    ``limit + 1`` bytes whatever the file claims, so a file that grows cannot flood memory.

    Raises :class:`FileTooLarge` over ``limit`` and :class:`FileProblem` (a plain sentence)
    for anything else that is not a readable regular file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(Path(path), flags)
    except OSError as exc:
        raise _os_problem(exc) from None
    except ValueError as exc:
        raise FileProblem(errno.EINVAL, f"cannot read the file: {exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(errno.EINVAL, _kind(info.st_mode, noun))
        if info.st_size > limit:
            raise FileTooLarge(errno.EFBIG, _too_large(info.st_size, limit))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        # Read what the size says plus one byte: a file that grew past it is read on, to the cap.
        wanted, got = min(info.st_size, limit) + 1, 0
        while got <= limit:
            chunk = os.read(fd, min(max(wanted - got, 1 << 16), limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:
            raise FileTooLarge(errno.EFBIG, _too_large(None, limit))
        return b"".join(chunks)
    except FileProblem:
        raise
    except OSError as exc:
        raise _os_problem(exc) from None
    finally:
        os.close(fd)


def _too_large(size: int | None, limit: int) -> str:
    sized = f"{size_text(size)}; " if size is not None else ""
    return f"the file is too large ({sized}the limit is {size_text(limit)})"


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
    """Write ``data`` to ``path`` through a temporary file beside it, then rename: ``path``
    is the complete new file or what it was (DESIGN §2, §7). ``mode`` is the permission bits
    to give it (those of the file replaced, else 0o666 less the umask). Raises ``OSError``
    (nothing is left at ``path`` but what was there)."""
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
