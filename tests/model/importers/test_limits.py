"""What one source may make once read (issue 12): a small file that names a far cell, unzips
to a huge cell, or spans millions of cells is refused at the row and column where it went
past a limit (``limits.IMPORT_*``), and the process never dies. The limits are lowered here
so that each case stays small and fast; the real ones are tried on the hostile files in a
subprocess (an abort there must not take pytest with it)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from positions_viewer import limits
from positions_viewer.model.importers.readers import read_source
from positions_viewer.model.importers.tables import ImportFormat, SourceProblem

from .conftest import Planner, lines, loaded
from .workbooks import write_ods, write_xlsx


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "IMPORT_MAX_CELL_CHARS", 1000)
    monkeypatch.setattr(limits, "IMPORT_MAX_ROWS", 50)
    monkeypatch.setattr(limits, "IMPORT_MAX_COLUMNS", 30)
    monkeypatch.setattr(limits, "IMPORT_MAX_CELLS", 400)
    monkeypatch.setattr(limits, "IMPORT_MAX_BYTES", 200_000)


def _import(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "positions_viewer", "import", str(path), "-o",
         str(path.with_suffix(".toml")), *args],
        capture_output=True, text=True, timeout=120, check=False)


def test_a_far_cell_in_a_tiny_xlsx_is_read_as_one_cell(tmp_path: Path) -> None:
    """A 5 KB workbook with one cell at XFD1048576 made calamine ask for 512 GB and abort
    (SIGABRT): only the cells the file holds are read, and the far one is located."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Votes"
    for row in (["actor", "issue", "text"], ["France", "Talks", "No call"]):
        sheet.append(row)
    sheet["XFD1048576"] = "far"
    path = tmp_path / "sparse.xlsx"
    book.save(path)
    assert path.stat().st_size < 10_000
    done = _import(path)
    assert done.returncode == 1, done.stderr  # -6 (SIGABRT) before
    assert "sparse.xlsx[Votes]:1048576:16384: error: this row has 16384 cells but the header " \
           "has 3: 'far' is under no column" in done.stderr
    assert _import(path, "--keep-going").returncode == 0  # the far row alone is left out


def test_an_xlsx_that_unzips_past_the_limit_is_refused_before_it_is_unzipped(
        tmp_path: Path, small_limits: None) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", {"S": [["actor", "issue", "text"]] + [
        ["A", "B", "x" * 30_000] for _ in range(10)]})
    assert path.stat().st_size < 20_000  # 300 KB of text zip to a few KB
    with pytest.raises(SourceProblem) as caught:
        read_source(path, ImportFormat.XLSX)
    assert re.fullmatch(r"the workbook unpacks to 3\d\d\.\d KB \(its part xl/\S+ alone to "
                        r"29\d\.\d KB\): an import reads workbooks of up to 195\.3 KB unpacked",
                        caught.value.message), caught.value.message


@pytest.mark.parametrize(("writer", "suffix"), [(write_xlsx, "xlsx"), (write_ods, "ods")])
def test_a_cell_past_the_length_limit_is_located(tmp_path: Path, small_limits: None,
                                                 planner: Planner, writer, suffix) -> None:  # type: ignore[no-untyped-def]
    path = writer(tmp_path / f"long.{suffix}", {"S": [["actor", "issue", "text"],
                                                      ["A", "B", "ok"], ["A", "C", "y" * 1001]]})
    plan = planner({f"long.{suffix}": path})
    assert lines(plan) == [f"long.{suffix}[S]:3:3: error: this cell holds 1,001 characters: "
                           "an import reads at most 1,000 in a cell"]
    assert not plan.writable
    assert not planner({f"long.{suffix}": path}, keep_going=True).positions  # the source is out


def test_an_xlsx_row_past_the_row_limit_is_refused(tmp_path: Path, small_limits: None) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["actor", "issue", "text"])
    book.active["B500"] = "far down"
    book.save(tmp_path / "rows.xlsx")
    with pytest.raises(SourceProblem) as caught:
        read_source(tmp_path / "rows.xlsx", ImportFormat.XLSX)
    assert (caught.value.label, caught.value.line) == ("rows.xlsx[Sheet]", 51)
    assert caught.value.message.startswith("a row past row 50: an import reads at most 50 rows")


def test_too_many_cells_in_a_workbook_are_refused_at_the_row(tmp_path: Path,
                                                             small_limits: None) -> None:
    rows = [["actor", "issue", "text", *(f"c{n}" for n in range(17))]] + \
           [["A", f"I{n}", "t", *("x" * 17)] for n in range(30)]
    path = write_xlsx(tmp_path / "many.xlsx", {"S": rows})
    with pytest.raises(SourceProblem) as caught:
        read_source(path, ImportFormat.XLSX)
    assert (caught.value.label, caught.value.line) == ("many.xlsx[S]", 21)  # 20 rows of 20
    assert "more than 400 cells" in caught.value.message


def _far_ods(path: Path, rows_between: int, columns_before: int) -> Path:
    """A header, ``rows_between`` empty rows (one repeated element), then one cell after
    ``columns_before`` empty ones: a few hundred bytes."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="S"><table:table-row>'
        + '<table:table-cell office:value-type="string"><text:p>h</text:p></table:table-cell>' * 3
        + f'</table:table-row><table:table-row table:number-rows-repeated="{rows_between}">'
        '<table:table-cell/></table:table-row><table:table-row>'
        f'<table:table-cell table:number-columns-repeated="{columns_before}"/><table:table-cell '
        'office:value-type="string"><text:p>far</text:p></table:table-cell></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


@pytest.fixture
def no_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    import python_calamine

    def never(*args: object) -> None:
        raise AssertionError("calamine asked to read a sheet past the limits")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", never)


def test_an_ods_past_the_limits_is_measured_before_calamine_makes_the_rectangle(
        tmp_path: Path, small_limits: None, no_calamine: None) -> None:
    """Repeated rows and cells are counted, never made."""
    with pytest.raises(SourceProblem) as caught:
        read_source(_far_ods(tmp_path / "far.ods", 1048574, 10), ImportFormat.ODS)
    assert (caught.value.label, caught.value.line) == ("far.ods[S]", 1048576)
    assert caught.value.message.startswith("a row past row 50")


def test_an_ods_with_a_stray_far_cell_is_refused_at_that_cell(tmp_path: Path,
                                                              no_calamine: None) -> None:
    """A 1 KB ODS made calamine fill a million rows (933 MB) for four cells."""
    path = _far_ods(tmp_path / "far.ods", 1048574, 10)
    assert path.stat().st_size < 2000
    with pytest.raises(SourceProblem) as caught:
        read_source(path, ImportFormat.ODS)
    assert (caught.value.label, caught.value.line, caught.value.column) == (
        "far.ods[S]", 1048576, 11)
    assert caught.value.message == (
        "a cell far from the others: it makes the sheet 1,048,576 rows by 11 columns "
        "(11,534,336 cells) for 4 filled ones, and an ODS sheet is read whole; delete the "
        "stray cell, or save the sheet as XLSX or CSV")


def test_a_binary_workbook_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\x00\x01")
    with pytest.raises(SourceProblem, match=r"a binary workbook \(XLSB\) is not read: save it as"):
        read_source(path, ImportFormat.XLSX)


def test_html_colspans_past_the_column_limit_are_refused(tmp_path: Path,
                                                         small_limits: None) -> None:
    """900 KB of <td colspan=1000> once made 665 MB of empty cells."""
    cells = "<td colspan=1000>x</td>" * 40
    path = tmp_path / "span.html"
    path.write_text(f"<table><tr><th>actor</th><th>issue</th><th>text</th></tr>\n"
                    f"<tr>{cells}</tr></table>", encoding="utf-8")
    with pytest.raises(SourceProblem) as caught:
        read_source(path, ImportFormat.HTML)
    assert (caught.value.line, caught.value.column) == (2, 5)  # the first cell's <td>
    assert caught.value.message.startswith("a cell in column 1,000 (ALL): an import reads at "
                                           "most 30 columns of a table")


def test_html_rowspans_count_towards_the_cells(tmp_path: Path, small_limits: None) -> None:
    head = "".join(f"<th rowspan=1000>h{n}</th>" for n in range(25))
    body = "<tr><td>x</td></tr>" * 30
    path = tmp_path / "rows.html"
    path.write_text(f"<table><tr>{head}</tr>\n{body}</table>", encoding="utf-8")
    with pytest.raises(SourceProblem, match="more than 400 cells"):
        read_source(path, ImportFormat.HTML)


def test_a_csv_line_of_delimiters_is_refused_before_it_is_split(
        tmp_path: Path, small_limits: None) -> None:
    path = tmp_path / "commas.csv"
    path.write_text("actor,issue,text\nA,B,C\n" + "," * 1000 + "\n", encoding="utf-8")
    with pytest.raises(SourceProblem) as caught:
        read_source(path, ImportFormat.CSV)
    assert (caught.value.line, caught.value.column) == (3, 0)
    assert "more than 400 cells" in caught.value.message


@pytest.mark.parametrize(("name", "text", "where"), [
    ("a.csv", "actor,issue,text\nA,B,{long}\n", (2, 3)),
    ("a.md", "| actor | issue | text |\n|---|---|---|\n| A | B | {long} |\n", (2, 3)),
])
def test_a_long_cell_in_a_text_file_is_located(tmp_path: Path, small_limits: None, name: str,
                                               text: str, where: tuple[int, int]) -> None:
    path = tmp_path / name
    path.write_text(text.format(long="z" * 1500), encoding="utf-8")
    fmt = ImportFormat.CSV if name.endswith(".csv") else ImportFormat.MD
    with pytest.raises(SourceProblem) as caught:
        read_source(path, fmt)
    assert (caught.value.line, caught.value.column) == where
    assert "this cell holds 1,500 characters" in caught.value.message


def test_a_markdown_line_of_pipes_is_refused_before_it_is_split(
        tmp_path: Path, small_limits: None) -> None:
    path = tmp_path / "pipes.md"
    path.write_text("| actor | issue | text |\n" + "|" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(SourceProblem) as caught:
        read_source(path, ImportFormat.MD)
    assert caught.value.line == 2 and "a cell in column 4,999" in caught.value.message


def test_within_the_limits_nothing_changes(tmp_path: Path, small_limits: None,
                                           planner: Planner) -> None:
    path = write_xlsx(tmp_path / "ok.xlsx", {"S": [["actor", "issue", "text"],
                                                   ["A", "B", "y" * 1000]]})
    assert [p.text for p in loaded(planner({"ok.xlsx": path})).positions] == ["y" * 1000]


def _with_saved_value(path: Path, cell: str, value: str) -> None:
    """Give the formula in ``cell`` the value a spreadsheet program would have saved with
    it (openpyxl writes formulas without one)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode("utf-8")
    xml, found = re.subn(rf'<c r="{cell}"(.*?)><f>(.*?)</f><v\s*/>',
                         rf'<c r="{cell}" t="str"\1><f>\2</f><v>{value}</v>', xml)
    assert found == 1
    parts[sheet] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_formulas_give_their_saved_values_and_say_when_there_is_none(
        tmp_path: Path, planner: Planner) -> None:
    """A formula without a saved value once made its row vanish without a word."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "S"
    for row in (["actor", "issue", "text"], ["France", "Talks", '=A2&" says no"'],
                ["Russia", "Talks", "=B3"], ["Spain", "Talks", "literal"]):
        sheet.append(row)
    sheet["C4"].value = "=typed, not a formula"
    sheet["C4"].data_type = "s"  # a text that starts with "=", as typed after a '
    path = tmp_path / "f.xlsx"
    book.save(path)
    _with_saved_value(path, "C2", "France says no")
    plan = planner({"f.xlsx": path})
    assert lines(plan) == [
        "f.xlsx[S]:3:3: warning: text: a formula without a saved value: open and save the file "
        "in a spreadsheet program, or export the sheet as CSV"]
    ds = loaded(plan)
    assert [(ds.actors[p.actor].name, p.text) for p in ds.positions] == [
        ("France", "France says no"), ("Spain", "=typed, not a formula")]
