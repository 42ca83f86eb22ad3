"""``positions-viewer import SRC… -o OUT.toml``: spreadsheets, article tables and TimelineJS
sheets into a comparison file that ``check`` passes (DESIGN §2).

Diagnostics go to stderr, located ``SRC:ROW:COL``; nothing is written when there is an
error unless ``--keep-going`` (then the good rows are written and the others listed).
Exit codes: 0 written; 1 data errors (nothing written); 2 usage or an unwritable output.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model.importers import (
    ImportFormat,
    ImportOptions,
    ImportPlan,
    ImportUsageError,
    Order,
    parse_mapping,
    plan_import,
    write_plan,
)
from .common import EXIT_DATA, EXIT_OK, EXIT_USAGE, UsageError

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "import", help="turn spreadsheets, article tables and TimelineJS sheets into a file",
        description="Read statements (a row per actor, issue and text), an article's table "
                    "(issues as rows, actors as columns) or events (date and title, or "
                    "TimelineJS) and write a comparison file that 'check' passes.")
    cmd.add_argument("sources", nargs="+", type=Path, metavar="SRC",
                     help="CSV, TSV, XLSX, ODS, Markdown, HTML or TimelineJS JSON files")
    cmd.add_argument("-o", "--output", type=Path, metavar="OUT.toml",
                     help="the file to write (with --into: FILE plus the additions)")
    cmd.add_argument("--format", choices=[f.value for f in ImportFormat],
                     help="read every SRC as this format (default: from each suffix)")
    cmd.add_argument("--sheet", action="append", default=[], metavar="NAME",
                     help="read only this sheet of a workbook (repeatable)")
    cmd.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                     help="read COLUMN as FIELD (actor, issue, date, stance, text, source, "
                          "url, event; date, end, title, detail, actors, issues; ignore)")
    cmd.add_argument("--date", metavar="DATE",
                     help="the date of a wide table's statements (undated otherwise)")
    order = cmd.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", dest="order", action="store_const",
                       const=Order.DAY_FIRST, help="read 07/08/2022 as 7 Aug 2022")
    order.add_argument("--monthfirst", dest="order", action="store_const",
                       const=Order.MONTH_FIRST, help="read 07/08/2022 as 8 Jul 2022")
    cmd.add_argument("--into", type=Path, metavar="FILE",
                     help="add the statements and events to this comparison file")
    cmd.add_argument("--keep-going", action="store_true",
                     help="on errors, write the good rows and list the others")
    cmd.add_argument("--title", help="the comparison's title (default: from the sources)")
    cmd.add_argument("--force", action="store_true", help="replace OUT if it exists")


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _output(ns: argparse.Namespace) -> Path:
    out: Path | None = ns.output or ns.into
    if out is None:
        raise UsageError("-o OUT.toml is required (or --into FILE to add to a file)")
    if out.suffix.lower() != ".toml":
        raise UsageError(f"-o {out}: the output is a TOML file; end its name with .toml")
    if out.is_dir():
        raise UsageError(f"-o {out} is a folder")
    for source in ns.sources:
        if _same(out, source):
            raise UsageError(f"-o {out} is one of the sources; write elsewhere")
    into_itself = ns.into is not None and _same(out, ns.into)
    if out.exists() and not into_itself and not ns.force:
        raise UsageError(f"{out} exists: add to it with --into {out}, or replace it with "
                         "--force")
    return out


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """SIGTERM during the write raises SystemExit, so the temporary file is removed."""
    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _report(plan: ImportPlan) -> None:
    for diagnostic in plan.diagnostics:
        print(diagnostic, file=sys.stderr)
    for table in plan.tables:
        made = [f"{table.statements} statement{'s' * (table.statements != 1)}"] \
            if table.statements or table.kind != "events" else []
        if table.events or table.kind in ("events", "TimelineJS"):
            made.append(f"{table.events} event{'s' * (table.events != 1)}")
        print(f"{table.label}: read as {table.kind}: {', '.join(made)}", file=sys.stderr)


def run(ns: argparse.Namespace) -> int:
    out = _output(ns)
    try:
        options = ImportOptions(
            format=ImportFormat(ns.format) if ns.format else None, sheets=tuple(ns.sheet),
            mapping=parse_mapping(ns.map), date=ns.date, order=ns.order, into=ns.into,
            keep_going=ns.keep_going, title=ns.title)
        plan = plan_import(ns.sources, options, out_name=str(out))
    except ImportUsageError as exc:
        raise UsageError(str(exc)) from None
    _report(plan)
    errors = len(plan.errors)
    if not plan.writable:
        why = f"{errors} error{'s' * (errors != 1)}" if errors else "nothing to write"
        hint = "; --keep-going writes the good rows" if errors and not ns.keep_going else ""
        print(f"not written: {why}{hint}", file=sys.stderr)
        return EXIT_DATA
    try:
        with _terminate_cleanly():
            write_plan(plan, out)
    except OSError as exc:
        print(f"positions-viewer import: error: cannot write {out}: {exc.strerror or exc}",
              file=sys.stderr)
        return EXIT_USAGE
    skipped = len(plan.skipped_rows)
    note = f"; {skipped} row{'s' * (skipped != 1)} with errors left out" if skipped else ""
    print(f"wrote {out}: {plan.counts()}{note}")
    return EXIT_OK
