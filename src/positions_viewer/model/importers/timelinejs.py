"""TimelineJS sources: its spreadsheet template and its JSON, both as one table.

The template's columns are ``Year, Month, Day, Time, End Year, End Month, End Day, End Time,
Display Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Type,
Group, Background``. The JSON (``{"title": …, "events": [{"start_date": {"year": …}, …}],
"eras": […]}``) is turned into rows of the same columns, each numbered by the line its event
starts on, so both are converted by the same code (``convert.timeline_rows``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .tables import Cell, RawTable, SourceProblem

__all__ = ["TEMPLATE", "is_template", "json_table"]

TEMPLATE = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
            "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
            "Media Thumbnail", "Type", "Group", "Background")
_JSON_COLUMNS = ("start_date.year", "start_date.month", "start_date.day", "start_date.hour",
                 "end_date.year", "end_date.month", "end_date.day", "end_date.hour",
                 "display_date", "text.headline", "text.text", "media.url", "media.credit",
                 "media.caption", "media.thumbnail", "type", "group", "background.url",
                 "unique_id")
_LOWER = frozenset(name.lower() for name in TEMPLATE)


def is_template(header: list[str]) -> bool:
    """A sheet laid out as TimelineJS's template: it has Year and Headline columns."""
    names = {cell.strip().lower() for cell in header}
    return {"year", "headline"} <= names and len(names & _LOWER) >= 3


def _array_starts(text: str, key: str) -> list[tuple[int, int]]:
    """Line and column where each element of the top-level array ``key`` starts."""
    match = re.search(r'(?<!\\)"' + key + r'"\s*:\s*\[', text)
    if match is None:
        return []
    decoder = json.JSONDecoder()
    index, starts = match.end(), []
    while index < len(text):
        while index < len(text) and text[index] in " \t\r\n,":
            index += 1
        if index >= len(text) or text[index] == "]":
            break
        line = text.count("\n", 0, index) + 1
        starts.append((line, index - text.rfind("\n", 0, index)))
        try:
            index = decoder.raw_decode(text, index)[1]
        except json.JSONDecodeError:
            break
    return starts


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if not isinstance(value, (dict, list)) else ""


def _row(slide: dict[str, Any], kind: str) -> list[Cell]:
    def part(name: str) -> dict[str, Any]:
        value = slide.get(name)
        return value if isinstance(value, dict) else {}

    start, end, text, media = part("start_date"), part("end_date"), part("text"), part("media")
    return [
        _text(start.get("year")), _text(start.get("month")), _text(start.get("day")),
        _text(start.get("hour")), _text(end.get("year")), _text(end.get("month")),
        _text(end.get("day")), _text(end.get("hour")), _text(slide.get("display_date")),
        _text(text.get("headline")), _text(text.get("text")), _text(media.get("url")),
        _text(media.get("credit")), _text(media.get("caption")), _text(media.get("thumbnail")),
        kind or _text(slide.get("type")), _text(slide.get("group")),
        _text(part("background").get("url")), _text(slide.get("unique_id")),
    ]


def json_table(text: str, name: str) -> RawTable:
    """A TimelineJS JSON file as one table of the template's columns (plus ``Unique ID``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceProblem(f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise SourceProblem("not readable JSON: nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise SourceProblem('not a TimelineJS file: expected {"events": [...]} at the top')
    rows: list[tuple[int, list[Cell]]] = []
    columns: list[int] = []
    title = data.get("title")
    if isinstance(title, dict):
        found = re.search(r'(?<!\\)"title"\s*:', text)
        line = text.count("\n", 0, found.start()) + 1 if found else 1
        rows.append((line, _row(title, "title")))
    for key, kind in (("events", ""), ("eras", "era")):
        slides = data.get(key)
        if not isinstance(slides, list):
            continue
        starts = _array_starts(text, key)
        for number, slide in enumerate(slides):
            line, column = starts[number] if number < len(starts) else (0, 0)
            if not isinstance(slide, dict):
                raise SourceProblem(f"{key}[{number}] is not an object", line, column)
            rows.append((line, _row(slide, kind)))
            columns.append(column)
    header = [*TEMPLATE, "Unique ID"]
    table = RawTable(name, header, rows, header_row=0, timelinejs=True,
                     column_names=[f"events[…].{c}" for c in _JSON_COLUMNS])
    table.columns = [0] * len(header)  # a JSON row has one position: its line
    return table
