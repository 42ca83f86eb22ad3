"""Diagnostics that point at the right place and stay readable (issue 12 item 7, DESIGN §1):
inside inline arrays and tables, for keys set twice, for dotted keys, whatever the value's
size."""

from __future__ import annotations

from pathlib import Path

import pytest

from positions_viewer.model import load_bytes, load_file
from tests.datagen import check_result

CASES = Path(__file__).resolve().parents[2] / "data" / "cases"
HEAD = 'schema = 1\ntitle = "T"\n'
TABLES = '[[actors]]\nid = "a"\nname = "A"\n[[issues]]\nid = "i"\ntitle = "I"\n'


def first(text: str, name: str = "f.toml") -> str:
    """The first diagnostic other than "issue … has no position" (the samples have none)."""
    data = text.encode()
    result = load_bytes(data, name)
    check_result(result, data, name)
    found = [d for d in result.diagnostics if "has no position" not in d.message]
    assert found, "expected a diagnostic"
    return str(found[0])


def column_of(line: str, fragment: str) -> int:
    return line.index(fragment) + 1


# -- inside inline arrays and tables -------------------------------------------------------


def test_the_shared_case_points_at_the_element_and_its_value() -> None:
    result = load_file(CASES / "inline-array-error.toml", display_name="inline-array-error.toml")
    line = (CASES / "inline-array-error.toml").read_text().split("\n")[7]
    column = column_of(line, '"zz"')
    assert str(result.errors[0]) == (
        f"inline-array-error.toml:8:{column}: error: positions[2].actor: "
        "unknown actor 'zz' (known: a)")


@pytest.mark.parametrize("layout", ["one per line", "two per line", "after comments"])
def test_errors_in_inline_entries_are_located_at_their_own_value(layout: str) -> None:
    entries = ['{ actor = "a", issue = "i", text = "one" }',
               '{ actor = "a", issue = "i", text = "two", date = "2025-13" }',
               '{ issue = "i", actor = "a", text = "three", event = "nowhere" }']
    if layout == "one per line":
        body = "positions = [\n" + "".join(f"  {e},\n" for e in entries) + "]\n"
    elif layout == "two per line":
        body = f"positions = [{entries[0]}, {entries[1]},\n    {entries[2]}]\n"
    else:
        body = ("positions = [ # the statements\n  # first\n" +
                "".join(f"  {e},  # a [bracket] in a comment\n" for e in entries) + "]\n")
    text = HEAD + body + TABLES
    lines = text.split("\n")
    result = load_bytes(text.encode(), "f.toml")
    found = {d.path: (d.line, d.column) for d in result.diagnostics}
    date_line = next(n for n, s in enumerate(lines, 1) if '"2025-13"' in s)
    event_line = next(n for n, s in enumerate(lines, 1) if '"nowhere"' in s)
    assert found["positions[1].date"] == (
        date_line, column_of(lines[date_line - 1], '"2025-13"'))
    assert found["positions[2].event"] == (
        event_line, column_of(lines[event_line - 1], '"nowhere"'))


def test_a_missing_key_in_an_inline_entry_points_at_the_entry() -> None:
    text = (HEAD + 'actors = [\n  { id = "a", name = "A" },\n    { id = "b" },\n]\n'
            'issues = [{ id = "i", title = "I" }]\n')
    assert first(text).startswith("f.toml:5:5: error: actors[1]: missing required key 'name'")


def test_an_item_of_an_array_spanning_lines_is_located_at_the_item() -> None:
    text = (HEAD + TABLES + '[[events]]\ndate = 2025-12-01\ntitle = "E"\n'
            'issues = [\n  "i",\n  # a comment, "zz"\n     "zz",\n]\n')
    assert first(text).startswith("f.toml:15:6: error: events[0].issues[1]: unknown issue 'zz'")


def test_nested_inline_arrays_inside_inline_entries() -> None:
    text = (HEAD + 'actors = [{ id = "a", name = "A" }]\nissues = [{ id = "i", title = "I" }]\n'
            'events = [\n  { date = 2025-12-01, title = "E", actors = ["a", "a",\n'
            '      "b"] },\n]\n')
    assert first(text).startswith("f.toml:7:7: error: events[0].actors[2]: unknown actor 'b'")


# -- keys set twice ------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    ('[[actors]]\nid = "a"\nname = "A"\nname = "B"\n',
     "f.toml:6:1: error: invalid TOML: 'name' is set twice in actors[0] (first set on line 5)"),
    ('description = "x"\n"description" = "y"\n',
     "f.toml:4:1: error: invalid TOML: 'description' is set twice (first set on line 3)"),
    ("meta.a = 1\nmeta.a = 2\n",
     "f.toml:4:1: error: invalid TOML: 'meta.a' is set twice (first set on line 3)"),
    ("meta = 1\nmeta.b = 2\n",
     "f.toml:4:1: error: invalid TOML: 'meta.b' is set twice (first set on line 3)"),
    ("[meta]\na = 1\n\n[meta]\nb = 2\n",
     "f.toml:6:1: error: invalid TOML: 'meta' is set twice (first set on line 3)"),
    ('actors = [{ id = "a", name = "A" }]\n[[actors]]\nid = "b"\n',
     "f.toml:4:1: error: invalid TOML: 'actors' is set twice (first set on line 3)"),
    ('[[actors]]\nid = "a"\n[actors]\n',
     "f.toml:5:1: error: invalid TOML: 'actors' is set twice (first set on line 3)"),
    ('actors = [\n  { id = "a", name = "A", id = "b" },\n]\n',
     "f.toml:4:27: error: invalid TOML: 'id' is set twice in one inline table "
     "(first at column 5)"),
])
def test_a_key_set_twice_is_named_with_the_line_it_was_first_set(body: str,
                                                                  expected: str) -> None:
    assert first(HEAD + body).startswith(expected)


# -- dotted keys ---------------------------------------------------------------------------


def test_dotted_root_keys_are_reported_on_their_own_line() -> None:
    text = HEAD + "\n\nsettings.theme = 'dark'\n" + TABLES
    assert first(text).startswith("f.toml:5:18: warning: settings: unknown key 'settings'")


def test_dotted_keys_in_an_entry_are_reported_on_their_own_line() -> None:
    text = HEAD + '[[actors]]\nid = "a"\n  name . first = "A"\n[[issues]]\nid = "i"\ntitle = "I"\n'
    assert first(text).startswith("f.toml:5:18: error: actors[0].name: expected a string, "
                                  "got a table")


def test_a_sub_table_of_an_entry_points_at_its_header() -> None:
    text = HEAD + TABLES + "[issues.extra]\nx = 1\n"
    assert first(text).startswith("f.toml:9: warning: issues[0].extra: unknown key 'extra'")


# -- values quoted in messages are clipped ------------------------------------------------

BIG = "k" * 2_000_000


@pytest.mark.parametrize("text", [
    HEAD + TABLES + f'"{BIG}" = 1\n',
    HEAD + f'[[actors]]\nid = "a"\nname = "A"\n"{BIG}" = 1\n[[issues]]\nid = "i"\ntitle = "I"\n',
    HEAD + TABLES + f'[[positions]]\nactor = "{BIG}"\nissue = "i"\ntext = "t"\n',
    HEAD + TABLES + f'[[positions]]\nactor = "a"\nissue = "i"\ntext = "t"\nsources = ["{BIG}"]\n',
    HEAD + TABLES.replace('id = "i"', f'id = "{BIG}"') + TABLES.replace('id = "a"', 'id = "b"')
    .replace('id = "i"', f'id = "{BIG}"'),
    HEAD + TABLES + f'[[sources]]\nid = "s"\ntitle = "S"\nurl = "https://a.org/{BIG} x"\n',
    HEAD + TABLES + f'[[sources]]\nid = "s"\ntitle = "S"\nurl = "ftp://{BIG}"\n',
    HEAD + TABLES + f'[[sources]]\nid = "s"\ntitle = "S"\ndate = "{BIG}"\n',
    HEAD + f'stale_after = "{BIG}"\n' + TABLES,
    HEAD + f'"{BIG}" = 1\n"{BIG}" = 2\n',
    HEAD + f'x = {{ "{BIG}" = 1, "{BIG}" = 2 }}\n',
    HEAD + TABLES.replace('id = "a"', f'id = "{BIG}"') + f'[[views]]\nid = "v"\ntitle = "V"\n'
    f'actors = ["{BIG[:-1]}"]\n',
], ids=["root key", "entry key", "reference", "reference in a list", "duplicate id", "url",
        "url scheme", "date", "duration", "duplicate key", "duplicate inline key",
        "near miss of a long id"])
def test_every_diagnostic_is_one_readable_line_whatever_the_value(text: str) -> None:
    data = text.encode()
    result = load_bytes(data, "f.toml")
    check_result(result, data, "f.toml")
    assert result.diagnostics
    printed = [str(d) for d in result.diagnostics]
    assert all(len(line) <= 1100 for line in printed), [line[:300] for line in printed]
    assert any("…" in line for line in printed), [line[:300] for line in printed]
