"""``positions-viewer check FILE…``: validate files and print located diagnostics."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import Any

from ..model import load_file
from .common import EXIT_DATA, EXIT_OK, print_diagnostics

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    check = sub.add_parser("check", help="validate files and print diagnostics")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")


def run(ns: argparse.Namespace) -> int:
    files: list[Path] = ns.files
    errors = warnings = 0
    for path in files:
        result = load_file(path, release_memory=False)  # the process ends soon
        gc.freeze()  # a dataset has no cycles: the collector need not walk it (issue 18)
        print_diagnostics(result, sys.stdout)
        errors += len(result.errors)
        warnings += len(result.warnings)
    noun = "file" if len(files) == 1 else "files"
    status = "ok" if errors == 0 else "failed"
    print(
        f"{status}: {len(files)} {noun} checked, {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}"
    )
    return EXIT_DATA if errors else EXIT_OK
