"""Every kind of edit, on hand-written files (comments, odd spacing, inline tables, multi-line
strings) with LF and CRLF line endings and a byte order mark: the diff (difflib on the lines)
touches only the edited entry, ``check`` passes on the new bytes, the line endings and the
byte order mark stay, and undo gives the original bytes back. Each runs twice: checked by
loading the new bytes (a small file) and entry by entry (as for a large one)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from positions_viewer.model import Dataset, Filter, load_bytes, parse_date
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

from .files import (
    HAND_WRITTEN,
    INLINE,
    blank_lines,
    changed_lines,
    document,
    lines,
    paragraph,
    variants,
)

VARIANTS = variants(HAND_WRITTEN)
MODES = {"loaded again": False, "entry by entry": True}

MakeEdit = Callable[[Dataset], Edit]


def _values(dataset: Dataset, table: str, index: int, **changes: object) -> dict[str, object]:
    values: dict[str, object] = dict(entry_values(dataset, table, index))
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return values


# (edit, markers of the old entries it may change, markers of the new entries it writes)
EDITS: dict[str, tuple[MakeEdit, tuple[str, ...], tuple[str, ...]]] = {
    "add statement": (
        lambda d: add_statement(d, 1, 1, 'A "new" statement\\ with a backslash',
                                parse_date("2025-12-20"), "open", ("elysee",), "call"),
        (), ("A \\\"new\\\" statement",)),
    "edit statement": (
        lambda d: edit_entry(d, "positions", 1, _values(
            d, "positions", 1, text="Open to talks, now.", stance="open", sources=None)),
        ("Open to",), ("Open to talks, now.",)),
    "delete statement": (lambda d: DeleteEntry("positions", 1), ("Open to",), ()),
    "add event": (
        lambda d: AddEntry("events", (("id", "summit"), ("date", parse_date("2026-01")),
                                      ("title", "Summit"), ("issues", ("talks", "ceasefire")))),
        (), ("Summit",)),
    "edit event": (
        lambda d: edit_entry(d, "events", 1, _values(
            d, "events", 1, title="Talks, then none", end=parse_date("2026-01-15"),
            detail="Détail: plain <b>text</b>")),
        ("Talks about talks",), ("Talks, then none",)),
    "delete event": (lambda d: DeleteEntry("events", 1), ("Talks about talks",), ()),
    "add issue": (
        lambda d: AddEntry("issues", (("id", "sanctions"), ("title", "Sanctions"))),
        (), ("Sanctions",)),
    "rename issue": (
        lambda d: edit_entry(d, "issues", 1, _values(d, "issues", 1, title="A ceasefire")),
        ('title="Ceasefire"',), ("A ceasefire",)),
    "move issue": (lambda d: MoveEntry("issues", 1, -1),
                   ('title="Ceasefire"', "imminent"), ('title="Ceasefire"', "imminent")),
    "add actor": (
        lambda d: AddEntry("actors", (("id", "ukraine"), ("name", "Ukraine"),
                                      ("color", "#f2c200"))),
        (), ("Ukraine",)),
    "rename actor": (
        lambda d: edit_entry(d, "actors", 1, _values(d, "actors", 1, name="Russia (Kremlin)",
                                                     detail="Kremlin")),
        ('"Russia"',), ("Russia (Kremlin)",)),
    "recolour actor": (
        lambda d: edit_entry(d, "actors", 0, _values(d, "actors", 0, color="#2e7d32")),
        ('"France"',), ('"France"',)),
    "move actor": (lambda d: MoveEntry("actors", 0, 1), ('"France"', '"Russia"'),
                   ('"France"', '"Russia"')),
    "save view": (
        lambda d: view_from_filter(d, Filter(issues=frozenset({1}), actors=frozenset({0}),
                                             date_from=parse_date("2025-12"),
                                             date_to=parse_date("2025-12-26")),
                                   "Ceasefire, France"),
        (), ("Ceasefire, France",)),
    "rename view": (
        lambda d: edit_entry(d, "views", 0, _values(d, "views", 0, title="Talks only",
                                                    notes="Say why.")),
        ('"Talks"',), ("Talks only",)),
    "delete view": (lambda d: DeleteEntry("views", 0), ('"Talks"',), ()),
    "move view": (lambda d: MoveEntry("views", 1, -1), ('"Talks"', '"December"'),
                  ('"Talks"', '"December"')),
    "rename a view with a multi-line string": (
        lambda d: edit_entry(d, "views", 1, _values(d, "views", 1, title="All of December")),
        ('"December"',), ("All of December",)),
}


def _located(diagnostics: object) -> list[tuple[int, int, str, str, str]]:
    return sorted((d.line, d.column, d.severity.value, d.path, d.message)
                  for d in diagnostics)  # type: ignore[attr-defined]


def _allowed(text_lines: list[str], markers: tuple[str, ...]) -> set[int]:
    allowed: set[int] = set()
    for marker in markers:
        allowed |= paragraph(text_lines, marker)
    return allowed


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", EDITS)
def test_an_edit_changes_only_its_entry_and_the_file_passes_check(
        kind: str, variant: str, mode: str) -> None:
    data = VARIANTS[variant]
    doc = document(data, incremental=MODES[mode])
    make, old_markers, new_markers = EDITS[kind]
    applied = doc.apply(make(doc.dataset))
    new = doc.data

    result = load_bytes(new, "data.toml")
    assert result.dataset is not None, [str(d) for d in result.errors]
    assert result.dataset == doc.dataset  # what the window shows is what the file says
    assert _located(doc.diagnostics) == _located(result.diagnostics)  # and what check says
    removed, added = changed_lines(data, new)
    old_lines, new_lines = lines(data), lines(new)
    assert removed or added
    assert removed <= _allowed(old_lines, old_markers) | blank_lines(old_lines), kind
    assert added <= _allowed(new_lines, new_markers) | blank_lines(new_lines), kind
    if variant != "lf":
        assert new.count(b"\n") == new.count(b"\r\n")  # CRLF kept, new lines included
    assert new.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")

    doc.undo(applied)
    assert doc.data == data
    assert doc.dataset == load_bytes(data, "data.toml").dataset
    doc.redo(applied)
    assert doc.data == new


@pytest.mark.parametrize("mode", MODES)
def test_an_edit_writes_exactly_the_values_given(mode: str) -> None:
    doc = document(VARIANTS["crlf"], incremental=MODES[mode])
    doc.apply(EDITS["add statement"][0](doc.dataset))
    added = doc.dataset.positions[-1]
    assert added.text == 'A "new" statement\\ with a backslash'
    assert (added.actor, added.issue, added.stance) == (1, 1, "open")
    assert added.date == parse_date("2025-12-20")
    assert added.event == 0 and added.sources == (0,)
    doc.apply(EDITS["edit event"][0](doc.dataset))
    event = doc.dataset.events[1]
    assert event.title == "Talks, then none"
    assert event.detail == "Détail: plain <b>text</b>"  # text is kept as typed, not markup
    assert event.end == parse_date("2026-01-15") and event.date == parse_date("2025-12")


def test_a_literal_string_stays_literal_and_a_string_date_stays_a_string() -> None:
    doc = document(HAND_WRITTEN.encode())
    doc.apply(edit_entry(doc.dataset, "positions", 1, _values(
        doc.dataset, "positions", 1, text="Open to dialogue.")))
    assert b"text = 'Open to dialogue.'" in doc.data
    doc.apply(edit_entry(doc.dataset, "events", 1, _values(
        doc.dataset, "events", 1, date=parse_date("2025-11"))))
    assert b'date = "2025-11"' in doc.data


@pytest.mark.parametrize("mode", MODES)
def test_an_edit_that_would_fail_check_is_refused_with_checks_message(mode: str) -> None:
    data = VARIANTS["crlf"]
    doc = document(data, incremental=MODES[mode])
    bad = {
        "unknown source": add_statement(doc.dataset, 0, 0, "x", sources=("nowhere",)),
        "duplicate id": AddEntry("issues", (("id", "talks"), ("title", "Again"))),
        "end before date": edit_entry(doc.dataset, "events", 1, _values(
            doc.dataset, "events", 1, end=parse_date("2025-11-30"))),
        "bad colour": edit_entry(doc.dataset, "actors", 0, _values(
            doc.dataset, "actors", 0, color="blue")),
        "referenced event": DeleteEntry("events", 0),
        "bad id": AddEntry("views", (("id", "-no"), ("title", "No"))),
    }
    expected = {
        "unknown source": "unknown source 'nowhere'",
        "duplicate id": "duplicate id 'talks' (first used on line",
        "end before date": "end 2025-11-30 is before the start date 2025-12",
        "bad colour": "bad colour 'blue': use #rrggbb",
        "referenced event": "still referred to by positions[1]",
        "bad id": "bad id '-no'",
    }
    for name, edit in bad.items():
        with pytest.raises(EditRefused) as refused:
            doc.apply(edit)
        assert expected[name] in str(refused.value), name
        assert doc.data == data, name  # nothing changed


def test_the_last_actor_or_issue_cannot_be_deleted() -> None:
    doc = document(INLINE.encode())
    with pytest.raises(EditRefused, match="at least one issue"):
        doc.apply(DeleteEntry("issues", 0))


@pytest.mark.parametrize("kind", ["add statement", "edit statement", "delete statement",
                                  "move actor", "rename actor"])
def test_inline_tables_are_edited_in_place_by_tomlkit(kind: str) -> None:
    data = INLINE.encode()
    doc = document(data)
    edits: dict[str, Edit] = {
        "add statement": add_statement(doc.dataset, 0, 1, "b again", parse_date("2024-02")),
        "edit statement": edit_entry(doc.dataset, "positions", 0, _values(
            doc.dataset, "positions", 0, text="a, edited")),
        "delete statement": DeleteEntry("positions", 1),
        "move actor": MoveEntry("actors", 1, -1),
        "rename actor": edit_entry(doc.dataset, "actors", 0, _values(doc.dataset, "actors", 0,
                                                                     name="Aa")),
    }
    applied = doc.apply(edits[kind])
    assert load_bytes(doc.data).dataset == doc.dataset
    removed, _added = changed_lines(data, doc.data)
    touched = {"add statement": set(), "edit statement": {6}, "delete statement": {7},
               "move actor": {2, 3}, "rename actor": {2}}[kind]
    assert removed <= touched
    doc.undo(applied)
    assert doc.data == data


def test_a_large_file_of_inline_tables_is_refused_with_a_reason() -> None:
    result = load_bytes(INLINE.encode())
    assert result.dataset is not None
    from pathlib import Path

    doc = TextDocument(Path("inline.toml"), INLINE.encode(), result.dataset,
                       full_check_bytes=10)
    with pytest.raises(EditRefused, match=r"not all \[\[positions\]\] sections"):
        doc.apply(DeleteEntry("positions", 1))


def test_a_file_tomlkit_cannot_write_back_unchanged_is_refused_untouched() -> None:
    # tomlkit 0.13-0.15 drops the space in "2024-01-01 }": such a file is not rewritten.
    data = INLINE.replace('date = 2024-01-01, text = "a on i" }',
                          'text = "a on i", date = 2024-01-01 }').encode()
    doc = document(data)
    with pytest.raises(EditRefused, match="tomlkit cannot write this file back unchanged"):
        doc.apply(DeleteEntry("positions", 1))
    assert doc.data == data


@pytest.mark.parametrize("mode", MODES)
def test_warnings_follow_the_edits_as_check_gives_them(mode: str) -> None:
    doc = document(VARIANTS["crlf"], incremental=MODES[mode])
    doc.apply(edit_entry(doc.dataset, "actors", 1, _values(doc.dataset, "actors", 1,
                                                           color="#1f4e9d")))
    doc.apply(AddEntry("issues", (("id", "empty"), ("title", " "))))
    doc.apply(DeleteEntry("positions", 0))
    doc.apply(MoveEntry("actors", 1, -1))
    result = load_bytes(doc.data, "data.toml")
    messages = [d.message for d in result.diagnostics]
    assert any("hard to tell apart" in m for m in messages)
    assert any("issue 'empty' has no position" in m for m in messages)
    assert any("is blank" in m for m in messages)
    assert _located(doc.diagnostics) == _located(result.diagnostics)
