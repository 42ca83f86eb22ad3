"""The data model: pure Python, no Qt. Loading, validation and the as-of queries.

The query layer (``DatasetIndex``, ``QueryResult``, ``Cell``: numpy) is imported on first
use, so that ``check`` and whatever else only loads a file never imports numpy (issue 18).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .dates import DateError, PartialDate, Precision, parse_date
from .diagnostics import Diagnostic, Severity
from .filters import Filter
from .load import LoadResult, load_bytes, load_file
from .types import Actor, Dataset, Event, Issue, Position, Source, View

if TYPE_CHECKING:
    from .query import Cell, DatasetIndex, QueryResult

__all__ = [
    "Actor",
    "Cell",
    "Dataset",
    "DatasetIndex",
    "DateError",
    "Diagnostic",
    "Event",
    "Filter",
    "Issue",
    "LoadResult",
    "PartialDate",
    "Position",
    "Precision",
    "QueryResult",
    "Severity",
    "Source",
    "View",
    "load_bytes",
    "load_file",
    "parse_date",
]

_LAZY = {"Cell": "query", "DatasetIndex": "query", "QueryResult": "query"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
