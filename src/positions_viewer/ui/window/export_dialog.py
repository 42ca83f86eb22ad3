"""Export from the window: a dialog for file exports, and copy-image for slides."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
    QWidget,
)

from ...export.errors import ExportError
from ...export.formats import PAGE_SIZES, ExportOptions, format_names, get_format, has_writer
from ...export.jobs import Plan, plan_filters, plan_steps, plan_views, write_plan
from ...limits import EXPORT_SCALES, EXPORT_WIDTH, MIN_EXPORT_COLUMN_PX, export_width_range
from ...model import Dataset, DatasetIndex, Filter
from ..render import outputs  # noqa: F401  (registers PNG, PDF and SVG)
from ..render.image import ImageTooLarge, render_image
from ..render.page import PageSpec
from ..theme import theme

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["ExportDialog", "copy_image_to_clipboard", "export_files", "export_plan",
           "export_steps", "may_replace", "run_export_all_steps", "run_export_dialog"]

# Every format with a writer, in the registry's order (PNG, PDF, SVG, Markdown, CSV).
FORMATS = tuple((get_format(name).label, name) for name in format_names() if has_writer(name))
VIEWS = (("Timeline and grid", "both"), ("Grid", "grid"), ("Timeline", "timeline"))
STEPS_SCALE = 2  # Export All Steps: pictures sharp on a projector


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
        for factor in EXPORT_SCALES:
            self.scale.addItem(f"{factor}×", factor)
        self.scale.setCurrentIndex(1)
        self.width_box = QSpinBox(self)
        self.width_box.setRange(*export_width_range(1))  # the command line's limits
        self.width_box.setSingleStep(80)
        self.width_box.setValue(EXPORT_WIDTH)
        self.width_box.setSuffix(" px")
        self.theme_box = QComboBox(self)
        self.theme_box.addItem("Light", "light")
        self.theme_box.addItem("Dark", "dark")
        # The export's own theme, not the window's (light unless chosen here before).
        self.theme_box.setCurrentIndex(self.theme_box.findData(window.settings.export_theme))
        self.timeline_range = QComboBox(self)
        self.timeline_range.addItem("As shown in the window", "shown")
        self.timeline_range.addItem("The whole range of the filters", "whole")
        self.page_size = QComboBox(self)
        for name in PAGE_SIZES:
            self.page_size.addItem(name, name)
        self.landscape = QCheckBox("Lan&dscape", self)
        paper = QHBoxLayout()
        paper.addWidget(self.page_size, 1)
        paper.addWidget(self.landscape)
        self.all_views = QCheckBox(self)
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
        form.addRow("Timeline &range", self.timeline_range)
        paper_label = QLabel("&Paper", self)
        paper_label.setBuddy(self.page_size)
        form.addRow(paper_label, paper)
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
        self.scale.currentIndexChanged.connect(self._scale_changed)
        self.all_views.toggled.connect(self._format_changed)
        folder = Path(window.settings.last_export_dir or Path.home())
        stem = window.path.stem if window.path else "positions"
        self.path.setText(str(folder / f"{stem}.png"))
        self._format_changed()
        self._scale_changed()

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    @property
    def one_file(self) -> bool:
        """True when the export is one file: one view, or every view as a handout."""
        return not self.all_views.isChecked() or get_format(self.fmt).pages

    def _format_changed(self) -> None:
        is_png = self.fmt == "png"
        paged = get_format(self.fmt).pages
        self.scale.setEnabled(is_png)
        self.width_box.setEnabled(self.fmt in ("png", "svg"))  # pages: the paper's width
        self.theme_box.setEnabled(get_format(self.fmt).drawn)
        self.page_size.setEnabled(paged)
        self.landscape.setEnabled(paged)
        self.all_views.setText("Every saved view, a page each (a handout)" if paged
                               else "Every saved view, one file each (into a folder)")
        self.timeline_range.setEnabled(get_format(self.fmt).drawn
                                       and not self.all_views.isChecked())
        # CSV is one table: the grid or the timeline, not both on one page.
        both = self.view.findData("both")
        item = self.view.model().item(both)  # type: ignore[attr-defined]
        item.setEnabled(self.fmt != "csv")
        if self.fmt == "csv" and self.view.currentData() == "both":
            self.view.setCurrentIndex(self.view.findData("grid"))
        current = Path(self.path.text())
        if not self.one_file:
            self.path.setText(str(current.with_suffix("") if current.suffix else current))
        else:
            self.path.setText(str(current.with_suffix(f".{self.fmt}")))

    def _scale_changed(self) -> None:
        """The widest layout is the picture's limit over the scale (limits.py)."""
        self.width_box.setRange(*export_width_range(int(self.scale.currentData())))

    def _browse(self) -> None:
        if not self.one_file:
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
        if self.one_file and suffix != self.fmt:
            if suffix in (value for _label, value in FORMATS):  # a PNG must not be "x.csv"
                QMessageBox.warning(
                    self, "Export", f"{target.name} ends in .{suffix}, but the format is "
                    f"{self.format.currentText()}: choose that format or change the name.")
                return
            target = target.with_name(f"{target.name.rstrip('.')}.{self.fmt}")
        try:
            plan = export_plan(window, target, self.fmt, self.all_views.isChecked())
        except ExportError as exc:
            QMessageBox.warning(self, "Export failed", str(exc))
            return
        if not may_replace(self, plan):
            return
        paged = get_format(self.fmt).pages
        shown = self.timeline_range.currentData() == "shown" and not self.all_views.isChecked()
        options = ExportOptions(str(self.view.currentData()), int(self.scale.currentData()),
                                None if paged else self.width_box.value(),
                                str(self.theme_box.currentData()),
                                timeline_range=window.timeline.visible_range() if shown
                                else None, compare=window.session.compare_mode,
                                page_size=str(self.page_size.currentData()),
                                landscape=self.landscape.isChecked())
        window.settings.export_theme = str(self.theme_box.currentData())
        try:
            written = export_files(window, plan, options)
        except ExportError as exc:
            QMessageBox.warning(self, "Export failed", str(exc))
            return
        window.settings.last_export_dir = str(target.parent if self.one_file else target)
        window.statusBar().showMessage(f"Exported {written} file{'s' * (written != 1)} to "
                                       f"{target}", 8000)
        self.accept()


def may_replace(parent: QWidget, plan: Plan) -> bool:
    """True when no file would be replaced, or the user agrees to replace them."""
    existing = plan.existing()
    return not existing or QMessageBox.question(
        parent, "Replace files?",
        f"{len(existing)} file{'s' * (len(existing) != 1)} already exist, e.g. "
        f"{existing[0].name}. Replace {'them' if len(existing) > 1 else 'it'}?",
    ) == QMessageBox.StandardButton.Yes


def export_plan(window: MainWindow, target: Path, fmt: str, all_views: bool) -> Plan:
    """The files to write: the current filters (headed with the view chosen in the window,
    if they are one), or every saved view; never over the open file."""
    assert window.result is not None and window.dataset is not None
    if all_views:
        plan = plan_views(window.dataset, target, fmt)
    else:
        plan = plan_filters(target, fmt, window.result.filter, window.session.current_view())
    if window.path is not None:
        plan.refuse_input(window.path)
    return plan


def export_files(window: MainWindow, plan: Plan, options: ExportOptions) -> int:
    """Write every file of ``plan``, all or none; a wait cursor shows while it works.
    Returns how many were written; raises :class:`ExportError`."""
    assert window.index is not None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return len(write_plan(plan, window.index, options))
    finally:
        QApplication.restoreOverrideCursor()


def run_export_dialog(window: MainWindow) -> None:
    if window.result is None:
        return
    ExportDialog(window).exec()


def copy_image_to_clipboard(window: MainWindow, scale: int = 2) -> bool:
    """The current view as a picture on the clipboard, ready to paste into a slide."""
    if window.result is None or window.index is None:
        return False
    # What the user sees: the timeline's visible range, compare mode; in the export's theme.
    spec = PageSpec(view="both", width=EXPORT_WIDTH, theme=theme(window.settings.export_theme),
                    colors=window.session.colors,
                    timeline_range=window.timeline.visible_range(),
                    compare=window.session.compare_mode, min_column_px=MIN_EXPORT_COLUMN_PX)
    try:
        image = render_image(window.result, window.index, spec, scale)
    except ImageTooLarge as exc:
        window.statusBar().showMessage(f"Cannot copy the image: {exc}", 8000)
        return False
    QGuiApplication.clipboard().setImage(image)
    window.statusBar().showMessage("Copied the view as an image", 4000)
    return True


def export_steps(dataset: Dataset, index: DatasetIndex, base: Filter, folder: Path,
                 scale: int = STEPS_SCALE, width: int = EXPORT_WIDTH,
                 theme_name: str = "light") -> int:
    """One PNG per presenter step, all or none: exactly what ``export --all-steps`` writes
    (``NN-<step>.png``, each headed "Step 3 of 7: …"). Raises :class:`ExportError`."""
    plan = plan_steps(dataset, index, folder, "png", base)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return len(write_plan(plan, index, ExportOptions("both", scale, width, theme_name)))
    finally:
        QApplication.restoreOverrideCursor()


def run_export_all_steps(window: MainWindow) -> None:
    """Present ▸ Export All Steps: a PNG per step into a folder the user picks. A page too
    tall, a full disk or an unwritable folder is said in a message box, and nothing of the
    export is left (as in the Export dialog)."""
    if window.dataset is None or window.index is None:
        return
    folder = QFileDialog.getExistingDirectory(
        window, "Export every step into folder", window.settings.last_export_dir
        or str(Path.home()))
    if not folder:
        return
    base = window.result.filter if window.result is not None else Filter()
    try:
        plan = plan_steps(window.dataset, window.index, Path(folder), "png", base)
        if window.path is not None:
            plan.refuse_input(window.path)
        if not may_replace(window, plan):
            return
        written = export_files(window, plan, ExportOptions("both", STEPS_SCALE))
    except ExportError as exc:
        QMessageBox.warning(window, "Export failed", str(exc))
        return
    window.settings.last_export_dir = folder
    window.statusBar().showMessage(f"Exported {written} steps to {folder}", 8000)
