"""``positions-viewer export FILE -o OUT``: write what the filters select, headless."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import add_filters

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    export = sub.add_parser("export", help="write a view to PNG, Markdown or CSV, headless")
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help="output file; its suffix picks the format (.png, .md, .csv); "
                             "a folder with --all-views")
    export.add_argument("--view", choices=("grid", "timeline", "both"), default=None,
                        help="what to draw (default: both for PNG, grid for tables)")
    add_filters(export)
    which = export.add_mutually_exclusive_group()
    which.add_argument("--saved-view", metavar="ID", help="export this saved view")
    which.add_argument("--all-views", action="store_true",
                       help="write OUT/<view-id>.<format> for every saved view")
    export.add_argument("--format", choices=("png", "md", "csv"),
                        help="format for --all-views (default png)")
    export.add_argument("--scale", type=int, choices=(1, 2, 3), default=1,
                        help="pixel ratio of a PNG (default 1)")
    export.add_argument("--width", type=int, default=None, metavar="PX",
                        help="layout width in logical pixels (default 1280)")
    export.add_argument("--theme", choices=("light", "dark"), default="light",
                        help="colours of a PNG (default light)")


def run(ns: argparse.Namespace) -> int:
    from ..export_cli import run_export

    return run_export(ns)
