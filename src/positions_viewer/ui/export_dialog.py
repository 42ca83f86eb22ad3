"""Export from the window: a dialog for file exports, and copy-image for slides."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
)

from ..export_cli import DEFAULT_WIDTH, ExportError, atomic_write, write_one
from ..model import Dataset, DatasetIndex, Filter
from ..model.story import story_steps
from .export import ImageTooLarge, encode_png, render_image, render_step_png
from .render.page import PageSpec

if TYPE_CHECKING:
    from .window.main_window import MainWindow

__all__ = ["ExportDialog", "copy_image_to_clipboard", "export_files", "export_steps",
           "run_export_dialog"]

FORMATS = (("PNG image", "png"), ("Markdown table", "md"), ("CSV table", "csv"))
VIEWS = (("Timeline and grid", "both"), ("Grid", "grid"), ("Timeline", "timeline"))


class ExportDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Export")
        self._window = window
        self.view = QComboBox(self)
        for label, value in VIEWS:
            self.view.addItem(label, value)
        self.format = QComboBox(self)
        for label, value in FORMATS:
            self.format.addItem(label, value)
        self.scale = QComboBox(self)
        for factor in (1, 2, 3):
            self.scale.addItem(f"{factor}×", factor)
        self.scale.setCurrentIndex(1)
        self.width_box = QSpinBox(self)
        self.width_box.setRange(480, 4096)
        self.width_box.setSingleStep(80)
        self.width_box.setValue(DEFAULT_WIDTH)
        self.width_box.setSuffix(" px")
        self.theme_box = QComboBox(self)
        self.theme_box.addItem("Light", "light")
        self.theme_box.addItem("Dark", "dark")
        self.theme_box.setCurrentIndex(1 if window.theme.dark else 0)
        self.all_views = QCheckBox("Every saved view, one file each (into a folder)", self)
        dataset = window.dataset
        self.all_views.setEnabled(dataset is not None and bool(dataset.views))
        self.path = QLineEdit(self)
        self.path.setAccessibleName("Export to")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("&What", self.view)
        form.addRow("&Format", self.format)
        form.addRow("&Scale", self.scale)
        form.addRow("&Layout width", self.width_box)
        form.addRow("&Theme", self.theme_box)
        form.addRow("", self.all_views)
        save_to = QLabel("Sa&ve to", self)  # a row holding a layout gets no buddy by itself
        save_to.setBuddy(self.path)
        form.addRow(save_to, row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.all_views.toggled.connect(self._format_changed)
        folder = Path(window.settings.last_export_dir or Path.home())
        stem = window.path.stem if window.path else "positions"
        self.path.setText(str(folder / f"{stem}.png"))
        self._format_changed()

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    def _format_changed(self) -> None:
        is_png = self.fmt == "png"
        self.scale.setEnabled(is_png)
        self.width_box.setEnabled(is_png)
        self.theme_box.setEnabled(is_png)
        # CSV is one table: the grid or the timeline, not both on one page.
        both = self.view.findData("both")
        item = self.view.model().item(both)  # type: ignore[attr-defined]
        item.setEnabled(self.fmt != "csv")
        if self.fmt == "csv" and self.view.currentData() == "both":
            self.view.setCurrentIndex(self.view.findData("grid"))
        current = Path(self.path.text())
        if self.all_views.isChecked():
            self.path.setText(str(current.with_suffix("") if current.suffix else current))
        else:
            self.path.setText(str(current.with_suffix(f".{self.fmt}")))

    def _browse(self) -> None:
        if self.all_views.isChecked():
            name = QFileDialog.getExistingDirectory(self, "Export into folder", self.path.text())
        else:
            name, _ = QFileDialog.getSaveFileName(
                self, "Export to", self.path.text(), f"{self.format.currentText()} (*.{self.fmt})",
                options=QFileDialog.Option.DontConfirmOverwrite,  # asked in _save
            )
        if name:
            self.path.setText(name)

    def _save(self) -> None:
        window = self._window
        if window.index is None or window.result is None:
            return
        target = Path(self.path.text()).expanduser()
        suffix = target.suffix.lower().lstrip(".")
        if not self.all_views.isChecked() and suffix != self.fmt:
            if suffix in (value for _label, value in FORMATS):  # a PNG must not be "x.csv"
                QMessageBox.warning(
                    self, "Export", f"{target.name} ends in .{suffix}, but the format is "
                    f"{self.format.currentText()}: choose that format or change the name.")
                return
            target = target.with_name(f"{target.name.rstrip('.')}.{self.fmt}")
        jobs = export_jobs(window, target, self.fmt, self.all_views.isChecked())
        existing = [job[0] for job in jobs if job[0].exists()]
        if existing and QMessageBox.question(
            self, "Replace files?",
            f"{len(existing)} file{'s' * (len(existing) != 1)} already exist, e.g. "
            f"{existing[0].name}. Replace {'them' if len(existing) > 1 else 'it'}?",
        ) != QMessageBox.StandardButton.Yes:
            return
        try:
            written = export_files(window, jobs, self.fmt, str(self.view.currentData()),
                                   int(self.scale.currentData()), self.width_box.value(),
                                   str(self.theme_box.currentData()))
        except ExportError as exc:
            QMessageBox.warning(self, "Export failed", str(exc))
            return
        window.settings.last_export_dir = str(target.parent if not self.all_views.isChecked()
                                              else target)
        window.statusBar().showMessage(f"Exported {written} file{'s' * (written != 1)} to "
                                       f"{target}", 8000)
        self.accept()


def export_jobs(window: MainWindow, target: Path, fmt: str,
                all_views: bool) -> list[tuple[Path, Filter, int | None]]:
    """(file, filters, saved view) to write: the current filters (headed with the view
    chosen in the window, if they are one), or every saved view."""
    from ..model.story import view_filter_of

    assert window.result is not None and window.dataset is not None
    if not all_views:
        return [(target, window.result.filter, window.current_view())]
    dataset = window.dataset
    return [(target / f"{view.id}.{fmt}", view_filter_of(dataset, number), number)
            for number, view in enumerate(dataset.views)]


def export_files(window: MainWindow, jobs: list[tuple[Path, Filter, int | None]], fmt: str,
                 view: str, scale: int, width: int, theme_name: str) -> int:
    """Write every job; a wait cursor shows while it works. Raises :class:`ExportError`."""
    assert window.index is not None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        for path, flt, number in jobs:
            if not path.parent.exists():
                path.parent.mkdir(parents=False, exist_ok=True)
            write_one(window.index, flt, path, fmt, view, scale, width, theme_name, number)
    except OSError as exc:
        raise ExportError(f"{exc.filename}: {exc.strerror}") from None
    finally:
        QApplication.restoreOverrideCursor()
    return len(jobs)


def _write_bytes(data: bytes, handle: BinaryIO) -> None:
    handle.write(data)


def run_export_dialog(window: MainWindow) -> None:
    if window.result is None:
        return
    ExportDialog(window).exec()


def copy_image_to_clipboard(window: MainWindow, scale: int = 2) -> bool:
    """The current view as a picture on the clipboard, ready to paste into a slide."""
    if window.result is None or window.index is None:
        return False
    spec = PageSpec(view="both", width=DEFAULT_WIDTH, theme=window.theme.scaled(13),
                    colors=tuple(window.colors))
    try:
        image = render_image(window.result, window.index, spec, scale)
    except ImageTooLarge as exc:
        window.statusBar().showMessage(f"Cannot copy the image: {exc}", 8000)
        return False
    QGuiApplication.clipboard().setImage(image)
    window.statusBar().showMessage("Copied the view as an image", 4000)
    return True


def export_steps(dataset: Dataset, index: DatasetIndex, base: Filter, folder: Path,
                 scale: int = 2, width: int = DEFAULT_WIDTH, theme_name: str = "light") -> int:
    """One PNG per presenter step. Saved views are named by id and drawn exactly as
    ``export --all-views`` draws them; event steps are ``step-01.png``, …"""
    steps = story_steps(dataset, index, base)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        for number, step in enumerate(steps, start=1):
            name = (f"{dataset.views[step.view].id}.png" if step.view is not None
                    else f"step-{number:02d}.png")
            data = encode_png(render_step_png(step, index, width, scale, theme_name))
            atomic_write(folder / name, partial(_write_bytes, data))
    finally:
        QApplication.restoreOverrideCursor()
    return len(steps)
