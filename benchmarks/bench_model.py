"""Model-level benchmarks (no Qt): load + validate, memory, filter, as-of and text queries."""

from __future__ import annotations

import datetime as dt
import json
import operator
import random
import subprocess
import sys
import time
import tomllib
from itertools import repeat
from pathlib import Path

import numpy as np

from positions_viewer.model import (
    Dataset,
    DatasetIndex,
    Filter,
    LoadResult,
    PartialDate,
    load_file,
)
from positions_viewer.model.compare import compare
from positions_viewer.model.search import fold, fold_query
from positions_viewer.model.statements import StatementCodes

from .generate import SIZES
from .harness import (
    Context,
    Row,
    Stats,
    Target,
    alternate,
    fmt_bytes,
    fmt_seconds,
    process_times,
)

__all__ = [
    "bench_check",
    "bench_compare",
    "bench_load",
    "bench_memory",
    "bench_queries",
    "bench_search",
    "filter_changes",
    "loaded",
]

LOAD_TARGET = Target(0.25, "≤ 0.25×")  # issue 18 item 2
CHECK_TARGET = Target(0.3, "≤ 0.3×")
PEAK_TARGET = Target(7.0, "≤ 7× file")
RETAINED_TARGET = Target(1200.0, "≤ 1.2 KB")
FRAME_TARGET = Target(16e-3, "≤ 16 ms")
SEARCH_TARGET = Target(150e-3, "≤ 150 ms")

_loaded: dict[Path, LoadResult] = {}


def loaded(path: Path) -> LoadResult:
    """The load result of ``path``, loaded once per run (the UI benchmarks share it)."""
    if path not in _loaded:
        result = load_file(path)
        if result.dataset is None:
            raise RuntimeError(f"{path}: {result.errors[0]}")
        _loaded[path] = result
    return _loaded[path]


def _dataset(path: Path) -> Dataset:
    """The loaded dataset of ``path``, loaded once per run."""
    dataset = loaded(path).dataset
    assert dataset is not None
    return dataset


def _label(size: str) -> str:
    spec = SIZES[size]
    return f"{size}, {spec.positions:,} positions"


# -- load + validate vs tomllib -----------------------------------------------------------


def bench_load(ctx: Context) -> list[Row]:
    """``load_file`` against ``tomllib.load`` of the same file, interleaved, per size."""
    rows = []
    for number, size in enumerate(ctx.load_sizes):
        path = ctx.dataset(size)
        path.read_bytes()  # into the page cache

        def baseline(path: Path = path) -> None:
            with path.open("rb") as stream:
                tomllib.load(stream)

        def ours(path: Path = path) -> None:
            if load_file(path).dataset is None:
                raise RuntimeError(f"{path} does not load")

        # The first size warms the code paths; the big file is not worth a second warm-up.
        stats = alternate({"tomllib": baseline, "ours": ours}, ctx.runs,
                          warmup=1 if number == 0 else 0)
        main = size == ctx.main_size
        row = Row.timed(
            f"load + validate {size} ({SIZES[size].positions:,} positions, "
            f"{fmt_bytes(path.stat().st_size)})",
            stats["ours"], LOAD_TARGET if main else None, stats["tomllib"], "tomllib.load",
        )
        rows.append(row)
    return rows


def bench_check(ctx: Context) -> list[Row]:
    """``positions-viewer check`` on the main size against a process that only parses it with
    ``tomllib``, whole processes interleaved (start-up, imports and exit included)."""
    size = ctx.main_size
    path = ctx.dataset(size)
    path.read_bytes()  # into the page cache
    root = Path(__file__).resolve().parent.parent
    commands = {
        "tomllib": [sys.executable, "-c",
                    "import sys, tomllib; tomllib.load(open(sys.argv[1], 'rb'))", str(path)],
        "check": [sys.executable, "-m", "positions_viewer", "check", str(path)],
    }
    # As after a user's install (pip compiles the bytecode): the warm-up round writes what
    # is missing, whatever PYTHONDONTWRITEBYTECODE says here (the start-up rows do the same).
    stats = process_times(commands, runs=ctx.runs, warmup=1, cwd=root,
                          env={"PYTHONDONTWRITEBYTECODE": ""})
    return [Row.timed(f"check {size} (whole process)", stats["check"], CHECK_TARGET,
                      stats["tomllib"], "python -c tomllib.load")]


# -- memory -------------------------------------------------------------------------------


def _probe(path: Path, *extra: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.memprobe", str(path), *extra],
        capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parent.parent,
    )
    if done.returncode != 0:
        raise RuntimeError(f"memprobe failed: {done.stdout.strip()} {done.stderr.strip()[-500:]}")
    result: dict[str, float] = json.loads(done.stdout)
    return result


def bench_memory(ctx: Context) -> list[Row]:
    """Peak and retained memory of loading the main size, each in a fresh process."""
    size = ctx.main_size
    path = ctx.dataset(size)
    probes = sorted((_probe(path) for _ in range(1 if ctx.quick else 3)),
                    key=lambda probe: probe["peak_rss_after"] - probe["rss_before"])
    rss = probes[len(probes) // 2]  # the median run
    traced = _probe(path, "--tracemalloc")
    file_bytes = rss["file_bytes"]
    peaks = [probe["peak_rss_after"] - probe["rss_before"] for probe in probes]
    peak = peaks[len(peaks) // 2]
    ratio = peak / file_bytes
    peak_row = Row(
        f"peak memory loading {size}",
        baseline=f"file size {fmt_bytes(file_bytes)}",
        measured=f"+{fmt_bytes(peak)} (+{fmt_bytes(peaks[0])}–{fmt_bytes(peaks[-1])})",
        ratio=f"{ratio:.2f}×",
        target=PEAK_TARGET.text,
        status=PEAK_TARGET.status(ratio),
        notes=[
            "peak RSS (VmHWM) of a fresh process during load_file minus its RSS after the imports "
            f"({f'median of {len(probes)} processes' if len(probes) > 1 else 'one process'}); "
            f"tracemalloc peak {fmt_bytes(traced['traced_peak'])} "
            f"({traced['traced_peak'] / file_bytes:.2f}×; it also counts buffers reserved "
            "but never touched)",
        ],
    )
    per_position = traced["traced_retained"] / traced["positions"]
    retained_row = Row(
        f"retained per position, {size} (Python heap)",
        measured=f"{per_position:.0f} B",
        target=RETAINED_TARGET.text,
        status=RETAINED_TARGET.status(per_position),
        notes=[
            f"tracemalloc after gc: the whole dataset ({fmt_bytes(traced['traced_retained'])}, "
            f"events and sources included) / {traced['positions']:,.0f} positions",
        ],
    )
    rss_per_position = (rss["rss_after"] - rss["rss_before"]) / rss["positions"]
    rss_row = Row(
        f"retained per position, {size} (RSS)",
        measured=f"{rss_per_position:.0f} B",
        target=RETAINED_TARGET.text,
        status=RETAINED_TARGET.status(rss_per_position),
        notes=[
            "RSS after load and gc minus RSS before: the heap above plus allocator slack "
            "(pymalloc arenas that still hold a live object are not returned to the system; "
            "Python reuses them)",
        ],
    )
    return [peak_row, retained_row, rss_row]


# -- queries ------------------------------------------------------------------------------


def _day(ordinal: int) -> PartialDate:
    return PartialDate.from_date(dt.date.fromordinal(ordinal))


def _per_call(index: DatasetIndex, filters: list[Filter], calls: int) -> Stats:
    """Each ``index.query`` timed on its own, cycling through ``filters``; one warm-up pass."""
    for flt in filters:
        index.query(flt)
    samples = []
    for number in range(max(calls, len(filters))):
        flt = filters[number % len(filters)]
        start = time.perf_counter()
        result = index.query(flt)
        result.status_text()
        samples.append(time.perf_counter() - start)
    return Stats(tuple(samples))


def filter_changes(dataset: Dataset, rng: random.Random) -> list[Filter]:
    """What a user clicks: issue subsets, actor subsets, date ranges, and mixes of them."""
    n_issues, n_actors = len(dataset.issues), len(dataset.actors)
    first, last = dataset.span() or (dt.date(2020, 1, 1).toordinal(),) * 2
    out = []
    for _ in range(4):
        picked = min(n_issues, rng.choice((1, 3, 10, max(1, n_issues // 10))))
        issues = frozenset(rng.sample(range(n_issues), picked))
        actors = frozenset(rng.sample(range(n_actors), rng.randint(1, max(1, n_actors - 1))))
        start = rng.randint(first, max(first, last - 365))
        window = (_day(start), _day(min(last, start + rng.randint(30, 730))))
        out += [
            Filter(issues=issues),
            Filter(actors=actors),
            Filter(date_from=window[0], date_to=window[1]),
            Filter(issues=issues, actors=actors, date_from=window[0], date_to=window[1]),
            Filter(),
        ]
    return out


def as_of_changes(dataset: Dataset, steps: int = 60) -> list[Filter]:
    """Dragging the as-of (``to``) date across the dataset's span, with and without ``from``."""
    first, last = dataset.span() or (dt.date(2020, 1, 1).toordinal(),) * 2
    out = []
    for step in range(steps):
        to = first + (last - first) * step // max(1, steps - 1)
        since = _day(max(first, to - 365)) if step % 2 else None
        out.append(Filter(date_from=since, date_to=_day(to)))
    return out


SEARCHES = ("sanctions", "erdoğan", "red lines", "treat", "ceasefire that", "no such phrase")


def search_changes(dataset: Dataset, rng: random.Random) -> list[Filter]:
    n_issues = len(dataset.issues)
    some = frozenset(rng.sample(range(n_issues), max(1, n_issues // 10)))
    out = []
    for needle in SEARCHES:
        out.append(Filter(text=needle))
        out.append(Filter(text=needle, issues=some))
        # typing: every prefix of the word is a query of its own
        out.extend(Filter(text=needle[:length]) for length in (2, 4))
    return out


def bench_queries(ctx: Context) -> list[Row]:
    size = ctx.main_size
    dataset = _dataset(ctx.dataset(size))
    rng = random.Random(7)
    builds = []
    for _ in range(3 if ctx.quick else 5):
        start = time.perf_counter()
        index = DatasetIndex(dataset)
        builds.append(time.perf_counter() - start)
    rows = [Row.timed(f"index build (once per load), {size}", Stats(tuple(builds)))]

    rows.append(Row.timed(f"filter change (issue, actor, date) → query, {size}",
                          _per_call(index, filter_changes(dataset, rng), ctx.calls),
                          FRAME_TARGET, varied=True))
    rows.append(Row.timed(f"as-of date change → query, {size}",
                          _per_call(index, as_of_changes(dataset), ctx.calls), FRAME_TARGET,
                          varied=True))

    searches = search_changes(dataset, rng)
    folds, first = _first_searches(dataset, searches[0], 2 if ctx.quick else 3)
    rows.append(Row.timed(f"search fold (prepare_search, once per load, on a worker thread), "
                          f"{size}", folds))
    rows.append(Row.timed(f"text search, first in a session (after prepare_search), {size}",
                          first, SEARCH_TARGET))
    rows.append(Row.timed(f"text search → query, {size}",
                          _per_call(index, searches, ctx.calls), SEARCH_TARGET, varied=True))
    return rows



def _first_searches(dataset: Dataset, search: Filter, runs: int) -> tuple[Stats, Stats]:
    """Each run on a fresh index: ``prepare_search`` (what the window runs on a worker thread
    after its first paint), then the first search; the times of both."""
    folds, first = [], []
    for _ in range(runs):
        fresh = DatasetIndex(dataset)
        start = time.perf_counter()
        fresh.prepare_search()
        folds.append(time.perf_counter() - start)
        start = time.perf_counter()
        fresh.query(search).status_text()
        first.append(time.perf_counter() - start)
    return Stats(tuple(folds)), Stats(tuple(first))


# -- compare (issue 14) -------------------------------------------------------------------


def compare_pairs(dataset: Dataset, steps: int = 30) -> list[tuple[PartialDate, PartialDate]]:
    """Dates A ≤ B across the dataset's span: a week, a month, a year and ten years apart."""
    first, last = dataset.span() or (dt.date(2020, 1, 1).toordinal(),) * 2
    out = []
    for step in range(steps):
        b = first + (last - first) * (step + 1) // steps
        gap = (7, 30, 365, 3650)[step % 4]
        out.append((_day(max(first, b - gap)), _day(b)))
    return out


def bench_compare(ctx: Context) -> list[Row]:
    """``compare`` of two dates for every cell against the plain as-of query of B."""
    size = ctx.main_size
    dataset = _dataset(ctx.dataset(size))
    builds = []
    for _ in range(2 if ctx.quick else 3):
        start = time.perf_counter()
        StatementCodes(dataset.positions)
        builds.append(time.perf_counter() - start)
    index = DatasetIndex(dataset)
    index.statement_codes  # noqa: B018 - built once per index, timed above
    pairs = compare_pairs(dataset)
    ours: list[float] = []
    baseline: list[float] = []
    for number in range(-len(pairs), max(ctx.calls, len(pairs))):  # one warm-up pass
        a, b = pairs[number % len(pairs)]
        start = time.perf_counter()
        compare(index, a, b).counts()
        middle = time.perf_counter()
        index.query(Filter(date_to=b)).status_text()
        end = time.perf_counter()
        if number >= 0:
            ours.append(middle - start)
            baseline.append(end - middle)
    return [
        Row.timed(f"compare codes (stances, texts; once per index), {size}",
                  Stats(tuple(builds))),
        Row.timed(f"compare two dates → kinds, staleness, ages, all cells, {size}",
                  Stats(tuple(ours)), FRAME_TARGET, Stats(tuple(baseline)),
                  "as-of query of B", ratio_target=False, varied=True),
    ]


# -- search at 900k positions (issue 18.4) ------------------------------------------------


def _search_size(ctx: Context) -> str:
    return "XL" if ctx.main_size == "L" else ctx.main_size


def _big_dataset(path: Path) -> Dataset:
    """The XL file (900k positions, 280 MB: under the 1 GiB limit)."""
    return _dataset(path)


def bench_search(ctx: Context) -> list[Row]:
    """Search at 900k positions: the fold (once), the first search, then typing."""
    size = _search_size(ctx)
    dataset = _big_dataset(ctx.dataset(size))
    searches = search_changes(dataset, random.Random(7))
    folds, first = _first_searches(dataset, searches[0], 2 if ctx.quick else 3)
    index = DatasetIndex(dataset)
    index.prepare_search()
    floor = alternate({"scan": index.search_index.scan_floor}, ctx.runs)["scan"]
    # The straightforward way, for the ratio: `needle in text` for every statement's folded
    # text, kept as Python strings (memory the real search does not spend).
    texts = [fold(text) for text in index.statement_codes.texts]
    needle = fold_query(searches[0].text)

    def each() -> None:
        np.fromiter(map(operator.contains, texts, repeat(needle)), bool, count=len(texts))

    straightforward = alternate({"each": each}, ctx.runs)["each"]
    texts.clear()
    label = f"{size}, {len(dataset.positions):,} positions"
    buffer = index.search_index.folded_bytes
    fold_row = Row.timed(f"search fold (prepare_search, on a worker thread), {label}", folds)
    fold_row.notes.append(f"folded text {fmt_bytes(buffer)}, "
                          f"{buffer / max(1, len(dataset.positions)):.0f} B a position")
    first_row = Row.timed(f"text search, first after prepare_search, {label}", first,
                          SEARCH_TARGET, straightforward, "`in` per statement",
                          ratio_target=False)
    first_row.notes.append(f"“{searches[0].text}”; one memchr pass over the folded text "
                           f"(memory speed, the floor of any scan) {fmt_seconds(floor.median)}")
    return [
        fold_row,
        first_row,
        Row.timed(f"text search → query (typing, prefixes, filters), {label}",
                  _per_call(index, searches, max(12, ctx.calls // 4)), SEARCH_TARGET,
                  varied=True),
    ]
