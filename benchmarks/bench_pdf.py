"""PDF benchmarks (issue 15): a 50-page PDF against the same pages as PNG, and the memory a
PDF export adds, one page against a few hundred (in fresh processes, ``benchmarks.pdfprobe``).

Both sides of the timing paginate the same query (``ui.render.pages.paginate``) and draw the
same sheets with ``paint_sheet``: into a ``QPdfWriter`` (``write_pdf``), or into one
``QImage`` per sheet at the sheet's size (96 px an inch) encoded with ``encode_png``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from typing import Any

from .bench_ui import _everything, _qapp
from .harness import Context, Row, Target, alternate, fmt_bytes

__all__ = ["bench_pdf"]

PDF_TARGET = Target(2.0, "≤ 2×")
SHEETS = 50


def _pages_for(shown: Any, sheets: int) -> tuple[Any, Any]:
    """The page (export ``Page``) of the fewest first issues of ``shown`` that fill
    ``sheets`` sheets (all issues when they fill fewer), and its pagination."""
    from positions_viewer.export.formats import ExportOptions, Page
    from positions_viewer.model import Filter
    from positions_viewer.ui.render.pages import paginate

    options = ExportOptions("both")
    low, high = 1, len(shown.load.dataset.issues)
    while low < high:  # the sheet count grows with the issues
        middle = (low + high) // 2
        result = shown.index.query(Filter(issues=frozenset(range(middle))))
        if paginate([Page(shown.index, result, result)], options).sheet_count < sheets:
            low = middle + 1
        else:
            high = middle
    result = shown.index.query(Filter(issues=frozenset(range(low))))
    page = Page(shown.index, result, result)
    return page, paginate([page], options)


def bench_pdf(ctx: Context) -> list[Row]:
    _qapp()
    from PySide6.QtGui import QImage, QPainter

    from positions_viewer.export.formats import ExportOptions
    from positions_viewer.ui.render.image import encode_png
    from positions_viewer.ui.render.pages import paginate, paint_sheet
    from positions_viewer.ui.render.pdf import write_pdf

    size = "M" if ctx.main_size == "L" else ctx.main_size
    shown = _everything(ctx, size)
    page, pagination = _pages_for(shown, SHEETS)
    options = ExportOptions("both")
    png_bytes: list[int] = []

    def pdf() -> None:
        with tempfile.TemporaryFile() as handle:
            write_pdf([page], options, handle)

    def pngs() -> None:
        paged = paginate([page], options)
        total = paged.sheet_count
        sheet_size = paged.paper.size_px.toSize()
        png_bytes.clear()
        for number, (part, sheet) in enumerate(paged.sheets(), start=1):
            image = QImage(sheet_size, QImage.Format.Format_RGB32)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            paint_sheet(painter, part, sheet, number, total, paged.paper)
            painter.end()
            png_bytes.append(len(encode_png(image)))

    stats = alternate({"png": pngs, "pdf": pdf}, max(3, min(ctx.runs, 5)), warmup=1)
    sheets = pagination.sheet_count
    figure = f"PDF of {sheets} pages (A4, both), {size}"
    row = Row.timed(figure, stats["pdf"], PDF_TARGET, stats["png"], "same pages as PNG")
    with tempfile.TemporaryFile() as handle:
        write_pdf([page], options, handle)
        pdf_size = handle.tell()
    row.notes.append(
        f"the first {page.grid.row_count} of {len(shown.load.dataset.issues)} issues, "
        f"{page.grid.column_count} actors: {sheets} A4 sheets; both paginate and draw every "
        f"sheet; PDF {fmt_bytes(pdf_size)}, the PNGs {fmt_bytes(sum(png_bytes))} "
        f"({pagination.paper.size_px.toSize().width()}×"
        f"{pagination.paper.size_px.toSize().height()} px each)")
    return [row, _memory_row(ctx)]


def _memory_row(ctx: Context) -> Row:
    """Peak resident memory a PDF export adds: one sheet against every sheet of L."""
    path = ctx.dataset(ctx.main_size)
    probes = {}
    for issues in (4, 0):
        done = subprocess.run([sys.executable, "-m", "benchmarks.pdfprobe", str(path),
                               str(issues)], capture_output=True, text=True, check=True)
        probes[issues] = json.loads(done.stdout)
    one, every = probes[4], probes[0]
    ratio = every["added_peak_rss"] / one["added_peak_rss"]
    row = Row(f"peak memory a PDF export adds, all {every['issues']:,} issues of "
              f"{ctx.main_size} ({every['sheets']} pages)",
              baseline=f"a 1-page PDF {fmt_bytes(one['added_peak_rss'])}",
              measured=fmt_bytes(every["added_peak_rss"]), ratio=f"{ratio:.2f}×",
              target="≤ 2× (one page)", status="met" if ratio <= 2 else "MISSED")
    row.notes.append(
        f"fresh processes (benchmarks.pdfprobe): VmHWM above the resident set once the file "
        f"is loaded and queried; grid only; {every['seconds']:.1f} s for {every['sheets']} "
        f"pages, PDF {fmt_bytes(every['pdf_bytes'])}")
    return row
