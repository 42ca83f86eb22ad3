"""The positions table, the bulk of every file: a fast path for clean rows.

A clean row costs a few dict look-ups; anything unusual goes through the checker's readers,
which report it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..dates import PartialDate
from ..diagnostics import quote
from ..text import is_blank
from ..types import Event, Position
from .schema import TABLE_KEYS
from .values import Checker

__all__ = ["build_positions"]


def build_positions(check: Checker, rows: list[dict[str, Any]],
                    events: list[Event]) -> list[Position]:
    t = "positions"
    keys = TABLE_KEYS[t]
    known = frozenset(keys)
    actor_ids = check.ids["actors"]
    issue_ids = check.ids["issues"]
    source_ids = check.ids["sources"]
    dates = check.dates
    # One string per distinct stance, shared by every position that has it: a file repeats
    # a handful of stances 100k times, and the parser makes a new string for each.
    stances: dict[str, str] = {}
    source_lists: dict[tuple[int, ...], tuple[int, ...]] = {}  # the same, for source lists
    out: list[Position] = []
    for index, row in enumerate(rows):
        if not known.issuperset(row):  # the same test as row.keys() - known, no set
            check.unknown_keys(t, index, row, keys)
        actor_id, issue_id, text = row.get("actor"), row.get("issue"), row.get("text")
        actor = actor_ids.get(actor_id) if type(actor_id) is str else None
        issue = issue_ids.get(issue_id) if type(issue_id) is str else None
        if actor is None:
            actor = check.ref(t, index, row, "actor", required=True)
        if issue is None:
            issue = check.ref(t, index, row, "issue", required=True)
        if type(text) is not str or not text or text.isspace() or (
                not text[0].isalnum() and is_blank(text)):  # is_blank, its common case inlined
            text = check.text_value(t, index, row, "text", required=True)
        raw_date = row.get("date")  # a date seen before costs one look-up, no call
        date = None
        if type(raw_date) is dt.date or type(raw_date) is str:
            date = dates.get(raw_date)
        if date is None and raw_date is not None:
            date = check.date_value(t, index, row, "date")
        stance = row.get("stance", "")
        if type(stance) is not str:
            stance = check.text_value(t, index, row, "stance") or ""
        stance = stances.setdefault(stance, stance)
        event = check.ref(t, index, row, "event") if "event" in row else None
        raw_sources = row.get("sources")
        sources: tuple[int, ...] | None = ()
        if raw_sources is not None:
            sources = None
            if type(raw_sources) is list:  # Checker.refs's fast path, inlined: 100k rows
                try:
                    found = [source_ids[ref] for ref in raw_sources if type(ref) is str]
                except KeyError:
                    found = None
                if found is not None and len(found) == len(raw_sources):
                    sources = tuple(dict.fromkeys(found)) if len(found) > 1 else tuple(found)
            if sources is None:  # not a clean list of known ids: the checker says why
                sources = check.refs(t, index, row, "sources")
        if actor is None or issue is None or text is None or sources is None:
            continue
        if sources:
            sources = source_lists.setdefault(sources, sources)
        if event is not None:
            _check_event_date(check, index, date, events[event])
        # A copy of the text, made now, sits with the other kept objects instead of among the
        # parse's short-lived ones: once those are freed, their memory goes back to the
        # system instead of staying reserved around a few surviving strings (issue 18).
        text = "".join((text, ""))
        out.append(Position(len(out), actor, issue, text, date, stance, event, sources))
    return out


def _check_event_date(check: Checker, index: int, date: PartialDate | None,
                      event: Event) -> None:
    if date is not None and not (date.stop < event.start or date.start > event.stop):
        return  # the common case: the periods overlap, nothing to say
    label = f"{quote(event.id)} ({event.date_label()})"
    if date is None:
        check.warn("positions", index, "event",
                   f"the position is undated but its event {label} is dated; "
                   f"add date = {event.date.iso()} so it shows from then")
    elif date.stop < event.start or date.start > event.stop:
        # "2025-12" with an event on 18 Dec 2025 is fine: the periods overlap.
        check.warn("positions", index, "date",
                   f"date {date.iso()} differs from the date of its event {label}")
