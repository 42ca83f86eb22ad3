"""The validator's state and its typed-value readers, each reporting located diagnostics.

A reader returns the typed value, or ``None`` after reporting why the value is unusable.
Positions come from a :class:`SourceMap`, scanned only when the first diagnostic needs one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..dates import DateError, PartialDate, parse_date, type_name
from ..diagnostics import Diagnostic, Severity, did_you_mean, known_list, quote
from ..durations import Duration, DurationError, parse_duration
from ..text import is_blank, placeholder_for
from .locate import SourceMap
from .schema import REF_KEYS, TABLES, article

__all__ = ["Checker"]

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_KEY_CHARS = 60  # an unknown key is named in its path, cut here


class Checker:
    """Diagnostics of one load, the ids seen so far, and the readers of typed values."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.diagnostics: list[Diagnostic] = []
        self._smap: SourceMap | None = None
        self.ids: dict[str, dict[str, int]] = {}  # table -> id -> index among valid entries
        self.invalid_ids: dict[str, set[str]] = {}  # ids of entries that failed validation
        self.dates: dict[object, PartialDate] = {}  # parsed dates by raw value

    # -- reporting -------------------------------------------------------------------

    @property
    def smap(self) -> SourceMap:
        if self._smap is None:
            self._smap = SourceMap.scan(self.text)
        return self._smap

    def report(self, severity: Severity, table: str, index: int, key: str | None,
               message: str, needle: str | None = None, item: int | None = None) -> None:
        line, column = self.smap.find(table, index, key, needle, item)
        shown_key = key if key is None or len(key) <= _KEY_CHARS else quote(key, _KEY_CHARS)
        if table:
            path = f"{table}[{index}]" + (f".{shown_key}" if shown_key else "")
        else:
            path = shown_key or ""
        if item is not None:
            path += f"[{item}]"
        self.diagnostics.append(Diagnostic(self.name, line, column, severity, message, path))

    def error(self, table: str, index: int, key: str | None, message: str,
              needle: str | None = None, item: int | None = None) -> None:
        self.report(Severity.ERROR, table, index, key, message, needle, item)

    def warn(self, table: str, index: int, key: str | None, message: str,
             needle: str | None = None) -> None:
        self.report(Severity.WARNING, table, index, key, message, needle)

    def failed(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    def table_was_bad(self, name: str) -> bool:
        return any(d.path == name and d.is_error for d in self.diagnostics)

    def unknown_keys(self, table: str, index: int, row: dict[str, Any],
                     known: tuple[str, ...]) -> None:
        for key in row:
            if key not in known:
                self.warn(table, index, key,
                          f"unknown key {quote(key)} is ignored{did_you_mean(key, known)}")

    # -- typed values ----------------------------------------------------------------

    def missing(self, table: str, index: int, key: str) -> None:
        self.error(table, index, None, f"missing required key '{key}'")

    def text_value(self, table: str, index: int, row: dict[str, Any], key: str,
                   required: bool = False) -> str | None:
        value = row.get(key)
        if value is None:
            if required:
                self.missing(table, index, key)
            return None
        if not isinstance(value, str):
            self.error(table, index, key, f"expected a string, got {type_name(value)}")
            return None
        if required and is_blank(value):  # DESIGN §1: blank is not missing
            self.warn(table, index, key,
                      f"is blank; shown as '{placeholder_for(table, key)}' until it is filled in")
        return value

    def id_value(self, table: str, index: int, row: dict[str, Any],
                 required: bool = True) -> str | None:
        value = self.text_value(table, index, row, "id", required=required)
        if value is None:
            return None
        if not _ID.match(value):
            self.error(table, index, "id",
                       f"bad id {quote(value)}: use letters, digits, '_', '.', '-', "
                       "starting with a letter or digit")
            return None
        return value

    def date_value(self, table: str, index: int, row: dict[str, Any], key: str,
                   required: bool = False) -> PartialDate | None:
        value = row.get(key)
        if value is None:
            if required:
                self.missing(table, index, key)
            return None
        cacheable = type(value) is dt.date or type(value) is str
        if cacheable:
            cached = self.dates.get(value)
            if cached is not None:
                return cached
        try:
            parsed = parse_date(value)
        except DateError as exc:
            self.error(table, index, key, str(exc))
            return None
        if cacheable:
            self.dates[value] = parsed
        return parsed

    def duration_value(self, row: dict[str, Any], key: str) -> Duration | None:
        value = row.get(key)
        if value is None:
            return None
        try:
            return parse_duration(value)
        except DurationError as exc:
            self.error("", 0, key, str(exc))
            return None

    def ref(self, table: str, index: int, row: dict[str, Any], key: str,
            required: bool = False) -> int | None:
        """The file index of the entry ``row[key]`` names (schema: the key's target)."""
        target = REF_KEYS[(table, key)][0]
        value = row.get(key)
        if value is None:
            if required:
                self.missing(table, index, key)
            return None
        if not isinstance(value, str):
            self.error(table, index, key,
                       f"expected the id of {article(target)} as a string, got {type_name(value)}")
            return None
        found = self.ids[target].get(value)
        if found is None:
            self.unknown_ref(table, index, key, target, value)
        return found

    def refs(self, table: str, index: int, row: dict[str, Any],
             key: str) -> tuple[int, ...] | None:
        """The file indices of the entries ``row[key]`` lists, in order, once each."""
        value = row.get(key)
        if value is None:
            return ()
        target = REF_KEYS[(table, key)][0]
        if type(value) is list:  # the usual case first: a list of known ids, no report
            known = self.ids[target]
            try:
                listed = [known[ref] for ref in value if type(ref) is str]
            except KeyError:  # an unknown id: reported below
                listed = None
            if listed is not None and len(listed) == len(value):
                return tuple(dict.fromkeys(listed)) if len(listed) > 1 else tuple(listed)
        singular = TABLES[target].singular
        if not isinstance(value, list):
            self.error(table, index, key,
                       f"expected an array of {singular} ids, got {type_name(value)}")
            return None
        ids = self.ids[target]
        out: list[int] = []
        ok = True
        for item, ref in enumerate(value):
            if not isinstance(ref, str):
                self.error(table, index, key,
                           f"expected {singular} ids (strings), got {type_name(ref)}", item=item)
                ok = False
                continue
            found = ids.get(ref)
            if found is None:
                self.unknown_ref(table, index, key, target, ref, item)
                ok = False
            elif found not in out:
                out.append(found)
        return tuple(out) if ok else None

    def unknown_ref(self, table: str, index: int, key: str, target: str, ref: str,
                    item: int | None = None) -> None:
        if self.table_was_bad(target) or ref in self.invalid_ids.get(target, ()):
            return  # the entry exists but is invalid, and that error is already reported
        known = list(self.ids[target])
        self.error(
            table, index, key,
            f"unknown {TABLES[target].singular} {quote(ref)}{did_you_mean(ref, known)} "
            f"{known_list(known)}",
            needle=ref, item=item,
        )
