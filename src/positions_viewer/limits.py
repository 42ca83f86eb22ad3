"""Limits shared by the command line and the window, without importing Qt."""

from __future__ import annotations

__all__ = ["MAX_SIDE_PX"]

# QImage returns a null image past this many pixels a side: exports refuse it before
# allocating anything.
MAX_SIDE_PX = 16384
