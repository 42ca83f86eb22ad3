"""File ▸ Import…: choose sources and options, see what will be created and every diagnostic,
then write (DESIGN §2 ``import``; issue 16).

The dialog plans the import with the same Qt-free code as the command line
(:func:`plan_import`), off the GUI thread, again after every change of the options. Nothing is
written until Import is pressed; the button is enabled only when the plan can be written
(no error, or "write the good rows" is ticked). :func:`run_import_dialog` returns the path
written (the open file when importing into it), or ``None``.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...model.importers import (
    ImportFormat,
    ImportOptions,
    ImportPlan,
    ImportUsageError,
    Order,
    parse_mapping,
    plan_import,
    write_plan,
)
from ...model.text import clip_text

__all__ = ["ImportDialog", "plain_tooltip", "run_import_dialog"]

FILTER = ("Tables (*.csv *.tsv *.tab *.xlsx *.xlsm *.xls *.ods *.md *.markdown *.txt *.html "
          "*.htm *.json);;All files (*)")
PREVIEW_ROWS = 200
MAX_SHOWN_DIAGNOSTICS = 5000
# A preview cell shows at most this much of its value, and its tooltip a little more: a
# 1,000,000-character cell must not be laid out (the table measures its columns).
PREVIEW_CHARS = 300
TOOLTIP_CHARS = 2000
_ERROR = QColor("#b3261e")
_KIND_WORDS = {"statements": "statements", "events": "events", "wide": "positions by column",
               "TimelineJS": "TimelineJS events"}
PREVIEW_COLUMNS = ("What", "Date", "Actor", "Issue", "Stance", "Text", "Sources")
_TEXT_COLUMN = PREVIEW_COLUMNS.index("Text")

# The planner words its advice for the command line; the dialog names its own fields instead.
_OPTION_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"--map (COLUMN=\w+)"), r"'Columns: \1'"),
    (re.compile(r"--map ('[^']*')"), r"Columns \1"),
    (re.compile(r"--map (\S+=…)"), r"Columns '\1'"),
    (re.compile(r"--map gives"), "Columns give"),
    (re.compile(r"pass --format \S+"), "choose it under Format"),
    (re.compile(r"--date"), "the date of an article's table"),
    (re.compile(r"\(--into FILE\)"), "(Add to the open file)"),
)


def dialog_words(message: str) -> str:
    """``message`` with the command line's option names put as this dialog's fields
    ("map them with 'Columns: COLUMN=title'" for "… with --map COLUMN=title")."""
    for pattern, words in _OPTION_WORDS:
        message = pattern.sub(words, message)
    return message


class _Planned(QObject):
    done = Signal(int, object)  # generation, ImportPlan or str (a usage problem)


class _PlanJob(QRunnable):
    def __init__(self, generation: int, paths: list[Path], options: ImportOptions,
                 out_name: str, signals: _Planned) -> None:
        super().__init__()
        self.generation, self.paths, self.options = generation, paths, options
        self.out_name, self.signals = out_name, signals

    def run(self) -> None:
        result: ImportPlan | str
        try:
            result = plan_import(self.paths, self.options, self.out_name)
        except ImportUsageError as exc:
            result = str(exc)
        except Exception as exc:  # a bug must not leave the dialog waiting for ever
            result = f"the import failed: {type(exc).__name__}: {exc}"
        with contextlib.suppress(RuntimeError):  # the signals are gone: nobody is waiting
            self.signals.done.emit(self.generation, result)


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows its characters as typed: a tooltip guesses rich text,
    so a cell holding ``<img src=…>`` or ``<font size=7>`` would render as markup (issue 12);
    escaped (and cut at :data:`TOOLTIP_CHARS`), it never does. ``""`` stays no tooltip."""
    if not text:
        return ""
    return QtGuiNamespace.convertFromPlainText(clip_text(text, TOOLTIP_CHARS),
                                               Qt.WhiteSpaceMode.WhiteSpaceNormal)


def _plain_box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str,
               buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok
               ) -> QMessageBox:
    """A message box whose text is plain: a file named ``<b>x</b>.toml`` shows as named."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


class ImportDialog(QDialog):
    """``into``: the open file (Import adds to it by default); ``None`` writes a new file."""

    planned = Signal()  # a new plan (or a usage problem) is shown

    def __init__(self, parent: QWidget | None = None, into: Path | None = None,
                 paths: list[Path] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import")
        self.into_path = into
        self.plan: ImportPlan | None = None
        self.problem = ""
        self.written_path: Path | None = None
        self._generation = itertools.count(1)
        self._current = 0
        # Not a child of the dialog: a plan still running when the dialog closes reports to
        # an object that is still there (and the queued call to the dialog is dropped).
        self._signals = _Planned()
        self._signals.done.connect(self._show_plan)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.refresh)
        self._build()
        for path in paths or []:
            self.files.addItem(str(path))
        self.schedule()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.files = QListWidget(self)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setMaximumHeight(66)
        add, remove = QPushButton("Add files…", self), QPushButton("Remove", self)
        add.clicked.connect(self._add_files)
        remove.clicked.connect(self._remove_files)
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addLayout(buttons)

        self.format = QComboBox(self)
        self.format.addItem("From each file's name", None)
        for fmt in ImportFormat:
            self.format.addItem(fmt.value, fmt)
        self.sheets = QLineEdit(self, placeholderText="all sheets (or names, separated by ;)")
        self.mapping = QLineEdit(self, placeholderText="e.g. Member=actor; Reason=text")
        self.date = QLineEdit(self, placeholderText="undated (e.g. 26 Dec 2025)")
        self.order = QComboBox(self)
        self.order.addItem("Settled by each column (07/08 asks when unsure)", None)
        self.order.addItem("Day first (07/08 is 7 Aug)", Order.DAY_FIRST)
        self.order.addItem("Month first (07/08 is 8 Jul)", Order.MONTH_FIRST)
        self.keep_going = QCheckBox("Write the good rows when some rows have errors", self)

        self.to_open = QRadioButton(self)
        self.to_new = QRadioButton("A new file:", self)
        self.out_path = QLineEdit(self, placeholderText="imported.toml")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse_out)
        self.title = QLineEdit(self, placeholderText="from the sources")
        if self.into_path is not None:
            self.to_open.setText(f"Add to the open file ({self.into_path.name})")
            self.to_open.setChecked(True)
        else:
            self.to_open.setText("Add to the open file (none is open)")
            self.to_open.setEnabled(False)
            self.to_new.setChecked(True)
        new_row = QHBoxLayout()
        new_row.addWidget(self.to_new)
        new_row.addWidget(self.out_path, 1)
        new_row.addWidget(browse)

        options = QGridLayout()
        options.setColumnStretch(1, 1)
        options.setColumnStretch(3, 1)
        pairs: tuple[tuple[str, QWidget | QHBoxLayout, str | None, QWidget | None], ...] = (
                 ("Files:", files_row, None, None),
                 ("Format:", self.format, "Sheets:", self.sheets),
                 ("Columns:", self.mapping, None, None),
                 ("Date of an article's table:", self.date, "Day and month:", self.order),
                 ("", self.keep_going, None, None),
                 ("Import into:", self.to_open, None, None),
                 ("", new_row, None, None),
                 ("Title of a new file:", self.title, None, None))
        for row, (label, field, label2, field2) in enumerate(pairs):
            options.addWidget(_plain_label(label), row, 0)
            span = 3 if field2 is None else 1
            if isinstance(field, QHBoxLayout):
                options.addLayout(field, row, 1, 1, span)
            else:
                options.addWidget(field, row, 1, 1, span)
            if label2 is not None and field2 is not None:
                options.addWidget(_plain_label(label2), row, 2)
                options.addWidget(field2, row, 3)

        self.summary = _plain_label("Add the files to import.")  # lines, never wrapped
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.preview = QTableWidget(0, len(PREVIEW_COLUMNS), self)
        self.preview.setHorizontalHeaderLabels(list(PREVIEW_COLUMNS))
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setVisible(False)
        header = self.preview.horizontalHeader()
        for column in range(len(PREVIEW_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_TEXT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.diagnostics = QListWidget(self)
        self.diagnostics.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.preview)
        split.addWidget(self.diagnostics)
        split.setSizes([300, 160])

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        self.import_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        for edit in (self.sheets, self.mapping, self.date, self.out_path, self.title):
            edit.textChanged.connect(self.schedule)
        for box in (self.format, self.order):
            box.currentIndexChanged.connect(self.schedule)
        for button in (self.keep_going, self.to_open, self.to_new):
            button.toggled.connect(self.schedule)
        self.to_new.toggled.connect(self._new_file_fields)
        self._new_file_fields()
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        self.resize(900, min(720, round(screen.height() * 0.9)) if screen else 720)

    # -- options -------------------------------------------------------------------------

    def sources(self) -> list[Path]:
        return [Path(self.files.item(row).text()) for row in range(self.files.count())]

    def destination(self) -> Path | None:
        if self.to_open.isChecked() and self.into_path is not None:
            return self.into_path
        text = self.out_path.text().strip()
        return Path(text) if text else None

    def options(self) -> ImportOptions:
        """The options as chosen; :class:`ImportUsageError` for a bad column mapping."""
        mapping = [part.strip() for part in self.mapping.text().split(";") if part.strip()]
        sheets = tuple(part.strip() for part in self.sheets.text().split(";") if part.strip())
        into = self.into_path if self.to_open.isChecked() else None
        return ImportOptions(
            format=self.format.currentData(), sheets=sheets, mapping=parse_mapping(mapping),
            date=self.date.text().strip() or None, order=self.order.currentData(), into=into,
            keep_going=self.keep_going.isChecked(), title=self.title.text().strip() or None)

    def _new_file_fields(self) -> None:
        """The new file's name and title are asked only when writing a new file."""
        for field in (self.out_path, self.title):
            field.setEnabled(self.to_new.isChecked())

    def _add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Files to import", "", FILTER)
        for name in names:
            self.files.addItem(name)
        self.schedule()

    def _remove_files(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self.schedule()

    def _browse_out(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New comparison file", "imported.toml",
                                              "Comparison files (*.toml)")
        if name:
            self.out_path.setText(name if name.endswith(".toml") else name + ".toml")
            self.to_new.setChecked(True)

    # -- planning ------------------------------------------------------------------------

    def schedule(self) -> None:
        """Plan again shortly (typing in a field does not start a plan per key)."""
        self.import_button.setEnabled(False)
        self._timer.start()

    def refresh(self) -> None:
        """Plan the import now, in the background; :attr:`planned` says when it is shown."""
        self._current = next(self._generation)
        self.import_button.setEnabled(False)
        paths = self.sources()
        if not paths:
            self._show_plan(self._current, "Add the files to import.")
            return
        try:
            options = self.options()
        except ImportUsageError as exc:
            self._show_plan(self._current, str(exc))
            return
        self.summary.setText("Reading the files…")
        out = self.destination()
        job = _PlanJob(self._current, paths, options, str(out or "imported.toml"), self._signals)
        QThreadPool.globalInstance().start(job)

    def _show_plan(self, generation: int, result: object) -> None:
        if generation != self._current:
            return  # an older plan, overtaken by a change of the options
        self.preview.setRowCount(0)
        self.diagnostics.clear()
        if not isinstance(result, ImportPlan):
            self.plan, self.problem = None, dialog_words(str(result))
            self.summary.setText(self.problem)
            self._relayout()
            self.planned.emit()
            return
        self.plan, self.problem = result, ""
        self.summary.setText(self._summary_text(result))
        rows = result.preview_rows(PREVIEW_ROWS)
        self.preview.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(clip_text(value, PREVIEW_CHARS).replace("\n", " "))
                item.setToolTip(plain_tooltip(value))
                self.preview.setItem(row, column, item)
        for diagnostic in result.diagnostics[:MAX_SHOWN_DIAGNOSTICS]:
            line = QListWidgetItem(dialog_words(str(diagnostic)))
            if diagnostic.is_error:
                line.setForeground(_ERROR)
            self.diagnostics.addItem(line)
        hidden = len(result.diagnostics) - MAX_SHOWN_DIAGNOSTICS
        if hidden > 0:
            self.diagnostics.addItem(f"… and {hidden} more")
        if not result.diagnostics:
            self.diagnostics.addItem("No problems: every row can be imported.")
        self.import_button.setEnabled(result.writable and self.destination() is not None)
        self._relayout()
        self.planned.emit()

    def _relayout(self) -> None:
        """Give the summary its new lines now, not at the next layout pass."""
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def _summary_text(self, plan: ImportPlan) -> str:
        lines = [f"Will create: {plan.counts()}."]
        for table in plan.tables:
            made = []
            if table.statements or table.kind in ("statements", "wide"):
                made.append(_count(table.statements, "statement"))
            if table.events or table.kind in ("events", "TimelineJS"):
                made.append(_count(table.events, "event"))
            kind = _KIND_WORDS.get(str(table.kind), str(table.kind))
            lines.append(f"{table.label}: {', '.join(made)} (a table of {kind})")
        errors = _count(len(plan.errors), "error")
        if plan.errors and not plan.options.keep_going:
            lines.append(f"{errors}: nothing can be written until they are fixed, or tick "
                         "'Write the good rows'.")
        elif plan.errors:
            rows = f" ({_count(len(plan.skipped_rows), 'row')})" if plan.skipped_rows else ""
            lines.append(f"{errors}: the rows and tables with errors are left out{rows}.")
        if plan.warnings:
            lines.append(f"{_count(len(plan.warnings), 'warning')}.")
        if self.destination() is None:
            lines.append("Choose the file to write.")
        return "\n".join(lines)

    # -- writing -------------------------------------------------------------------------

    def _import(self) -> None:
        out = self.destination()
        plan = self.plan
        if plan is None or out is None or not plan.writable:
            return
        if out != self.into_path and os.path.exists(out):  # never raises (a locked folder)
            ask = _plain_box(self, QMessageBox.Icon.Question, "Replace the file?",
                             f"{out.name} exists. Replace it with the import?",
                             QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if ask.exec() != QMessageBox.StandardButton.Yes:
                return
        try:
            write_plan(plan, out)
        except OSError as exc:
            _plain_box(self, QMessageBox.Icon.Warning, "Import",
                       f"Cannot write {out}: {exc.strerror or exc}").exec()
            return
        self.written_path = out
        self.accept()


def run_import_dialog(parent: QWidget | None, into: Path | None = None) -> Path | None:
    """Show the dialog; the path written (``into`` itself when added to), or ``None``."""
    dialog = ImportDialog(parent, into)
    try:
        dialog.exec()
        return dialog.written_path
    finally:
        dialog.deleteLater()
