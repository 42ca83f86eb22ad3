"""Blank is not missing, where it is shown (issue 12 item 8, DESIGN §1): a title or a name that
is blank — spaces, or characters drawn as nothing (zero-width space, U+FEFF, the Hangul
filler) — reads "(untitled)" in the window and in every export, never an empty space that
looks like a rendering fault."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from positions_viewer.cli import main
from positions_viewer.model import load_file
from positions_viewer.model.text import UNTITLED
from positions_viewer.ui.window.main_window import MainWindow

BLANKS = [" ", "\u200b", "\ufeff\u3164", "\u2800 "]


def blank_file(tmp_path: Path, blank: str) -> Path:
    path = tmp_path / "blank.toml"
    path.write_text(f'''schema = 1
title = "{blank}"
[[actors]]
id = "a"
name = "{blank}"
[[actors]]
id = "b"
name = "Beta"
[[issues]]
id = "i"
title = "{blank}"
[[events]]
id = "e"
date = 2024-01-02
title = "{blank}"
issues = ["i"]
[[positions]]
actor = "a"
issue = "i"
date = 2024-01-03
text = "Yes."
[[views]]
id = "v"
title = "{blank}"
issues = ["i"]
''', encoding="utf-8")
    return path


@pytest.mark.parametrize("blank", BLANKS, ids=["space", "zwsp", "bom-filler", "braille"])
def test_the_window_shows_untitled_for_blank_names(qtbot: QtBot, tmp_path: Path,
                                                   blank: str) -> None:
    path = blank_file(tmp_path, blank)
    result = load_file(path)
    assert result.dataset is not None
    assert [d.severity.value for d in result.diagnostics].count("warning") >= 5
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show_loaded(path, result)
    window.show()
    assert window.header.title.text() == UNTITLED
    assert window.header.title.objectName() == "details-heading-blank"  # muted
    assert window.windowTitle().startswith(UNTITLED)
    model = window.grid.grid_model
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) \
        == UNTITLED
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole) == UNTITLED
    assert UNTITLED in [action.text() for action in window.views_menu.actions()]
    checklist = window.filter_bar.issues.list
    assert [checklist.item(i).text() for i in range(checklist.count())] == [UNTITLED]
    window.session.select_event(0)
    shown = [label.text() for label in window.details.findChildren(type(window.header.title))]
    assert UNTITLED in shown


def test_markdown_and_the_picture_name_blank_titles(tmp_path: Path) -> None:
    path = blank_file(tmp_path, "\u200b")
    assert main(["export", str(path), "-o", str(tmp_path / "out.md")]) == 0
    text = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {UNTITLED}\n")
    assert f"| Issue | {UNTITLED} | Beta |" in text
    assert f"| {UNTITLED} |" in text  # the issue's row and the event's title
    assert "\u200b" not in text.split("\n", 1)[0]
    assert main(["export", str(path), "--saved-view", "v", "-o", str(tmp_path / "v.md")]) == 0
    assert UNTITLED in (tmp_path / "v.md").read_text(encoding="utf-8")
