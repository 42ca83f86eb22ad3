"""Timing, targets and the result table, shared by every benchmark module.

Conventions (issue #7): in-process figures are medians over repeated calls; whole-process
figures are medians of at least five runs after a warm-up; every figure that has a baseline is
measured in the same run, interleaved with it (A B A B …) so that a noisy neighbour slows both.
The table always shows min–max next to the median and flags a wide spread.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "NOISY_SPREAD",
    "Benchmark",
    "Context",
    "NotBuilt",
    "Row",
    "Stats",
    "Target",
    "alternate",
    "fmt_bytes",
    "fmt_seconds",
    "frozen_heap",
    "machine_info",
    "process_times",
    "render_table",
    "time_calls",
]

NOISY_SPREAD = 1.5  # max/min above this is flagged as noisy in the notes


class NotBuilt(Exception):
    """The code a benchmark measures does not exist yet: the row says "not built yet"."""


@dataclass(frozen=True, slots=True)
class Stats:
    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def min(self) -> float:
        return min(self.samples)

    @property
    def max(self) -> float:
        return max(self.samples)

    @property
    def spread(self) -> float:
        return self.max / self.min if self.min > 0 else float("inf")

    def percentile(self, share: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    @property
    def noisy(self) -> bool:
        return len(self.samples) > 1 and self.spread > NOISY_SPREAD


def time_calls(fn: Callable[[], object], runs: int, warmup: int = 1) -> Stats:
    """Wall time of ``runs`` calls of ``fn`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return Stats(tuple(samples))


def alternate(
    fns: dict[str, Callable[[], object]], runs: int, warmup: int = 1, collect: bool = True,
    repeats: dict[str, int] | None = None,
) -> dict[str, Stats]:
    """Time several functions interleaved (A B A B …), ``runs`` rounds.

    Each round calls every function once, or ``repeats[name]`` times in a row (a fast
    function against a slow baseline: A A A … B, A A A … B), each call timed on its own.
    With ``collect`` a full garbage collection runs (untimed) before every call, so one
    call's garbage is not collected on the next one's clock (with a big heap that costs
    a lot per call: :func:`frozen_heap` makes it cheap).
    """
    repeats = repeats or {}
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            for _ in range(repeats.get(name, 1)):
                if collect:
                    gc.collect()
                start = time.perf_counter()
                fn()
                samples[name].append(time.perf_counter() - start)
    return {name: Stats(tuple(values)) for name, values in samples.items()}


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Moves everything alive now out of the collector's reach for the block (``gc.freeze``):
    with a loaded L in memory a full collection takes a good fraction of a second, which
    would land on whichever timed call triggers it. The frames measured allocate little and
    make no cycles worth collecting. Unfrozen (and collected) afterwards."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.collect()


def process_times(
    commands: dict[str, Sequence[str]],
    runs: int = 5,
    warmup: int = 1,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> dict[str, Stats]:
    """Whole-process wall time of each command, interleaved, after ``warmup`` rounds.

    A command that exits non-zero raises :class:`RuntimeError` with its stderr.
    """
    full_env = dict(os.environ, **(env or {}))

    def once(command: Sequence[str]) -> float:
        start = time.perf_counter()
        done = subprocess.run(list(command), env=full_env, cwd=cwd, capture_output=True,
                              text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: "
                               f"{done.stderr.strip()[-500:]}")
        return elapsed

    for _ in range(warmup):
        for command in commands.values():
            once(command)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(once(command))
    return {name: Stats(tuple(values)) for name, values in samples.items()}


# -- targets and rows -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """``value <= limit``; ``text`` is how the table shows it (``≤ 0.4×``, ``≤ 16 ms``)."""

    limit: float
    text: str

    def status(self, value: float) -> str:
        return "met" if value <= self.limit else "MISSED"


@dataclass(slots=True)
class Row:
    figure: str
    baseline: str = "—"
    measured: str = "—"
    ratio: str = "—"
    target: str = "—"
    status: str = ""  # "met", "MISSED", "info", "not built yet", "failed"
    notes: list[str] = field(default_factory=list)

    @classmethod
    def timed(
        cls,
        figure: str,
        measured: Stats,
        target: Target | None = None,
        baseline: Stats | None = None,
        baseline_name: str = "",
        ratio_target: bool = True,
        unit: Callable[[float], str] | None = None,
        varied: bool = False,
    ) -> Row:
        """A row for a timing, with its ratio to ``baseline`` when there is one.

        The target applies to the ratio when ``ratio_target`` and there is a baseline,
        to the median otherwise. ``varied``: the samples are different inputs (filters),
        so the spread is theirs, not noise; the notes give the 95th percentile instead.
        """
        show = unit or fmt_seconds
        row = cls(figure, measured=f"{show(measured.median)} ({show(measured.min)}–"
                                   f"{show(measured.max)})")
        ratio = None
        if baseline is not None:
            row.baseline = (f"{baseline_name} {show(baseline.median)} ({show(baseline.min)}–"
                            f"{show(baseline.max)})").strip()
            ratio = measured.median / baseline.median
            row.ratio = f"{ratio:.2f}×"
            if baseline.noisy:
                row.notes.append(f"baseline noisy (max/min {baseline.spread:.1f}×)")
        if varied:
            row.notes.append(f"{len(measured.samples)} calls over varied inputs; "
                             f"p95 {show(measured.percentile(0.95))}")
        elif measured.noisy:
            row.notes.append(f"noisy (max/min {measured.spread:.1f}×)")
        if target is not None:
            row.target = target.text
            value = ratio if (ratio is not None and ratio_target) else measured.median
            row.status = target.status(value)
        else:
            row.status = "info"
        return row


@dataclass(frozen=True, slots=True)
class Context:
    quick: bool
    data_dir: Path
    main_size: str  # the "L" of the targets
    load_sizes: tuple[str, ...]  # load vs tomllib at these sizes (10k and 100k positions)
    timeline_sizes: tuple[str, ...]  # events-only sets (10k and 100k events)
    runs: int  # whole-file and whole-process runs per figure (>= 5 unless quick)
    calls: int  # in-process repeated calls per figure

    def dataset(self, size: str) -> Path:
        from .generate import ensure

        return ensure(size, self.data_dir)


@dataclass(frozen=True, slots=True)
class Benchmark:
    """One registered benchmark: ``run`` returns its rows.

    ``requires`` names modules that must import for it to run; when one is missing, or
    ``run`` raises :class:`NotBuilt`, the ``placeholder`` rows are printed as "not built yet".
    """

    name: str
    run: Callable[[Context], list[Row]]
    placeholder: tuple[tuple[str, str, str], ...]  # (figure, baseline, target) per row
    requires: tuple[str, ...] = ()
    description: str = ""


# -- formatting -------------------------------------------------------------------------


def fmt_seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.3g} ms"
    return f"{value * 1e6:.3g} µs"


def fmt_bytes(value: float) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if abs(value) >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value:.0f} B"


COLUMNS = ("figure", "baseline", "measured median (min–max)", "ratio", "target", "met/missed")


def render_table(rows: Sequence[Row]) -> str:
    """A pipe table (valid Markdown), padded to line up in a terminal; notes below it."""
    cells = [COLUMNS] + [
        (r.figure + (f" [{i}]" if r.notes else ""), r.baseline, r.measured, r.ratio, r.target,
         r.status)
        for i, r in _numbered(rows)
    ]
    widths = [max(len(row[c]) for row in cells) for c in range(len(COLUMNS))]

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"

    out = [line(cells[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out.extend(line(row) for row in cells[1:])
    notes = [f"[{i}] {'; '.join(r.notes)}" for i, r in _numbered(rows) if r.notes]
    if notes:
        out.append("")
        out.extend(notes)
    return "\n".join(out)


def _numbered(rows: Sequence[Row]) -> list[tuple[int, Row]]:
    numbered, count = [], 0
    for row in rows:
        if row.notes:
            count += 1
        numbered.append((count, row))
    return numbered


def machine_info() -> dict[str, str]:
    """CPU model, cores, OS, Python and library versions: where the figures came from."""
    cpu = platform.processor() or "unknown"
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "os": platform.platform(),
        "python": sys.version.split()[0],
    }
    try:
        with open("/proc/meminfo") as meminfo:
            total_kb = int(meminfo.readline().split()[1])
        info["memory"] = f"{total_kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    from importlib.metadata import PackageNotFoundError, version

    for package in ("numpy", "tomli", "PySide6-Essentials", "PySide6", "matplotlib"):
        try:
            info[package] = version(package)
        except PackageNotFoundError:
            continue
    return info
