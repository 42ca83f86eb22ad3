"""Edits of a file whose entries are not ``[[table]]`` sections: tomlkit on the whole text.

``positions = [{ actor = "a", … }, …]`` is valid TOML the layout does not place entries in;
tomlkit edits the array's inline tables in place and writes the rest back as it was read.
Only used for files small enough to load again after the edit (see :mod:`.document`), and
only when tomlkit gives back exactly the bytes it read.
"""

from __future__ import annotations

from typing import Any

from ..load.schema import TABLES
from .edits import AddEntry, DeleteEntry, Edit, EditEntry
from .render import toml_item

__all__ = ["Unsupported", "edited"]

_BOM = b"\xef\xbb\xbf"


class Unsupported(Exception):
    """tomlkit cannot edit this file without changing what the edit does not touch."""


def edited(data: bytes, edit: Edit) -> bytes:
    """``data`` (a whole file) with ``edit`` made by tomlkit. Raises :class:`Unsupported`."""
    import tomlkit  # here, not at the top: off the window's path to its first paint
    from tomlkit.items import Array

    bom = data.startswith(_BOM)
    text = data[len(_BOM):].decode("utf-8") if bom else data.decode("utf-8")
    try:
        document = tomlkit.parse(text)
    except Exception as exc:  # tomlkit is stricter than tomli in places
        raise Unsupported(f"tomlkit cannot read the file ({exc})") from None
    if tomlkit.dumps(document) != text:
        raise Unsupported("tomlkit cannot write this file back unchanged")
    entries: Any = document.get(edit.table)
    if entries is None:
        raise Unsupported(f"no {edit.table} to edit")
    inline = isinstance(entries, Array)
    if isinstance(edit, AddEntry):
        entries.append(_entry(edit.table, dict(edit.values), inline))
    elif isinstance(edit, EditEntry):
        entry = entries[edit.index]
        for key, value in edit.changes:
            if value is None:
                if key in entry:
                    del entry[key]
            else:
                entry[key] = toml_item(value, entry.item(key) if key in entry else None)
    elif isinstance(edit, DeleteEntry):
        del entries[edit.index]
    else:
        first = edit.first
        one, two = entries[first], entries[first + 1]
        entries[first], entries[first + 1] = two, one
    out = tomlkit.dumps(document).encode()
    return _BOM + out if bom else out


def _entry(table: str, values: dict[str, Any], inline: bool) -> Any:
    import tomlkit

    entry = tomlkit.inline_table() if inline else tomlkit.table()
    order = [k for k in TABLES[table].key_names if k in values]
    order += [k for k in values if k not in order]
    for key in order:
        entry.append(key, toml_item(values[key]))
    return entry
