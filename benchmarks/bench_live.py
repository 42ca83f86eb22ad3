"""Live reload and big-file loading, measured (issue 12 item 3, issue 18 item 5).

    python -m benchmarks.bench_live [--sizes M L] [--reps 7]

Every figure is a median with its baseline measured in the same process, interleaved:

- save → shown: from a save (in place) to the window showing it, against a bare
  ``load_now`` of the same file on a thread (what any reload costs at least);
- save during a load → shown: a second save made as the first one's load starts;
- longest event-loop pause during a reload (a 5 ms timer), against the longest pause while
  the same file loads on a worker thread (the compiled parser holds the GIL);
- load in a child process (files from ``isolated.ISOLATE_BYTES``) against the thread;
- idle cost: CPU per second of a window watching its file, against the same window with
  the watcher stopped;
- observed read: ``read_regular_file`` reporting progress (4 MiB chunks), against a plain read.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .generate import ensure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_live")
    parser.add_argument("--sizes", nargs="+", default=["M", "L"])
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    rows: list[tuple[str, float, str, float]] = []
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["POSITIONS_VIEWER_CONFIG_DIR"] = scratch
        for size in args.sizes:
            rows += measure(size, Path(scratch), args.reps, app)
    width = max(len(r[0]) for r in rows)
    print(f"{'row':<{width}}  {'median':>9}  {'baseline':<34} {'ratio':>6}")
    for name, value, base_name, base in rows:
        unit = "ms" if "CPU" not in name else "ms/s"
        ratio = f"{value / base:6.2f}" if base else "     —"
        base_text = f"{base_name} {base * 1000:.1f} ms" if base_name else ""
        print(f"{name:<{width}}  {value * 1000:7.1f}{unit:>2}  {base_text:<34} {ratio}")
    return 0


def measure(size: str, scratch: Path, reps: int,
            app: object) -> list[tuple[str, float, str, float]]:
    from PySide6.QtCore import QTimer

    from positions_viewer.model import load_file
    from positions_viewer.model.files import ReadObserver, read_regular_file
    from positions_viewer.ui.document.loading import load_now
    from positions_viewer.ui.window.main_window import MainWindow

    source = ensure(size).read_text(encoding="utf-8")
    first_title = next(line for line in source.splitlines() if line.startswith("title = "))

    def version(number: int) -> bytes:
        return source.replace(first_title, f'title = "Save {number}"', 1).encode()

    path = scratch / f"live-{size}.toml"
    path.write_bytes(version(0))
    mb = path.stat().st_size / 2**20
    window = MainWindow()
    window.resize(1280, 800)
    window.show_loaded(path, load_file(path))
    window.show()
    pump(app, 0.5)
    gaps: list[float] = []
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def shown(number: int) -> Callable[[], bool]:
        return lambda: window.header.title.text() == f"Save {number}"

    latency, during, loads, isolated, thread_gaps = [], [], [], [], []
    started: list[bool] = []
    window.loader.started.connect(lambda _p: started.append(True))
    for rep in range(reps):
        ticks.clear()
        timer.start()
        loads.append(in_thread(app, lambda: load_now(path, isolate=False)))
        timer.stop()
        thread_gaps.append(max(b - a for a, b in itertools.pairwise(ticks)))
        isolated.append(in_thread(app, lambda: load_now(path, isolate=True)))
        number = 3 * rep + 1
        ticks.clear()
        timer.start()
        start = time.perf_counter()
        path.write_bytes(version(number))
        latency.append(wait_for(app, shown(number)) - start)
        timer.stop()
        gaps.append(max(b - a for a, b in itertools.pairwise(ticks)))
        started.clear()
        path.write_bytes(version(number + 1))
        wait_for(app, lambda: bool(started))
        start = time.perf_counter()
        path.write_bytes(version(number + 2))
        during.append(wait_for(app, shown(number + 2)) - start)
        pump(app, 0.3)
    idle_on, idle_off = [], []
    for _ in range(3):
        idle_on.append(cpu_per_second(app, 3.0))
        window.watcher.stop()
        idle_off.append(cpu_per_second(app, 3.0))
        window.watcher.watch(path)
        pump(app, 0.2)
    window.close()
    plain, observed = [], []
    for _ in range(reps):
        start = time.perf_counter()
        read_regular_file(path, 1 << 31)
        plain.append(time.perf_counter() - start)
        start = time.perf_counter()
        read_regular_file(path, 1 << 31, observer=ReadObserver(lambda _r, _t: None))
        observed.append(time.perf_counter() - start)
    med = statistics.median
    tag = f"{size} ({mb:.1f} MB)"
    return [
        (f"save → shown, {tag}", med(latency), "load_now", med(loads)),
        (f"save during a load → shown, {tag}", med(during), "load_now", med(loads)),
        (f"longest GUI pause in a reload, {tag}", med(gaps), "loading on a thread",
         med(thread_gaps)),
        (f"load in a child process, {tag}", med(isolated), "on a thread", med(loads)),
        (f"idle CPU, watching, {tag}", med(idle_on), "watcher stopped", med(idle_off)),
        (f"observed read, {tag}", med(observed), "plain read", med(plain)),
    ]


def in_thread(app: object, work: Callable[[], object]) -> float:
    """Seconds ``work`` takes on a thread while this one runs the event loop."""
    import threading

    thread = threading.Thread(target=work)
    start = time.perf_counter()
    thread.start()
    while thread.is_alive():
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.001)
    return time.perf_counter() - start


def pump(app: object, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.002)


def wait_for(app: object, condition: Callable[[], bool], limit: float = 60.0) -> float:
    end = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the window never showed the save")
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.001)
    return time.perf_counter()


def cpu_per_second(app: object, seconds: float) -> float:
    """Process CPU seconds per wall second while the event loop idles (sleeping 10 ms)."""
    cpu, wall = time.process_time(), time.perf_counter()
    end = wall + seconds
    while time.perf_counter() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)
    return (time.process_time() - cpu) / (time.perf_counter() - wall)


if __name__ == "__main__":
    raise SystemExit(main())
