"""``positions-viewer compare FILE --from A --to B -o OUT [filters]``: what changed between
two dates (DESIGN §2; issue 14.5). Thin: the comparison is the model's
(:func:`positions_viewer.model.compare.compare_filter`: the positions in force the day
before A against those in force on B, as the grid marks them), the writing the export
service's.

``.md`` is a digest per issue and actor, ``.csv`` a row per shown cell (the DESIGN's compare
columns); a drawn format (``.png``, and PDF/SVG once registered) is the grid of the same
filters, marked by kind, with a caption naming both dates.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..export.atomic import cleanup_on_signals, same_file
from ..export.compare import write_compare
from ..export.errors import ExportError
from ..export.formats import ExportOptions, format_names, get_format
from ..export.jobs import plan_filters, write_plan
from ..model import DatasetIndex
from ..model.compare import CompareError, compare_filter
from .common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    PATH_CHARS,
    FilterArgs,
    UsageError,
    add_filters,
    add_picture_options,
    echo,
    load_or_report,
    load_renderer,
    picture_width,
    say,
)

__all__ = ["register", "run"]

TEXT_FORMATS = ("md", "csv")


def register(sub: Any) -> None:
    formats = ", ".join(f".{n}" for n in format_names())
    parser = sub.add_parser(
        "compare", help="what changed between two dates: a Markdown digest, CSV or picture",
        description="What changed between --from and --to: each shown cell's position in "
                    "force the day before --from against the one in force on --to, and its "
                    "kind (new, changed, restated, unchanged).")
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help=f"output file; its suffix picks the format ({formats})")
    add_filters(parser)
    parser.add_argument("--raw-csv", action="store_true",
                        help="CSV for scripts: plain UTF-8, no byte order mark, cells unchanged")
    add_picture_options(parser)


def run(ns: argparse.Namespace) -> int:
    fmt = _format(ns.output)
    if ns.date_from is None or ns.date_to is None:
        raise UsageError("give both dates: --from A --to B")
    if ns.raw_csv and fmt != "csv":
        raise UsageError("--raw-csv is for CSV output")
    options = _options(ns, fmt)
    if fmt not in TEXT_FORMATS:
        load_renderer()
    dataset = load_or_report(ns.file)
    if dataset is None:
        return EXIT_DATA
    flt = FilterArgs.from_namespace(ns).resolve(dataset)  # --from after --to: UsageError
    index = DatasetIndex(dataset)
    try:
        if same_file(ns.output, ns.file):
            raise ExportError(f"{ns.output}: is the input file {ns.file}; writing it would "
                              "replace the data; choose another name")
        with cleanup_on_signals():
            if fmt in TEXT_FORMATS:
                comparison = compare_filter(index, flt)
                write_compare(comparison, ns.output, fmt, ns.raw_csv, index.query(flt))
            else:
                write_plan(plan_filters(ns.output, fmt, flt), index, options)
    except CompareError as exc:
        raise UsageError(str(exc)) from None
    except ExportError as exc:
        say(f"positions-viewer compare: error: {exc}")
        return EXIT_USAGE
    say(f"wrote {ns.output}")
    return EXIT_OK


def _format(out: Path) -> str:
    names = format_names()
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in names:
        shown = f"'{echo(out.suffix)}'" if out.suffix else "no suffix"
        listed = ", ".join(f".{n}" for n in names[:-1]) + f" or .{names[-1]}"
        raise UsageError(f"-o {echo(out, PATH_CHARS)}: {shown}; end the name with {listed}")
    get_format(suffix)
    return suffix


def _options(ns: argparse.Namespace, fmt: str) -> ExportOptions:
    # A PDF is laid out at its paper's width unless --width says otherwise.
    width = None if get_format(fmt).pages and ns.width is None else picture_width(ns)
    # The compare grid: each changed cell with the statement in force before it.
    return ExportOptions("grid", ns.scale, width, ns.theme, compare=True)
