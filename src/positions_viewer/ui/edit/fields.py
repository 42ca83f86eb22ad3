"""The pieces the edit forms are made of: a date line, a checklist of ids, the diagnostics
shown as you type, and the form dialog that validates through the model's preview.

Everything typed is plain text: labels are ``Qt.PlainText``, nothing is interpreted.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...model import DateError, Diagnostic, PartialDate
from ...model.text import clip_text
from ...model.write import Edit, EditRefused
from ...model.write.preview import preview
from ..filters.date_field import parse_typed_date
from ..session import DocumentSession

__all__ = ["CheckList", "DateLine", "EditForm", "shown_problem"]

ERROR_COLOR = "#b3261e"
ITEM_CHARS = 120


def shown_problem(diagnostic: Diagnostic) -> str:
    """A diagnostic as a form shows it: the key and what ``check`` says (no file:line,
    the form is the entry)."""
    path = diagnostic.path
    key = path.split(".", 1)[1] if "." in path else ""
    word = "Error" if diagnostic.is_error else "Warning"
    text = f"{key}: {diagnostic.message}" if key else diagnostic.message
    return f"{word}: {clip_text(text, 400)}"


class DateLine(QLineEdit):
    """A date typed as in the filter bar (2025-12-18, 18 Dec 2025, Dec 2025, 2025); empty
    means none. Shown as the file writes it (ISO)."""

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setToolTip("Type a date as 2025-12-18, 18 Dec 2025, Dec 2025 or 2025")

    def set_value(self, value: PartialDate | None) -> None:
        self.setText(value.iso() if value is not None else "")

    def value(self) -> PartialDate | None:
        """The date typed (``None``: empty). Raises :class:`DateError`."""
        text = self.text().strip()
        return parse_typed_date(text) if text else None


class CheckList(QWidget):
    """Ids to tick in a long list, with a filter line above it. Emits ``changed()``."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(f"Filter {name.lower()}…")
        self.filter.setAccessibleName(f"Filter {name.lower()}")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_items)
        self.list = QListWidget(self)
        self.list.setAccessibleName(name)
        self.list.setMinimumHeight(60)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self._ids: list[str] = []

    def set_items(self, items: Sequence[tuple[str, str]], checked: Sequence[str] = ()) -> None:
        """``items`` are (id, label); the ticked ones come first, in the order given."""
        chosen = set(checked)
        self.list.blockSignals(True)
        self.list.clear()
        ordered = [i for i in items if i[0] in chosen] + [i for i in items if i[0] not in chosen]
        self._ids = [i for i, _ in ordered]
        for id_, label in ordered:
            item = QListWidgetItem(clip_text(f"{label}  ({id_})" if label != id_ else id_,
                                             ITEM_CHARS))
            item.setData(Qt.ItemDataRole.UserRole, id_)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if id_ in chosen
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        # Ids the file lists but no entry has stay ticked, so the check names them.
        self._unknown = [i for i in checked if i not in set(self._ids)]

    def checked_ids(self, order: Sequence[str] = ()) -> tuple[str, ...]:
        """The ticked ids: those of ``order`` first, as listed there (an edit keeps the
        file's order), then the others as shown."""
        ticked = [self.list.item(row).data(Qt.ItemDataRole.UserRole)
                  for row in range(self.list.count())
                  if self.list.item(row).checkState() == Qt.CheckState.Checked]
        ticked += self._unknown
        first = [i for i in order if i in ticked]
        return tuple(first + [i for i in ticked if i not in first])

    def set_checked(self, ids: Sequence[str]) -> None:
        chosen = set(ids)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in chosen else Qt.CheckState.Unchecked)

    def _filter_items(self, text: str) -> None:
        folded = text.casefold().strip()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(folded) and folded not in item.text().casefold())


class EditForm(QDialog):
    """A form that builds one edit: subclasses lay out ``self.form`` and implement
    :meth:`edit` (``None`` when a field cannot be read: :attr:`field_problems` say why).
    Every change re-checks the would-be entry with ``check``'s rules and lists what it says;
    OK is enabled only without errors, and makes the edit through the session."""

    def __init__(self, session: DocumentSession, title: str, parent: QWidget | None = None) \
            -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(title)
        self.setModal(True)
        self.field_problems: list[str] = []
        self.applied = False
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form, 1)
        self.errors = self._message_label("Problems", ERROR_COLOR)
        self.warnings = self._message_label("Warnings", "")
        outer.addWidget(self.errors)
        outer.addWidget(self.warnings)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)

    def fit(self, width: int, height: int) -> None:
        """``width`` × ``height``, or less on a smaller screen (1280×720 leaves room for a
        title bar and a panel)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        self.resize(min(width, room.width() - 40), min(height, room.height() - 80))

    def _message_label(self, name: str, color: str) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAccessibleName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if color:
            label.setStyleSheet(f"color: {color};")
        else:
            label.setObjectName("details-muted")
        label.hide()
        return label

    # -- for subclasses ------------------------------------------------------------------

    def edit(self) -> Edit | None:
        raise NotImplementedError

    def read_date(self, field: DateLine, key: str) -> PartialDate | None:
        """The date in ``field``, or ``None`` with a problem noted for ``key``."""
        try:
            return field.value()
        except DateError as exc:
            self.field_problems.append(f"Error: {key}: {exc}")
            return None

    # -- validation ------------------------------------------------------------------

    def validate(self) -> list[Diagnostic]:
        """Check the would-be entry now; show what ``check`` says. Returns the diagnostics."""
        self.field_problems = []
        edit = self.edit()
        found: list[Diagnostic] = []
        if edit is not None and self.session.dataset is not None:
            found = preview(self.session.dataset, edit, self._name())
        errors = self.field_problems + [shown_problem(d) for d in found if d.is_error]
        warnings = [shown_problem(d) for d in found if not d.is_error]
        self._show(self.errors, errors)
        self._show(self.warnings, warnings)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(edit is not None and not errors)
        return found

    def problems(self) -> str:
        """Everything the form says now (for tests and screen readers)."""
        return "\n".join(t for t in (self.errors.text(), self.warnings.text()) if t)

    def _show(self, label: QLabel, lines: list[str]) -> None:
        label.setText("\n".join(lines))
        label.setVisible(bool(lines))

    def _name(self) -> str:
        path = self.session.path
        return path.name if path is not None else ""

    def accept(self) -> None:
        """Make the edit; a refusal is shown in the form, which stays open."""
        self.validate()
        edit = self.edit()
        if edit is None or self.errors.isVisible():
            return
        try:
            self.session.edits.apply(edit)
        except EditRefused as exc:
            lines = [shown_problem(d) for d in exc.diagnostics if d.is_error] or [
                f"Error: {exc}"]
            self._show(self.errors, lines)
            return
        self.applied = True
        super().accept()
