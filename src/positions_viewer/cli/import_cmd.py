"""``positions-viewer import SRC… -o OUT.toml``: spreadsheets, article tables and TimelineJS
sheets into a comparison file that ``check`` passes (DESIGN §2).

Diagnostics go to stderr, located ``SRC:ROW:COL``; nothing is written when there is an
error unless ``--keep-going`` (then the good rows are written and the others listed).
Exit codes: 0 written; 1 data errors (nothing written); 2 usage or an unwritable output.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import Any

from ..export.atomic import cleanup_on_signals
from ..model.files import FileProblem, regular_file_problem, write_target
from ..model.importers import (
    ImportFormat,
    ImportOptions,
    ImportPlan,
    ImportUsageError,
    Order,
    parse_mapping,
    plan_import,
    shown_name,
    write_plan,
)
from .common import EXIT_DATA, EXIT_OK, EXIT_USAGE, UsageError, nonempty, say

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "import", help="turn spreadsheets, article tables and TimelineJS sheets into a file",
        description="Read statements (a row per actor, issue and text), an article's table "
                    "(issues as rows, actors as columns) or events (date and title, or "
                    "TimelineJS) and write a comparison file that 'check' passes.")
    cmd.add_argument("sources", nargs="+", type=_path, metavar="SRC",
                     help="CSV, TSV, XLSX, ODS, Markdown, HTML or TimelineJS JSON files")
    cmd.add_argument("-o", "--output", type=_path, metavar="OUT.toml",
                     help="the file to write (with --into: FILE plus the additions)")
    cmd.add_argument("--format", choices=[f.value for f in ImportFormat],
                     help="read every SRC as this format (default: from each suffix)")
    cmd.add_argument("--sheet", action="append", default=[], metavar="NAME", type=nonempty,
                     help="read only this sheet of a workbook (repeatable)")
    cmd.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                     type=nonempty,
                     help="read COLUMN as FIELD (actor, issue, date, stance, text, source, "
                          "url, event; date, end, title, detail, actors, issues; ignore)")
    cmd.add_argument("--date", metavar="DATE", type=nonempty,
                     help="the date of a wide table's statements (undated otherwise)")
    order = cmd.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", dest="order", action="store_const",
                       const=Order.DAY_FIRST, help="read 07/08/2022 as 7 Aug 2022")
    order.add_argument("--monthfirst", dest="order", action="store_const",
                       const=Order.MONTH_FIRST, help="read 07/08/2022 as 8 Jul 2022")
    cmd.add_argument("--into", type=_path, metavar="FILE",
                     help="add the statements and events to this comparison file")
    cmd.add_argument("--keep-going", action="store_true",
                     help="on errors, write the good rows and list the others")
    cmd.add_argument("--title", type=nonempty,
                     help="the comparison's title (default: from the sources)")
    cmd.add_argument("--force", action="store_true", help="replace OUT if it exists")


def _path(value: str) -> Path:
    """A file named on the command line: an empty name (a script's unset variable) is a
    usage error, as ``export --from ""`` is."""
    return Path(nonempty(value))


def _same(a: Path, b: Path) -> bool:
    """One file however named (links, ``./x``, hard links); never raises, even for a loop
    of symbolic links (which is no file)."""
    try:
        if os.path.samefile(a, b):
            return True
    except (OSError, ValueError):
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def _shown(path: Path) -> str:
    """A path in a line of output: controls and bidi characters as ``\\uXXXX``."""
    return shown_name(str(path))


def _output(ns: argparse.Namespace) -> Path:
    out: Path | None = ns.output or ns.into
    if out is None:
        raise UsageError("-o OUT.toml is required (or --into FILE to add to a file)")
    flag = "-o" if ns.output is not None else "--into"
    shown = _shown(out)
    if out.suffix.lower() != ".toml":
        raise UsageError(f"{flag} {shown}: the output is a TOML file; end its name with .toml")
    if ns.into is not None:
        problem = regular_file_problem(ns.into, noun="TOML file")
        if problem is not None:
            raise UsageError(f"--into {_shown(ns.into)}: {problem}")
    try:
        write_target(out)
    except FileProblem as exc:
        raise UsageError(f"{flag} {shown}: {exc}") from None
    for source in ns.sources:
        if _same(out, source):
            raise UsageError(f"{flag} {shown} is one of the sources; write elsewhere")
    into_itself = ns.into is not None and _same(out, ns.into)
    if os.path.exists(out) and not into_itself and not ns.force:
        raise UsageError(f"{shown} exists: add to it with --into {shown}, or replace it with "
                         "--force")
    return out


def _write_problem(out: Path, exc: OSError) -> str:
    """Why ``out`` cannot be written, a sentence naming it (and its folder when the folder
    is what refuses)."""
    shown = _shown(out)
    if isinstance(exc, FileProblem):
        return f"cannot write {shown}: {exc}"
    folder = out.parent if str(out.parent) else Path(".")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "a read-only file system" if exc.errno == errno.EROFS else "permission denied"
        return f"cannot write {shown}: {why} (the folder {_shown(folder)} does not let a " \
               "file be written in it)"
    if exc.errno == errno.ENOENT and not os.path.isdir(folder):
        return f"cannot write {shown}: the folder {_shown(folder)} does not exist"
    return f"cannot write {shown}: {exc.strerror or exc}"


def _report(plan: ImportPlan) -> None:
    for diagnostic in plan.diagnostics:
        say(str(diagnostic))
    for table in plan.tables:
        made = [f"{table.statements} statement{'s' * (table.statements != 1)}"] \
            if table.statements or table.kind != "events" else []
        if table.events or table.kind in ("events", "TimelineJS"):
            made.append(f"{table.events} event{'s' * (table.events != 1)}")
        say(f"{table.label}: read as {table.kind}: {', '.join(made)}")


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
        say(f"not written: {why}{hint}")
        return EXIT_DATA
    try:
        with cleanup_on_signals():  # SIGTERM and SIGHUP as Ctrl+C: the temporary goes
            write_plan(plan, out)
    except OSError as exc:
        say(f"positions-viewer import: error: {_write_problem(out, exc)}")
        return EXIT_USAGE
    skipped = len(plan.skipped_rows)
    note = f"; {skipped} row{'s' * (skipped != 1)} with errors left out" if skipped else ""
    say(f"wrote {_shown(out)}: {plan.counts()}{note}", sys.stdout)
    return EXIT_OK
