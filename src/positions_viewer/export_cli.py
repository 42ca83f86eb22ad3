"""``positions-viewer export``: not built yet."""

from __future__ import annotations

import argparse
import sys


def run_export(ns: argparse.Namespace) -> int:
    print("positions-viewer export: not available yet in this version", file=sys.stderr)
    return 2
