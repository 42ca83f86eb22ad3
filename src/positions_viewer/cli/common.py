"""What the subcommands share: exit codes, usage errors, the filter options, diagnostics."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..limits import EXPORT_SCALES, EXPORT_WIDTH, MAX_SIDE_PX, MIN_EXPORT_PX, export_width_range
from ..model import Dataset, DateError, Filter, LoadResult, PartialDate, load_file, parse_date
from ..model.story import view_filter_of
from ..model.text import clip_text, escape_invisible

__all__ = ["ECHO_CHARS", "EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "FilterArgs", "UsageError",
           "add_filters", "echo", "load_or_report", "nonempty", "print_diagnostics", "say",
           "view_filter"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
ECHO_CHARS = 80  # a value of the user's quoted in a message is cut here
PATH_CHARS = 200  # and a file's name in a usage error


class UsageError(Exception):
    """A command-line mistake: printed as one line, exit code 2. Values of the user's in
    it are quoted with :func:`echo`."""


def echo(value: object, limit: int = ECHO_CHARS) -> str:
    """A value the user gave (an id, a date, a file name), ready to quote in a message:
    cut at ``limit`` characters and its invisible characters shown as ``\\uXXXX``, so the
    message stays one readable line (a 3,000-character ``--issue`` starting with U+202E
    was echoed whole, reversed; ``--from $'2024\\n-01'`` split the error in two)."""
    return escape_invisible(clip_text(str(value), limit))


def say(line: str, stream: TextIO | None = None) -> None:
    """Print one message line (stderr by default) with its invisible characters escaped:
    the last guard for a file's name or a value quoted in it."""
    print(escape_invisible(line), file=stream or sys.stderr)


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
        if self.date_from is not None:
            flt = flt.with_changes(date_from=_cli_date("--from", self.date_from))
        if self.date_to is not None:
            flt = flt.with_changes(date_to=_cli_date("--to", self.date_to))
        if flt.date_from and flt.date_to and flt.date_from.start > flt.date_to.stop:
            raise UsageError(
                f"--from {flt.date_from.iso()} is after --to {flt.date_to.iso()}"
            )
        return flt


MAX_LISTED_IDS = 12


def unknown_id(flag: str, noun: str, wanted: str, known: Sequence[str]) -> UsageError:
    """``--issue: unknown id 'dma'; did you mean 'dam'?`` or the valid ids, at most
    :data:`MAX_LISTED_IDS` of them ("… and 1,988 more": a file of 2,000 issues is no line)."""
    said = f"{flag}: unknown {noun} '{echo(wanted)}'"
    close = ([] if len(wanted) > 4 * ECHO_CHARS  # no id is that long; difflib would crawl
             else difflib.get_close_matches(wanted, known, n=3, cutoff=0.6))
    if close:
        meant = " or ".join(f"'{echo(c)}'" for c in close)
        return UsageError(f"{said}; did you mean {meant}?")
    if not known:
        return UsageError(f"{said}; the file has none")
    listed = ", ".join(echo(k) for k in known[:MAX_LISTED_IDS])
    more = f" and {len(known) - MAX_LISTED_IDS:,} more" if len(known) > MAX_LISTED_IDS else ""
    return UsageError(f"{said}; valid ids: {listed}{more}")


def _resolve_ids(dataset: Dataset, table: str, ids: Sequence[str]) -> frozenset[int]:
    out = set()
    for id_ in ids:
        index = dataset.index_of(table, id_)
        if index is None:
            flag = "--issue" if table == "issues" else "--actor"
            raise unknown_id(flag, "id", id_, [e.id for e in getattr(dataset, table)])
        out.add(index)
    return frozenset(out)


def _cli_date(flag: str, value: str) -> PartialDate:
    try:
        return parse_date(value)
    except DateError as exc:
        raise UsageError(f"{flag}: {echo(exc, 2 * ECHO_CHARS)}") from None


def view_filter(dataset: Dataset, view_id: str) -> Filter:
    """The filter a saved view stands for, or :class:`UsageError` naming the valid ids."""
    index = dataset.index_of("views", view_id)
    if index is None:
        if not dataset.views:
            raise UsageError(f"--saved-view: unknown view '{echo(view_id)}'; valid "
                             "ids: none: the file has no [[views]]")
        raise unknown_id("--saved-view", "view", view_id, [v.id for v in dataset.views])
    return view_filter_of(dataset, index)


def print_diagnostics(result: LoadResult, stream: TextIO | None = None) -> None:
    out = stream or sys.stderr
    for diagnostic in result.diagnostics:
        print(diagnostic, file=out)


def load_or_report(path: Path) -> Dataset | None:
    result = load_file(path)
    print_diagnostics(result)
    return result.dataset


def nonempty(value: str) -> str:
    """An option's value that must not be empty (DESIGN §2): ``--from ""``, often a
    script's unset variable, is a usage error rather than no filter at all."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty value; give one, or leave the option out")
    return value


def add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    group.add_argument("--issue", action="append", metavar="ID", type=nonempty,
                       help="show this issue (repeatable); all when absent")
    group.add_argument("--actor", action="append", metavar="ID", type=nonempty,
                       help="show this actor (repeatable); all when absent")
    group.add_argument("--from", dest="date_from", metavar="DATE", type=nonempty,
                       help="start of the date range (YYYY, YYYY-MM or YYYY-MM-DD)")
    group.add_argument("--to", dest="date_to", metavar="DATE", type=nonempty,
                       help="end of the date range: the grid shows positions as of this date")


# -- pictures (export and compare) ---------------------------------------------------------

def add_picture_options(parser: argparse.ArgumentParser) -> None:
    """--scale, --width and --theme: how a picture is drawn (DESIGN §2, limits.py)."""
    parser.add_argument("--scale", type=int, choices=EXPORT_SCALES, default=1,
                        help="pixel ratio of a picture (default 1)")
    parser.add_argument("--width", type=int, default=None, metavar="PX",
                        help=f"layout width of a picture in logical px (default {EXPORT_WIDTH})")
    parser.add_argument("--theme", choices=("light", "dark"), default="light",
                        help="colours of a picture (default light)")


def picture_width(ns: argparse.Namespace) -> int:
    """The layout width asked for, checked against the picture's limits at its scale (the
    same limits as the Export dialog's); :class:`UsageError` outside them."""
    width: int = EXPORT_WIDTH if ns.width is None else ns.width  # 0 is an error, not default
    low, high = export_width_range(ns.scale)
    if not low <= width <= high:
        raise UsageError(f"--width {width} at --scale {ns.scale} gives {width * ns.scale} px; "
                         f"use {MIN_EXPORT_PX} to {MAX_SIDE_PX} px in all")
    return width


def load_renderer() -> None:
    """Register the drawn formats (PNG, PDF, SVG): only when a picture is asked for, so a
    Markdown or CSV export never imports Qt."""
    from ..ui.render import outputs  # noqa: F401  (importing it registers the formats)
