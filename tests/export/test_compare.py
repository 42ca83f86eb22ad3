"""The compare digest (Markdown) and the compare CSV (DESIGN §2 ``compare``; issue 14.5)."""

from __future__ import annotations

import csv
import io

import pytest
from markdown_it import MarkdownIt

from positions_viewer.export.compare import (
    COMPARE_CSV_COLUMNS,
    compare_csv,
    compare_markdown,
)
from positions_viewer.model import DatasetIndex, Filter, load_bytes, parse_date
from positions_viewer.model.compare import compare, compare_filter

SMALL = """
schema = 1
title = "Small talks"
stale_after = "1y"

[[actors]]
id = "n"
name = "North"
[[actors]]
id = "s"
name = "South"

[[issues]]
id = "quota"
title = "Water quota"
[[issues]]
id = "dam"
title = "The dam"
[[issues]]
id = "quiet"
title = "Nothing new"

[[positions]]
actor = "n"
issue = "quota"
text = "Historic use."
stance = "historic"
[[positions]]
actor = "n"
issue = "quota"
date = 2024-03-05
text = "A minimum flow in dry years."
stance = "minimum flow"
[[positions]]
actor = "s"
issue = "quota"
date = "2024-03"
text = "Equal thirds."
[[positions]]
actor = "n"
issue = "dam"
date = 2022-01-10
text = "Not on the agenda."
stance = "not negotiable"
[[positions]]
actor = "n"
issue = "dam"
date = 2024-03-20
text = "Still not on the agenda, as we said."
stance = "Not Negotiable "
[[positions]]
actor = "s"
issue = "quiet"
date = 2021-05-01
text = "No comment."
"""

DIGEST = """\
# Small talks

## What changed from Mar 2024 to 31 Mar 2024

- Compared: positions before Mar 2024 (as of 29 Feb 2024) with positions as of 31 Mar 2024
- Issues: all
- Actors: all
- Cells: 1 changed · 1 new · 1 restated · 1 unchanged

### Water quota

- **North** (changed) — 29 Feb 2024: *historic* — Historic use. (undated) → 31 Mar 2024: \
*minimum flow* — A minimum flow in dry years. (5 Mar 2024)
- **South** (new) — 29 Feb 2024: no stated position → 31 Mar 2024: Equal thirds. (Mar 2024)

### The dam

- **North** (restated) — 29 Feb 2024: *not negotiable* — Not on the agenda. (10 Jan 2022) → \
31 Mar 2024: *Not Negotiable* — Still not on the agenda, as we said. (20 Mar 2024)
"""


@pytest.fixture(scope="module")
def index() -> DatasetIndex:
    result = load_bytes(SMALL.encode(), "small.toml")
    assert result.dataset is not None, result.errors
    return DatasetIndex(result.dataset)


def march(index: DatasetIndex) -> tuple[Filter, str]:
    flt = Filter(date_from=parse_date("2024-03"), date_to=parse_date("2024-03-31"))
    return flt, compare_markdown(compare_filter(index, flt), index.query(flt))


def test_the_digest_of_a_small_file(index: DatasetIndex) -> None:
    _flt, text = march(index)
    assert text == DIGEST


def test_the_digest_renders_as_lists_under_headings(index: DatasetIndex) -> None:
    _flt, text = march(index)
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["Small talks", "What changed from Mar 2024 to 31 Mar 2024", "Water quota",
                        "The dam"]
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == 4 + 3  # the summary list, then one item per listed cell


def test_stale_and_narrowed_digest(index: DatasetIndex) -> None:
    flt = Filter(issues=frozenset({2}), date_from=parse_date("2021"),
                 date_to=parse_date("2024-06-30"))
    text = compare_markdown(compare_filter(index, flt), index.query(flt))
    assert "- Issues: Nothing new" in text
    assert ("- **South** (new) — 31 Dec 2020: no stated position → 30 Jun 2024: No comment. "
            "(1 May 2021; stale, 3 years 1 month old)") in text


def test_nothing_changed(index: DatasetIndex) -> None:
    comparison = compare(index, parse_date("2024-04-01"), parse_date("2024-05-01"))
    text = compare_markdown(comparison)
    assert "## What changed between 1 Apr 2024 and 1 May 2024" in text
    assert text.endswith("_No position changed between 1 Apr 2024 and 1 May 2024._\n")
    assert "- Cells: 4 unchanged" in text


HOSTILE = """
schema = 1
title = "<img src=x onerror=alert(1)> *t*"
[[actors]]
id = "a"
name = "[A](https://evil.example)"
[[issues]]
id = "i"
title = "<!-- hidden"
[[positions]]
actor = "a"
issue = "i"
date = 2024-01-02
text = "=HYPERLINK(\\"x\\") **bold** | pipe\\u0000"
stance = "@SUM(1)"
"""


def test_data_stays_text_in_markdown_and_csv() -> None:
    result = load_bytes(HOSTILE.encode(), "hostile.toml")
    assert result.dataset is not None, result.errors
    index = DatasetIndex(result.dataset)
    flt = Filter(date_from=parse_date("2024-01-01"), date_to=parse_date("2024-12-31"))
    comparison = compare_filter(index, flt)
    text = compare_markdown(comparison, index.query(flt))
    html = MarkdownIt("commonmark", {"html": True}).render(text)
    for live in ("<img", "<!--", "<a href", "<strong>bold"):
        assert live not in html
    assert "&lt;img src=x onerror=alert(1)&gt; *t*" in html
    assert "**bold** | pipe\ufffd" in html
    rows = list(csv.reader(io.StringIO(compare_csv(comparison))))
    assert tuple(rows[0]) == COMPARE_CSV_COLUMNS
    assert rows[1][4:] == ["new", "", "", "", "2024-01-02", "'@SUM(1)",
                           "'=HYPERLINK(\"x\") **bold** | pipe\ufffd"]
    raw = list(csv.reader(io.StringIO(compare_csv(comparison, spreadsheet=False))))
    assert raw[1][9] == "@SUM(1)"


def test_csv_rows(index: DatasetIndex) -> None:
    flt, _text = march(index)
    rows = list(csv.reader(io.StringIO(compare_csv(compare_filter(index, flt)))))
    assert rows[0] == list(COMPARE_CSV_COLUMNS)
    assert [(r[0], r[2], r[4], r[5], r[8]) for r in rows[1:]] == [
        ("quota", "n", "changed", "", "2024-03-05"),  # undated at A: a_date empty
        ("quota", "s", "new", "", "2024-03"),
        ("dam", "n", "restated", "2022-01-10", "2024-03-20"),
        ("dam", "s", "", "", ""),
        ("quiet", "n", "", "", ""),
        ("quiet", "s", "unchanged", "2021-05-01", "2021-05-01"),
    ]
    assert rows[3][6:8] == ["not negotiable", "Not on the agenda."]
