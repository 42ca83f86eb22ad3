"""``export`` to Markdown and CSV, and the command's errors and atomic writes (no Qt needed)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from positions_viewer.export.captions import caption_lines
from positions_viewer.export.tables import (
    grid_csv,
    grid_markdown,
    timeline_csv,
    timeline_markdown,
)
from positions_viewer.model import DatasetIndex, Filter, load_file, parse_date

TRICKY = '''
schema = 1
title = "Tricky | table"
as_of = 2025-06-01

[[actors]]
id = "a"
name = "Alpha"
detail = "First"

[[actors]]
id = "b"
name = "Beta"

[[actors]]
id = "c"
name = "Gamma"

[[issues]]
id = "i1"
title = "One, with comma"

[[issues]]
id = "i2"
title = "Two"

[[events]]
id = "late"
date = 2025-03-01
title = "Late event"
actors = ["b"]
issues = ["i2"]

[[events]]
id = "early"
date = "2024"
end = "2024-06"
title = "Early, \\"quoted\\" event"
actors = ["a", "c"]
issues = ["i1", "i2"]

[[events]]
date = 2024-09-01
title = "Untagged"

[[positions]]
actor = "a"
issue = "i1"
text = "Undated, with \\"quotes\\", commas\\nand a newline | pipe"
stance = "open"

[[positions]]
actor = "a"
issue = "i1"
date = "2024-03"
text = "Approximate March"

[[positions]]
actor = "b"
issue = "i1"
date = 2024-05-01
text = "First of the day"

[[positions]]
actor = "b"
issue = "i1"
date = 2024-05-01
text = "Second of the day wins"
stance = "tie"

[[positions]]
actor = "c"
issue = "i2"
date = "2025"
text = "Year only"
'''


@pytest.fixture
def tricky(write_toml: Callable[..., Path]) -> Path:
    return write_toml(TRICKY, "tricky.toml")


def query(path: Path, flt: Filter) -> object:
    result = load_file(path)
    assert result.dataset is not None, result.diagnostics
    return DatasetIndex(result.dataset).query(flt)


def test_grid_csv_rows_columns_and_escaping(tricky: Path) -> None:
    result = query(tricky, Filter(date_from=parse_date("2024-04")))
    rows = list(csv.reader(io.StringIO(grid_csv(result))))  # type: ignore[arg-type]
    assert rows[0] == ["issue_id", "issue", "actor_id", "actor", "date", "stance", "changed",
                       "text"]
    body = rows[1:]
    assert [(r[0], r[2]) for r in body] == [
        ("i1", "a"), ("i1", "b"), ("i1", "c"), ("i2", "a"), ("i2", "b"), ("i2", "c")]
    assert body[0] == ["i1", "One, with comma", "a", "Alpha", "2024-03", "", "",
                       "Approximate March"]
    # the `changed` column holds the kind (issue 14.2; it was "yes" for any statement dated
    # in the range)
    assert body[1] == ["i1", "One, with comma", "b", "Beta", "2024-05-01", "tie", "new",
                       "Second of the day wins"]
    assert body[2] == ["i1", "One, with comma", "c", "Gamma", "", "", "", ""]
    assert body[5][4:] == ["2025", "", "new", "Year only"]


def test_grid_csv_keeps_newlines_and_quotes(tricky: Path) -> None:
    result = query(tricky, Filter(date_to=parse_date("2024-02")))
    rows = list(csv.reader(io.StringIO(grid_csv(result))))  # type: ignore[arg-type]
    assert rows[1][7] == 'Undated, with "quotes", commas\nand a newline | pipe'
    assert rows[1][4] == ""  # undated is written empty


def test_timeline_csv_in_date_order_with_ids(tricky: Path) -> None:
    result = query(tricky, Filter())
    rows = list(csv.reader(io.StringIO(timeline_csv(result))))  # type: ignore[arg-type]
    assert rows[0] == ["id", "date", "end", "title", "actors", "issues"]
    assert rows[1] == ["early", "2024", "2024-06", 'Early, "quoted" event', "a;c", "i1;i2"]
    assert rows[2] == ["", "2024-09-01", "", "Untagged", "", ""]
    assert rows[3] == ["late", "2025-03-01", "", "Late event", "b", "i2"]


def test_markdown_is_a_table_per_issue_and_actor(tricky: Path) -> None:
    result = query(tricky, Filter(actors=frozenset({0, 1})))
    text = grid_markdown(result)  # type: ignore[arg-type]
    lines = text.splitlines()
    assert lines[0] == "# Tricky \\| table"
    table = [line for line in lines if line.startswith("|")]
    assert table[0] == "| Issue | Alpha (First) | Beta |"
    assert table[1] == "| --- | --- | --- |"
    assert table[2] == ("| One, with comma | Approximate March _(Mar 2024)_ | Second of the day "
                        "wins _(tie · 1 May 2024)_ |")
    assert table[3] == "| Two | _No stated position_ | _No stated position_ |"
    assert "- Actors: Alpha; Beta" in lines


def test_markdown_escapes_pipes_and_flattens_newlines(tricky: Path) -> None:
    result = query(tricky, Filter(date_to=parse_date("2024-02"), actors=frozenset({0})))
    row = next(line for line in grid_markdown(result).splitlines()  # type: ignore[arg-type]
           if line.startswith("| One"))
    assert 'commas and a newline \\| pipe _(open · undated)_' in row
    assert row.count(" | ") == 1  # the escaped pipe does not split the cell


def test_caption_says_the_filters_in_words(tricky: Path) -> None:
    result = query(tricky, Filter(issues=frozenset({1}), date_from=parse_date("2024-01-01"),
                                  date_to=parse_date("2024-12-31"), text="year"))
    assert caption_lines(result) == [  # type: ignore[arg-type]
        "Issues: Two",
        "Actors: all",
        "Dates: 1 Jan – 31 Dec 2024",
        "Positions: as of 31 Dec 2024; marked: new, changed or restated from 1 Jan 2024 on",
        "Search: “year”",
    ]
    # A timeline alone shows no positions, so says nothing of them.
    assert not any(line.startswith("Positions:")
                   for line in caption_lines(result, positions=False))  # type: ignore[arg-type]
    one_day = query(tricky, Filter(date_from=parse_date("2024-03-05"),
                                   date_to=parse_date("2024-03-05")))
    assert "Dates: 5 Mar 2024" in caption_lines(one_day)  # type: ignore[arg-type]
    assert "- Positions:" not in timeline_markdown(one_day)  # type: ignore[arg-type]


def test_an_empty_timeline_in_markdown_keeps_its_emphasis_whatever_was_searched(
        seed_path: Path) -> None:
    result = query(seed_path, Filter(text="foo_bar*baz"))
    last = timeline_markdown(result).splitlines()[-1]  # type: ignore[arg-type]
    # Markdown emphasis around the line; the search's own _ and * escaped inside it.
    assert last == "_No events match “foo\\_bar\\*baz”._"
