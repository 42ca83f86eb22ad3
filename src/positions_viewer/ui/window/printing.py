"""File ▸ Print (Ctrl+P): what the filters select, on the printer's paper, through the same
pages as the PDF export (``ui.render.pages``): the grid continues on the next sheet under
its repeated header, the caption on the first. Printed in the light theme, on any screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from ...export.errors import DrawError
from ...export.formats import ExportOptions
from ...export.jobs import Subject
from ..render.pages import Paper, paginate
from ..render.pdf import paint_pagination
from .handout import local_paper

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["new_printer", "print_pages", "run_print"]


def new_printer() -> QPrinter:
    """A printer on the local paper, drawing the whole sheet (the pages keep margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(Paper.named(local_paper()).page_layout())
    printer.setFullPage(True)
    printer.setDocName("Positions Viewer")
    return printer


def print_pages(window: MainWindow, printer: QPrinter) -> int:
    """Print the current filters (headed with the saved view they are, if any) on
    ``printer``'s paper and orientation. Returns the number of sheets; raises
    :class:`DrawError` when the printer cannot be drawn on."""
    assert window.result is not None and window.index is not None
    subject = Subject(window.result.filter, saved_view=window.session.current_view())
    page = subject.page(window.index)
    if window.dataset is not None:
        printer.setDocName(window.dataset.label)
    pagination = paginate([page], ExportOptions("both"), Paper.of_layout(printer.pageLayout()))
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        paint_pagination(printer, pagination)
    finally:
        QApplication.restoreOverrideCursor()
    return pagination.sheet_count


def run_print(window: MainWindow) -> None:
    """The print dialog, then the pages; a failure is said in a message box."""
    if window.result is None or window.index is None:
        return
    printer = new_printer()
    dialog = QPrintDialog(printer, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        sheets = print_pages(window, printer)
    except DrawError as exc:
        QMessageBox.warning(window, "Print failed", str(exc))
        return
    window.statusBar().showMessage(f"Sent {sheets} page{'s' * (sheets != 1)} to the printer",
                                   6000)
