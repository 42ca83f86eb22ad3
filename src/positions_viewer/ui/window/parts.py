"""The strips around the views: the header (title, description, as-of) and the banner."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from ...model import Diagnostic
from ...model.text import clip_text, is_blank
from ..labels import plain_label
from ..session import DocumentSession

__all__ = ["Banner", "ElidedComboBox", "Header", "show_text_dialog"]

BANNER_CHARS = 400  # a message quoting a huge value is cut: the banner is one glance
BANNER_LINES = 4
BANNER_PATH_CHARS = 120  # a line of the banner at 1280 px holds about 150 characters


def short_path(path: str, limit: int = BANNER_PATH_CHARS) -> str:
    """``path`` in at most ``limit`` characters: its folders cut from the left ("…/deep/
    data.toml"), the file name kept whole unless it alone is too long (then cut in the
    middle). A long path must not push the line and the error out of a banner."""
    if len(path) <= limit:
        return path
    head, sep, name = path.rpartition("/")
    if len(name) + 2 > limit:
        half = (limit - 1) // 2
        return name[:half] + "…" + name[len(name) - (limit - 1 - half):]
    room = limit - len(name) - 2
    return "…" + (head[len(head) - room:] if room > 0 else "") + sep + name


def show_text_dialog(parent: QWidget, title: str, text: str) -> None:
    """A read-only, plain-text dialog (diagnostics, shortcuts)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    view = QPlainTextEdit(dialog)
    view.setReadOnly(True)
    view.setPlainText(text)
    layout.addWidget(view)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(800, 360)
    dialog.exec()


class Banner(QFrame):
    """A strip above the views naming file:line and the error; the data below stays.
    Shows the session's problem; Close dismisses it until the next one."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setObjectName("Banner")
        self.setAccessibleName("Problem with the open file")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        self.label = plain_label("", "banner", self)
        # The window's width, not the text's: a long id would widen the window (and a
        # 2 MB one froze it); the label wraps, and the message is clipped to a few lines.
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.label.set_max_lines(BANNER_LINES)
        self.details_button = QPushButton("Show all problems", self)
        self.close_button = QPushButton("Dismiss", self)
        self.close_button.setAccessibleName("Dismiss this message")
        self.close_button.setToolTip("Hide this message until the next problem")
        layout.addWidget(self.label, 1)
        layout.addWidget(self.details_button)
        layout.addWidget(self.close_button)
        self.close_button.clicked.connect(session.dismiss_problem)
        self.details_button.clicked.connect(self.show_all)
        session.problem_changed.connect(self.synchronize)
        self.hide()

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        problem = self._session.problem
        return problem.diagnostics if problem is not None else ()

    def synchronize(self, _problem: object = None) -> None:
        """Show the session's problem, or hide when there is none."""
        problem = self._session.problem
        if problem is None:
            self.hide()
            return
        message = problem.message
        paths = {str(p) for p in (self._session.path, self._session.failed_path) if p}
        paths.update(d.file for d in problem.diagnostics[:1] if d.file)
        for path in sorted(paths, key=len, reverse=True):
            message = message.replace(path, short_path(path))
        shown = clip_text(message, BANNER_CHARS)
        self.label.setText(shown)
        # The whole of what was shortened is one click away.
        self.details_button.setText("Show all problems" if len(problem.diagnostics) > 1
                                    else "Show the whole message")
        self.details_button.setVisible(len(problem.diagnostics) > 1 or shown != problem.message)
        self.show()

    def show_all(self) -> None:
        problem = self._session.problem
        text = "\n".join(str(d) for d in self.diagnostics) or (problem.message if problem
                                                                else "")
        show_text_dialog(self.window(), "Problems in the file", text)


TITLE_CHARS = 300
DESCRIPTION_CHARS = 2000


class Header(QWidget):
    """The dataset's title, description and as-of date, and the saved view shown."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 4)
        layout.setSpacing(2)
        self.title = plain_label("", "heading", self)
        self.description = plain_label("", "muted", self)
        self.as_of = plain_label("", "muted", self)
        self.view = plain_label("", "view", self)
        self.view.hide()
        for label, lines in ((self.title, 2), (self.description, 3), (self.as_of, 2),
                             (self.view, 2)):
            # The window's width, not the text's: a long unbroken word would widen the window;
            # and a few lines at most, or a long title would make it taller than the screen.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
            label.set_max_lines(lines)
            layout.addWidget(label)
        session.opened.connect(self.synchronize)
        session.problem_changed.connect(self._problem_changed)

    def show_view(self, number: int | None) -> None:
        """Name saved view ``number`` under the title (``None``: no saved view)."""
        dataset = self._session.dataset
        title = dataset.views[number].label if dataset and number is not None else ""
        self.view.setText(f"Saved view: {clip_text(title, TITLE_CHARS)}" if title else "")
        self.view.setVisible(bool(title))

    def _problem_changed(self, _problem: object = None) -> None:
        """A file that could not be shown at all is still named at the top of the window."""
        failed = self._session.failed_path
        if self._session.dataset is None and failed is not None:
            self.title.setText(clip_text(failed.name, TITLE_CHARS))
            self.description.hide()
            self.as_of.setText("Not loaded: the message below says why")

    def synchronize(self, _reloaded: bool = False) -> None:
        dataset, path = self._session.dataset, self._session.path
        if dataset is None or path is None:
            return
        # Cut: a wrapped label lays out all its text on every size query (a 1 MB title froze
        # the window for 20 s). The details panel and exports keep the full text.
        self.title.setText(clip_text(dataset.label, TITLE_CHARS))
        blank = is_blank(dataset.title)
        if blank != (self.title.objectName() == "details-heading-blank"):
            self.title.setObjectName("details-heading-blank" if blank else "details-heading")
            self.title.style().unpolish(self.title)  # the object name picks the rule: muted
            self.title.style().polish(self.title)
        self.description.setText(clip_text(dataset.description, DESCRIPTION_CHARS))
        self.description.setVisible(bool(dataset.description))
        as_of = f"Data as of {dataset.as_of.label()} · " if dataset.as_of else ""
        self.as_of.setText(f"{as_of}{path.name}")


class ElidedComboBox(QComboBox):
    """A combo box whose closed face ends a long entry with "…" instead of cutting it
    mid-word, with the whole entry as a plain-text tooltip (the list shows it whole)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentTextChanged.connect(self._update_tooltip)

    def sizeHint(self) -> QSize:
        """Room for the longest entry when the window has it (up to the maximum width);
        :meth:`minimumSizeHint` stays short, and the face elides below that."""
        hint = super().sizeHint()
        longest = max((self.fontMetrics().horizontalAdvance(self.itemText(i))
                       for i in range(self.count())), default=0)
        extra = hint.width() - self.minimumSizeHint().width()  # arrow, frame: same in both
        wanted = max(hint.width(), longest + 48 + max(0, extra) // 4)
        return QSize(min(wanted, self.maximumWidth()), hint.height())

    def _update_tooltip(self, text: str) -> None:
        # A tooltip guesses rich text: data is escaped so it never renders as markup.
        self.setToolTip(QtGuiNamespace.convertFromPlainText(
            text, Qt.WhiteSpaceMode.WhiteSpaceNormal) if text else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, field.width())
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
