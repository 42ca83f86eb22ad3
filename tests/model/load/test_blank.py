"""Blank is not missing (issue 12 item 8, DESIGN §1): a blank required text is a warning,
the file loads, and the model says what to show instead."""

from __future__ import annotations

import pytest

from positions_viewer.model import Severity, load_bytes
from positions_viewer.model.load.schema import ROOT, TABLES
from positions_viewer.model.text import NO_TEXT, UNTITLED, is_blank, placeholder_for, shown_text
from tests.datagen import to_toml

from .test_schema import full_document

REQUIRED_TEXT = [("", "title")] + [
    (name, key.name) for name, table in TABLES.items() for key in table.keys
    if key.required and key.is_text]


def test_the_required_texts_are_the_ones_the_format_names() -> None:
    assert sorted(REQUIRED_TEXT) == sorted([
        ("", "title"), ("actors", "name"), ("issues", "title"), ("sources", "title"),
        ("events", "title"), ("positions", "text"), ("views", "title")])
    assert ROOT.key("title").required


@pytest.mark.parametrize("blank", ["", " ", "\t\n ", "\u00a0\u3000", "\u200b", "\ufeff\u3164",
                                   "\u2800", "\u200e\u200f"])
@pytest.mark.parametrize(("table", "key"), REQUIRED_TEXT)
def test_a_blank_required_text_is_a_warning_and_the_file_loads(
    table: str, key: str, blank: str
) -> None:
    spec = full_document()
    (spec[table][0] if table else spec)[key] = blank
    result = load_bytes(to_toml(spec), "blank.toml")
    assert result.dataset is not None, [str(d) for d in result.errors]
    [warning] = result.diagnostics
    assert warning.severity is Severity.WARNING
    path = f"{table}[0].{key}" if table else key
    shown = NO_TEXT if (table, key) == ("positions", "text") else UNTITLED
    assert warning.text() == f"{path}: is blank; shown as '{shown}' until it is filled in"
    assert warning.line > 0 and warning.column > 0
    entry = getattr(result.dataset, table)[0] if table else result.dataset
    value = getattr(entry, key)
    assert value == blank  # kept as written: nothing the user wrote is lost
    assert is_blank(value) and shown_text(value, placeholder_for(table, key)) == shown


def test_missing_is_still_an_error() -> None:
    spec = full_document()
    del spec["positions"][0]["text"]
    result = load_bytes(to_toml(spec), "m.toml")
    assert result.dataset is None
    assert [d.text() for d in result.errors] == ["positions[0]: missing required key 'text'"]


def test_the_placeholders_and_the_blank_test() -> None:
    assert (NO_TEXT, UNTITLED) == ("(no text)", "(untitled)")
    assert placeholder_for("positions", "text") == "(no text)"
    assert placeholder_for("issues", "title") == placeholder_for("", "title") == "(untitled)"
    assert placeholder_for("actors", "name") == "(untitled)"
    assert [is_blank(t) for t in ("", " ", "\n", "\u2028", "a", " a ", "\u200b", "\u200ba")] == [
        True, True, True, True, False, False, True, False]
    assert shown_text("Said", NO_TEXT) == "Said" and shown_text("  ", NO_TEXT) == "(no text)"
