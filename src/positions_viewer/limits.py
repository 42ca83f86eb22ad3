"""Limits and defaults shared by the command line and the window, without importing Qt.

One home for each number (issue 11, "one set of limits"): ``export`` and the Export dialog
accept the same widths and scales and refuse the same pictures.
"""

from __future__ import annotations

__all__ = ["DEFAULT_TEXT_PX", "EXPORT_SCALES", "EXPORT_WIDTH", "IMPORT_MAX_BYTES",
           "IMPORT_MAX_CELLS", "IMPORT_MAX_CELL_CHARS", "IMPORT_MAX_COLUMNS", "IMPORT_MAX_ROWS",
           "MAX_FILE_BYTES", "MAX_SIDE_PX", "MIN_EXPORT_COLUMN_PX", "MIN_EXPORT_PX",
           "export_width_range"]

# QImage returns a null image past this many pixels a side: exports refuse it before
# allocating anything.
MAX_SIDE_PX = 16384
# The layout width of an export in logical pixels (DESIGN §5: a fixed width, not the
# window's), and the narrowest picture worth drawing (width × scale, in pixels).
EXPORT_WIDTH = 1280
MIN_EXPORT_PX = 320
# An exported page is laid out wider when an actor's column would be narrower than this
# (logical px): eight actors in 1280 px left ~100 px of wrapped fragments (issue 13.13).
MIN_EXPORT_COLUMN_PX = 180
# The body text size of the window and of exports, in logical px (Ctrl+0 comes back to it);
# every other size derives from it (ui/theme.py Theme.px).
DEFAULT_TEXT_PX = 13
# Pixel ratios offered for pictures (DESIGN §5: 1×, 2× or 3×).
EXPORT_SCALES = (1, 2, 3)


def export_width_range(scale: int) -> tuple[int, int]:
    """The layout widths (logical px, inclusive) allowed at ``scale``: the picture must be
    :data:`MIN_EXPORT_PX` to :data:`MAX_SIDE_PX` pixels wide."""
    return -(-MIN_EXPORT_PX // scale), MAX_SIDE_PX // scale

# The largest data file read (issue 18 item 5: a limit a 24 GB machine can hold). A 1 GiB
# file is about 3.4M positions; loading it peaks near 7x its size. Read by the loader at each
# load (``limits.MAX_FILE_BYTES``), so tests may lower it with monkeypatch.
MAX_FILE_BYTES = 1 << 30

# What ``import`` reads of one source (issue 12: a 5 KB workbook with one far cell asked for
# 512 GB; a 394 KB one unpacked to a 400 MB cell; 900 KB of HTML colspans made 665 MB). Each
# is checked as the source is read, and a source past one is refused with a diagnostic at
# the row and column where it went past.
IMPORT_MAX_BYTES = 256 << 20  # a source file, and a workbook's parts once unzipped (256 MB)
IMPORT_MAX_CELL_CHARS = 1 << 20  # the text of one cell (1,048,576 characters)
IMPORT_MAX_ROWS = 1 << 20  # rows of a table: a spreadsheet's own limit (1,048,576)
IMPORT_MAX_COLUMNS = 1 << 14  # columns of a table: a spreadsheet's own limit (16,384, XFD)
IMPORT_MAX_CELLS = 1 << 24  # cells read from one source, empty ones in a row included (16.7 M)
