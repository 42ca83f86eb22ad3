"""Memory a PDF export adds once the file is loaded, in a fresh process (run by
``benchmarks.bench_pdf``).

    python -m benchmarks.pdfprobe FILE ISSUES

Loads FILE, queries its first ISSUES issues (0: all), then resets the resident high-water
mark (``VmHWM``, as ``benchmarks.memprobe`` does) and writes the PDF export of that query
(grid only, A4) to a temporary file. Prints one JSON object: the sheets written, the
seconds, and the peak resident set above the resident set before the export.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from .memprobe import _peak_rss, _reset_peak_rss, _rss


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from positions_viewer.export.formats import ExportOptions, Page
    from positions_viewer.model import DatasetIndex, Filter, load_file
    from positions_viewer.ui.render.image import ensure_gui
    from positions_viewer.ui.render.pages import paginate
    from positions_viewer.ui.render.pdf import write_pdf

    path, issues = Path(argv[0]), int(argv[1])
    dataset = load_file(path).dataset
    assert dataset is not None
    index = DatasetIndex(dataset)
    flt = Filter(issues=frozenset(range(issues))) if issues else Filter()
    result = index.query(flt)
    page = Page(index, result, result)
    options = ExportOptions("grid")
    ensure_gui()
    gc.collect()
    _reset_peak_rss()
    before = _rss()
    start = time.perf_counter()
    with tempfile.TemporaryFile() as handle:
        write_pdf([page], options, handle)
        size = handle.tell()
    seconds = time.perf_counter() - start
    peak = _peak_rss()
    sheets = paginate([page], options).sheet_count
    print(json.dumps({"issues": result.row_count, "sheets": sheets, "seconds": seconds,
                      "pdf_bytes": size, "added_peak_rss": peak - before}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
