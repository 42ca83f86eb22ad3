"""``positions-viewer [show] [FILE]``: open the window (the bundled dataset without FILE)."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path
from typing import Any

from ..model import load_file
from ..paths import default_dataset
from .common import EXIT_DATA, FilterArgs, add_filters, nonempty, print_diagnostics, view_filter

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    show = sub.add_parser("show", help="open the window (the default command)")
    show.add_argument("file", nargs="?", type=Path,
                      help="comparison file (.toml); the bundled dataset when absent")
    add_filters(show)
    show.add_argument("--present", action="store_true", help="start in presenter mode")
    show.add_argument("--saved-view", metavar="ID", type=nonempty,
                      help="start on this saved view")


def run(ns: argparse.Namespace) -> int:
    path: Path = ns.file or default_dataset()
    result = load_file(path, release_memory=False)  # the window does it after its first paint
    # The dataset holds no reference cycles and lives as long as the window shows it: out
    # of the cyclic collector's sight, the window's first frames do not wait while it walks
    # every statement three times over (0.3-1 s at 900k statements; issue 18).
    gc.freeze()
    print_diagnostics(result)
    if result.dataset is None:
        return EXIT_DATA
    flt = FilterArgs.from_namespace(ns).resolve(
        result.dataset, view_filter(result.dataset, ns.saved_view) if ns.saved_view else None
    )
    from ..ui.app import run_window

    return run_window(path, result, flt, present=ns.present, saved_view=ns.saved_view)
