"""A comparison file's bytes, edited entry by entry, always valid (DESIGN §7).

:meth:`TextDocument.apply` turns an :mod:`edit <.edits>` into one :class:`Patch` of the
bytes: the entry's own lines are rewritten (:mod:`.render`, tomlkit) and placed with the
:class:`~.layout.Layout`; every other byte stays as it was — comments, order, blank lines,
quoting, CRLF line endings, a byte order mark. A file whose entries are inline tables
(``positions = [{…}]``) is edited by tomlkit as a whole (:mod:`.whole`).

Nothing invalid is ever held, so nothing invalid is ever saved. A file up to
:data:`FULL_CHECK_BYTES` is loaded again from the new bytes (``load_bytes``: ``check``
itself, every rule, every warning) before the edit is taken. A larger one (the benchmark's
30 MB L takes seconds to parse) has the edited entry checked by the loader's own rules
against the rest (:mod:`.checks`) and its dataset changed in place (:mod:`.reindex`); the
rest of the file is unchanged bytes that were valid, and the entry's text parses on its own
as exactly one entry, so the file stays valid. Tests compare both ways on every kind of edit.

Undo and redo apply a patch's inverse or the patch again: byte for byte the earlier text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..load import load_bytes
from ..types import Dataset
from . import whole
from .checks import Checked, Ids, check_block, id_tables
from .diagnostics import carry
from .edits import AddEntry, DeleteEntry, Edit, EditEntry, MoveEntry, noun
from .layout import Block, Layout
from .patch import Patch, minimal_patch
from .refusals import EditRefused, id_change_problem, may_delete
from .reindex import Change, apply_change
from .render import edit_block, new_block
from .sections import swapped, with_one_blank

__all__ = ["FULL_CHECK_BYTES", "Applied", "EditRefused", "Patch", "State", "TextDocument"]

FULL_CHECK_BYTES = 2_000_000  # up to this size every edit is checked by loading the new bytes


@dataclass(frozen=True, slots=True)
class State:
    """A version of the file: its bytes, the dataset they hold and the diagnostics."""

    data: bytes
    dataset: Dataset
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class Applied:
    """An edit as done: what the undo stack holds. ``change`` and ``inverse`` update the
    dataset of a large file; ``before``/``after`` are whole states when the edit replaced
    the file (taking the version on disk)."""

    title: str
    patch: Patch
    change: Change | None
    inverse: Change | None
    table: str = ""
    index: int | None = None  # the entry to show after the edit (None: none left)
    undone_index: int | None = None  # and after undoing it
    before: State | None = field(default=None, repr=False)
    after: State | None = field(default=None, repr=False)


class TextDocument:
    """The open file's bytes and dataset, kept in step by every edit (see the module)."""

    def __init__(self, path: Path, data: bytes, dataset: Dataset,
                 diagnostics: Sequence[Diagnostic] = (),
                 full_check_bytes: int | None = None) -> None:
        self.path = path
        self.name = str(path)
        self.data = data
        self.dataset = dataset
        self.diagnostics = tuple(diagnostics)
        self.full_check_bytes = FULL_CHECK_BYTES if full_check_bytes is None \
            else full_check_bytes
        self._layout: Layout | None = None
        self._ids: Ids | None = None

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def layout(self) -> Layout:
        if self._layout is None:
            self._layout = Layout.scan(self.data)
        return self._layout

    @property
    def ids(self) -> Ids:
        if self._ids is None:
            self._ids = id_tables(self.dataset)
        return self._ids

    @property
    def state(self) -> State:
        return State(self.data, self.dataset, self.diagnostics)

    # -- edits -----------------------------------------------------------------------

    def apply(self, edit: Edit) -> Applied:
        """Make ``edit``; raises :class:`EditRefused` (nothing changed) when the result
        would fail ``check`` or the entry cannot be found in the text."""
        if not isinstance(edit, AddEntry):
            self._entry_exists(edit.table, edit.index)
        problem = id_change_problem(self.dataset, edit)
        if problem:
            raise EditRefused(problem)
        patch: Patch
        change: Change | None
        checked: Checked | None
        try:
            if not self._sections(edit.table):
                raise _Unplaced(edit.table, getattr(edit, "index", 0))
            patch, change, checked = self._section_patch(edit)
        except _Unplaced:
            # Entries the layout cannot place (inline tables, a header it misread): tomlkit
            # edits the whole text, for a file small enough to load again.
            patch, change, checked = self._whole_patch(edit)
        before = self.dataset
        self._settle(patch, change, checked, refuse=True)
        inverse = change.inverse(before) if change is not None else None
        index = _shown_index(edit, len(getattr(self.dataset, edit.table)))
        undone = None if isinstance(edit, AddEntry) else edit.index
        return Applied(edit.title, patch, change, inverse, edit.table, index, undone)

    def undo(self, applied: Applied) -> None:
        if applied.before is not None:
            self._replace(applied.patch.inverse(), applied.before)
        else:
            self._settle(applied.patch.inverse(), applied.inverse, None, refuse=False)

    def redo(self, applied: Applied) -> None:
        if applied.after is not None:
            self._replace(applied.patch, applied.after)
        else:
            self._settle(applied.patch, applied.change, None, refuse=False)

    def replace_all(self, state: State, title: str) -> Applied:
        """Take ``state`` (another version of the file, already loaded) as a whole."""
        patch = minimal_patch(self.data, state.data)
        applied = Applied(title, patch, None, None, before=self.state, after=state)
        self._replace(patch, state)
        return applied

    # -- placing an edit in the text ---------------------------------------------------

    def _sections(self, table: str) -> bool:
        """Whether ``table``'s entries are ``[[table]]`` sections, placed by the layout."""
        layout = self.layout
        count = layout.count(table)
        size = len(getattr(self.dataset, table))
        if count:
            return count == size
        return size == 0 and not layout.defines_inline(table)

    def _section_patch(self, edit: Edit) -> tuple[Patch, Change, Checked | None]:
        layout = self.layout
        nl = layout.newline().decode()
        table = edit.table
        if isinstance(edit, AddEntry):
            return self._add_section(edit, nl)
        block = self._checked_block(table, edit.index)
        if isinstance(edit, EditEntry):
            body = self.data[block.start:block.end].decode("utf-8")
            text = edit_block(body, table, dict(edit.changes), nl)
            checked = self._check(table, edit.index, text, layout.line_of(block.start), True)
            change = Change(table, "replace", edit.index, checked.entry)
            return Patch(block.start, self.data[block.start:block.end], text.encode()), \
                change, checked
        if isinstance(edit, DeleteEntry):
            may_delete(self.dataset, table, edit.index)
            start, end = with_one_blank(layout, block)
            return Patch(start, self.data[start:end], b""), Change(table, "delete",
                                                                   edit.index), None
        first = self._checked_block(table, edit.first)
        second = self._checked_block(table, edit.first + 1)
        moved = swapped(self.data, first, second, nl.encode())
        return Patch(first.lead, self.data[first.lead:second.end], moved), \
            Change(table, "swap", edit.first), None

    def _add_section(self, edit: AddEntry, nl: str) -> tuple[Patch, Change, Checked | None]:
        layout, table = self.layout, edit.table
        size = len(getattr(self.dataset, table))
        text = new_block(table, dict(edit.values), nl)
        if size:
            last = self._checked_block(table, size - 1)
            at = last.end
            separator = nl if layout.blank_before(last.lead) else ""
        else:
            at = len(self.data)
            separator = nl if self.data.strip() else ""
        prefix = "" if at == 0 or self.data[at - 1:at] == b"\n" else nl
        inserted = (prefix + separator + text).encode()
        line = layout.line_of(at) + (prefix + separator).count("\n")
        checked = self._check(table, size, text, line, False)
        return Patch(at, b"", inserted), Change(table, "insert", size, checked.entry), checked

    def _checked_block(self, table: str, index: int) -> Block:
        """Where entry ``index`` is, once its text is known to hold exactly that entry
        (a header the layout took for another, or missed, would show here)."""
        block = self.layout.block(table, index)
        body = self.data[block.start:block.end].decode("utf-8")
        checked = check_block(self.dataset, self.ids, table, index, body, self.name,
                              replacing=True)
        if checked.entry is None or not _same(checked.entry, getattr(self.dataset, table)[index]):
            raise _Unplaced(table, index)
        return block

    def _whole_patch(self, edit: Edit) -> tuple[Patch, Change | None, Checked | None]:
        if len(self.data) > self.full_check_bytes:
            raise EditRefused(f"{self.name}: its {edit.table} are not all [[{edit.table}]] "
                              "sections the window can place an edit in; it edits such files "
                              f"up to {self.full_check_bytes // 1_000_000} MB")
        if isinstance(edit, DeleteEntry):
            may_delete(self.dataset, edit.table, edit.index)
        try:
            new = whole.edited(self.data, edit)
        except whole.Unsupported as exc:
            raise EditRefused(f"{self.name}: {exc}") from None
        return minimal_patch(self.data, new), None, None

    def _check(self, table: str, index: int, text: str, line: int, replacing: bool) -> Checked:
        checked = check_block(self.dataset, self.ids, table, index, text, self.name, line,
                              replacing, self._line_of_entry)
        if not checked.ok:
            raise EditRefused(_first_error(checked.errors, noun(table)), checked.diagnostics)
        return checked

    def _line_of_entry(self, table: str, index: int) -> int:
        return self.layout.line_of(self.layout.block(table, index).start)

    def _entry_exists(self, table: str, index: int) -> None:
        if not 0 <= index < len(getattr(self.dataset, table)):
            raise EditRefused(f"there is no {noun(table)} number {index + 1}")

    # -- settling: the new bytes, their dataset and diagnostics ---------------------------

    def _settle(self, patch: Patch, change: Change | None, checked: Checked | None,
                refuse: bool) -> None:
        data = patch.apply(self.data)
        if change is None or len(data) <= self.full_check_bytes:
            result = load_bytes(data, self.name)
            if result.dataset is None:
                if refuse:
                    errors = result.errors
                    raise EditRefused(_first_error(errors, "entry"), errors)
                raise RuntimeError(f"{self.name}: undo or redo gave a file that fails check: "
                                   f"{result.errors[0]}")
            layout = self.layout.patched(patch.start, len(patch.old), patch.new, data)
            dataset = _with_path(result.dataset, self.dataset.path)
            diagnostics = tuple(result.diagnostics)
        else:
            layout = self.layout.patched(patch.start, len(patch.old), patch.new, data)
            dataset = apply_change(self.dataset, change)
            ids = id_tables(dataset)
            if checked is None and change.op in ("replace", "insert"):
                checked = self._recheck(dataset, ids, layout, change.table, change.index)
            found = carry(self.diagnostics, self.data, patch.start, patch.old, patch.new,
                          change, dataset, checked, self.layout, layout, self.name)
            if change.table == "events" and change.op == "replace":
                # A statement warns when its date differs from its event's: check again
                # those that name the event edited.
                for position in dataset.positions:
                    if position.event == change.index:
                        found = self._rechecked(found, dataset, ids, layout, position.index)
            diagnostics = tuple(found)
        self._layout = layout
        self.data, self.dataset, self.diagnostics = data, dataset, diagnostics
        self._ids = None

    def _recheck(self, dataset: Dataset, ids: Ids, layout: Layout, table: str,
                 index: int) -> Checked:
        """Entry ``index`` checked again from its text in ``layout`` (undo, redo)."""
        block = layout.block(table, index)
        text = layout.data[block.start:block.end].decode("utf-8")
        return check_block(dataset, ids, table, index, text, self.name,
                           layout.line_of(block.start), True)

    def _rechecked(self, found: list[Diagnostic], dataset: Dataset, ids: Ids, layout: Layout,
                   position: int) -> list[Diagnostic]:
        """``found`` with statement ``position``'s diagnostics worked out again."""
        path = f"positions[{position}]"
        kept = [d for d in found if not (d.path == path or d.path.startswith((path + ".",
                                                                             path + "[")))]
        checked = self._recheck(dataset, ids, layout, "positions", position)
        kept += checked.diagnostics
        kept.sort(key=lambda d: (d.line, d.column, not d.is_error))
        return kept

    def _replace(self, patch: Patch, state: State) -> None:
        self._layout = self.layout.patched(patch.start, len(patch.old), patch.new, state.data)
        self.data, self.dataset, self.diagnostics = state.data, state.dataset, state.diagnostics
        self._ids = None


class _Unplaced(EditRefused):
    def __init__(self, table: str, index: int) -> None:
        super().__init__(f"cannot find {noun(table)} number {index + 1} in the file's text "
                         "safely; nothing was changed")


def _same(found: Any, entry: Any) -> bool:
    return bool(found == entry)


def _shown_index(edit: Edit, size: int) -> int | None:
    if isinstance(edit, AddEntry):
        return size - 1
    if isinstance(edit, DeleteEntry):
        return None
    if isinstance(edit, MoveEntry):
        return edit.index + edit.step
    return edit.index


def _first_error(errors: Sequence[Diagnostic], what: str) -> str:
    if not errors:
        return f"the {what} cannot be written"
    return f"{errors[0].location()}: {errors[0].text()}"


def _with_path(dataset: Dataset, path: Path | None) -> Dataset:
    if dataset.path != path:
        object.__setattr__(dataset, "path", path)
    return dataset

