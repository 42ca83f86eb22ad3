"""The write path (DESIGN §7, issue 17): edits applied to the file's text, entry by entry.

- :mod:`.edits`: the edits as small command objects (add, edit, delete, move an entry) and
  their constructors;
- :mod:`.document`: :class:`TextDocument`, the bytes and dataset kept in step, patches for
  undo and redo, nothing invalid ever held;
- :mod:`.layout` (where entries are in the bytes), :mod:`.render` (an entry's TOML, by
  tomlkit), :mod:`.checks` (one entry by the loader's rules), :mod:`.reindex` (the dataset
  after a change), :mod:`.whole` (files of inline tables), :mod:`.preview` (what a form
  would write, checked as you type).

No Qt, no file writing: the session saves the bytes atomically (``export.atomic``).
"""

from .document import FULL_CHECK_BYTES, Applied, EditRefused, Patch, State, TextDocument
from .edits import (
    AddEntry,
    DeleteEntry,
    Edit,
    EditEntry,
    MoveEntry,
    add_statement,
    edit_entry,
    entry_values,
    new_id,
    noun,
    view_from_filter,
)
from .render import Value

__all__ = [
    "FULL_CHECK_BYTES", "AddEntry", "Applied", "DeleteEntry", "Edit", "EditEntry",
    "EditRefused", "MoveEntry", "Patch", "State", "TextDocument", "Value", "add_statement",
    "edit_entry", "entry_values", "new_id", "noun", "view_from_filter",
]
