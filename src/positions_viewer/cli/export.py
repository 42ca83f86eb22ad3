"""``positions-viewer export FILE -o OUT``: write what the filters select, headless.

Thin: the options become a plan (``positions_viewer.export.jobs``) written all or none.
Qt is imported only when a drawn format is asked for, so ``export -o x.md`` works without
display libraries.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..export.atomic import cleanup_on_signals
from ..export.errors import ExportError
from ..export.formats import PAGE_SIZES, ExportOptions, format_names, get_format
from ..export.jobs import Plan, plan_filters, plan_steps, plan_views, write_plan
from ..model import Dataset, DatasetIndex
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
    nonempty,
    picture_width,
    say,
    view_filter,
)

__all__ = ["register", "run"]

# The module that registers the writers of drawn formats (imports Qt).


def register(sub: Any) -> None:
    names = format_names()
    suffixes = ", ".join(f".{n}" for n in names)
    export = sub.add_parser("export", help="write a view to PNG, PDF, SVG, Markdown or CSV, "
                                           "headless")
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help=f"output file; its suffix picks the format ({suffixes}); "
                             "a folder with --all-views or --all-steps (one PDF of a page "
                             "per view or step for a .pdf OUT: the handout)")
    export.add_argument("--view", choices=("grid", "timeline", "both"), default=None,
                        help="what to draw (default: both for pictures and PDF, grid for "
                             "tables)")
    add_filters(export)
    which = export.add_mutually_exclusive_group()
    which.add_argument("--saved-view", metavar="ID", type=nonempty,
                       help="export this saved view")
    which.add_argument("--all-views", action="store_true",
                       help="write OUT/<view-id>.<format> for every saved view")
    which.add_argument("--all-steps", action="store_true",
                       help="write OUT/<NN>-<step>.<format> for every presenter step, in "
                            "step order, as the window's Present ▸ Export All Steps")
    export.add_argument("--format", choices=names,
                        help="format for --all-views and --all-steps (default: pdf for a "
                             ".pdf OUT, else png)")
    add_picture_options(export)
    export.add_argument("--page-size", choices=PAGE_SIZES, default=None,
                        help="paper of a PDF (default A4); 16:9 is a slide")
    export.add_argument("--landscape", action="store_true",
                        help="turn the PDF's paper sideways (room for more actors)")
    export.add_argument("--raw-csv", action="store_true",
                        help="CSV for scripts: plain UTF-8, no byte order mark, cells "
                             "unchanged (the default is safe to open in a spreadsheet)")


def run(ns: argparse.Namespace) -> int:
    fmt = _format(ns)
    options = _options(ns, fmt)
    if get_format(fmt).drawn:
        load_renderer()
    dataset = load_or_report(ns.file)
    if dataset is None:
        return EXIT_DATA
    index = DatasetIndex(dataset)
    try:
        plan = _plan(ns, dataset, index, fmt)
        plan.refuse_input(ns.file)
        with cleanup_on_signals():
            written = write_plan(plan, index, options)
    except ExportError as exc:
        say(f"positions-viewer export: error: {exc}")
        return EXIT_USAGE
    for path in written:
        say(f"wrote {path}")
    return EXIT_OK


def _format(ns: argparse.Namespace) -> str:
    """The format: the suffix of OUT for one file; ``--format`` (else a paged format's
    suffix, else png) for several."""
    out: Path = ns.output
    names = format_names()
    suffix = out.suffix.lower().lstrip(".")
    if ns.all_views or ns.all_steps:
        if ns.format:
            return str(ns.format)
        return suffix if suffix in names and get_format(suffix).pages else "png"
    if ns.format and suffix != ns.format:
        raise UsageError("--format is for --all-views and --all-steps; for one file the "
                         "suffix of -o picks the format")
    if suffix not in names:
        shown = f"'{echo(out.suffix)}'" if out.suffix else "no suffix"
        listed = ", ".join(f".{n}" for n in names[:-1]) + f" or .{names[-1]}"
        raise UsageError(f"-o {echo(out, PATH_CHARS)}: {shown}; end the name with {listed}")
    return suffix


def _options(ns: argparse.Namespace, fmt: str) -> ExportOptions:
    paged = get_format(fmt).pages
    # A PDF is laid out at its paper's width unless --width says otherwise.
    width = None if paged and ns.width is None else picture_width(ns)
    if (ns.page_size is not None or ns.landscape) and not paged:
        given = "--page-size" if ns.page_size is not None else "--landscape"
        raise UsageError(f"{given} is for PDF pages; a .{fmt} is one picture as tall as "
                         "its content (use --width for its width)")
    if ns.raw_csv and fmt != "csv":
        raise UsageError("--raw-csv is for CSV output")
    if ns.all_steps and (ns.date_from is not None or ns.date_to is not None):
        raise UsageError("--from and --to do not apply to --all-steps: each step has its "
                         "own dates (--issue and --actor narrow the event steps)")
    return ExportOptions(ns.view, ns.scale, width, ns.theme, ns.raw_csv,
                         page_size=ns.page_size or "A4", landscape=ns.landscape)


def _plan(ns: argparse.Namespace, dataset: Dataset, index: DatasetIndex, fmt: str) -> Plan:
    filters = FilterArgs.from_namespace(ns)
    if ns.all_views:
        if not dataset.views:
            raise UsageError(f"{echo(ns.file, PATH_CHARS)} has no [[views]] to export")
        return plan_views(dataset, ns.output, fmt, lambda own: filters.resolve(dataset, own))
    if ns.all_steps:
        return plan_steps(dataset, index, ns.output, fmt, filters.resolve(dataset))
    base = view_filter(dataset, ns.saved_view) if ns.saved_view is not None else None
    chosen = dataset.index_of("views", ns.saved_view) if ns.saved_view is not None else None
    flt = filters.resolve(dataset, base)
    return plan_filters(ns.output, fmt, flt, chosen if flt == base else None)
