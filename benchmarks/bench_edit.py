"""Editing benchmarks (issue 17): an edit made and saved on the main size, and the memory it
takes against viewing the same file. Qt-free: the document session, as the window drives it.

An edit here is what OK in a form does — check the entry, patch the bytes, update the
dataset, index it, query it for the views — and a save is the atomic write (temporary file,
fsync, rename). The baseline is loading the file again (what showing an edit would cost
without the write path's entry-by-entry update).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from positions_viewer.model import DatasetIndex, load_file
from positions_viewer.model.write import (
    DeleteEntry,
    MoveEntry,
    add_statement,
    edit_entry,
    entry_values,
)
from positions_viewer.ui.session import DocumentSession

from .harness import Context, Row, Stats, Target, fmt_bytes

__all__ = ["bench_edit"]

EDIT_TARGET = Target(1.0, "≤ 1 s")
MEMORY_TARGET = Target(1.5, "≤ 1.5×")


def _timed(fn: Callable[[], object], runs: int) -> Stats:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return Stats(tuple(samples))


def bench_edit(ctx: Context) -> list[Row]:
    size = ctx.main_size
    source = ctx.dataset(size)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / source.name
        shutil.copyfile(source, path)
        rows = _timings(ctx, size, path)
        shutil.copyfile(source, path)
        rows += _window(ctx, size, path)
    return rows + _memory(ctx, size, source)


def _timings(ctx: Context, size: str, path: Path) -> list[Row]:
    session = DocumentSession()
    result = load_file(path)
    assert result.dataset is not None
    session.show_loaded(path, result, DatasetIndex(result.dataset))
    label = f"{size}, {len(result.dataset.positions):,} positions"
    del result
    edits = session.edits
    counter = iter(range(10**6))

    def dataset_now() -> object:
        assert session.dataset is not None
        return session.dataset

    def edit_one() -> None:
        dataset = session.dataset
        assert dataset is not None
        number = next(counter)
        index = (number * 7919) % len(dataset.positions)
        values = dict(entry_values(dataset, "positions", index), text=f"Edited, take {number}")
        edits.apply(edit_entry(dataset, "positions", index, values))

    def edit_and_save() -> None:
        edit_one()
        edits.save()

    def first_edit_and_save() -> None:
        edits.reset()  # the next edit reads the file and finds its entries again
        edit_and_save()

    def add_and_save() -> None:
        dataset = session.dataset
        assert dataset is not None
        edits.apply(add_statement(dataset, next(counter) % len(dataset.issues), 0, "Added"))
        edits.save()

    def delete_and_save() -> None:
        dataset = session.dataset
        assert dataset is not None
        edits.apply(DeleteEntry("positions", (next(counter) * 104729) % len(dataset.positions)))
        edits.save()

    def move_and_save() -> None:
        edits.apply(MoveEntry("issues", 0, 1))
        edits.save()

    def undo_and_save() -> None:
        edits.undo()
        edits.save()

    def reload() -> None:
        if load_file(path).dataset is None:
            raise RuntimeError(f"{path} no longer loads")

    runs = ctx.runs
    first = _timed(first_edit_and_save, max(3, runs // 2))
    baseline = _timed(reload, max(3, runs // 2))
    edit_save = _timed(edit_and_save, runs)
    apply_only = _timed(edit_one, runs)
    save_only = _timed(lambda: edits.save(), runs)  # after edit_one: one pending edit
    _timed(edit_one, 1)
    added = _timed(add_and_save, runs)
    deleted = _timed(delete_and_save, runs)
    moved = _timed(move_and_save, max(3, runs // 2))
    undone = _timed(undo_and_save, runs)
    assert load_file(path).dataset == dataset_now()  # what was saved is what is shown
    rows = [
        Row.timed(f"edit a statement + save, {label}", edit_save, EDIT_TARGET, baseline,
                  "load_file (a reload)", ratio_target=False),
        Row.timed(f"first edit after opening (reads the file) + save, {size}", first,
                  EDIT_TARGET, baseline, "load_file", ratio_target=False),
        Row.timed(f"edit a statement, shown (check, patch, dataset, index, query), {size}",
                  apply_only),
        Row.timed(f"save (atomic write, fsync, rename), {size}", save_only),
        Row.timed(f"add a statement + save, {size}", added, EDIT_TARGET),
        Row.timed(f"delete a statement + save (renumbers the rest), {size}", deleted,
                  EDIT_TARGET),
        Row.timed(f"move an issue + save (remaps every statement), {size}", moved,
                  EDIT_TARGET),
        Row.timed(f"undo + save, {size}", undone, EDIT_TARGET),
    ]
    edits.reset()
    return rows


def _window(ctx: Context, size: str, path: Path) -> list[Row]:
    """The same edit made in the window, from OK in the statement form to the file saved and
    the window painted (grid, timeline, details, filter bar and saved views follow). Edits
    are paced as a person makes them: while the form is open the file is read for editing
    (the first time) and after each edit the new index folds its texts for search, both on
    worker threads, untimed."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from positions_viewer.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1280, 800)
    window.show_loaded(path, load_file(path))
    window.show()

    def settle() -> None:
        for _ in range(500):
            app.processEvents()
            index = window.session.index
            if (index is None or index.search_ready) and not window.session.edits.reading_ahead:
                break
            time.sleep(0.02)

    settle()
    samples: list[float] = []
    for number in range(ctx.runs + 1):
        dataset = window.session.dataset
        assert dataset is not None
        position = dataset.positions[(number * 7919) % len(dataset.positions)]
        window.session.select_cell(position.issue, position.actor)
        form = window.editing.edit_statement(position.index)
        assert form is not None
        form.text.setPlainText(f"In the window {number}")
        settle()  # the user types; the file is read meanwhile (the first time)
        start = time.perf_counter()
        form.accept()
        window.editing.save()
        window.repaint()
        app.processEvents()
        samples.append(time.perf_counter() - start)
        settle()
    window.session.edits.reset()
    window.close()
    window.deleteLater()
    app.processEvents()
    return [
        Row.timed(f"edit a statement + save in the window (OK to saved and painted), {size}",
                  Stats(tuple(samples[1:])), EDIT_TARGET),
        Row.timed(f"first edit + save in the window (the file read while the form was "
                  f"open), {size}", Stats(tuple(samples[:1])), EDIT_TARGET),
    ]


def _probe(path: Path, *extra: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.editprobe", str(path), *extra],
        capture_output=True, text=True, check=False, cwd=Path(__file__).resolve().parent.parent,
    )
    if done.returncode != 0:
        raise RuntimeError(f"editprobe failed: {done.stdout.strip()} {done.stderr[-500:]}")
    result: dict[str, float] = json.loads(done.stdout)
    return result


def _memory(ctx: Context, size: str, path: Path) -> list[Row]:
    """Peak memory of a process viewing the file, against one making six edits and saving
    after each, median of a few fresh processes each, interleaved."""
    views, edited = [], []
    for _ in range(1 if ctx.quick else 3):
        views.append(_probe(path))
        edited.append(_probe(path, "--edit", "6"))
    view = sorted(views, key=lambda p: p["peak_rss"])[len(views) // 2]
    edit = sorted(edited, key=lambda p: p["peak_rss"])[len(edited) // 2]
    ratio = edit["peak_rss"] / view["peak_rss"]
    kept = edit["rss_after"] / view["rss_after"]
    return [Row(
        f"peak memory editing {size} (6 edits, each saved)",
        baseline=f"viewing it {fmt_bytes(view['peak_rss'])}",
        measured=f"{fmt_bytes(edit['peak_rss'])}",
        ratio=f"{ratio:.2f}×",
        target=MEMORY_TARGET.text,
        status=MEMORY_TARGET.status(ratio),
        notes=[f"whole-process peak RSS (VmHWM) of fresh processes, median of {len(views)}; "
               f"resident at the end {fmt_bytes(edit['rss_after'])} against "
               f"{fmt_bytes(view['rss_after'])} viewing ({kept:.2f}×: the file's bytes and "
               f"the undo history are kept while editing); the six edits took "
               f"{edit['seconds']:.2f} s"],
    )]
