"""The data model: pure Python, no Qt. Loading, validation and the as-of queries."""

from .dates import DateError, PartialDate, Precision, parse_date
from .diagnostics import Diagnostic, Severity
from .load import LoadResult, load_bytes, load_file
from .query import Cell, DatasetIndex, Filter, QueryResult
from .types import Actor, Dataset, Event, Issue, Position, Source, View

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
