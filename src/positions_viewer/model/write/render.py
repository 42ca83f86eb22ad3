"""An entry's TOML text: written new, or edited key by key with tomlkit (DESIGN §7).

tomlkit keeps what it is not asked to change: the other keys, their quoting and spacing,
comments, inline tables. Only the keys an edit names are written; a text keeps its quote
style when it can (a literal ``'…'`` string stays literal), a date written as a string stays
a string, an array written over several lines stays so. Values are plain text: tomlkit
escapes what TOML needs escaped (quotes, backslashes, control characters), nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..dates import PartialDate
from ..load.schema import TABLES

if TYPE_CHECKING:
    from tomlkit.items import Item

# tomlkit is imported by the functions that write: the window imports this module before
# its first paint, and tomlkit took 15-20 ms of that (issue 18).

__all__ = ["Value", "edit_block", "new_block", "toml_item"]

Value = str | PartialDate | tuple[str, ...]
"""A value an edit writes: a text or an id, a date, or a list of ids."""

_NOT_LITERAL = frozenset("'\n\r") | {chr(c) for c in (*range(0x20), 0x7F) if c != 0x09}


def toml_item(value: Value, old: Item | None = None) -> Item:
    """``value`` as a tomlkit item, in the style of ``old`` (the value it replaces) where
    that style can hold it."""
    import tomlkit
    from tomlkit.items import Array, String, StringType

    if isinstance(value, PartialDate):
        if value.is_approximate or isinstance(old, String):
            return tomlkit.string(value.iso())
        return tomlkit.item(dt.date(value.year, value.month or 1, value.day or 1))
    if isinstance(value, tuple):
        array = tomlkit.array()
        array.extend(value)
        if isinstance(old, Array) and "\n" in old.as_string():
            array.multiline(True)
        return array
    literal = (isinstance(old, String) and old.type is StringType.SLL
               and not _NOT_LITERAL.intersection(value))
    return tomlkit.string(value, literal=literal)


def new_block(table: str, values: Mapping[str, Value], newline: str = "\n") -> str:
    """``[[table]]`` and its keys, in the schema's order (DESIGN §1), ending with a newline."""
    import tomlkit

    entry = tomlkit.table()
    order = [k for k in TABLES[table].key_names if k in values]
    order += [k for k in values if k not in order]
    for key in order:
        entry.add(key, toml_item(values[key]))
    document = tomlkit.document()
    aot = tomlkit.aot()
    aot.append(entry)
    document.add(table, aot)
    return _with_newline(tomlkit.dumps(document), newline)


def edit_block(block: str, table: str, changes: Mapping[str, Value | None],
               newline: str = "\n") -> str:
    """``block`` (one ``[[table]]`` entry's text) with ``changes`` made: a value sets the
    key, ``None`` removes it. Everything else in the block is kept as it is."""
    import tomlkit
    from tomlkit.items import Item, Table

    document = tomlkit.parse(block.replace("\r\n", "\n"))
    entry: Any = document[table]
    target: Table = entry[0]
    for key, value in changes.items():
        if value is None:
            if key in target:
                del target[key]
            continue
        old = target.item(key) if key in target else None
        target[key] = toml_item(value, old if isinstance(old, Item) else None)
    text = tomlkit.dumps(document)
    if not block.endswith("\n") and text.endswith("\n"):
        text = text[:-1]
    return _with_newline(text, newline)


def _with_newline(text: str, newline: str) -> str:
    return text.replace("\n", newline) if newline != "\n" else text
