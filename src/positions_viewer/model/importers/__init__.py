"""Importing spreadsheets, article tables and TimelineJS sheets (DESIGN §2, ``import``).

Qt-free. :func:`plan_import` reads the sources and returns an :class:`ImportPlan`: the new
actors, issues, statements and events, every diagnostic located ``SRC:ROW:COL``, and the
TOML file to write (already checked); :func:`write_plan` writes it atomically. The command
line (``cli/import_cmd.py``) and the window's import dialog both go through these.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Each name is imported on first use: the window's date fields read dates as people write
# them (``human_dates``) and should not pay for the readers, the planner and tomlkit before
# the first paint (issue 18).
_HOMES = {
    "FIELDS": "fields", "TableKind": "fields",
    "DateProblem": "human_dates", "Order": "human_dates", "read_date": "human_dates",
    "ImportOptions": "plan", "ImportPlan": "plan", "ImportUsageError": "plan",
    "TableSummary": "plan", "parse_mapping": "plan", "plan_import": "plan",
    "write_plan": "plan", "ImportFormat": "tables", "format_for": "tables",
    "shown_name": "tables",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
