"""Giving the memory a big load freed back to the system (issue 18: memory per position).

The TOML parser is compiled code whose working memory comes from the C library's allocator.
After a 30 MB file that memory is free but stays reserved: the resident set kept 340 MB for
a dataset of 45 MB. ``malloc_trim`` hands the free pages back. glibc only; elsewhere (musl,
macOS, Windows) this does nothing and the allocator keeps its own policy.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

__all__ = ["RELEASE_FROM_BYTES", "release_freed_memory"]

RELEASE_FROM_BYTES = 4 << 20  # a smaller load leaves little to give back (and costs ~1 ms)

_trim: Callable[[int], int] | None = None
_looked = False


def release_freed_memory() -> bool:
    """Return the allocator's free memory to the system; whether it could be asked."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def _malloc_trim() -> Callable[[int], int] | None:
    global _trim, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux"):
            import ctypes

            try:
                function = ctypes.CDLL(None).malloc_trim
            except (AttributeError, OSError):  # not glibc
                return None
            function.argtypes = [ctypes.c_size_t]
            function.restype = ctypes.c_int
            _trim = function
    return _trim
