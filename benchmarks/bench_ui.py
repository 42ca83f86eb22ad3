"""UI benchmarks (Qt, offscreen): timeline frames, grid repaint and scroll, the window's
filter update, start-up, PNG export (issue #7).

Everything paints with the application's own code into real Qt surfaces on the offscreen
platform: a ``QImage`` for timeline frames, shown (offscreen) widgets for the grid and the
window, fresh processes for start-up. Baselines are measured in the same run, interleaved
with what they are compared to. What each row measures, exactly, is in docs/benchmarks.md.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bench_model import filter_changes, loaded
from .harness import Context, Row, Stats, Target, alternate, fmt_bytes, frozen_heap

__all__ = ["bench_export", "bench_grid", "bench_startup", "bench_timeline", "bench_window"]

FRAME_TARGET = Target(8e-3, "≤ 8 ms")
GROWTH_TARGET = Target(5.0, "≤ 5×")
ZOOM_TARGET = Target(2e-3, "≤ 2 ms")
GRID_TARGET = Target(40e-3, "≤ 40 ms")
WINDOW_TARGET = Target(16e-3, "≤ 16 ms")
STARTUP_TARGET = Target(1.5, "≤ 1.5×")
OPEN_TARGET = Target(1.2, "≤ 1.2×")  # issue 18: open to first paint against check
EXPORT_TARGET = Target(0.4, "≤ 0.4×")

TIMELINE_W, TIMELINE_H = 1920, 400
GRID_W, GRID_H = 1280, 800
EXPORT_WIDTH = 1920  # "1080p": 1920 logical px wide, as tall as the page is
EXPORT_ISSUES = 100  # M's 200 issues make a 24,200 px page, over the 16,384 px export limit
ZOOM_SHARE = 0.01
ZOOM_CENTRES = (0.1, 0.3, 0.5, 0.7, 0.9)  # where the 1% windows sit across the full extent
STARTUP_RUNS, STARTUP_RUNS_QUICK = 7, 3  # whole processes each, after one warm-up round
OPEN_RUNS = 3  # open to first paint: whole processes per size, after one warm-up round
# At 900k positions (XL, 280 MB) a check takes ~9 s: fewer runs and no warm-up round of its
# own (the smaller sizes' warm-up has compiled the bytecode; the file is read once first).
OPEN_XL_RUNS = 2
EXPORT_RUNS = 3
REPO = Path(__file__).resolve().parent.parent


def _qapp() -> Any:
    """The QApplication (widgets need one, not just a QGuiApplication)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    if not isinstance(app, QApplication):
        raise RuntimeError("a QGuiApplication exists already; the UI rows need a QApplication")
    return app


@dataclass(slots=True)
class _Shown:
    """A loaded file, indexed, with everything shown (no filter)."""

    size: str
    load: Any  # LoadResult
    index: Any  # DatasetIndex
    result: Any  # QueryResult of Filter()
    colors: list[str]


_shown: dict[str, _Shown] = {}


def _everything(ctx: Context, size: str) -> _Shown:
    if size not in _shown:
        from positions_viewer.model import DatasetIndex, Filter
        from positions_viewer.ui.theme import actor_colors

        load = loaded(ctx.dataset(size))
        index = DatasetIndex(load.dataset)
        _shown[size] = _Shown(size, load, index, index.query(Filter()),
                              actor_colors([a.color for a in load.dataset.actors]))
    return _shown[size]


def _cycled(fn: Callable[[Any], object], inputs: Sequence[Any], calls: int) -> Stats:
    """Each call of ``fn`` timed on its own, cycling through ``inputs``; one warm-up pass."""
    for value in inputs:
        fn(value)
    samples = []
    for number in range(max(calls, len(inputs))):
        value = inputs[number % len(inputs)]
        start = time.perf_counter()
        fn(value)
        samples.append(time.perf_counter() - start)
    return Stats(tuple(samples))


# -- timeline -----------------------------------------------------------------------------


def _paint_frame(image: Any, data: Any, view: Any) -> Any:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    from positions_viewer.ui.render.timeline.paint import paint_timeline
    from positions_viewer.ui.theme import LIGHT

    painter = QPainter(image)
    try:
        return paint_timeline(painter, QRectF(0, 0, image.width(), image.height()), data, view,
                              LIGHT)
    finally:
        painter.end()


def _naive_frame(image: Any, data: Any, view: Any) -> None:
    """The baseline: one straightforward QPainter loop over every shown event, a dot and the
    title each, in lanes by position in date order; same fonts, colours and anti-aliasing."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QPainter

    from positions_viewer.ui.render.timeline.style import timeline_style
    from positions_viewer.ui.theme import LIGHT

    style = timeline_style(LIGHT)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(image.rect(), style.surface)
        painter.setFont(style.font)
        left, width = style.side, image.width() - 2 * style.side
        per_day = width / (view.end - view.start)
        top = style.header_h + style.lane_h / 2
        lanes = max(1, int((image.height() - style.header_h - style.axis_h) // style.lane_h))
        colors = [QColor(c) for c in data.actor_colors]
        radius = style.marker / 2
        events = data.dataset.events
        for number, row in enumerate(data.rows.tolist()):
            event = events[row]
            x = left + (event.start - view.start) * per_day
            y = top + (number % lanes) * style.lane_h
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colors[event.actors[0]] if event.actors else style.neutral)
            painter.drawEllipse(QPointF(x, y), radius, radius)
            painter.setPen(style.text)
            painter.drawText(QPointF(x + radius + style.pad, y + style.fm.ascent() / 2),
                             event.title)
    finally:
        painter.end()


def bench_timeline(ctx: Context) -> list[Row]:
    """Frames of every timeline size at full extent, 1920×400 QImage, against a naive paint
    of the same events (interleaved); then 1% zoom windows of each size."""
    _qapp()
    from PySide6.QtGui import QImage

    from positions_viewer.ui.render.timeline.data import TimelineData
    from positions_viewer.ui.render.timeline.fit import fit_view
    from positions_viewer.ui.render.timeline.view import TimelineView
    from positions_viewer.ui.theme import LIGHT

    image = QImage(TIMELINE_W, TIMELINE_H, QImage.Format.Format_ARGB32_Premultiplied)
    rows: list[Row] = []
    full: dict[str, Stats] = {}
    zoom_rows: list[Row] = []
    biggest = ctx.timeline_sizes[-1]
    for number, size in enumerate(ctx.timeline_sizes):
        shown = _everything(ctx, size)
        data = TimelineData.from_result(shown.result, shown.index, shown.colors)
        view = fit_view(data, TIMELINE_W, LIGHT)
        hit = _paint_frame(image, data, view)
        with frozen_heap():
            stats = alternate(
                {"naive": lambda d=data, v=view: _naive_frame(image, d, v),
                 "ours": lambda d=data, v=view: _paint_frame(image, d, v)},
                # The first size warms both up; the naive 100k frame takes seconds.
                ctx.runs, warmup=1 if number == 0 else 0, collect=False,
                repeats={"ours": max(1, ctx.calls // ctx.runs)},
            )
        full[size] = stats["ours"]
        main = size == biggest
        row = Row.timed(
            f"timeline frame, {size} ({data.count:,} events), full extent, "
            f"{TIMELINE_W}×{TIMELINE_H}",
            stats["ours"], FRAME_TARGET if main else None, stats["naive"], "naive paint",
            ratio_target=False,
        )
        row.notes.append(f"{hit.lod.name.lower()} mode, {hit.visible_count:,} events in view; "
                         f"{len(stats['ours'].samples)} frames interleaved with "
                         f"{len(stats['naive'].samples)} naive ones; p95 "
                         f"{stats['ours'].percentile(0.95) * 1e3:.3g} ms")
        rows.append(row)

        span = view.end - view.start
        windows = [TimelineView(view.start + span * (c - ZOOM_SHARE / 2),
                                view.start + span * (c + ZOOM_SHARE / 2)) for c in ZOOM_CENTRES]
        hits = [_paint_frame(image, data, w) for w in windows]
        with frozen_heap():
            zoom = _cycled(lambda w, d=data: _paint_frame(image, d, w), windows, ctx.calls)
        zoom_row = Row.timed(f"timeline frame, {size}, zoomed to 1%", zoom, ZOOM_TARGET,
                             varied=True)
        modes = sorted({h.lod.name.lower() for h in hits})
        zoom_row.notes.append(
            f"{len(windows)} windows of 1% of the full extent at "
            f"{', '.join(f'{c:.0%}' for c in ZOOM_CENTRES)} across it; {'/'.join(modes)} mode, "
            f"{min(h.visible_count for h in hits):,}–{max(h.visible_count for h in hits):,} "
            f"events in view, {max(len(h.items) for h in hits)} labelled at most"
        )
        zoom_rows.append(zoom_row)

    if len(ctx.timeline_sizes) >= 2:
        small, big = ctx.timeline_sizes[0], ctx.timeline_sizes[-1]
        growth = full[big].median / full[small].median
        rows.append(Row(f"timeline frame growth {small}→{big} events", measured=f"{growth:.2f}×",
                        target=GROWTH_TARGET.text, status=GROWTH_TARGET.status(growth),
                        notes=["ratio of the two full-extent medians above"]))
    else:
        rows.append(Row("timeline frame growth 10k→100k events", status="info",
                        notes=["needs two timeline sizes (not with --size)"]))
    return rows + zoom_rows


# -- grid ---------------------------------------------------------------------------------


def _paint_counter() -> Any:
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    return PaintCounter()


def _settle(app: Any, view: Any) -> None:
    """Lets the view do what follows a scroll, as the event loop would: paint, fit the rows
    that came into view (``GridView._resize_timer``, zero delay) and paint again."""
    app.processEvents()
    timer = getattr(view, "_resize_timer", None)
    for _ in range(100):  # a single-shot zero-delay timer: one or two passes
        if timer is None or not timer.isActive():
            break
        app.processEvents()
    app.processEvents()


def _wheel_notch(app: Any, view: Any) -> None:
    """One wheel notch down over the middle of the grid, as a mouse sends it."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent

    viewport = view.viewport()
    pos = QPointF(viewport.width() / 2, viewport.height() / 2)
    event = QWheelEvent(pos, QPointF(viewport.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    app.sendEvent(viewport, event)


def bench_grid(ctx: Context) -> list[Row]:
    """GridView 1280×800 showing all of L: a full repaint, and a wheel-notch scroll step
    from the event to the settled repaint, rows coming into view measured."""
    app = _qapp()
    from positions_viewer.ui.grid.view import GridView
    from positions_viewer.ui.session import DocumentSession
    from positions_viewer.ui.theme import LIGHT

    shown = _everything(ctx, ctx.main_size)
    session = DocumentSession()
    view = GridView(session)
    try:
        view.set_theme(LIGHT)
        view.resize(GRID_W, GRID_H)
        session.show_loaded(Path(ctx.dataset(ctx.main_size)), shown.load, shown.index)
        view.show()
        _settle(app, view)
        counter = _paint_counter()
        view.viewport().installEventFilter(counter)
        viewport = view.viewport().size()
        bar = view.verticalScrollBar()

        with frozen_heap():
            before = counter.count
            repaint = _cycled(lambda _: view.viewport().repaint(), [None], ctx.calls)
            if counter.count == before:
                raise RuntimeError("the grid's viewport did not paint")
            repaint_row = Row.timed(f"grid repaint at {GRID_W}×{GRID_H}, {ctx.main_size}",
                                    repaint, GRID_TARGET)
            repaint_row.notes.append(
                f"GridView {GRID_W}×{GRID_H} (viewport {viewport.width()}×{viewport.height()}), "
                f"{shown.result.row_count:,}×{shown.result.column_count} cells, top of the "
                f"grid: viewport().repaint(), synchronous; p95 "
                f"{repaint.percentile(0.95) * 1e3:.3g} ms")

            if bar.maximum() == 0:
                return [repaint_row, Row(
                    f"grid scroll step (one wheel notch), {GRID_W}×{GRID_H}, {ctx.main_size}",
                    target=GRID_TARGET.text, status="info",
                    notes=["every row fits in the view: nothing to scroll"])]

            def step() -> None:
                if bar.value() >= bar.maximum():
                    bar.setValue(0)
                    _settle(app, view)
                start = time.perf_counter()
                _wheel_notch(app, view)
                _settle(app, view)
                samples.append(time.perf_counter() - start)

            samples: list[float] = []
            for _ in range(3):
                step()
            samples.clear()
            before, measured = counter.count, view.measured_rows()
            for _ in range(ctx.calls):
                step()
            if counter.count < before + ctx.calls:
                raise RuntimeError("a scroll step did not repaint the grid")
            if view.measured_rows() <= measured:
                raise RuntimeError("the rows scrolled into view were not measured")
            scroll = Stats(tuple(samples))
            pixels = bar.value()
        scroll_row = Row.timed(f"grid scroll step (one wheel notch), {GRID_W}×{GRID_H}, "
                               f"{ctx.main_size}", scroll, GRID_TARGET)
        scroll_row.notes.append(
            f"{len(scroll.samples)} consecutive notches of {3 * bar.singleStep()} px downwards "
            f"(to {pixels:,} px of {bar.maximum():,}), each from the wheel event to the "
            f"settled repaint, rows coming into view measured; p95 "
            f"{scroll.percentile(0.95) * 1e3:.3g} ms")
    finally:
        view.close()
        view.deleteLater()
        app.processEvents()
    return [repaint_row, scroll_row]


# -- the window's filter update -----------------------------------------------------------


def bench_window(ctx: Context) -> list[Row]:
    """MainWindow 1280×800 showing L: ``apply_filter`` through the same filter changes as the
    query row, timed call by call; the paints it schedules run untimed between calls."""
    app = _qapp()
    import random

    from positions_viewer.ui.render import text_layout
    from positions_viewer.ui.settings import Settings
    from positions_viewer.ui.window.main_window import MainWindow

    path = ctx.dataset(ctx.main_size)
    load = loaded(path)
    filters = filter_changes(load.dataset, random.Random(7))
    with tempfile.TemporaryDirectory() as scratch:
        window = MainWindow(Settings(Path(scratch)))
        try:
            window.resize(GRID_W, GRID_H)
            window.show_loaded(path, load)
            window.show()
            for _ in range(3):
                app.processEvents()

            def apply(flt: Any) -> None:
                window.apply_filter(flt)

            paints: list[float] = []

            def apply_and_paint(flt: Any) -> None:
                window.apply_filter(flt)
                start = time.perf_counter()
                app.processEvents()
                paints.append(time.perf_counter() - start)

            with frozen_heap():
                for flt in filters:  # warm-up, and the paints settle
                    apply(flt)
                    app.processEvents()
                samples = []
                for number in range(max(ctx.calls, len(filters))):
                    flt = filters[number % len(filters)]
                    start = time.perf_counter()
                    apply(flt)
                    samples.append(time.perf_counter() - start)
                    app.processEvents()
                update = Stats(tuple(samples))
                cold = []
                clear = getattr(text_layout, "_wrap", None)
                for number in range(max(ctx.calls // 4, len(filters))):
                    if clear is not None:
                        clear.cache_clear()
                    flt = filters[number % len(filters)]
                    start = time.perf_counter()
                    apply(flt)
                    cold.append(time.perf_counter() - start)
                    app.processEvents()
                cold_stats = Stats(tuple(cold))
                full = _cycled(apply_and_paint, filters, ctx.calls // 2)
                painted = Stats(tuple(a + b for a, b in zip(full.samples, paints[-len(
                    full.samples):], strict=True)))
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
    row = Row.timed(f"filter change → MainWindow.apply_filter (grid model, timeline data; "
                    f"no paint), {ctx.main_size}", update, WINDOW_TARGET, varied=True)
    row.notes.append(
        f"window {GRID_W}×{GRID_H}, the query row's filter changes; includes the query, the "
        f"grid model reset and the measuring of the rows on screen, the timeline's data, the "
        f"status and details. With the text-layout cache cleared before each call (rows never "
        f"seen before): median {cold_stats.median * 1e3:.3g} ms, p95 "
        f"{cold_stats.percentile(0.95) * 1e3:.3g} ms")
    paint_row = Row.timed(f"filter change → window repainted (apply_filter + paint), "
                          f"{ctx.main_size}", painted, None, varied=True)
    paint_row.notes.append("the same, plus processing the events it posts: the timeline and "
                           "grid repaint (offscreen backing store)")
    return [row, paint_row]


# -- start-up -----------------------------------------------------------------------------


def _process_runs(commands: dict[str, list[str]], runs: int, warmup: int,
                  env: dict[str, str]) -> dict[str, tuple[Stats, list[dict[str, float]]]]:
    """Whole-process wall time, spawn to exit, interleaved, after ``warmup`` rounds; each
    process prints one JSON line of its own milestones (seconds since spawn)."""

    def once(command: list[str]) -> tuple[float, dict[str, float]]:
        spawn = time.time()
        start = time.perf_counter()
        done = subprocess.run(
            command, env=dict(env, BENCH_SPAWN=repr(spawn)), cwd=REPO, capture_output=True,
            text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0 or not done.stdout.strip():
            raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: "
                               f"{done.stderr.strip()[-500:]}")
        marks: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
        return elapsed, marks

    for _ in range(warmup):
        for command in commands.values():
            once(command)
    out: dict[str, tuple[list[float], list[dict[str, float]]]] = {
        name: ([], []) for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            elapsed, marks = once(command)
            out[name][0].append(elapsed)
            out[name][1].append(marks)
    return {name: (Stats(tuple(times)), marks) for name, (times, marks) in out.items()}


def _median_marks(marks: list[dict[str, float]]) -> list[tuple[str, float]]:
    import statistics

    names = list(marks[0])
    return [(n, statistics.median(m[n] for m in marks if n in m)) for n in names]


def bench_startup(ctx: Context) -> list[Row]:
    """``python -m benchmarks.startup_probe app`` (the real ``positions-viewer`` entry point
    on the bundled dataset) against ``… bare`` (QApplication + empty QMainWindow), whole
    processes, interleaved, after a warm-up round."""
    probe = [sys.executable, "-m", "benchmarks.startup_probe"]
    with tempfile.TemporaryDirectory() as scratch:
        # As after a user's install (pip compiles bytecode as it installs): the warm-up round
        # writes whatever bytecode is missing. Under PYTHONDONTWRITEBYTECODE every run would
        # compile the app's modules and superqt from source again.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   POSITIONS_VIEWER_CONFIG_DIR=scratch)
        results = _process_runs({"bare": [*probe, "bare"], "app": [*probe, "app"]},
                                STARTUP_RUNS_QUICK if ctx.quick else STARTUP_RUNS, 1, env)
    app, bare = results["app"], results["bare"]
    row = Row.timed("start-up to first painted window, bundled dataset (whole process)",
                    app[0], STARTUP_TARGET, bare[0], "QApplication + empty QMainWindow")
    phases = _median_marks(app[1])
    steps, previous = [], 0.0
    for name, at in phases:
        steps.append(f"{name} +{(at - previous) * 1e3:.0f} ms")
        previous = at
    bare_phases = _median_marks(bare[1])
    row.notes.append(
        f"{len(app[0].samples)} runs each after a warm-up, interleaved; spawn to first paint of "
        f"the grid, then os._exit. Where the time goes (medians, since spawn): "
        + ", ".join(steps) + "; baseline: "
        + ", ".join(f"{n} {t * 1e3:.0f} ms" for n, t in bare_phases))
    return [row]


def bench_open(ctx: Context) -> list[Row]:
    """``positions-viewer FILE`` to the grid's first paint against ``positions-viewer check
    FILE``, whole processes, interleaved, after a warm-up round, at S, M, L and XL (900k
    positions; the issue's second target size)."""
    probe = [sys.executable, "-m", "benchmarks.startup_probe"]
    sizes = ("S",) if ctx.quick else ("S", "M", ctx.main_size)
    if not ctx.quick and ctx.main_size == "L":
        sizes += ("XL",)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   POSITIONS_VIEWER_CONFIG_DIR=scratch)
        for size in dict.fromkeys(sizes):
            path = str(ctx.dataset(size))
            big = size == "XL"
            if big:
                Path(path).read_bytes()  # into the page cache, as the warm-up would
            results = _process_runs({"check": [*probe, "check", path],
                                     "open": [*probe, "app", path]},
                                    1 if ctx.quick else OPEN_XL_RUNS if big else OPEN_RUNS,
                                    0 if big else 1, env)
            opened, checked = results["open"], results["check"]
            row = Row.timed(f"open to first paint, {size} (whole process)", opened[0],
                            OPEN_TARGET, checked[0], "check of the same file")
            steps, previous = [], 0.0
            for name, at in _median_marks(opened[1]):
                steps.append(f"{name} +{(at - previous) * 1e3:.0f} ms")
                previous = at
            warmed = "" if big else " after a warm-up"
            row.notes.append(f"{len(opened[0].samples)} runs each{warmed}, interleaved; "
                             f"where the time goes: " + ", ".join(steps))
            rows.append(row)
    return rows


# -- PNG export ---------------------------------------------------------------------------


@dataclass(slots=True)
class _PageContent:
    """What the matplotlib baseline draws: the text and events of our page, read once."""

    width: int
    height: int
    title: str
    caption: str
    timeline_top: float
    timeline_height: float
    events: list[tuple[float, float, str, str]]  # start, end day, colour, title
    labelled: list[tuple[float, str]]  # day and text of each label our timeline draws
    grid_top: float
    actors: list[str]
    issues: list[str]  # title + description
    cells: list[list[str]]  # "date · stance" + text, or the empty text
    column_px: float
    issue_px: float


def _page_content(result: Any, index: Any, page_height: int) -> _PageContent:
    from PySide6.QtCore import QRectF

    from positions_viewer.export.captions import caption_lines
    from positions_viewer.ui.render.page import PageSpec, layout_page
    from positions_viewer.ui.render.timeline.frame import layout_frame
    from positions_viewer.ui.render.timeline.style import timeline_style
    from positions_viewer.ui.theme import LIGHT, actor_colors

    dataset = result.dataset
    colors = actor_colors([a.color for a in dataset.actors])
    spec = PageSpec(view="both", width=EXPORT_WIDTH, theme=LIGHT, colors=tuple(colors))
    layout = layout_page(result, index, spec)
    assert layout.timeline is not None and layout.timeline_view is not None
    assert layout.grid is not None
    inner = EXPORT_WIDTH - 2 * layout.pad
    timeline_top = layout.pad + layout.heading_height + layout.pad * 0.75
    frame = layout_frame(QRectF(layout.pad, timeline_top, inner, layout.timeline_height),
                         layout.timeline, layout.timeline_view, timeline_style(LIGHT))
    labelled = [(float(dataset.events[item.row].start), f"{item.prefix} {item.title}".strip())
                for band in frame.bands for item in band.items]
    events = []
    for row in layout.timeline.rows.tolist():
        event = dataset.events[row]
        color = colors[event.actors[0]] if event.actors else "#5f6670"
        events.append((float(event.start), float(event.stop + 1), color, event.title))
    cells = []
    for row in range(result.row_count):
        line = []
        for column in range(result.column_count):
            position = result.cell(row, column).position
            if position is None:
                line.append("No stated position")
                continue
            meta = position.date.label() if position.date else "undated"
            if position.stance:
                meta += f" · {position.stance}"
            line.append(f"{meta}\n{position.text}")
        cells.append(line)
    issues = []
    for issue_index in result.issue_rows.tolist():
        issue = dataset.issues[issue_index]
        issues.append(issue.title + (f"\n{issue.description}" if issue.description else ""))
    return _PageContent(
        EXPORT_WIDTH, page_height, dataset.title, "  ·  ".join(caption_lines(result)),
        timeline_top, layout.timeline_height, events, labelled,
        timeline_top + layout.timeline_height + layout.pad * 0.75,
        [dataset.actors[i].name for i in result.actor_columns.tolist()], issues, cells,
        layout.grid.column_width, layout.grid.issue_width,
    )


def _matplotlib_png(content: _PageContent) -> bytes:
    """The baseline: matplotlib (Agg) draws the same page to a PNG of the same size: title and
    caption; a date axis with every event (dots, range bars) and the labels our timeline
    shows; the table's header and every cell's text, wrapped to its column (12 lines at
    most, as ours), with rules. Text at the same pixel size (13 px), DejaVu Sans."""
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    dpi = 100.0
    width, height = content.width, content.height
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi, facecolor="#f4f5f7")
    FigureCanvasAgg(fig)
    pt = 13 * 72 / dpi
    line_px = 13 * 1.25
    pad = 21.0

    def fx(x: float) -> float:
        return x / width

    def fy(y: float) -> float:
        return 1 - y / height

    fig.text(fx(pad), fy(pad), content.title, fontsize=pt * 1.9, weight="bold", va="top")
    fig.text(fx(pad), fy(pad + 40), textwrap.fill(content.caption, 250), fontsize=pt * 0.85,
             va="top", color="#5f6670")

    ax = fig.add_axes((fx(pad), fy(content.timeline_top + content.timeline_height),
                       fx(width - 2 * pad), content.timeline_height / height))
    epoch = 719163  # date(1970, 1, 1).toordinal(): matplotlib's day 0
    starts = [e[0] - epoch for e in content.events]
    lanes = max(2, int(content.timeline_height // 22))
    ys = [number % lanes for number in range(len(content.events))]
    points = [(s, y, e[2]) for s, y, e in zip(starts, ys, content.events, strict=True)
              if e[1] - e[0] <= 1]
    ranges = [(s, e[1] - epoch, y, e[2]) for s, y, e in zip(starts, ys, content.events,
                                                              strict=True) if e[1] - e[0] > 1]
    if points:
        ax.scatter([p[0] for p in points], [p[1] for p in points], c=[p[2] for p in points],
                   s=40, edgecolors="white", linewidths=1.0, zorder=3)
    if ranges:
        ax.hlines([r[2] for r in ranges], [r[0] for r in ranges], [r[1] for r in ranges],
                  colors=[r[3] for r in ranges], linewidth=6, alpha=0.5)
    for number, (day, text) in enumerate(content.labelled):
        ax.text(day - epoch, number % lanes + 0.3, text, fontsize=pt, clip_on=True)
    if starts:
        ax.set_xlim(min(starts) - 5, max(e[1] - epoch for e in content.events) + 5)
    ax.set_ylim(-1, lanes)
    ax.set_yticks([])
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.tick_params(labelsize=pt * 0.85)

    chars_issue = max(10, int(content.issue_px / 8.4))  # bold
    chars_cell = max(10, int(content.column_px / 7.4))
    left = pad
    xs = [left] + [left + content.issue_px + i * content.column_px
                   for i in range(len(content.actors) + 1)]
    y = content.grid_top
    rules = []
    for column, name in enumerate(content.actors):
        fig.text(fx(xs[column + 1] + 9), fy(y + 9), name, fontsize=pt * 1.08, weight="bold",
                 va="top")
    y += 48
    rules.append([(fx(left), fy(y)), (fx(xs[-1]), fy(y))])
    for issue, cells in zip(content.issues, content.cells, strict=True):
        texts = ["\n".join(_wrapped(issue, chars_issue, 7))]
        texts += ["\n".join(_wrapped(cell, chars_cell, 13)) for cell in cells]
        lines = max(t.count("\n") + 1 for t in texts)
        fig.text(fx(xs[0] + 9), fy(y + 9), texts[0], fontsize=pt, weight="bold", va="top",
                 linespacing=1.25)
        for column, text in enumerate(texts[1:]):
            fig.text(fx(xs[column + 1] + 9), fy(y + 9), text, fontsize=pt, va="top",
                     linespacing=1.25)
        y += lines * line_px + 18
        rules.append([(fx(left), fy(y)), (fx(xs[-1]), fy(y))])
    rules += [[(fx(x), fy(content.grid_top)), (fx(x), fy(y))] for x in xs]
    fig.add_artist(LineCollection(rules, colors="#d0d4da", linewidths=1,
                                  transform=fig.transFigure))
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor=fig.get_facecolor())
    return out.getvalue()


def _wrapped(text: str, chars: int, max_lines: int) -> list[str]:
    lines = []
    for paragraph in text.split("\n"):
        lines += textwrap.wrap(paragraph, chars) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: chars - 1] + "…"
    return lines


def _encode(image: Any, quality: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    if not rgb.save(buffer, "PNG", quality):
        raise RuntimeError("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def bench_export(ctx: Context) -> list[Row]:
    """``render_png(…, "both", 1920)`` + ``encode_png`` against matplotlib drawing the same
    page to a PNG of the same size, interleaved; then Qt's PNG encode alone at quality 80
    (``PNG_QUALITY``) against the default (-1)."""
    _qapp()
    try:
        import matplotlib

        matplotlib.use("Agg")
        have_baseline = True
    except ImportError:  # the test extra has no matplotlib: measure ours alone, say so
        have_baseline = False
    from positions_viewer.model import Filter
    from positions_viewer.ui.render import image as export
    from positions_viewer.ui.render import text_layout

    size = "M" if ctx.main_size == "L" else ctx.main_size
    shown = _everything(ctx, size)
    issues = len(shown.load.dataset.issues)
    flt = Filter(issues=frozenset(range(min(EXPORT_ISSUES, issues))))
    result = shown.index.query(flt)
    image = export.render_png(result, shown.index, "both", EXPORT_WIDTH)
    content = _page_content(result, shown.index, image.height())
    ours_png = export.encode_png(image)
    theirs_png = _matplotlib_png(content) if have_baseline else b""
    clear = getattr(text_layout, "_wrap", None)

    def ours() -> None:
        export.encode_png(export.render_png(result, shown.index, "both", EXPORT_WIDTH))

    def cold_ours() -> None:  # an export runs once in a fresh process: no text laid out yet
        if clear is not None:
            clear.cache_clear()
        ours()

    # Both ran once above (the warm-up); matplotlib takes about 14 s a page here, so three
    # interleaved runs, not five: its spread is a few per cent and the margin is wide.
    contenders = {"matplotlib": lambda: _matplotlib_png(content)} if have_baseline else {}
    stats = alternate({**contenders, "ours": cold_ours}, min(ctx.runs, EXPORT_RUNS), warmup=0)
    figure = f"PNG export of both at 1080p (1920 px wide), {size}"
    if have_baseline:
        row = Row.timed(figure, stats["ours"], EXPORT_TARGET, stats["matplotlib"], "matplotlib")
    else:
        row = Row.timed(figure, stats["ours"])
        row.target = EXPORT_TARGET.text
        row.notes.append("no baseline: matplotlib is not installed (pip install -e '.[bench]')")
    row.notes.append(
        f"{result.row_count} of {issues} issues"
        + (f" (all of {size} is over the {export.MAX_SIDE_PX:,} px limit)"
           if result.row_count < issues else "")
        + f", {result.column_count} actors, "
        f"{len(content.events):,} events: {image.width()}×{image.height()} px; render + encode, "
        f"text-layout cache cleared before each call; PNG {fmt_bytes(len(ours_png))}"
        + (f", matplotlib's {fmt_bytes(len(theirs_png))}" if have_baseline else ""))

    with frozen_heap():
        encodes = alternate({"default": lambda: _encode(image, -1),
                             "chosen": lambda: _encode(image, export.PNG_QUALITY)},
                            max(ctx.runs, 5), warmup=1, collect=False)
    default_bytes, chosen_bytes = len(_encode(image, -1)), len(_encode(image, export.PNG_QUALITY))
    encode_row = Row.timed(
        f"Qt PNG encode of that page, quality {export.PNG_QUALITY} (PNG_QUALITY)",
        encodes["chosen"], None, encodes["default"], "quality -1 (default)")
    encode_row.notes.append(
        f"RGB888 conversion + QImage.save; file {fmt_bytes(chosen_bytes)} at quality "
        f"{export.PNG_QUALITY}, {fmt_bytes(default_bytes)} at the default "
        f"({chosen_bytes / default_bytes:.2f}×)")
    return [row, encode_row]
