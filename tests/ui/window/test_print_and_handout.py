"""From the window (issue 15.1, 15.3, 15.5): the Export dialog writes PDF and SVG, File ▸
Print prints the filtered pages, Present ▸ Export Handout writes the story's handout."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from positions_viewer.model import Filter, load_file
from positions_viewer.ui.window import handout
from positions_viewer.ui.window.export_dialog import ExportDialog
from positions_viewer.ui.window.main_window import MainWindow
from positions_viewer.ui.window.printing import new_printer, print_pages


@pytest.fixture
def window(qtbot: QtBot, seed_path: Path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    return window


def words(text: str) -> str:
    return " ".join(text.split())


def test_print_sends_the_filtered_pages_to_the_printer(window: MainWindow,
                                                       tmp_path: Path) -> None:
    action = window.findChild(QAction, "print")
    assert action is not None
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    window.filter_bar.set_filter(Filter(issues=frozenset({3})))
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_pages(window, printer) == 1
    text = words(PdfReader(out).pages[0].extract_text())
    assert "The Vinatier case" in text and "Whether talks are imminent" not in text
    assert "Page 1 of 1" in text


def test_the_export_dialog_lists_pdf_and_svg_and_writes_a_pdf(window: MainWindow,
                                                              qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    labels = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    assert labels[:3] == ["png", "pdf", "svg"]
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.page_size.isEnabled() and not dialog.scale.isEnabled()
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("Letter"))
    dialog.landscape.setChecked(True)
    dialog.all_views.setChecked(True)  # a handout: still one file
    target = tmp_path / "story.pdf"
    dialog.path.setText(str(target))
    dialog._save()
    reader = PdfReader(target)
    assert len(reader.pages) == len(window.dataset.views)  # type: ignore[union-attr]
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)
    assert len(reader.outline) == len(reader.pages)


def test_present_export_handout_writes_one_pdf_of_the_steps(window: MainWindow,
                                                            tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    assert window.findChild(QAction, "export-handout") is not None
    target = tmp_path / "deck"
    monkeypatch.setattr(handout.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(target), "PDF document (*.pdf)"))
    handout.run_export_handout(window)
    reader = PdfReader(tmp_path / "deck.pdf")
    views = window.dataset.views  # type: ignore[union-attr]
    assert len(reader.pages) == len(views)
    assert [item.title for item in reader.outline] == [  # type: ignore[union-attr]
        f"Step {n} of {len(views)}: {view.title}" for n, view in enumerate(views, 1)]
    assert words(views[1].notes) in words(reader.pages[1].extract_text())
