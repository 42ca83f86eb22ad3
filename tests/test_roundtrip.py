"""Round trips: generated valid files load verbatim, ``check`` is clean, and the CSV and
Markdown exports parse back to the cells the query selected."""

from __future__ import annotations

import csv
import io
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from positions_viewer.cli import main
from positions_viewer.export.captions import NOTHING_MATCHES, is_empty_grid
from positions_viewer.export.escape import clean_text, spreadsheet_cell
from positions_viewer.export.tables import (
    EMPTY_CELL_MD,
    GRID_CSV_COLUMNS,
    TIMELINE_CSV_COLUMNS,
    grid_csv,
    grid_markdown,
    grid_rows,
    timeline_csv,
    timeline_markdown,
    timeline_rows,
)
from positions_viewer.model import DatasetIndex, Filter, QueryResult, load_bytes, load_file

from .datagen import Spec, assert_loads_as_spec, dataset_specs, styles, to_toml

ROUND_TRIP = settings(max_examples=60, derandomize=True, database=None, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def filters(draw: st.DrawFn, spec: Spec) -> Filter:
    """Any filter over the spec: subsets of issues and actors, dates, a search word."""
    def subset(count: int) -> frozenset[int] | None:
        if draw(st.booleans()):
            return None
        return frozenset(draw(st.lists(st.integers(0, count - 1), max_size=count)))

    days = sorted(draw(st.lists(st.dates(), min_size=2, max_size=2)))
    from positions_viewer.model import PartialDate

    return Filter(
        issues=subset(len(spec["issues"])), actors=subset(len(spec["actors"])),
        date_from=PartialDate.from_date(days[0]) if draw(st.booleans()) else None,
        date_to=PartialDate.from_date(days[1]) if draw(st.booleans()) else None,
        text=draw(st.sampled_from(["", "", "a", "e", " ", "<"])),
    )


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# -- Markdown, read as a GitHub-flavoured table ------------------------------------------


def split_row(line: str) -> list[str]:
    """The cells of a GFM table row: split on pipes not escaped by a backslash, trimmed."""
    assert line.startswith("| ") and line.endswith(" |"), line
    cells, current, escaped = [], [], False
    for char in line[1:-1]:
        if char == "|" and not escaped:
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        escaped = char == "\\" and not escaped
    cells.append("".join(current))
    return [cell.strip(" ") for cell in cells]


def unescape(cell: str) -> str:
    """A cell's source as its text: CommonMark drops the backslash before any ASCII
    punctuation character (the export escapes every one that Markdown could read)."""
    out, at = [], 0
    while at < len(cell):
        if cell[at] == "\\" and at + 1 < len(cell) and cell[at + 1] in string.punctuation:
            out.append(cell[at + 1])
            at += 2
        else:
            out.append(cell[at])
            at += 1
    return "".join(out)


def markdown_table(text: str) -> list[list[str]]:
    """The first table in ``text``: header and rows, each cell unescaped."""
    lines = text.split("\n")
    start = next(n for n, line in enumerate(lines) if line.startswith("| "))
    assert set(lines[start + 1].replace("|", "").split()) == {"---"}, lines[start + 1]
    rows = [lines[start]] + [line for line in lines[start + 2:] if line.startswith("| ")]
    assert all(line.count("\n") == 0 for line in rows)
    return [[unescape(cell) for cell in split_row(line)] for line in rows]


def flat(text: str) -> str:
    """What a Markdown cell holds: one line, whitespace runs as single spaces, control
    characters as U+FFFD (issue 12.5)."""
    return " ".join(clean_text(text).split())


def assert_markdown_grid(markdown: str, query: QueryResult) -> None:
    """The Markdown grid splits back into the selected cells; with no row or no column it
    says so instead of drawing an empty table (issue 12.5, on purpose)."""
    if is_empty_grid(query):
        assert "| Issue |" not in markdown
        assert markdown.endswith(f"_{NOTHING_MATCHES}._\n")
        return
    assert markdown_table(markdown) == expected_grid_cells(query)


def expected_grid_cells(result: QueryResult) -> list[list[str]]:
    dataset = result.dataset
    header = ["Issue"] + [
        flat(f"{a.name} ({a.detail})" if a.detail else a.name)
        for a in (dataset.actors[i] for i in result.actor_columns.tolist())]
    rows = [header]
    for row in range(result.row_count):
        cells = [flat(dataset.issues[int(result.issue_rows[row])].title)]
        for column in range(result.column_count):
            cell = result.cell(row, column)
            position = cell.position
            if position is None:
                cells.append(EMPTY_CELL_MD)
                continue
            meta = [position.stance] if position.stance else []
            meta.append(position.date.label() if position.date else "undated")
            if cell.kind.marked:
                meta.append(cell.kind.value)
            cells.append(f"{flat(position.text)} _({flat(' · '.join(meta))})_")
        rows.append(cells)
    return rows


# -- the properties ------------------------------------------------------------------------


@ROUND_TRIP
@given(st.data())
def test_generated_files_load_verbatim_and_export_back(data: st.DataObject) -> None:
    spec = data.draw(dataset_specs())
    raw = to_toml(spec, data.draw(styles))
    result = load_bytes(raw, "gen.toml")
    assert_loads_as_spec(result, spec)
    assert result.dataset is not None
    index = DatasetIndex(result.dataset)
    query = index.query(data.draw(filters(spec)))

    grid = parse_csv(grid_csv(query))
    assert grid[0] == list(GRID_CSV_COLUMNS)
    assert [tuple(row) for row in grid[1:]] == grid_rows(query)
    assert len(grid) - 1 == query.row_count * query.column_count
    events = parse_csv(timeline_csv(query))
    assert events[0] == list(TIMELINE_CSV_COLUMNS)
    assert [tuple(row) for row in events[1:]] == timeline_rows(query)
    assert [row[0] for row in events[1:]] == [e.id for e in query.events()]

    assert_markdown_grid(grid_markdown(query), query)
    timeline = timeline_markdown(query)
    if query.events():
        table = markdown_table(timeline)
        assert table[0] == ["Date", "Event", "Actors", "Issues"]
        assert [row[1] for row in table[1:]] == [flat(e.title) for e in query.events()]


@settings(max_examples=8, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(dataset_specs(max_entries=3), styles)
def test_check_is_clean_and_export_writes_what_it_read(spec: Spec, style: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.toml"
        path.write_bytes(to_toml(spec, style))  # type: ignore[arg-type]
        assert main(["check", str(path)]) == 0
        assert_loads_as_spec(load_file(path), spec)
        for suffix in ("csv", "md"):
            out = Path(folder) / f"out.{suffix}"
            assert main(["export", str(path), "-o", str(out)]) == 0
            dataset = load_file(path).dataset
            assert dataset is not None
            query = DatasetIndex(dataset).query(Filter())
            written = out.read_bytes().decode("utf-8")  # no newline translation
            if suffix == "csv":  # for spreadsheets (the default): a BOM, formulas guarded
                assert written.startswith("\ufeffissue_id,")
                assert [tuple(r) for r in parse_csv(written)[1:]] == [
                    tuple(spreadsheet_cell(field) for field in row) for row in grid_rows(query)]
            else:
                assert_markdown_grid(written, query)


def test_check_prints_the_clean_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        seed_path: Path) -> None:
    path = tmp_path / "seed.toml"
    path.write_bytes(seed_path.read_bytes())
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == "ok: 1 file checked, 0 errors, 0 warnings\n"


@pytest.mark.parametrize("text", ["cr\ronly", "two\r\rcr", "end\r", "\rstart", "mixed\r\n\n\r"])
def test_csv_keeps_a_carriage_return_inside_its_cell(tmp_path: Path, text: str) -> None:
    # found by the round trip: a lone CR was written unquoted and read back as a new row
    toml_text = text.replace("\r", "\\r").replace("\n", "\\n")
    path = tmp_path / "cr.toml"
    path.write_text(f'schema = 1\ntitle = "t"\n[[actors]]\nid = "a"\nname = "A"\n[[issues]]\n'
                    f'id = "i"\ntitle = "I"\n[[positions]]\nactor = "a"\nissue = "i"\n'
                    f'text = "{toml_text}"\n[[events]]\ndate = 2024-01-01\n'
                    f'title = "{toml_text}"\n', encoding="utf-8")
    dataset = load_file(path).dataset
    assert dataset is not None
    query = DatasetIndex(dataset).query(Filter())
    assert parse_csv(grid_csv(query))[1:] == [["i", "I", "a", "A", "", "", "", text]]
    assert parse_csv(timeline_csv(query))[1:] == [["", "2024-01-01", "", text, "", ""]]


@settings(max_examples=30, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_a_markdown_parser_reads_the_same_cells(data: st.DataObject) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    spec = data.draw(dataset_specs(max_entries=3))
    result = load_bytes(to_toml(spec), "gen.toml")
    assert result.dataset is not None
    query = DatasetIndex(result.dataset).query(data.draw(filters(spec)))
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(grid_markdown(query))
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(unescape(token.content))
    # the export writes NUL (and every control character) as U+FFFD, as the parser reads it
    expected = [] if is_empty_grid(query) else expected_grid_cells(query)
    assert rows == expected

