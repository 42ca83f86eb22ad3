"""UI benchmarks (Qt): registered now, filled in as the views they measure are built.

Each function raises :class:`NotBuilt` until it is written; the runner then prints its rows
as "not built yet". Whoever builds a view replaces the stub with the measurement (and the
baseline the issue names, measured in the same run) and keeps ``requires`` in ``run.py`` in
step with the module that view lives in.
"""

from __future__ import annotations

from .harness import Context, NotBuilt, Row

__all__ = ["bench_export", "bench_grid", "bench_startup", "bench_timeline"]


def bench_timeline(ctx: Context) -> list[Row]:
    """Frame of 100k (and 10k) events at full extent and zoomed to 1%, 1920×400 QImage,
    against a naive paint of the same events."""
    raise NotBuilt("timeline frame benchmark not written yet")


def bench_grid(ctx: Context) -> list[Row]:
    """Grid repaint at 1280×800 and a scroll step, main size."""
    raise NotBuilt("grid repaint benchmark not written yet")


def bench_startup(ctx: Context) -> list[Row]:
    """Whole process to the first painted window with the bundled dataset, against a bare
    QApplication + empty QMainWindow shown (>= 5 runs after a warm-up)."""
    raise NotBuilt("start-up benchmark not written yet")


def bench_export(ctx: Context) -> list[Row]:
    """PNG export of ``both`` at 1080p, M, against matplotlib drawing the same timeline and
    table to PNG at the same size."""
    raise NotBuilt("PNG export benchmark not written yet")
