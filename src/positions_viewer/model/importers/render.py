"""The imported comparison as TOML text: a new file, or entries appended to an existing one.

Written with tomlkit: the document's head (the comments saying where it came from, schema,
title) is a tomlkit document, and every string value is tomlkit's rendering of it. Entries
are laid out a table per line block, as in DESIGN §1; a plain string (no quote, backslash or
control character, the usual case) is rendered as tomlkit would render it without calling it,
which a test checks, because tomlkit builds 100k tables far more slowly than check reads them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

import tomlkit

from ..dates import PartialDate
from .records import NewEvent, NewPosition
from .registry import Entry

__all__ = ["appended_text", "new_file_text", "toml_string", "toml_value"]

_PLAIN = re.compile(r'[^"\\\x00-\x1f\x7f]*\Z')
_NO_CONTROL = re.compile(r"[^\x00-\x1f\x7f]*\Z")


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string, exactly as tomlkit writes it; a text of several
    lines as a multi-line string, which reads better in an editor."""
    if _PLAIN.match(value):
        return f'"{value}"'
    if _NO_CONTROL.match(value):  # quotes and backslashes: escaped as tomlkit escapes them
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    multiline = "\n" in value and "\r" not in value and not value.startswith("\n")
    return tomlkit.string(value, multiline=multiline).as_string()


def toml_value(value: str | PartialDate | Sequence[str]) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, PartialDate):
        # A day is a TOML date; a month or a year is the string DESIGN §1 allows.
        return value.iso() if value.day is not None else f'"{value.iso()}"'
    return "[" + ", ".join(toml_string(item) for item in value) + "]"


def _table(name: str, pairs: Iterable[tuple[str, str | PartialDate | Sequence[str] | None]]
           ) -> str:
    lines = [f"[[{name}]]"]
    for key, value in pairs:
        if value is None or (not isinstance(value, PartialDate) and len(value) == 0):
            continue
        lines.append(f"{key} = {toml_value(value)}")
    return "\n".join(lines) + "\n"


def _entries(actors: Sequence[Entry], issues: Sequence[Entry], sources: Sequence[Entry],
             events: Sequence[NewEvent], positions: Sequence[NewPosition]) -> list[str]:
    blocks: list[str] = []
    for actor in actors:
        blocks.append(_table("actors", (("id", actor.id), ("name", actor.name),
                                        ("detail", actor.detail))))
    for issue in issues:
        blocks.append(_table("issues", (("id", issue.id), ("title", issue.name))))
    for source in sources:
        blocks.append(_table("sources", (("id", source.id), ("title", source.name),
                                         ("url", source.detail))))
    label = ""
    for event in events:
        if event.origin[0] != label:
            label = event.origin[0]
            blocks.append(f"# Events from {label}\n")
        blocks.append(_table("events", (
            ("id", event.id), ("date", event.date), ("end", event.end), ("title", event.title),
            ("detail", event.detail), ("actors", event.actors), ("issues", event.issues),
            ("sources", event.sources))))
    blocks.extend(_positions(positions))
    return blocks


def _positions(positions: Sequence[NewPosition]) -> list[str]:
    """The ``[[positions]]`` tables: the hot loop at 100k statements, so the parts that
    repeat (actor and issue, date, stance) are rendered once each and nothing generic is
    called per entry."""
    blocks: list[str] = []
    label = ""
    heads: dict[tuple[str, str], str] = {}
    stances: dict[str, str] = {"": ""}
    dates: dict[int, str] = {}  # by id(): the positions hold the dates, so ids stay theirs
    for position in positions:
        if position.origin[0] != label:
            label = position.origin[0]
            blocks.append(f"# Statements from {label}\n")
        key = (position.actor, position.issue)
        head = heads.get(key)
        if head is None:
            head = heads[key] = (f"[[positions]]\nactor = {toml_string(position.actor)}\n"
                                 f"issue = {toml_string(position.issue)}")
        date = position.date
        if date is None:
            when = ""
        else:
            when = dates.get(id(date), "")
            if not when:
                when = dates[id(date)] = f"\ndate = {toml_value(date)}"
        stance = stances.get(position.stance)
        if stance is None:
            stance = stances[position.stance] = f"\nstance = {toml_string(position.stance)}"
        more = ""
        if position.event:
            more = f"\nevent = {toml_string(position.event)}"
        if position.sources:
            more += f"\nsources = {toml_value(position.sources)}"
        blocks.append(f"{head}{when}{stance}{more}\ntext = {toml_string(position.text)}\n")
    return blocks


def _provenance(names: Sequence[str], today: dt.date) -> str:
    shown = ", ".join(names)
    return f"Imported by positions-viewer on {today.isoformat()} from {shown}"


def new_file_text(
    title: str, description: str, names: Sequence[str], today: dt.date,
    actors: Sequence[Entry], issues: Sequence[Entry], sources: Sequence[Entry],
    events: Sequence[NewEvent], positions: Sequence[NewPosition],
) -> str:
    """A whole new comparison file (DESIGN §1, schema 1)."""
    doc = tomlkit.document()
    doc.add(tomlkit.comment(_provenance(names, today)))
    doc.add(tomlkit.comment("Check it with: positions-viewer check FILE"))
    doc.add(tomlkit.nl())
    doc.add("schema", 1)
    doc.add("title", title)
    if description:
        doc.add("description", description)
    head = tomlkit.dumps(doc)
    blocks = _entries(actors, issues, sources, events, positions)
    return head + "\n" + "\n".join(blocks) if blocks else head


def appended_text(
    names: Sequence[str], today: dt.date, actors: Sequence[Entry], issues: Sequence[Entry],
    sources: Sequence[Entry], events: Sequence[NewEvent], positions: Sequence[NewPosition],
) -> str:
    """The entries an import adds at the end of an existing file, after a comment saying
    where they came from."""
    comment = tomlkit.comment(_provenance(names, today)).as_string()
    blocks = _entries(actors, issues, sources, events, positions)
    return "\n" + comment + "\n" + "".join("\n" + block for block in blocks)
