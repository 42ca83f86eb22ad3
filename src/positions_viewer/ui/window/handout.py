"""Present ▸ Export Handout: one PDF of a page per presenter step (the saved views, or else
the events), each with its notes and the sources it cites, and an outline of the pages
(DESIGN §5) — what ``export --all-steps -o deck.pdf`` writes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...export.errors import ExportError
from ...export.formats import ExportOptions
from ...export.jobs import plan_steps
from ...model import Filter
from ..render import pdf  # noqa: F401  (registers the PDF writer)
from .export_dialog import export_files, may_replace

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["export_handout", "local_paper", "run_export_handout"]

# Where people print on Letter (the rest of the world prints on A4).
_LETTER = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
           QLocale.Country.Philippines, QLocale.Country.Chile, QLocale.Country.Colombia}


def local_paper() -> str:
    """``Letter`` where the locale prints on it, else ``A4``."""
    return "Letter" if QLocale().territory() in _LETTER else "A4"


def export_handout(window: MainWindow, target: Path, paper: str | None = None) -> int:
    """Write the handout of the open file's steps to ``target`` (a ``.pdf``), all or
    nothing; the window's issue and actor filters narrow event steps, as when presenting.
    Returns the number of steps; raises :class:`ExportError`."""
    assert window.dataset is not None and window.index is not None
    base = window.result.filter if window.result is not None else Filter()
    plan = plan_steps(window.dataset, window.index, target, "pdf", base)
    if window.path is not None:
        plan.refuse_input(window.path)
    if not may_replace(window, plan):
        return 0
    export_files(window, plan, ExportOptions("both", page_size=paper or local_paper()))
    return len(plan.jobs[0].subjects)


def run_export_handout(window: MainWindow) -> None:
    """Ask where, write it, and say what happened (a message box on failure)."""
    if window.dataset is None or window.index is None:
        return
    folder = Path(window.settings.last_export_dir or Path.home())
    stem = window.path.stem if window.path else "positions"
    name, _ = QFileDialog.getSaveFileName(
        window, "Export Handout", str(folder / f"{stem}-handout.pdf"), "PDF document (*.pdf)",
        options=QFileDialog.Option.DontConfirmOverwrite)  # asked by may_replace
    if not name:
        return
    target = Path(name)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    try:
        steps = export_handout(window, target)
    except ExportError as exc:
        QMessageBox.warning(window, "Export failed", str(exc))
        return
    if steps:
        window.settings.last_export_dir = str(target.parent)
        window.statusBar().showMessage(f"Exported a handout of {steps} pages to {target}", 8000)
