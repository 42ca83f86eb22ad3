"""Reading the bytes of a file the user named (regular files only, with a size limit), and
writing one atomically (the model's write path: imports and saved edits).

Every read of a data or settings file goes through :func:`read_regular_file` (or, to compare
contents without holding them, :func:`digest_regular_file`), so a FIFO (which blocks for
ever), a device such as ``/dev/zero`` (which never ends), a folder or a symlink loop is
refused with one plain sentence instead of hanging or raising (DESIGN §1: "Only regular files
are read, with a size limit").

A long read can be watched and stopped: pass a :class:`ReadObserver`, or enter
:func:`observed_reads` so that every read this thread makes inside the block (the loader's
included, which knows nothing of it) reports its progress and stops when asked. No Qt here:
the window turns the observer's calls into a progress bar and a Cancel button.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

__all__ = [
    "NAME_MAX",
    "FileProblem",
    "FileTooLarge",
    "ReadCancelled",
    "ReadObserver",
    "digest_regular_file",
    "file_mode",
    "name_beside",
    "not_regular",
    "observed_reads",
    "os_problem",
    "read_regular_file",
    "regular_file_problem",
    "signature",
    "size_text",
    "write_atomically",
    "write_target",
]

CHUNK_BYTES = 4 << 20  # an observed read reports (and can stop) every 4 MiB


class FileProblem(OSError):
    """The file cannot be read as data; ``str()`` is a sentence without the file's name."""

    def __str__(self) -> str:
        return str(self.strerror)


class FileTooLarge(FileProblem):
    """The file is over the limit it was read with."""


class ReadCancelled(FileProblem):
    """The read was stopped by its observer (the user pressed Cancel)."""


class ReadObserver:
    """Watches the reads of one load: ``progress(read, total)`` in bytes after every chunk,
    and ``cancelled()`` asked before every chunk (true stops the read with
    :class:`ReadCancelled`). Both are called on the reading thread.

    After a read, ``problem`` holds the :class:`FileProblem` it raised (``None`` when it
    read the file) and ``signature`` the opened file's identity and stamps
    (device, inode, size, modification and change times in ns), so a caller can tell
    whether the file it looks at later is still the one that was read.
    """

    def __init__(self, progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self.problem: FileProblem | None = None
        self.signature: tuple[int, ...] | None = None

    def progress(self, read: int, total: int) -> None:
        if self._progress is not None:
            self._progress(read, total)

    def cancelled(self) -> bool:
        return self._cancelled is not None and self._cancelled()


_OBSERVER: ContextVar[ReadObserver | None] = ContextVar("positions_viewer_read", default=None)


@contextmanager
def observed_reads(observer: ReadObserver) -> Iterator[ReadObserver]:
    """Inside the block, reads on this thread that are given no observer use ``observer``
    (a thread starts with none: other threads' reads are not affected)."""
    token = _OBSERVER.set(observer)
    try:
        yield observer
    finally:
        _OBSERVER.reset(token)


def size_text(size: int) -> str:
    """``size`` bytes in words a user reads: "512 bytes", "3.4 KB", "1.2 MB", "1.0 GB"."""
    if size >= 2**30:
        return f"{size / 2**30:.1f} GB"
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    if size >= 2**10:
        return f"{size / 2**10:.1f} KB"
    return f"{size} bytes"


def signature(info: os.stat_result) -> tuple[int, ...]:
    """What changes when a file is saved: its identity (device, inode; a rename-over save
    gives a new inode), size, and modification and change times (ns)."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns,
            stat.S_IFMT(info.st_mode))


def not_regular(mode: int, noun: str, verb: str = "read") -> str:
    """Why a file of this ``st_mode`` (not a regular file) is not read (or ``verb``), a
    sentence."""
    if stat.S_ISDIR(mode):
        return f"is a folder, not a {noun}"
    if stat.S_ISFIFO(mode):
        return f"is a named pipe (FIFO), not a regular file: it is not {verb}"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return f"is a device, not a regular file: it is not {verb}"
    if stat.S_ISSOCK(mode):
        return f"is a socket, not a regular file: it is not {verb}"
    return f"is not a regular file: it is not {verb}"


def os_problem(exc: OSError, path: str | os.PathLike[str] | None = None) -> FileProblem:
    """``exc`` (from opening or looking at ``path``) as a :class:`FileProblem` sentence."""
    if isinstance(exc, FileProblem):
        return exc
    if exc.errno == errno.ENOENT:
        return FileProblem(errno.ENOENT, "no such file")
    if exc.errno == errno.ELOOP:
        return FileProblem(errno.ELOOP, "is a symbolic link that points back to itself (a loop)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        if path is not None and _folder_refuses(path):
            return FileProblem(exc.errno, "permission denied: a folder on its path cannot be "
                                          "opened")
        return FileProblem(exc.errno, "permission denied: the file cannot be read")
    if exc.errno == errno.ENOTDIR:
        return FileProblem(exc.errno, "a part of the path is not a folder")
    if exc.errno == errno.ENAMETOOLONG:
        return FileProblem(exc.errno, "the path is too long")
    if exc.errno == errno.ENXIO and path is not None:  # opening a socket says "no device"
        with contextlib.suppress(OSError, ValueError):
            mode = os.stat(path).st_mode
            if not stat.S_ISREG(mode):
                return FileProblem(exc.errno, not_regular(mode, "file"))
    return FileProblem(exc.errno or 0, f"cannot read the file: {exc.strerror or exc}")


def _folder_refuses(path: str | os.PathLike[str]) -> bool:
    """Whether the permission refused is on the way to the file (a folder without search
    permission: the file cannot even be looked at), not on the file itself."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno in (errno.EACCES, errno.EPERM)
    except ValueError:
        return False
    return False


def regular_file_problem(path: str | os.PathLike[str], noun: str = "file") -> str | None:
    """Why ``path`` cannot be read as data (missing, a FIFO, a device, a folder, a loop,
    no permission), or ``None`` when it is a regular file. Never blocks, never raises.
    ``noun`` names what a folder is not ("a folder, not a TOML file")."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return str(os_problem(exc, path))
    except ValueError as exc:  # a path with a NUL character
        return f"cannot read the file: {exc}"
    if not stat.S_ISREG(info.st_mode):
        return not_regular(info.st_mode, noun)
    return None


def read_regular_file(path: str | os.PathLike[str], limit: int, noun: str = "file",
                      observer: ReadObserver | None = None) -> bytes:
    """The bytes of ``path``, at most ``limit`` of them.

    Opens with ``O_NONBLOCK`` so that a FIFO swapped in after the check cannot block, and
    checks the opened descriptor (not the name) is a regular file; reads at most
    ``limit + 1`` bytes whatever the file claims, so a file that grows cannot flood memory.
    ``observer`` (else the one :func:`observed_reads` set for this thread) hears of the
    progress every :data:`CHUNK_BYTES` and may stop the read.

    Raises :class:`FileTooLarge` over ``limit``, :class:`ReadCancelled` when the observer
    stops it, and :class:`FileProblem` (a plain sentence) for anything else that is not a
    readable regular file.
    """
    observer = observer or _OBSERVER.get()
    chunks = list(_chunks(path, limit, noun, observer, whole=observer is None))
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def digest_regular_file(path: str | os.PathLike[str], limit: int, noun: str = "file",
                        observer: ReadObserver | None = None) -> str:
    """SHA-256 (hex) of the bytes :func:`read_regular_file` would return, read a chunk at a
    time (a 1 GB file is never held whole). Raises as :func:`read_regular_file`."""
    digest = hashlib.sha256()
    for chunk in _chunks(path, limit, noun, observer or _OBSERVER.get(), whole=False):
        digest.update(chunk)
    return digest.hexdigest()


def _chunks(path: str | os.PathLike[str], limit: int, noun: str,
            observer: ReadObserver | None, whole: bool) -> Iterator[bytes]:
    """The file's bytes in chunks (one chunk when ``whole`` and the size holds still)."""
    try:
        yield from _read_chunks(path, limit, noun, observer, whole)
    except FileProblem as exc:
        if observer is not None:
            observer.problem = exc
        raise


def _read_chunks(path: str | os.PathLike[str], limit: int, noun: str,
                 observer: ReadObserver | None, whole: bool) -> Iterator[bytes]:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(Path(path), flags)
    except OSError as exc:
        raise os_problem(exc, path) from None
    except ValueError as exc:
        raise FileProblem(errno.EINVAL, f"cannot read the file: {exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(errno.EINVAL, not_regular(info.st_mode, noun))
        if info.st_size > limit:
            raise FileTooLarge(errno.EFBIG, _too_large(info.st_size, limit))
        if observer is not None:
            observer.signature = signature(info)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        # Read what the size says plus one byte: a file that grew past it is read on, to the cap.
        wanted, got = min(info.st_size, limit) + 1, 0
        step = max(wanted, 1 << 16) if whole else CHUNK_BYTES
        while got <= limit:
            if observer is not None and observer.cancelled():
                raise ReadCancelled(errno.ECANCELED, "reading was cancelled")
            chunk = os.read(fd, min(max(wanted - got, 1 << 16) if whole else step,
                                    limit + 1 - got))
            if not chunk:
                break
            got += len(chunk)
            if got > limit:
                raise FileTooLarge(errno.EFBIG, _too_large(None, limit))
            if observer is not None:
                observer.progress(got, max(got, info.st_size))
            yield chunk
        if observer is not None:
            after = signature(os.fstat(fd))
            # Written to while being read: the bytes may mix two saves; no signature to trust.
            observer.signature = after if after == observer.signature else None
    except FileProblem:
        raise
    except OSError as exc:
        raise os_problem(exc, path) from None
    finally:
        os.close(fd)


def _too_large(size: int | None, limit: int) -> str:
    sized = f"{size_text(size)}; " if size is not None else ""
    return f"the file is too large ({sized}the limit is {size_text(limit)})"


# Never given to a file written here, whatever the file replaced had: a link to /dev/zero
# (0666) or to a set-id program must not leave a world-writable or set-id file (issue 12).
_NEVER_MODE = stat.S_IWOTH | stat.S_ISUID | stat.S_ISGID | stat.S_ISVTX


def _umask() -> int:
    """The process's umask, read without changing it where Linux says (/proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)  # elsewhere only os.umask tells, by setting it: put it back
    os.umask(umask)
    return umask


def write_target(path: Path) -> Path:
    """The file that writing ``path`` replaces: symbolic links resolved, so that a link is
    written *through* and keeps pointing at the new file (the export service's rule,
    ``export/atomic.py``). Raises :class:`FileProblem` (a sentence without the name) for a
    loop of links, a folder, or anything but a regular file (a FIFO, a device, a socket)."""
    try:
        real = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:  # a new file, or a link to one not made yet
        real = Path(os.path.realpath(path))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileProblem(errno.ELOOP, "is a loop of symbolic links: it is not written"
                              ) from None
        raise os_problem(exc, path) from None
    except ValueError as exc:  # a NUL in the name
        raise FileProblem(errno.EINVAL, f"cannot write the file: {exc}") from None
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return real  # not there yet (or not to be looked at: the write will say)
    if stat.S_ISDIR(mode):
        raise FileProblem(errno.EISDIR, "is a folder; name a file")
    if not stat.S_ISREG(mode):
        raise FileProblem(errno.EINVAL, not_regular(mode, "file", verb="written"))
    return real


NAME_MAX = 255  # bytes in a file's name: ext4, XFS, Btrfs, APFS, NTFS (in UTF-16 units)


def name_beside(real: Path, tag: str) -> str:
    """A hidden name beside ``real``: ``.NAME.<8 random hex>.<tag>``, NAME cut (between
    whole characters) so that the name fits the folder's limit: a 250-byte file name is
    legal, and ``.NAME.xxxxxxxx.part`` must be too (the import, the editor and the export
    service make their temporaries so)."""
    tail = f".{secrets.token_hex(4)}.{tag}"
    name = os.fsencode(real.name)
    room = max(0, _name_max(real.parent) - 1 - len(tail))
    if len(name) > room:
        while room > 0 and name[room] & 0xC0 == 0x80:  # not inside a UTF-8 character
            room -= 1
        name = name[:room]
    return str(real.with_name(f".{os.fsdecode(name)}{tail}"))


def _name_max(folder: Path) -> int:
    """The longest name, in bytes, a file in ``folder`` may have (at most :data:`NAME_MAX`)."""
    try:
        limit = os.pathconf(folder if str(folder) else ".", "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return NAME_MAX
    return min(limit, NAME_MAX) if limit > 0 else NAME_MAX


def file_mode(real: Path, wanted: int | None = None) -> int:
    """The permission bits for a file written at ``real``: ``wanted``, else those of the file
    replaced, else 0666 less the umask; never world-writable, set-id or sticky (issue 12:
    a link to /dev/zero once left a 0666 file)."""
    if wanted is None:
        try:
            wanted = stat.S_IMODE(os.stat(real).st_mode)
        except OSError:
            wanted = 0o666 & ~_umask()
    return wanted & ~_NEVER_MODE


def write_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, then rename: ``path``
    is the complete new file or what it was (DESIGN §2, §7).

    A symbolic link is written through (its target is replaced; the link stays), as the
    export service does. ``mode`` is the permission bits to give the file (default: those
    of the file replaced, else 0o666 less the umask); world-write, set-id and sticky bits
    are never given. Raises :class:`FileProblem` when ``path`` is a loop of links, a folder
    or not a regular file (a FIFO, a device, a socket), and ``OSError`` when the write
    fails; nothing is left at ``path`` but what was there, and no temporary file."""
    real = write_target(path)
    folder = real.parent if str(real.parent) else Path(".")
    new_mode = file_mode(real, mode)
    # The name is chosen before the file is made, so that Ctrl+C, SIGTERM or SIGHUP at any
    # moment (another thread may take the signal: blocking it here is not enough) finds the
    # name to remove; O_EXCL makes sure the file removed is the one made here.
    temporary = name_beside(folder / real.name, "tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL |
                     getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):  # a folder that refuses chmod still gets the file
            os.chmod(temporary, new_mode)
        os.replace(temporary, real)
    except FileExistsError:
        raise  # from os.open: that file is not ours to remove
    except BaseException:
        # Also when interrupted before os.open made it: nothing has that (random) name then.
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
