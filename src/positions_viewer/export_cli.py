"""``positions-viewer export``: PNG, Markdown or CSV of what the filters select, headless.

Output is written to a temporary file beside OUT and renamed into place, so OUT is either
the complete new file or untouched. Markdown and CSV never import Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .cli.common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    FilterArgs,
    UsageError,
    load_or_report,
    view_filter,
)
from .limits import MAX_SIDE_PX
from .model import Dataset, DatasetIndex, Filter, QueryResult
from .model.story import view_filter_of
from .model.tables import grid_csv, grid_markdown, timeline_csv, timeline_markdown

__all__ = ["MAX_SIDE_PX", "ExportError", "atomic_write", "render_table", "run_export"]

FORMATS = ("png", "md", "csv")
DEFAULT_WIDTH = 1280


class ExportError(Exception):
    """The output cannot be written: one line, exit code 2."""


def run_export(ns: argparse.Namespace) -> int:
    out: Path = ns.output
    if ns.all_views:
        fmt = ns.format or "png"
    else:
        if ns.format and out.suffix.lower().lstrip(".") != ns.format:
            raise UsageError("--format is for --all-views; for one file the suffix of -o "
                             "picks the format")
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            shown = f"'{out.suffix}'" if out.suffix else "no suffix"
            raise UsageError(f"-o {out}: {shown}; end the name with .png, .md or .csv")
    width = DEFAULT_WIDTH if ns.width is None else ns.width  # 0 is an error, not the default
    if not 320 <= width * ns.scale <= MAX_SIDE_PX:
        raise UsageError(f"--width {width} at --scale {ns.scale} gives {width * ns.scale} px; "
                         f"use 320 to {MAX_SIDE_PX} px in all")
    dataset = load_or_report(ns.file)
    if dataset is None:
        return EXIT_DATA
    filters = FilterArgs.from_namespace(ns)
    index = DatasetIndex(dataset)
    jobs: list[tuple[Path, Filter, int | None]] = []  # the saved view, when it is one
    if ns.all_views:
        if not dataset.views:
            raise UsageError(f"{ns.file} has no [[views]] to export")
        if out.exists() and not out.is_dir():
            raise UsageError(f"-o {out}: with --all-views, OUT is a folder")
        for number, view in enumerate(dataset.views):
            flt = filters.resolve(dataset, view_filter_of(dataset, number))
            jobs.append((out / f"{view.id}.{fmt}", flt, _as_view(dataset, flt, number)))
    else:
        base = view_filter(dataset, ns.saved_view) if ns.saved_view else None
        flt = filters.resolve(dataset, base)
        chosen = dataset.index_of("views", ns.saved_view) if ns.saved_view else None
        jobs.append((out, flt, _as_view(dataset, flt, chosen)))
    try:
        if ns.all_views:
            _make_folder(out)
        what: str = ns.view or ("both" if fmt == "png" else "grid")
        for target, flt, saved in jobs:
            write_one(index, flt, target, fmt, what, ns.scale, width, ns.theme, saved)
            print(f"wrote {target}", file=sys.stderr)
    except ExportError as exc:
        print(f"positions-viewer export: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _as_view(dataset: Dataset, flt: Filter, number: int | None) -> int | None:
    """``number`` when ``flt`` is still that saved view's (no filter added on top)."""
    if number is None or view_filter_of(dataset, number) != flt:
        return None
    return number


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=False, exist_ok=True)
    except FileNotFoundError:
        raise ExportError(f"{folder}: the folder {folder.parent} does not exist") from None
    except OSError as exc:
        raise ExportError(f"{folder}: cannot create the folder: {exc.strerror}") from None


def render_table(result: QueryResult, fmt: str, view: str,
                 saved_view: int | None = None) -> str:
    """Markdown or CSV text for ``view`` (grid, timeline or both); Markdown is headed with
    the title of ``saved_view``, or of the saved view the filters are."""
    if fmt == "csv":
        if view == "both":
            raise ExportError("CSV holds one table: choose --view grid or --view timeline")
        return timeline_csv(result) if view == "timeline" else grid_csv(result)
    if view == "timeline":
        return timeline_markdown(result, saved_view=saved_view)
    grid = grid_markdown(result, saved_view=saved_view)
    if view == "both":
        return grid + "\n## Timeline\n\n" + timeline_markdown(result, False)
    return grid


def write_one(index: DatasetIndex, flt: Filter, target: Path, fmt: str, view: str,
              scale: int, width: int, theme_name: str, saved_view: int | None = None) -> None:
    result = index.query(flt)
    if fmt in ("md", "csv"):
        data = render_table(result, fmt, view, saved_view).encode("utf-8")
        atomic_write(target, lambda handle: handle.write(data))
        return
    from .ui.export import ImageTooLarge, encode_png, render_png

    try:
        image = render_png(result, index, view=view, width=width, scale=scale,
                           theme_name=theme_name, saved_view=saved_view)
    except ImageTooLarge as exc:
        raise ExportError(f"{target}: {exc}") from None
    atomic_write(target, lambda handle: handle.write(encode_png(image)))


def atomic_write(target: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write via a temporary file in the same folder, then rename over ``target``."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{target}: the folder {folder} does not exist")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if target.is_dir():
            raise ExportError(f"{target}: is a folder")
        with contextlib.suppress(OSError):  # a FAT or SMB mount may refuse; the data is safe
            os.chmod(temp_name, _mode_for(target))  # mkstemp makes it 0600: ours only
        os.replace(temp_name, target)
    except OSError as exc:
        _remove(temp_name)
        raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _remove(temp_name)
        raise


def _mode_for(target: Path) -> int:
    """The permissions a plain ``open(target, "w")`` would leave: the replaced file's own,
    or the usual 0666 less the umask for a new one."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where the system says (Linux)."""
    with contextlib.suppress(OSError, ValueError, StopIteration):
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
        return int(next(line for line in status.splitlines()
                        if line.startswith("Umask:")).split()[1], 8)
    umask = os.umask(0o022)  # elsewhere only os.umask tells, by setting it: put it back
    os.umask(umask)
    return umask


def _remove(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)

