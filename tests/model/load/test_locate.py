"""SourceMap: where a key or table entry is in the text, so diagnostics point at it."""

from __future__ import annotations

import textwrap

import pytest
import tomli

from positions_viewer.model.load.locate import SourceMap


def scan(text: str) -> tuple[SourceMap, str]:
    text = textwrap.dedent(text).lstrip("\n")
    tomli.loads(text)  # every sample is valid TOML: the map describes what the parser read
    return SourceMap.scan(text), text


def line_of(text: str, fragment: str) -> int:
    """1-based line of the only line containing ``fragment``."""
    found = [n for n, line in enumerate(text.split("\n"), start=1) if fragment in line]
    assert len(found) == 1, (fragment, found)
    return found[0]


def test_array_of_tables_headers_are_counted_per_table() -> None:
    smap, _ = scan("""
        schema = 1

        [[actors]]
        id = "france"

        [[issues]]
        id = "imminence"

        [[actors]]  # a comment
        id = "russia"

          [[ actors ]]
        id = "usa"
    """)
    assert smap.header_line("actors", 0) == 3
    assert smap.header_line("issues", 0) == 6
    assert smap.header_line("actors", 1) == 9
    assert smap.header_line("actors", 2) == 12
    assert smap.find("actors", 2, "id") == (13, 6)
    assert smap.find("issues", 0, "id") == (7, 6)


def test_top_level_keys_and_value_columns() -> None:
    smap, _ = scan("""
        schema = 1
        title   =   "Spaced"
        "quoted" = 2
        as_of=2025-12-26
    """)
    assert smap.find("", 0, "schema") == (1, 10)
    assert smap.find("", 0, "title") == (2, 13)
    assert smap.find("", 0, "quoted") == (3, 12)
    assert smap.find("", 0, "as_of") == (4, 7)


def test_missing_keys_fall_back_to_the_entry_header() -> None:
    smap, _ = scan("""
        title = "x"

        [[actors]]
        id = "france"
    """)
    assert smap.find("actors", 0, "name") == (3, 0)
    assert smap.find("actors", 0) == (3, 0)
    assert smap.find("", 0, "schema") == (1, 0)


def test_top_level_tables_point_at_their_header() -> None:
    smap, _ = scan("""
        schema = 1

        [metadata]
        author = "x"

        [[view]]
        id = "v"
    """)
    assert smap.find("", 0, "metadata") == (3, 0)
    assert smap.find("", 0, "view") == (6, 0)
    assert smap.find("metadata", 0, "author") == (4, 10)


def test_inline_array_of_tables_points_at_the_entry() -> None:
    # issue 12 item 7: the entry's own line and column (it was the array's first line, 2:0)
    smap, _ = scan("""
        schema = 1
        actors = [
          { id = "france", name = "France" },
          { id = "russia" },
        ]
    """)
    assert smap.find("actors", 1, "name") == (4, 3)


@pytest.mark.parametrize("quotes", ['"""', "'''"])
def test_multiline_strings_hide_fake_keys_and_headers(quotes: str) -> None:
    smap, text = scan(f"""
        [[issues]]
        description = {quotes}
        id = "fake"
        title = "not a key"
        [[issues]]
        [[positions]]
          [[issues]]
        {quotes}
        id = "real"
        title = "Real"

        [[issues]]
        description = {quotes}one line{quotes}
        id = "second"
    """)
    assert smap.find("issues", 0, "id") == (line_of(text, 'id = "real"'), 6)
    assert smap.find("issues", 0, "title") == (line_of(text, '"Real"'), 9)
    assert smap.header_line("issues", 1) == line_of(text, "one line") - 1
    assert smap.find("issues", 1, "id") == (line_of(text, '"second"'), 6)
    assert ("positions", 0) not in smap.headers
    assert ("issues", 2) not in smap.headers


def test_multiline_string_closing_on_a_line_with_more_content() -> None:
    smap, text = scan('''
        [[events]]
        detail = """starts here
        still text, title = "no"
        ends here""" # title = "still no"
        title = "Yes"
    ''')
    assert smap.find("events", 0, "title") == (line_of(text, '"Yes"'), 9)


def test_escaped_quotes_do_not_close_a_multiline_string() -> None:
    smap, text = scan(r'''
        [[events]]
        detail = """He said \""" and then \\\"""
        id = "inside"
        """
        id = "outside"
        title = """quotes at the end"""""
        date = 2025-12-26
    ''')
    assert smap.find("events", 0, "id") == (line_of(text, '"outside"'), 6)
    assert smap.find("events", 0, "date") == (line_of(text, "2025-12-26"), 8)


def test_strings_and_comments_with_brackets_do_not_open_arrays() -> None:
    smap, text = scan("""
        [[events]]
        title = "a [bracket" # and [another
        detail = 'literal [[ with \\'
        id = "after"
    """)
    assert smap.find("events", 0, "id") == (line_of(text, '"after"'), 6)


def test_multiline_arrays_hide_their_lines() -> None:
    smap, text = scan("""
        [[events]]
        issues = [
          "imminence",
          # title = "a comment"
          [
            "nested",
          ],
        ]
        matrix = [
        [[1]],
        [2],
        ]
        title = "Call"
    """)
    assert smap.find("events", 0, "title") == (line_of(text, '"Call"'), 9)
    assert ("events", 1) not in smap.headers
    assert ("", 0, "title") not in smap.keys
    assert ("events", 0, "matrix") in smap.keys


def test_needle_columns_inside_values() -> None:
    smap, text = scan("""
        [[events]]
        issues = ["imminence", "conditoins", 'context']
        actors = [
          "france",
            "rusia",
        ]
        title = "Call"
    """)
    line = line_of(text, "conditoins")
    assert smap.find("events", 0, "issues", needle="conditoins") == (line, 24)
    assert smap.find("events", 0, "issues", needle="context") == (line, 38)
    assert smap.find("events", 0, "actors", needle="rusia") == (line_of(text, "rusia"), 5)
    # a needle that is not there: the value's start
    assert smap.find("events", 0, "issues", needle="nowhere") == (line, 10)


def test_needle_is_searched_only_in_its_own_value() -> None:
    smap, text = scan("""
        [[positions]]
        actor = "france"
        issue = "france"
    """)
    assert smap.find("positions", 0, "issue", needle="france") == (line_of(text, "issue"), 9)


def test_lines_are_counted_like_toml_counts_them() -> None:
    # U+2028, U+2029 and U+0085 are ordinary characters inside TOML strings
    smap, _ = scan(
        'title = "a\u2028b\u2029c\x85d"\r\n'
        "[[actors]]\r\n"
        'id = "france"\r\n'
    )
    assert smap.header_line("actors", 0) == 2
    assert smap.find("actors", 0, "id") == (3, 6)


def test_empty_text() -> None:
    smap = SourceMap.scan("")
    assert smap.find("", 0, "schema") == (1, 0)
    assert smap.find("actors", 3, "id") == (1, 0)
