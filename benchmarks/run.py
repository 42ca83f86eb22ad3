"""Run the benchmark suite and print one table (issue #7).

    python -m benchmarks.run                  # everything, a few minutes
    python -m benchmarks.run --quick          # fewer repetitions
    python -m benchmarks.run --only load query
    python -m benchmarks.run --quick --size XS --data-dir /tmp/bench   # the smoke test

Datasets are generated on first use and cached in benchmarks/data/ (gitignored). Every ratio
is against a baseline measured in the same run; the machine may be shared and noisy, so read
ratios rather than absolute times, and mind the notes that flag a wide min–max spread.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from .bench_edit import bench_edit
from .bench_import import bench_import
from .bench_model import (
    bench_check,
    bench_compare,
    bench_load,
    bench_memory,
    bench_queries,
    bench_search,
)
from .bench_pdf import bench_pdf
from .bench_ui import (
    bench_export,
    bench_grid,
    bench_open,
    bench_startup,
    bench_timeline,
    bench_window,
)
from .generate import DATA_DIR, SIZES
from .harness import Benchmark, Context, NotBuilt, Row, machine_info, render_table

__all__ = ["BENCHMARKS", "main", "run"]

BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(
        "load", bench_load,
        (("load + validate {load}", "tomllib.load", "≤ 0.25× at L"),),
        description="load_file vs tomllib.load of the same file, at 10k and 100k positions",
    ),
    Benchmark(
        "check", bench_check,
        (("check {main} (whole process)", "python -c tomllib.load", "≤ 0.3×"),),
        description="positions-viewer check vs a process that only parses with tomllib",
    ),
    Benchmark(
        "memory", bench_memory,
        (("peak memory loading {main}", "file size", "≤ 7× file"),
         ("retained per position, {main} (Python heap)", "—", "≤ 1.2 KB"),
         ("retained per position, {main} (RSS)", "—", "≤ 1.2 KB")),
        description="peak (VmHWM, fresh process) and retained (tracemalloc, RSS) memory",
    ),
    Benchmark(
        "query", bench_queries,
        (("filter change (issue, actor, date) → query, {main}", "—", "≤ 16 ms"),
         ("as-of date change → query, {main}", "—", "≤ 16 ms"),
         ("text search, first in a session (after prepare_search), {main}", "—", "≤ 150 ms"),
         ("text search → query, {main}", "—", "≤ 150 ms")),
        description="DatasetIndex.query for filter, as-of and text changes",
    ),
    Benchmark(
        "compare", bench_compare,
        (("compare two dates → kinds, staleness, ages, all cells, {main}", "as-of query of B",
          "≤ 16 ms"),),
        description="compare() of two dates for every cell (issue 14)",
    ),
    Benchmark(
        "search", bench_search,
        (("text search, first after prepare_search, 900k positions",
          "one scan of the folded text", "≤ 150 ms"),),
        description="the search fold and the first search at 900k positions (XL, issue 18.4)",
    ),
    Benchmark(
        "import", bench_import,
        (("import {main} CSV rows → TOML", "check of the result", "≤ 2×"),),
        description="positions-viewer import of a long CSV vs check of the file it writes",
    ),
    Benchmark(
        "edit", bench_edit,
        (("edit a statement + save, {main}", "load_file (a reload)", "≤ 1 s"),
         ("peak memory editing {main} (6 edits, each saved)", "viewing it", "≤ 1.5×")),
        requires=("positions_viewer.model.write",),
        description="an edit made and saved (issue 17) and its memory against viewing",
    ),
    Benchmark(
        "timeline", bench_timeline,
        (("timeline frame, {timeline} events, full extent, 1920×400",
          "naive paint of the same events", "≤ 8 ms"),
         ("timeline frame growth 10k→100k events", "—", "≤ 5×"),
         ("timeline frame, zoomed to 1%", "—", "≤ 2 ms")),
        requires=("positions_viewer.ui.render.timeline.paint",),
        description="timeline frames into a 1920×400 QImage, full extent and zoomed to 1%",
    ),
    Benchmark(
        "grid", bench_grid,
        (("grid repaint at 1280×800, {main}", "—", "≤ 40 ms"),
         ("grid scroll step (one wheel notch), 1280×800, {main}", "—", "≤ 40 ms")),
        requires=("positions_viewer.ui.grid.view",),
        description="GridView repaint and wheel scroll step",
    ),
    Benchmark(
        "window", bench_window,
        (("filter change → MainWindow.apply_filter (grid model, timeline data; no paint), "
          "{main}", "—", "≤ 16 ms"),
         ("filter change → window repainted (apply_filter + paint), {main}", "—", "—")),
        requires=("positions_viewer.ui.window.main_window",),
        description="the window's update after a filter change",
    ),
    Benchmark(
        "startup", bench_startup,
        (("start-up to first painted window, bundled dataset (whole process)",
          "bare QApplication + empty QMainWindow", "≤ 1.5×"),),
        requires=("positions_viewer.ui.window.main_window",),
        description="whole processes to the first painted window",
    ),
    Benchmark(
        "open", bench_open,
        (("open to first paint, {main} (whole process)", "check of the same file", "≤ 1.2×"),),
        requires=("positions_viewer.ui.window.main_window",),
        description="positions-viewer FILE to the grid's first paint, against check FILE (S to XL)",
    ),
    Benchmark(
        "export", bench_export,
        (("PNG export of both at 1080p (1920 px wide), M", "matplotlib, same timeline and table",
          "≤ 0.4×"),
         ("Qt PNG encode of that page, quality 80 (PNG_QUALITY)", "quality -1 (default)", "—")),
        requires=("positions_viewer.ui.render.image",),
        description="PNG export vs matplotlib; Qt's PNG encode by quality",
    ),
    Benchmark(
        "pdf", bench_pdf,
        (("PDF of 50 pages (A4, both), M", "same pages as PNG", "≤ 2×"),
         ("peak memory a PDF export adds, all issues of {main}", "a 1-page PDF",
          "≤ 2× (one page)")),
        requires=("positions_viewer.ui.render.pdf",),
        description="a 50-page PDF vs the same pages as PNG; memory by page count",
    ),
)
NAMES = tuple(b.name for b in BENCHMARKS)


def make_context(quick: bool, size: str | None, data_dir: Path) -> Context:
    if size is None:
        return Context(quick, data_dir, "L", ("M", "L"), ("EV10K", "EV100K"),
                       runs=3 if quick else 5, calls=40 if quick else 200)
    return Context(quick, data_dir, size, (size,), (size,),
                   runs=3 if quick else 5, calls=40 if quick else 200)


def _placeholders(bench: Benchmark, ctx: Context, status: str, note: str) -> list[Row]:
    fill = {"main": ctx.main_size, "load": ", ".join(ctx.load_sizes),
            "timeline": "/".join(ctx.timeline_sizes)}
    return [Row(figure.format(**fill), baseline=baseline, target=target, status=status,
                notes=[note] if note else [])
            for figure, baseline, target in bench.placeholder]


def _missing_module(bench: Benchmark) -> str | None:
    for module in bench.requires:
        try:
            importlib.import_module(module)
        except ImportError:
            return module
    return None


def run(ctx: Context, names: Sequence[str] = NAMES, log: bool = True) -> list[Row]:
    """Run the named benchmarks in registry order; a failure becomes a row, not a crash."""
    rows: list[Row] = []
    for bench in BENCHMARKS:
        if bench.name not in names:
            continue
        start = time.perf_counter()
        if log:
            print(f"… {bench.name}: {bench.description}", file=sys.stderr, flush=True)
        missing = _missing_module(bench)
        if missing is not None:
            rows += _placeholders(bench, ctx, "not built yet", f"needs {missing}")
            continue
        try:
            rows += bench.run(ctx)
        except NotBuilt as exc:
            rows += _placeholders(bench, ctx, "not built yet", str(exc))
        except Exception as exc:  # report and go on with the other benchmarks
            traceback.print_exc()
            rows += _placeholders(bench, ctx, "failed", f"{type(exc).__name__}: {exc}")
        if log:
            print(f"  {bench.name} took {time.perf_counter() - start:.1f} s", file=sys.stderr,
                  flush=True)
    return rows


def report(rows: Sequence[Row], command: str, seconds: float) -> str:
    info = machine_info()
    lines = [
        f"Command: `{command}`",
        "",
        "Machine: " + "; ".join(f"{key} {value}" for key, value in info.items()),
        f"Run took {seconds:.0f} s on {time.strftime('%Y-%m-%d %H:%M')}.",
        "",
        render_table(rows),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions (3 runs, 40 calls): for a first look and CI")
    parser.add_argument("--only", nargs="+", choices=NAMES, metavar="NAME",
                        help=f"run only these benchmarks: {', '.join(NAMES)}")
    parser.add_argument("--size", choices=list(SIZES),
                        help="one dataset size for every benchmark instead of L, M, EV10K, "
                             "EV100K (XS for the smoke test)")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR,
                        help="where generated datasets are cached (default: benchmarks/data)")
    parser.add_argument("--markdown", type=Path, metavar="FILE",
                        help="also write the machine, the command and the table to FILE")
    ns = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    ctx = make_context(ns.quick, ns.size, ns.data_dir)
    command = "python -m benchmarks.run " + " ".join(sys.argv[1:] if argv is None else argv)
    start = time.perf_counter()
    rows = run(ctx, ns.only or NAMES)
    text = report(rows, command.strip(), time.perf_counter() - start)
    print(text)
    if ns.markdown:
        ns.markdown.write_text(text + "\n", encoding="utf-8")
    return 1 if any(r.status == "failed" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
