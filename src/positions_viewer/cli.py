"""The command line (DESIGN §2): ``show`` (default), ``check`` and ``export``.

Qt is imported only by the subcommands that need it, so ``check`` stays fast and works
on a machine without any display libraries.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from . import __version__
from .model import Dataset, DateError, Filter, LoadResult, PartialDate, load_file, parse_date
from .model.story import view_filter_of
from .paths import default_dataset

__all__ = ["main"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
COMMANDS = ("show", "check", "export")


class UsageError(Exception):
    """A command-line mistake: printed as one line, exit code 2."""


@dataclass(frozen=True, slots=True)
class FilterArgs:
    issues: tuple[str, ...]
    actors: tuple[str, ...]
    date_from: str | None
    date_to: str | None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace) -> FilterArgs:
        return cls(tuple(ns.issue or ()), tuple(ns.actor or ()), ns.date_from, ns.date_to)

    def resolve(self, dataset: Dataset, base: Filter | None = None) -> Filter:
        """The :class:`Filter` these options ask for, or :class:`UsageError`."""
        flt = base or Filter()
        if self.issues:
            flt = flt.with_changes(issues=_resolve_ids(dataset, "issues", self.issues))
        if self.actors:
            flt = flt.with_changes(actors=_resolve_ids(dataset, "actors", self.actors))
        if self.date_from:
            flt = flt.with_changes(date_from=_cli_date("--from", self.date_from))
        if self.date_to:
            flt = flt.with_changes(date_to=_cli_date("--to", self.date_to))
        if flt.date_from and flt.date_to and flt.date_from.start > flt.date_to.stop:
            raise UsageError(
                f"--from {flt.date_from.iso()} is after --to {flt.date_to.iso()}"
            )
        return flt


def _resolve_ids(dataset: Dataset, table: str, ids: Sequence[str]) -> frozenset[int]:
    entries = getattr(dataset, table)
    known = [e.id for e in entries]
    out = set()
    for id_ in ids:
        index = dataset.index_of(table, id_)
        if index is None:
            flag = "--issue" if table == "issues" else "--actor"
            raise UsageError(f"{flag}: unknown id '{id_}'; valid ids: {', '.join(known)}")
        out.add(index)
    return frozenset(out)


def _cli_date(flag: str, value: str) -> PartialDate:
    try:
        return parse_date(value)
    except DateError as exc:
        raise UsageError(f"{flag}: {exc}") from None


def view_filter(dataset: Dataset, view_id: str) -> Filter:
    """The filter a saved view stands for, or :class:`UsageError` naming the valid ids."""
    index = dataset.index_of("views", view_id)
    if index is None:
        known = ", ".join(v.id for v in dataset.views) or "none: the file has no [[views]]"
        raise UsageError(f"--saved-view: unknown view '{view_id}'; valid ids: {known}")
    return view_filter_of(dataset, index)


def print_diagnostics(result: LoadResult, stream: TextIO | None = None) -> None:
    out = stream or sys.stderr
    for diagnostic in result.diagnostics:
        print(diagnostic, file=out)


def load_or_report(path: Path) -> Dataset | None:
    result = load_file(path)
    print_diagnostics(result)
    return result.dataset


# -- the parser ----------------------------------------------------------------------------


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    group.add_argument("--issue", action="append", metavar="ID",
                       help="show this issue (repeatable); all when absent")
    group.add_argument("--actor", action="append", metavar="ID",
                       help="show this actor (repeatable); all when absent")
    group.add_argument("--from", dest="date_from", metavar="DATE",
                       help="start of the date range (YYYY, YYYY-MM or YYYY-MM-DD)")
    group.add_argument("--to", dest="date_to", metavar="DATE",
                       help="end of the date range: the grid shows positions as of this date")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="positions-viewer",
        description="Compare what actors have publicly said on a set of issues, over time.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{show,check,export}")

    show = sub.add_parser("show", help="open the window (the default command)")
    show.add_argument("file", nargs="?", type=Path,
                      help="comparison file (.toml); the bundled dataset when absent")
    _add_filters(show)
    show.add_argument("--present", action="store_true", help="start in presenter mode")
    show.add_argument("--saved-view", metavar="ID", help="start on this saved view")

    check = sub.add_parser("check", help="validate files and print diagnostics")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")

    export = sub.add_parser("export", help="write a view to PNG, Markdown or CSV, headless")
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help="output file; its suffix picks the format (.png, .md, .csv); "
                             "a folder with --all-views")
    export.add_argument("--view", choices=("grid", "timeline", "both"), default=None,
                        help="what to draw (default: both for PNG, grid for tables)")
    _add_filters(export)
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "show")
    parser = build_parser()
    try:
        ns = parser.parse_args(args)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        if ns.command == "check":
            return run_check(ns.files)
        if ns.command == "export":
            from .export_cli import run_export

            return run_export(ns)
        return run_show(ns)
    except UsageError as exc:
        print(f"positions-viewer {ns.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def run_check(files: Sequence[Path]) -> int:
    errors = warnings = 0
    for path in files:
        result = load_file(path)
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


def run_show(ns: argparse.Namespace) -> int:
    path: Path = ns.file or default_dataset()
    result = load_file(path)
    print_diagnostics(result)
    if result.dataset is None:
        return EXIT_DATA
    flt = FilterArgs.from_namespace(ns).resolve(
        result.dataset, view_filter(result.dataset, ns.saved_view) if ns.saved_view else None
    )
    from .ui.app import run_window

    return run_window(path, result, flt, present=ns.present, saved_view=ns.saved_view)
