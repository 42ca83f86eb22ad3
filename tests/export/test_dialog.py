"""Export from the window: the dialog asks before replacing, copy image, export all steps."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from positions_viewer.model import Filter, load_file
from positions_viewer.ui.window.export_dialog import (
    ExportDialog,
    copy_image_to_clipboard,
    export_steps,
)
from positions_viewer.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, seed_path: Path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    return window


def test_dialog_writes_what_the_filters_select(window: MainWindow, qtbot: QtBot,
                                                tmp_path: Path) -> None:
    window.filter_bar.set_filter(Filter(issues=frozenset({3})))
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    target = tmp_path / "vinatier.md"
    dialog.path.setText(str(target))
    dialog._save()
    text = target.read_text(encoding="utf-8")
    assert "The Vinatier case" in text and "Whether talks are imminent" not in text


def test_csv_cannot_be_asked_for_both_views(window: MainWindow, qtbot: QtBot) -> None:
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    both = dialog.view.findData("both")
    dialog.view.setCurrentIndex(both)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.view.currentData() == "grid"
    assert not dialog.view.model().item(both).isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("png"))
    assert dialog.view.model().item(both).isEnabled()


def test_dialog_asks_before_replacing_and_keeps_the_file_on_no(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "mine.csv"
    target.write_text("precious", encoding="utf-8")
    asked: list[str] = []

    def answer(choice: QMessageBox.StandardButton) -> object:
        def question(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
            asked.append(text)
            return choice
        return question

    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.path.setText(str(target))
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    dialog._save()
    assert asked and "mine.csv" in asked[0]
    assert target.read_text(encoding="utf-8") == "precious"
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    dialog._save()
    # a spreadsheet CSV (the default) starts with a byte order mark
    assert target.read_text(encoding="utf-8-sig").startswith("issue_id,issue,actor_id")


def test_png_from_the_dialog_uses_the_chosen_scale(window: MainWindow, qtbot: QtBot,
                                                   tmp_path: Path) -> None:
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.scale.setCurrentIndex(2)  # 3×
    dialog.width_box.setValue(800)
    target = tmp_path / "slide.png"
    dialog.path.setText(str(target))
    dialog._save()
    assert QImage(str(target)).width() == 2400


def test_copy_image_puts_a_picture_on_the_clipboard(window: MainWindow) -> None:
    QGuiApplication.clipboard().clear()
    assert copy_image_to_clipboard(window)
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() == 2560


def test_export_all_steps_matches_the_command_line(window: MainWindow, tmp_path: Path) -> None:
    from positions_viewer.cli import main

    assert window.index is not None and window.dataset is not None
    (tmp_path / "gui").mkdir()
    assert export_steps(window.dataset, window.index, Filter(), tmp_path / "gui", scale=1) == 6
    # Issue 13.4 on purpose: the window's steps match `export --all-steps` (NN-<step>.png,
    # headed "Step n of N"), no longer `--all-views` (<view-id>.png, headed by the view).
    assert main(["export", str(window.path), "-o", str(tmp_path / "cli"), "--all-steps"]) == 0
    gui = sorted((tmp_path / "gui").glob("*.png"))
    cli = sorted((tmp_path / "cli").glob("*.png"))
    assert [p.name for p in gui] == [p.name for p in cli]
    assert [p.name for p in gui] == [
        "01-where-things-stand.png", "02-background.png", "03-macron-opens.png",
        "04-kremlin-answers.png", "05-paris-clarifies.png", "06-vinatier.png"]
    for a, b in zip(gui, cli, strict=True):
        assert QImage(str(a)) == QImage(str(b)), a.name


def test_every_field_label_shows_no_stray_ampersand(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    form = dialog.layout()
    assert isinstance(form, QFormLayout)
    labels = [w for w in dialog.findChildren(QLabel) if w.text()]
    assert len(labels) >= 6
    for label in labels:
        # A label whose "&" marks a shortcut must have a buddy, or Qt draws the "&".
        assert "&" not in label.text() or label.buddy() is not None, label.text()
    save_to = next(label for label in labels if "ve to" in label.text())
    assert save_to.buddy() is dialog.path


def test_the_dialogs_shortcuts_are_distinct(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton, QLabel

    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    keys = [QKeySequence.mnemonic(t).toString() for t in texts]
    keys = [k for k in keys if k]
    assert len(keys) >= 6
    assert len(keys) == len(set(keys)), sorted(keys)


# -- Present ▸ Export All Steps --------------------------------------------------------------


def answer_dialogs(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    """The folder dialog picks ``folder``, questions are answered Yes; the warnings shown."""
    from PySide6.QtWidgets import QFileDialog

    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text: shown.append(text) or QMessageBox.StandardButton.Ok)
    return shown


def test_export_all_steps_from_the_menu(window: MainWindow, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    shown = answer_dialogs(monkeypatch, tmp_path)
    window.export_all_steps()
    assert shown == []
    assert sorted(p.name for p in tmp_path.iterdir())[:2] == ["01-where-things-stand.png",
                                                              "02-background.png"]
    assert len(list(tmp_path.iterdir())) == 6
    assert QImage(str(tmp_path / "02-background.png")).width() == 2560  # 2× for a projector
    assert "Exported 6 steps" in window.statusBar().currentMessage()


def test_export_all_steps_on_a_full_disk_says_so_and_leaves_nothing(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from positions_viewer.export import atomic

    (tmp_path / "03-macron-opens.png").write_bytes(b"an earlier deck")
    shown = answer_dialogs(monkeypatch, tmp_path)
    real_fdopen = atomic.os.fdopen
    opened: list[int] = []

    def fdopen(fd: int, *args: object, **kwargs: object) -> object:
        opened.append(fd)
        if len(opened) == 4:  # the fourth step's file: the disk is full
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    window.export_all_steps()  # raised an uncaught error before (issue 12.4)
    assert len(shown) == 1 and "No space left" in shown[0] and "04-" in shown[0], shown
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "03-macron-opens.png": b"an earlier deck"}


def test_export_all_steps_with_a_step_too_tall_says_what_helps(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    issues = "".join(f'[[issues]]\nid = "i{n}"\ntitle = "Issue {n}"\n' for n in range(700))
    path = tmp_path / "tall.toml"
    path.write_text('schema = 1\ntitle = "Tall"\n[[actors]]\nid = "a"\nname = "A"\n' + issues
                    + '[[views]]\nid = "one"\ntitle = "One"\nissues = ["i1"]\n'
                    + '[[views]]\nid = "all"\ntitle = "All"\n', encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_loaded(path, load_file(path))
    out = tmp_path / "deck"
    out.mkdir()
    shown = answer_dialogs(monkeypatch, out)
    window.export_all_steps()
    assert len(shown) == 1 and "02-all.png" in shown[0] and "fewer issues" in shown[0], shown
    assert "width" not in shown[0]
    assert list(out.iterdir()) == []  # the first step's file is not left behind


def test_the_dialog_allows_the_widths_the_command_line_allows(window: MainWindow,
                                                              qtbot: QtBot) -> None:
    from positions_viewer.limits import EXPORT_WIDTH, MAX_SIDE_PX, MIN_EXPORT_PX

    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.width_box.value() == EXPORT_WIDTH
    for scale in (1, 2, 3):
        dialog.scale.setCurrentIndex(dialog.scale.findData(scale))
        low, high = dialog.width_box.minimum(), dialog.width_box.maximum()
        assert low * scale >= MIN_EXPORT_PX and (low - 1) * scale < MIN_EXPORT_PX
        assert high * scale <= MAX_SIDE_PX < (high + 1) * scale
    assert (dialog.width_box.minimum(), dialog.width_box.maximum()) == (107, 5461)  # at 3×


def test_the_dialog_never_writes_over_the_open_file(qtbot: QtBot, tmp_path: Path,
                                                    seed_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data.md"  # a comparison file may have any name
    data.write_bytes(seed_path.read_bytes())
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_loaded(data, load_file(data))
    shown = answer_dialogs(monkeypatch, tmp_path)
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    dialog.path.setText(str(tmp_path / "." / "data.md"))
    dialog._save()
    assert len(shown) == 1 and "is the input file" in shown[0], shown
    assert data.read_bytes() == seed_path.read_bytes()
