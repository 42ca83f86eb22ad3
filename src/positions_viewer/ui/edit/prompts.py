"""The questions and messages around saving: plain-text message boxes (a file name is data:
never markup), Save / Discard / Cancel before the edits would go, the Save As dialog."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

__all__ = ["Answer", "ask_overwrite", "ask_save_path", "ask_unsaved", "show_problem"]

Button = QMessageBox.StandardButton


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def _box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str,
         detail: str = "") -> QMessageBox:
    box = QMessageBox(icon, title, text, Button.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if detail:
        box.setInformativeText(detail)
    return box


def show_problem(parent: QWidget, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.setStandardButtons(Button.Ok)
    box.exec()


def ask_unsaved(parent: QWidget, name: str, doing: str) -> Answer:
    """Save / Discard / Cancel before ``doing`` ("closing", "opening another file")."""
    box = _box(parent, QMessageBox.Icon.Question, "Unsaved edits",
               f"{name} has edits that are not saved.",
               f"Save them before {doing}? Discarded edits cannot be brought back.")
    box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
    box.setDefaultButton(Button.Save)
    answer = box.exec()
    if answer == Button.Save:
        return Answer.SAVE
    if answer == Button.Discard:
        return Answer.DISCARD
    return Answer.CANCEL


def ask_overwrite(parent: QWidget, message: str) -> bool:
    """The file changed on disk since it was read: write over it only if the user says."""
    box = _box(parent, QMessageBox.Icon.Warning, "The file changed on disk", message,
               "Save anyway, replacing the file's version with yours? Undo can bring it "
               "back only while the window stays open.")
    box.setStandardButtons(Button.Save | Button.Cancel)
    box.setDefaultButton(Button.Cancel)
    return bool(box.exec() == Button.Save)


def ask_save_path(parent: QWidget, current: Path | None) -> Path | None:
    start = str(current) if current is not None else str(Path.home() / "comparison.toml")
    name, _ = QFileDialog.getSaveFileName(parent, "Save As", start,
                                          "Comparison files (*.toml);;All files (*)")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(".toml")
