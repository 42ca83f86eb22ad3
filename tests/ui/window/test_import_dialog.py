"""The import dialog on its own (no main window): the preview comes before any writing; act on
the widgets, check the plan; change the plan, check the widgets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from positions_viewer.model import load_file
from positions_viewer.ui.window.import_dialog import ImportDialog

REPO = Path(__file__).resolve().parents[3]
ARTICLE = REPO / "tests" / "data" / "import" / "seed_article.txt"
SEED = REPO / "seeds" / "macron-putin-2025.toml"


def _dialog(qtbot: QtBot, **kwargs: object) -> ImportDialog:
    dialog = ImportDialog(None, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def _replan(qtbot: QtBot, dialog: ImportDialog) -> None:
    with qtbot.waitSignal(dialog.planned, timeout=10_000):
        dialog.refresh()


def test_the_preview_shows_what_will_be_created_before_writing(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "article.toml"
    dialog = _dialog(qtbot, paths=[ARTICLE])
    dialog.out_path.setText(str(out))
    dialog.title.setText("Macron–Putin")
    _replan(qtbot, dialog)
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText
    assert dialog.summary.text().startswith(
        "Will create: 2 new actors, 3 new issues, 6 statements, 3 events.")
    assert dialog.preview.rowCount() == 9
    headers = [dialog.preview.horizontalHeaderItem(c).text()
               for c in range(dialog.preview.columnCount())]
    assert headers == ["What", "Date", "Actor", "Issue", "Stance", "Text", "Sources"]
    row = {name: dialog.preview.item(3, c).text() for c, name in enumerate(headers)}
    assert row["What"] == "statement" and row["Date"] == "undated"
    assert row["Actor"] == "France" and row["Issue"] == "Whether talks are imminent"
    assert row["Text"] == "No call planned for now; no Moscow visit planned."
    assert [dialog.diagnostics.item(i).text() for i in range(dialog.diagnostics.count())] \
        == ["No problems: every row can be imported."]
    assert not out.exists()  # nothing written by previewing
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.written_path == out
    dataset = load_file(out).dataset
    assert dataset is not None and dataset.title == "Macron–Putin"


def test_errors_are_listed_and_block_the_import_until_accepted(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    source = tmp_path / "s.csv"
    source.write_text("actor,issue,date,text\nA,B,07/08/2022,<b>x</b>\nA,B,2022,y\n",
                      encoding="utf-8")
    dialog = _dialog(qtbot, paths=[source])
    dialog.out_path.setText(str(tmp_path / "o.toml"))
    _replan(qtbot, dialog)
    first = dialog.diagnostics.item(0)
    assert first.text().startswith("s.csv:2:3: error: date: '07/08/2022' could be")
    assert first.foreground().color().name() == "#b3261e"
    assert not dialog.import_button.isEnabled()
    assert "nothing can be written" in dialog.summary.text()
    dialog.keep_going.setChecked(True)
    _replan(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    assert dialog.preview.rowCount() == 1
    dialog.order.setCurrentIndex(1)  # day first
    _replan(qtbot, dialog)
    assert dialog.diagnostics.item(0).text().startswith("No problems")
    assert dialog.preview.rowCount() == 2
    assert dialog.preview.item(0, 5).text() == "<b>x</b>"  # text, never markup
    assert dialog.preview.item(0, 1).text() == "7 Aug 2022"  # as the window writes dates


def test_import_into_the_open_file_only_appends(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "seed.toml"
    shutil.copy(SEED, target)
    before = target.read_bytes()
    source = tmp_path / "more.csv"
    source.write_text("actor,issue,text\nfrance,imminence,A call is planned.\n",
                      encoding="utf-8")
    dialog = _dialog(qtbot, into=target, paths=[source])
    assert dialog.to_open.isChecked() and "seed.toml" in dialog.to_open.text()
    _replan(qtbot, dialog)
    assert dialog.summary.text().startswith("Will create: 0 new actors, 0 new issues, "
                                            "1 statement, 0 events.")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.written_path == target
    assert target.read_bytes().startswith(before)


def test_a_bad_column_mapping_is_said_in_the_summary(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, paths=[ARTICLE])
    dialog.out_path.setText(str(tmp_path / "o.toml"))
    dialog.mapping.setText("Issue=colour")
    _replan(qtbot, dialog)
    assert "'colour' is not a field" in dialog.summary.text()
    assert not dialog.import_button.isEnabled() and dialog.plan is None


def test_the_preview_shows_each_statements_stance_and_sources(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    source = tmp_path / "s.csv"
    source.write_text("actor,issue,date,stance,text,source,url\n"
                      "A,B,2024-01-02,oppose,No.,Daily Paper,https://example.org/a\n",
                      encoding="utf-8")
    dialog = _dialog(qtbot, paths=[source])
    dialog.out_path.setText(str(tmp_path / "o.toml"))
    _replan(qtbot, dialog)
    assert [dialog.preview.item(0, c).text() for c in range(7)] == [
        "statement", "2 Jan 2024", "A", "B", "oppose", "No.", "Daily Paper"]


def test_advice_names_the_dialogs_fields_not_command_line_options(qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    source = tmp_path / "e.csv"
    source.write_text("when,what happened\n2024-01-02,Summit\n", encoding="utf-8")
    dialog = _dialog(qtbot, paths=[source])
    dialog.out_path.setText(str(tmp_path / "o.toml"))
    dialog.mapping.setText("when=date")
    _replan(qtbot, dialog)
    said = [dialog.diagnostics.item(i).text() for i in range(dialog.diagnostics.count())]
    assert any("'Columns: COLUMN=title'" in line for line in said), said
    assert not any("--" in line for line in said), said
    dialog.mapping.setText("Nowhere=title")
    _replan(qtbot, dialog)
    assert dialog.summary.text().startswith("Columns 'Nowhere=…': no column 'Nowhere'")


def test_the_new_files_name_and_title_are_asked_only_for_a_new_file(qtbot: QtBot,
                                                                    tmp_path: Path) -> None:
    target = tmp_path / "seed.toml"
    shutil.copy(SEED, target)
    dialog = _dialog(qtbot, into=target)
    assert dialog.to_open.isChecked()
    assert not dialog.title.isEnabled() and not dialog.out_path.isEnabled()
    dialog.to_new.setChecked(True)
    assert dialog.title.isEnabled() and dialog.out_path.isEnabled()


def test_without_files_or_a_destination_nothing_can_be_imported(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    _replan(qtbot, dialog)
    assert dialog.summary.text() == "Add the files to import."
    assert not dialog.to_open.isEnabled() and dialog.to_new.isChecked()
    dialog.files.addItem(str(ARTICLE))
    _replan(qtbot, dialog)
    assert "Choose the file to write." in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_the_dialog_looks_right(qtbot: QtBot, tmp_path: Path) -> None:
    """Rendered offscreen at two sizes for a person to look at (saved under shots/ when the
    POSITIONS_SHOTS folder is set)."""
    import os

    dialog = _dialog(qtbot, paths=[ARTICLE, REPO / "tests" / "data" / "import" /
                                   "congressional_resignations.csv"])
    dialog.out_path.setText(str(tmp_path / "o.toml"))
    dialog.keep_going.setChecked(True)
    for width, height in ((1920, 1080), (1280, 720)):
        dialog.resize(width, height)
        dialog.show()
        _replan(qtbot, dialog)
        qtbot.waitUntil(  # the summary's lines all show
            lambda: dialog.summary.height() >= dialog.summary.sizeHint().height())
        image = dialog.grab().toImage()
        assert (image.width(), image.height()) == (width, height)
        shots = os.environ.get("POSITIONS_SHOTS")
        if shots:
            image.save(str(Path(shots) / f"import_dialog_{width}x{height}.png"))
    dialog.close()


MARKUP = ('<img src="/tmp/x.png" width=300><font color=red size=7>RED</font>')


def test_data_in_the_preview_shows_as_typed_never_as_markup(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    """A cell `<img …><font size=7>RED</font>` rendered as a picture and big red text in the
    preview's tooltip: Qt guesses rich text from a plain string (issue 12)."""
    from PySide6.QtGui import QTextDocument

    source = tmp_path / "<b>markup<i>.csv"
    quoted = MARKUP.replace('"', '""')
    source.write_text(f'actor,issue,text\n<h1>BIG ACTOR</h1>,<b>bold issue</b>,"{quoted}"\n',
                      encoding="utf-8")
    dialog = _dialog(qtbot, paths=[source])
    dialog.out_path.setText(str(tmp_path / "o.toml"))
    _replan(qtbot, dialog)
    headers = [dialog.preview.horizontalHeaderItem(c).text()
               for c in range(dialog.preview.columnCount())]
    row = {name: dialog.preview.item(0, c) for c, name in enumerate(headers)}
    expected = {"Actor": "<h1>BIG ACTOR</h1>", "Issue": "<b>bold issue</b>", "Text": MARKUP}
    for column, value in expected.items():
        item = row[column]
        assert item.text() == value  # the cell shows the data's characters
        tip = item.toolTip()
        assert "<img" not in tip and "<font" not in tip and "<h1>" not in tip
        shown = QTextDocument()
        shown.setHtml(tip)  # what the tooltip shows, as Qt lays it out
        assert shown.toPlainText() == value
        assert shown.toHtml().count("<img") == 0
    assert "<b>markup<i>.csv: 1 statement (a table of statements)" in dialog.summary.text()
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText


def test_a_huge_cell_is_cut_in_the_preview_and_its_tooltip(qtbot: QtBot, tmp_path: Path) -> None:
    source = tmp_path / "long.csv"
    source.write_text("actor,issue,text\nA,B," + "word " * 40_000 + "\n", encoding="utf-8")
    dialog = _dialog(qtbot, paths=[source])
    dialog.out_path.setText(str(tmp_path / "o.toml"))
    _replan(qtbot, dialog)
    item = dialog.preview.item(0, 5)
    assert item.text().startswith("word word") and len(item.text()) <= 300
    assert len(item.toolTip()) < 4000


def test_a_workbook_with_a_far_cell_is_a_located_problem_not_a_crash(qtbot: QtBot,
                                                                     tmp_path: Path) -> None:
    """File ▸ Import… uses the reader that aborted the process on a 5 KB XLSX whose one cell
    at XFD1048576 made it ask for 512 GB."""
    from openpyxl import Workbook

    book = Workbook()
    for row in (["actor", "issue", "text"], ["France", "Talks", "No call"]):
        book.active.append(row)
    book.active["XFD1048576"] = "far"
    source = tmp_path / "sparse.xlsx"
    book.save(source)
    dialog = _dialog(qtbot, paths=[source])
    dialog.out_path.setText(str(tmp_path / "o.toml"))
    _replan(qtbot, dialog)
    shown = [dialog.diagnostics.item(i).text() for i in range(dialog.diagnostics.count())]
    assert shown == ["sparse.xlsx[Sheet]:1048576:16384: error: this row has 16384 cells but "
                     "the header has 3: 'far' is under no column"]
    assert not dialog.import_button.isEnabled()
    dialog.keep_going.setChecked(True)
    _replan(qtbot, dialog)
    assert dialog.import_button.isEnabled() and dialog.preview.rowCount() == 1


def test_writing_over_a_fifo_says_so_in_plain_text(qtbot: QtBot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The import replaced a FIFO (or wrote through a link to /dev/zero) and left a
    world-writable file; now it is refused with a sentence, shown as plain text."""
    import os

    from PySide6.QtWidgets import QMessageBox

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    source = tmp_path / "s.csv"
    source.write_text("actor,issue,text\nA,B,C\n", encoding="utf-8")
    fifo = tmp_path / "<b>out<b>.toml"
    os.mkfifo(fifo)
    shown: list[tuple[str, Qt.TextFormat]] = []

    def answer(box: QMessageBox) -> int:
        shown.append((box.text(), box.textFormat()))
        return int(QMessageBox.StandardButton.Yes)

    def static_box(parent: object, title: str, text: str, *args: object) -> int:
        shown.append((text, Qt.TextFormat.AutoText))  # a static box guesses rich text
        return int(QMessageBox.StandardButton.Yes)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    for static in ("question", "warning"):  # no modal box may wait for a click here
        monkeypatch.setattr(QMessageBox, static, static_box)
    dialog = _dialog(qtbot, paths=[source])
    dialog.out_path.setText(str(fifo))
    _replan(qtbot, dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert shown[-1] == (f"Cannot write {fifo}: is a named pipe (FIFO), not a regular file: "
                         "it is not written", Qt.TextFormat.PlainText)
    assert shown[0][1] == Qt.TextFormat.PlainText  # "<b>out<b>.toml exists. Replace it…?"
    assert dialog.written_path is None
