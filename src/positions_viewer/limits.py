"""Limits shared by the command line and the window, without importing Qt."""

from __future__ import annotations

__all__ = ["MAX_FILE_BYTES", "MAX_SIDE_PX"]

# QImage returns a null image past this many pixels a side: exports refuse it before
# allocating anything.
MAX_SIDE_PX = 16384

# The largest data file read (issue 18 item 5: a limit a 24 GB machine can hold). A 1 GiB
# file is about 3.4M positions; loading it peaks near 7x its size. Read by the loader at each
# load (``limits.MAX_FILE_BYTES``), so tests may lower it with monkeypatch.
MAX_FILE_BYTES = 1 << 30
