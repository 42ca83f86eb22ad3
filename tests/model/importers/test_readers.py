"""Sources become tables with the row numbers a spreadsheet shows (header = row 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from positions_viewer.model.importers.readers import read_source
from positions_viewer.model.importers.tables import ImportFormat, SourceProblem

from .workbooks import write_ods, write_xlsx


def _read(path: Path, text: str | bytes, fmt: ImportFormat = ImportFormat.CSV):  # type: ignore[no-untyped-def]
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return read_source(path, fmt)


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them(tmp_path: Path) -> None:
    (table,) = _read(tmp_path / "a.csv", 'a,b\n1,"two\nlines"\n\n3,4\n')
    assert table.header == ["a", "b"]
    assert table.rows == [(2, ["1", "two\nlines"]), (3, []), (4, ["3", "4"])]


@pytest.mark.parametrize(("text", "header"), [
    ("actor;issue;text\nFrance;Talks;No, never\n", ["actor", "issue", "text"]),
    ("actor\tissue\ttext\nFrance\tTalks\tNo\n", ["actor", "issue", "text"]),
    ('"a;b",c\n1,2\n', ["a;b", "c"]),
])
def test_the_delimiter_is_the_one_the_header_uses(tmp_path: Path, text: str,
                                                 header: list[str]) -> None:
    (table,) = _read(tmp_path / "a.csv", text)
    assert table.header == header


def test_a_byte_order_mark_and_formula_guards_are_undone(tmp_path: Path) -> None:
    text = "\ufeffissue_id,text\nx,'=SUM(A1)\ny,'-5 and more\nz,'plain quote\n"
    (table,) = _read(tmp_path / "a.csv", text)
    assert table.header == ["issue_id", "text"]
    assert [row[1][1] for row in table.rows] == ["=SUM(A1)", "-5 and more", "'plain quote"]


def test_utf16_with_its_mark_is_read(tmp_path: Path) -> None:
    (table,) = _read(tmp_path / "a.tsv", "a\tb\nÉ\tü\n".encode("utf-16"), ImportFormat.TSV)
    assert table.rows == [(2, ["É", "ü"])]


def test_a_file_that_is_not_utf8_names_the_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(SourceProblem) as caught:
        _read(tmp_path / "a.csv", "a,b\nok,ok\nx,caf\xe9\n".encode("cp1252"))
    assert (caught.value.line, caught.value.column) == (3, 6)
    assert "Windows-1252" in caught.value.message and "UTF-8" in caught.value.message


def test_a_folder_or_a_missing_file_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(SourceProblem, match="no such file"):
        read_source(tmp_path / "missing.csv", ImportFormat.CSV)
    with pytest.raises(SourceProblem, match="folder"):
        read_source(tmp_path, ImportFormat.CSV)


def test_markdown_tables_with_and_without_a_delimiter_row(tmp_path: Path) -> None:
    text = ("# The title\n\nSome prose | with a pipe.\n\n"
            "| Issue | France (Élysée) |\n| Talks | No call \\| visit |\n\n"
            "```\n| not | a table |\n```\n"
            "a | b\n--|:-:\n1 | 2\n")
    first, second = _read(tmp_path / "a.md", text, ImportFormat.MD)
    assert first.label == "a.md[table 1, line 5]" and first.title == "The title"
    assert first.header == ["Issue", "France (Élysée)"]
    assert first.rows == [(2, ["Talks", "No call | visit"])]
    assert second.header == ["a", "b"] and second.rows == [(2, ["1", "2"])]


def test_html_tables_give_their_text_only(tmp_path: Path) -> None:
    text = ("<html><head><title>Signals &amp; talks</title><script>alert(1)</script></head>"
            "<body><table><tr><th>Issue</th><th>France</th><th>Russia</th></tr>"
            "<tr><td rowspan=2>Talks</td><td>No <b>call</b><br>planned</td><td>Ready</td></tr>"
            "<tr><td>Later</td><td>Still ready</td></tr>"
            "<tr><td colspan=2>Wide cell</td><td>z</td></tr></table></body></html>")
    (table,) = _read(tmp_path / "a.html", text, ImportFormat.HTML)
    assert table.title == "Signals & talks"
    assert table.rows == [(2, ["Talks", "No call\nplanned", "Ready"]),
                          (3, ["Talks", "Later", "Still ready"]),
                          (4, ["Wide cell", "", "z"])]


def test_a_hostile_colspan_is_capped(tmp_path: Path) -> None:
    (table,) = _read(tmp_path / "a.html", '<table><tr><td colspan="999999999">x</td></tr>'
                     "<tr><td>y</td></tr></table>", ImportFormat.HTML)
    assert len(table.header) == 1000


ROWS = [["actor", "issue", "date", "text"],
        ["France", "Talks", dt.date(2025, 12, 26), "No call"],
        [None, None, None, None],
        ["Russia", "Talks", "12/20/2025", "Ready"],
        ["Russia", "Talks", 2025, "Line one\nline two"]]


@pytest.mark.parametrize(("writer", "fmt", "suffix"), [
    (write_xlsx, ImportFormat.XLSX, ".xlsx"), (write_ods, ImportFormat.ODS, ".ods")])
def test_workbook_sheets_are_tables_named_by_sheet(tmp_path: Path, writer, fmt, suffix  # type: ignore[no-untyped-def]
                                                   ) -> None:
    path = writer(tmp_path / f"book{suffix}", {"Votes": ROWS, "Notes": [["just", "notes"]]})
    votes, notes = read_source(path, fmt)
    assert votes.label == f"book{suffix}[Votes]" and notes.label == f"book{suffix}[Notes]"
    rows = dict(votes.rows)  # by the numbers a spreadsheet shows; empty rows need not be there
    assert votes.rows[0] == (2, ["France", "Talks", dt.date(2025, 12, 26), "No call"])
    assert rows[4] == ["Russia", "Talks", "12/20/2025", "Ready"]
    assert rows[5][2] == "2025"  # a number cell that is a year, not "2025.0"
    assert not any(rows.get(3, []))
    (only,) = read_source(path, fmt, ["Notes"])
    assert only.header == ["just", "notes"]
    with pytest.raises(SourceProblem, match="no sheet named 'Nope'; its sheets are: Votes"):
        read_source(path, fmt, ["Nope"])


def test_a_file_that_is_no_workbook_says_so(tmp_path: Path) -> None:
    with pytest.raises(SourceProblem, match="not a readable workbook"):
        _read(tmp_path / "a.xlsx", "a,b\n1,2\n", ImportFormat.XLSX)


def test_timelinejs_json_rows_are_numbered_by_line(tmp_path: Path) -> None:
    text = ('{\n  "title": {"text": {"headline": "T"}},\n  "events": [\n'
            '    {"start_date": {"year": 2016, "month": "11"},\n'
            '     "text": {"headline": "One"}},\n'
            '    {"start_date": {"year": "2017"}, "text": {"headline": "Two"}}\n  ]\n}\n')
    (table,) = _read(tmp_path / "t.json", text, ImportFormat.TIMELINEJS)
    assert [row for row, _ in table.rows] == [2, 4, 6]
    assert table.rows[1][1][:2] == ["2016", "11"]


def test_bad_json_is_located(tmp_path: Path) -> None:
    with pytest.raises(SourceProblem) as caught:
        _read(tmp_path / "t.json", '{\n "events": [\n  {"a": 1,}\n ]\n}', ImportFormat.TIMELINEJS)
    assert caught.value.line == 3 and "not valid JSON" in caught.value.message


def test_a_sheet_read_as_timelinejs_must_be_the_template(tmp_path: Path) -> None:
    with pytest.raises(SourceProblem, match="no Year and Headline"):
        _read(tmp_path / "t.csv", "date,title\n2020,x\n", ImportFormat.TIMELINEJS)
    (table,) = _read(tmp_path / "t.csv", "Year,Month,Day,Headline\n2020,,,x\n",
                     ImportFormat.TIMELINEJS)
    assert table.timelinejs


@pytest.mark.parametrize(("writer", "fmt", "suffix"), [
    (write_xlsx, ImportFormat.XLSX, ".xlsx"), (write_ods, ImportFormat.ODS, ".ods")])
def test_a_sheet_that_starts_below_and_right_of_a1_keeps_its_row_and_column_numbers(
        tmp_path: Path, writer, fmt, suffix) -> None:  # type: ignore[no-untyped-def]
    path = writer(tmp_path / f"off{suffix}", {"S": [[None], [None], [None, None, "x", "y"],
                                                    [None, None, None, "z"]]})
    (table,) = read_source(path, fmt)
    assert (table.header_row, table.header) == (3, ["", "", "x", "y"])
    assert table.rows == [(4, ["", "", "", "z"])]
