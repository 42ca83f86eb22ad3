"""PDF export (issue 15): text kept as text in embedded bundled fonts, exact colours, the
paper asked for, and a grid too tall for a page continued at a row boundary under its
repeated header, with page numbers and the caption on the first page."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from positions_viewer.cli import main
from positions_viewer.export.formats import ExportOptions, Page
from positions_viewer.model import DatasetIndex, Filter, load_file
from positions_viewer.ui.render import outputs  # noqa: F401  (registers pdf)
from positions_viewer.ui.render.fonts import BUNDLED_FAMILY, FALLBACK_FAMILIES
from positions_viewer.ui.render.image import _too_large
from positions_viewer.ui.render.pages import paginate
from positions_viewer.ui.theme import LIGHT

from ..image_approval import assert_image_approved

TALL_ISSUES = 60


@pytest.fixture(autouse=True)
def _application(qapp: object) -> None:
    """The test run's QApplication, before an export makes a QGuiApplication of its own."""


def words(text: str) -> str:
    """Extracted text with its whitespace as one space (Qt places each word itself)."""
    return " ".join(text.split())


def tall_file(write_toml: object, issues: int = TALL_ISSUES) -> Path:
    rows = "\n".join(
        f'[[issues]]\nid = "i{n}"\ntitle = "Issue number {n:03d}"\n'
        f'[[positions]]\nactor = "fr"\nissue = "i{n}"\ntext = "France on {n:03d}: '
        + "a long statement that wraps over several lines of the cell " * 3 + '"\n'
        f'[[positions]]\nactor = "ru"\nissue = "i{n}"\ntext = "Russia on {n:03d}"\n'
        for n in range(issues))
    return write_toml(  # type: ignore[operator,no-any-return]
        'schema = 1\ntitle = "Tall comparison"\n'
        '[[actors]]\nid = "fr"\nname = "Ελληνική France"\n'
        '[[actors]]\nid = "ru"\nname = "Россия Russia"\n' + rows)


def export(*args: str) -> int:
    return main(["export", *args])


def test_pdf_is_text_in_embedded_bundled_fonts(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.pdf"
    assert export(str(seed_path), "-o", str(out)) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = words(reader.pages[0].extract_text())
    for expected in ("Macron–Putin dialogue signals", "France", "Russia",
                     "Whether talks are imminent", "No stated position",
                     "Putin is ready to talk if Paris wants it", "Page 1 of 1"):
        assert expected in text
    assert reader.metadata is not None and reader.metadata.title == "Macron–Putin dialogue signals"
    fonts = reader.pages[0]["/Resources"]["/Font"]
    bundled = {f.replace(" ", "") for f in (BUNDLED_FAMILY, *FALLBACK_FAMILIES)}
    for font in fonts.values():
        font = font.get_object()
        assert font["/BaseFont"].split("-")[0].lstrip("/") in bundled
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # embedded, not referenced by name


def test_colours_are_the_themes_exactly(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.pdf"
    assert export(str(seed_path), "-o", str(out)) == 0
    content = PdfReader(out).pages[0].get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    triples = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) (?:scn|SCN|rg|RG)", content)
    exact = {"#" + "".join(f"{round(float(v) * 255):02x}" for v in t) for t in triples
             if all(abs(float(v) * 255 - round(float(v) * 255)) < 1e-3 for v in t)}
    for name in ("surface", "surface_alt", "text", "text_muted", "border"):
        assert getattr(LIGHT, name) in exact, name  # RGB, not grey levels nor CMYK
    assert "#1f4e9c" in exact  # France's colour from the file, in its column's bar
    assert LIGHT.background not in exact  # the light theme's sheet is the paper's white


def test_a_dark_pdf_keeps_its_dark_sheet(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.pdf"
    assert export(str(seed_path), "-o", str(out), "--theme", "dark") == 0
    content = PdfReader(out).pages[0].get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    from positions_viewer.ui.theme import DARK

    red, green, blue = (int(DARK.background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    fills = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) (?:scn|rg)", content)
    assert any(abs(float(r) - red) < 2e-3 and abs(float(g) - green) < 2e-3
               and abs(float(b) - blue) < 2e-3 for r, g, b in fills)


@pytest.mark.parametrize(("args", "size"), [
    ((), (595, 842)), (("--page-size", "Letter", "--landscape"), (792, 612)),
    (("--page-size", "A3"), (842, 1191)), (("--page-size", "16:9"), (960, 540)),
])
def test_the_paper_asked_for(seed_path: Path, tmp_path: Path, args: tuple[str, ...],
                             size: tuple[int, int]) -> None:
    out = tmp_path / "seed.pdf"
    assert export(str(seed_path), "-o", str(out), *args) == 0
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_a_tall_grid_continues_under_its_header_at_row_boundaries(write_toml: object,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "tall.pdf"
    assert export(str(tall_file(write_toml)), "-o", str(out), "--view", "grid") == 0
    pages = [words(page.extract_text()) for page in PdfReader(out).pages]
    assert len(pages) >= 3
    seen: list[int] = []
    for number, text in enumerate(pages, start=1):
        assert "Ελληνική France" in text and "Россия Russia" in text  # the header, repeated
        assert f"Page {number} of {len(pages)}" in text
        assert ("Issues: all" in text) == (number == 1)  # the caption, first page only
        titles = [int(n) for n in re.findall(r"Issue number (\d{3})", text)]
        # a row is never cut: its issue, its two cells and the end of the long text together
        for n in titles:
            assert f"Russia on {n:03d}" in text and f"France on {n:03d}" in text
        seen += titles
    assert seen == list(range(TALL_ISSUES))  # every row once, in order


def test_sheets_are_filled_and_never_overflow(write_toml: object, qapp: object) -> None:
    index = DatasetIndex(load_file(tall_file(write_toml)).dataset)  # type: ignore[arg-type]
    result = index.query(Filter())
    pagination = paginate([Page(index, result, result)], ExportOptions("grid"))
    room = pagination.paper.printable_px.height()
    (paged,) = pagination.pages
    grid = paged.layout.grid
    assert grid is not None
    for sheet, following in zip(paged.sheets, paged.sheets[1:], strict=False):
        rows = sum(grid.row_heights[sheet.rows.start:sheet.rows.stop])
        used = (rows + grid.header_height) * sheet.scale
        assert used <= room  # nothing drawn over the footer
        assert used + grid.row_heights[following.rows.start] * sheet.scale > room * 0.8


def test_page_size_is_for_pdf_only(seed_path: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert export(str(seed_path), "-o", str(tmp_path / "x.png"), "--page-size", "A4") == 2
    assert "--page-size is for PDF pages" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_a_png_too_large_says_pdf_pages_help() -> None:
    message = _too_large(1280, 40_000, 1)
    assert "export PDF, which continues the grid on more pages" in message


def test_a_rasterised_page_matches_the_approved_one(seed_path: Path, tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    out = tmp_path / "seed.pdf"
    assert export(str(seed_path), "-o", str(out)) == 0
    bitmap = pdfium.PdfDocument(str(out))[0].render(scale=96 / 72, rev_byteorder=True)
    rgb = np.ascontiguousarray(bitmap.to_numpy()[:, :, :3])
    image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.shape[1] * 3,
                   QImage.Format.Format_RGB888).copy()
    assert_image_approved(image, "seed-pdf-page-1")


def test_compare_writes_the_marked_grid_as_pdf(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "compare.pdf"
    assert main(["compare", str(seed_path), "--from", "2025-12-19", "--to", "2025-12-26",
                 "-o", str(out)]) == 0
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4, not 1280 px
    text = words(reader.pages[0].extract_text())
    assert "changed" in text and "new" in text and "Before" in text


def test_a_dense_timeline_in_a_picture_does_not_ask_to_zoom(tmp_path: Path) -> None:
    """A reader of a PDF cannot zoom: the density note says what it shows instead."""
    events = "".join(f'[[events]]\ndate = 2024-{1 + n % 12:02d}-{1 + n % 28:02d}\n'
                     f'title = "Vote {n}"\n' for n in range(400))
    path = tmp_path / "dense.toml"
    path.write_text('schema = 1\ntitle = "Dense"\n[[actors]]\nid = "a"\nname = "A"\n'
                    '[[issues]]\nid = "i"\ntitle = "I"\n' + events, encoding="utf-8")
    out = tmp_path / "dense.pdf"
    assert export(str(path), "-o", str(out)) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "zoom in" not in text
    assert "counted where they are too many to name" in " ".join(text.split())
