"""Importing spreadsheets, article tables and TimelineJS sheets (DESIGN §2, ``import``).

Qt-free. :func:`plan_import` reads the sources and returns an :class:`ImportPlan`: the new
actors, issues, statements and events, every diagnostic located ``SRC:ROW:COL``, and the
TOML file to write (already checked); :func:`write_plan` writes it atomically. The command
line (``cli/import_cmd.py``) and the window's import dialog both go through these.
"""

from .fields import FIELDS, TableKind
from .human_dates import DateProblem, Order, read_date
from .plan import (
    ImportOptions,
    ImportPlan,
    ImportUsageError,
    TableSummary,
    parse_mapping,
    plan_import,
    write_plan,
)
from .tables import ImportFormat, format_for, shown_name

__all__ = [
    "FIELDS",
    "DateProblem",
    "ImportFormat",
    "ImportOptions",
    "ImportPlan",
    "ImportUsageError",
    "Order",
    "TableKind",
    "TableSummary",
    "format_for",
    "parse_mapping",
    "plan_import",
    "read_date",
    "shown_name",
    "write_plan",
]
