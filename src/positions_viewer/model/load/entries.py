"""One builder per table (DESIGN §1): a row of the parsed document to a typed entry.

Each returns the entry, or ``None`` after reporting why the row cannot be one. Positions,
the bulk of a file, have their own fast path in :mod:`.positions`.
"""

from __future__ import annotations

import re
from typing import Any

from ..diagnostics import quote
from ..types import Actor, Event, Issue, Source, View
from ..urls import url_problem
from .values import Checker

__all__ = ["BUILDERS", "build_actor", "build_event", "build_issue", "build_source", "build_view"]

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}\Z")


def build_actor(check: Checker, index: int, row: dict[str, Any]) -> Actor | None:
    t = "actors"
    id_ = check.id_value(t, index, row)
    name = check.text_value(t, index, row, "name", required=True)
    detail = check.text_value(t, index, row, "detail")
    color = check.text_value(t, index, row, "color")
    if color is not None and not _COLOR.match(color):
        check.error(t, index, "color", f"bad colour {quote(color)}: use #rrggbb, e.g. #1f4e9c")
        color = None
    if id_ is None or name is None:
        return None
    return Actor(id_, name, detail or "", color.lower() if color else None)


def build_issue(check: Checker, index: int, row: dict[str, Any]) -> Issue | None:
    t = "issues"
    id_ = check.id_value(t, index, row)
    title = check.text_value(t, index, row, "title", required=True)
    description = check.text_value(t, index, row, "description")
    if id_ is None or title is None:
        return None
    return Issue(id_, title, description or "")


def build_source(check: Checker, index: int, row: dict[str, Any]) -> Source | None:
    t = "sources"
    id_ = check.id_value(t, index, row)
    title = check.text_value(t, index, row, "title", required=True)
    url = check.text_value(t, index, row, "url")
    date = check.date_value(t, index, row, "date")
    problem = url_problem(url) if url is not None else None
    if problem is not None:
        check.error(t, index, "url", f"url {quote(url or '')} {problem}")
        url = None
    if id_ is None or title is None:
        return None
    return Source(id_, title, url or "", date)


def build_event(check: Checker, index: int, row: dict[str, Any]) -> Event | None:
    t = "events"
    id_ = check.id_value(t, index, row, required=False) if "id" in row else ""
    date = check.date_value(t, index, row, "date", required=True)
    end = check.date_value(t, index, row, "end")
    title = check.text_value(t, index, row, "title", required=True)
    detail = check.text_value(t, index, row, "detail")
    actors = check.refs(t, index, row, "actors")
    issues = check.refs(t, index, row, "issues")
    sources = check.refs(t, index, row, "sources")
    if date is not None and end is not None and end.stop < date.start:
        check.error(t, index, "end", f"end {end.iso()} is before the start date {date.iso()}")
        return None
    if (id_ is None or date is None or title is None or actors is None or issues is None
            or sources is None):
        return None
    return Event(index, date, title, id_, end, detail or "", actors, issues, sources)


def build_view(check: Checker, index: int, row: dict[str, Any]) -> View | None:
    t = "views"
    id_ = check.id_value(t, index, row)
    title = check.text_value(t, index, row, "title", required=True)
    issues = check.refs(t, index, row, "issues") if "issues" in row else ()
    actors = check.refs(t, index, row, "actors") if "actors" in row else ()
    date_from = check.date_value(t, index, row, "from")
    date_to = check.date_value(t, index, row, "to")
    notes = check.text_value(t, index, row, "notes")
    if date_from is not None and date_to is not None and date_from.start > date_to.stop:
        check.error(t, index, "from", f"from {date_from.iso()} is after to {date_to.iso()}")
        return None
    if id_ is None or title is None or issues is None or actors is None:
        return None
    return View(
        id_, title,
        issues if "issues" in row else None,
        actors if "actors" in row else None,
        date_from, date_to, notes or "",
    )


BUILDERS = {
    "actors": build_actor, "issues": build_issue, "sources": build_source,
    "events": build_event, "views": build_view,
}
