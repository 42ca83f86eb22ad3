"""What ``check`` would say about an edit, before it is made: forms validate as you type.

The would-be entry is written as a fresh ``[[table]]`` section and checked by the loader's
rules against the file (:func:`.checks.check_block`): the same messages as ``check``, in well
under a millisecond, whatever the file's size. Locations are within the entry (line 1 is
its header); paths name the entry's index (``positions[7].date``).
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..types import Dataset
from .checks import Ids, check_block, id_tables
from .edits import AddEntry, DeleteEntry, Edit, EditEntry, entry_values, noun
from .refusals import id_change_problem, referrers
from .render import new_block

__all__ = ["preview"]


def preview(dataset: Dataset, edit: Edit, name: str = "", ids: Ids | None = None) -> \
        list[Diagnostic]:
    """The diagnostics of ``edit`` on ``dataset`` (errors first), empty when it is clean."""
    ids = ids if ids is not None else id_tables(dataset)
    table = edit.table
    if isinstance(edit, AddEntry):
        index, values, replacing = len(getattr(dataset, table)), dict(edit.values), False
    elif isinstance(edit, EditEntry):
        problem = id_change_problem(dataset, edit)
        if problem:
            return [Diagnostic(name, 0, 0, Severity.ERROR, problem.split(": ", 1)[1],
                               f"{table}[{edit.index}].id")]
        values = entry_values(dataset, table, edit.index)
        for key, value in edit.changes:
            if value is None:
                values.pop(key, None)
            else:
                values[key] = value
        index, replacing = edit.index, True
    elif isinstance(edit, DeleteEntry):
        users = referrers(dataset, table, edit.index)
        if not users:
            return []
        return [Diagnostic(name, 0, 0, Severity.ERROR,
                           f"still referred to by {', '.join(users[:3])}"
                           + (f" and {len(users) - 3} more" if len(users) > 3 else ""),
                           f"{table}[{edit.index}]")]
    else:
        return []
    text = new_block(table, values)
    checked = check_block(dataset, ids, table, index, text, name, 1, replacing)
    found = sorted(checked.diagnostics, key=lambda d: (not d.is_error, d.line, d.column))
    if checked.entry is None and not checked.errors:
        found.insert(0, Diagnostic(name, 0, 0, Severity.ERROR,
                                   f"the {noun(table)} cannot be written", f"{table}[{index}]"))
    return found
