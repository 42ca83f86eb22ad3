"""Undo and redo as properties (hypothesis): any sequence of edits, undone, gives back the
original bytes, and redone, the edited bytes; after every step the file passes ``check`` and
holds what the window shows. A file checked by loading it again and one checked entry by
entry (as a large file is) take the same edits, refuse the same ones and end byte for byte
the same."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from positions_viewer.model import Dataset, Filter, PartialDate, load_bytes
from positions_viewer.model.write import (
    AddEntry,
    DeleteEntry,
    Edit,
    EditRefused,
    MoveEntry,
    TextDocument,
    add_statement,
    edit_entry,
    entry_values,
    view_from_filter,
)

from .files import HAND_WRITTEN, document, variants

VARIANTS = variants(HAND_WRITTEN)
KINDS = ("add statement", "edit statement", "delete statement", "add event", "edit event",
         "delete event", "add issue", "rename issue", "move issue", "add actor",
         "recolour actor", "move actor", "save view", "rename view", "move view",
         "delete view")

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
ids = st.text(string.ascii_lowercase + string.digits + "-_.", min_size=1, max_size=12)


@st.composite
def dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates())
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def _pick(draw: st.DrawFn, size: int) -> int:
    return draw(st.integers(0, max(0, size - 1)))


def _some_ids(draw: st.DrawFn, rows: tuple[object, ...]) -> tuple[str, ...]:
    known = [getattr(r, "id", "") for r in rows if getattr(r, "id", "")]
    chosen = draw(st.lists(st.sampled_from(known), max_size=3, unique=True)) if known else []
    if draw(st.integers(0, 9)) == 0:
        chosen.append(draw(ids))  # now and then an unknown id: the edit must be refused
    return tuple(chosen)


def an_edit(draw: st.DrawFn, d: Dataset) -> Edit:
    kind = draw(st.sampled_from(KINDS))
    if kind == "add statement":
        return add_statement(d, _pick(draw, len(d.issues)), _pick(draw, len(d.actors)),
                             draw(texts), draw(st.none() | dates()), draw(texts),
                             _some_ids(draw, d.sources))
    if kind in ("edit statement", "edit event") and (d.positions if kind == "edit statement"
                                                     else d.events):
        table = "positions" if kind == "edit statement" else "events"
        index = _pick(draw, len(getattr(d, table)))
        values: dict[str, object] = dict(entry_values(d, table, index))
        values["text" if table == "positions" else "title"] = draw(texts)
        if draw(st.booleans()):
            values["date"] = draw(dates())
        if table == "positions" and draw(st.booleans()):
            values["stance"] = draw(texts)
        if table == "events" and draw(st.booleans()):
            values.pop("end", None)
        return edit_entry(d, table, index, values)  # type: ignore[arg-type]
    if kind in ("delete statement", "delete event", "delete view"):
        table = {"delete statement": "positions", "delete event": "events",
                 "delete view": "views"}[kind]
        if getattr(d, table):
            return DeleteEntry(table, _pick(draw, len(getattr(d, table))))
    if kind == "add event":
        return AddEntry("events", (("date", draw(dates())), ("title", draw(texts)),
                                   ("issues", _some_ids(draw, d.issues))))
    if kind in ("add issue", "add actor"):
        table = "issues" if kind == "add issue" else "actors"
        name = "title" if table == "issues" else "name"
        return AddEntry(table, (("id", draw(ids)), (name, draw(texts))))
    if kind == "rename issue":
        index = _pick(draw, len(d.issues))
        values = dict(entry_values(d, "issues", index), title=draw(texts))
        return edit_entry(d, "issues", index, values)  # type: ignore[arg-type]
    if kind == "recolour actor":
        index = _pick(draw, len(d.actors))
        colour = "#" + "".join(draw(st.lists(st.sampled_from("0123456789abcdefABCDEF"),
                                             min_size=6, max_size=6)))
        values = dict(entry_values(d, "actors", index), color=colour)
        return edit_entry(d, "actors", index, values)  # type: ignore[arg-type]
    if kind.startswith("move"):
        table = {"move issue": "issues", "move actor": "actors", "move view": "views"}[kind]
        size = len(getattr(d, table))
        if size >= 2:
            index = _pick(draw, size)
            step = 1 if index == 0 else -1 if index == size - 1 else draw(st.sampled_from((-1, 1)))
            return MoveEntry(table, index, step)
    if kind == "rename view" and d.views:
        index = _pick(draw, len(d.views))
        values = dict(entry_values(d, "views", index), title=draw(texts))
        return edit_entry(d, "views", index, values)  # type: ignore[arg-type]
    issues = draw(st.none() | st.frozensets(st.integers(0, len(d.issues) - 1)))
    return view_from_filter(d, Filter(issues=issues), draw(texts))


def _located(diagnostics: object) -> list[tuple[int, int, str, str]]:
    return sorted((d.line, d.column, d.path, d.message)
                  for d in diagnostics)  # type: ignore[attr-defined]


def _step(docs: tuple[TextDocument, TextDocument], edit: Edit) -> list[object]:
    done: list[object] = []
    refused = []
    for doc in docs:
        try:
            done.append(doc.apply(edit))
        except EditRefused as exc:
            refused.append(str(exc))
    assert len(refused) in (0, 2), (edit, refused)  # both check the same rules
    event(f"{type(edit).__name__} {edit.table}: {'refused' if refused else 'made'}")
    return done


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variant=st.sampled_from(sorted(VARIANTS)), data=st.data())
def test_any_sequence_of_edits_undone_gives_the_original_bytes(variant: str,
                                                               data: st.DataObject) -> None:
    original = VARIANTS[variant]
    docs = (document(original), document(original, incremental=True))
    history: list[list[object]] = []
    for _ in range(data.draw(st.integers(1, 8))):
        edit = data.draw(st.composite(lambda draw: an_edit(draw, docs[0].dataset))())
        done = _step(docs, edit)
        if done:
            history.append(done)
            assert docs[0].data == docs[1].data
            loaded = load_bytes(docs[0].data, "data.toml")
            assert loaded.dataset is not None, [str(e) for e in loaded.errors]
            assert loaded.dataset == docs[0].dataset == docs[1].dataset
            assert _located(docs[1].diagnostics) == _located(loaded.diagnostics)
    edited = docs[0].data
    for done in reversed(history):
        for doc, applied in zip(docs, done, strict=True):
            doc.undo(applied)  # type: ignore[arg-type]
    assert docs[0].data == docs[1].data == original
    assert docs[1].dataset == load_bytes(original, "data.toml").dataset
    for done in history:
        for doc, applied in zip(docs, done, strict=True):
            doc.redo(applied)  # type: ignore[arg-type]
    assert docs[0].data == docs[1].data == edited
    assert docs[1].dataset == docs[0].dataset
