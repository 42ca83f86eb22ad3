"""The details panel (issue 13 items 9 and 10, issue 12 item 8): the matching statement
found in a cell's history and its words marked; an issue's histories side by side; a blank
statement shown as "(no text)"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from positions_viewer.model import Filter, load_file
from positions_viewer.ui.details.issue_view import IssueHistories
from positions_viewer.ui.details.text import HighlightedText
from positions_viewer.ui.settings import Settings
from positions_viewer.ui.window.main_window import MainWindow

WriteToml = Callable[..., Path]


def opened(qtbot: QtBot, path: Path, tmp_path: Path) -> MainWindow:
    window = MainWindow(Settings(tmp_path / "settings"))
    qtbot.addWidget(window)
    window.show_loaded(path, load_file(path))
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_match_in_the_history_is_found_and_marked(qtbot: QtBot, seed_path: Path,
                                                    tmp_path: Path) -> None:
    window = opened(qtbot, seed_path, tmp_path)
    # "principle" is only in France's earlier (18 Dec) statement on imminence.
    window.filter_bar.set_filter(Filter(text="PRINCIPLE"))
    assert window.grid.grid_model.rowCount() >= 1
    window.grid.select_cell(0, 0)
    marked = window.details.findChildren(HighlightedText)
    assert len(marked) == 1 and "principle" in marked[0].text()
    assert "matches the search" in window.details.text()
    assert marked[0].heightForWidth(300) > marked[0].fontMetrics().height()


def test_an_issue_shows_every_actors_history_side_by_side(qtbot: QtBot, seed_path: Path,
                                                          tmp_path: Path) -> None:
    window = opened(qtbot, seed_path, tmp_path)
    window.grid.select_cell(0, -1)  # the issue row "Whether talks are imminent"
    histories = window.details.findChildren(IssueHistories)
    assert len(histories) == 1
    rows = histories[0].rows
    assert [label for label, _ in rows] == ["18 Dec 2025", "20 Dec 2025", "26 Dec 2025"]
    france, russia = zip(*[columns for _, columns in rows], strict=True)
    assert [len(p) for p in france] == [1, 0, 1] and [len(p) for p in russia] == [0, 1, 0]
    assert "Select a cell to see one actor's history" not in window.details.text()


def test_a_blank_statement_reads_no_text(qtbot: QtBot, tmp_path: Path,
                                         write_toml: WriteToml) -> None:
    path = write_toml('''
        schema = 1
        title = "t"
        [[actors]]
        id = "a"
        name = "A"
        [[issues]]
        id = "i"
        title = "I"
        [[positions]]
        actor = "a"
        issue = "i"
        text = "   "
    ''')
    window = opened(qtbot, path, tmp_path)
    assert window.banner.isVisible() and "blank" in window.banner.label.text()
    window.grid.select_cell(0, 0)
    assert "(no text)" in window.details.text()


def test_unbroken_tokens_wrap_inside_the_panel(qtbot: QtBot, tmp_path: Path) -> None:
    """Case unbroken-tokens.toml: every label in the details wraps a word longer than its
    line; nothing runs past the panel's edge, the link's address is elided in its middle."""
    from PySide6.QtWidgets import QApplication, QLabel, QPushButton

    cases = Path(__file__).resolve().parents[2] / "data" / "cases"
    window = opened(qtbot, cases / "unbroken-tokens.toml", tmp_path)
    window.resize(1280, 720)
    window.grid.select_cell(0, 0)
    for _ in range(3):
        QApplication.processEvents()
    viewport = window.details.viewport().width()
    labels = [w for w in window.details.findChildren(QLabel) if w.isVisible()]
    assert any("a1b2c3d4e5a1b2c3d4e5a1b2" in label.text() for label in labels)
    for label in labels:
        right = label.mapTo(window.details.widget(), label.rect().topRight()).x()
        assert right <= viewport + 1, label.text()[:40]
        assert label.height() >= label.heightForWidth(label.width()) - 1, label.text()[:40]
    link = next(b for b in window.details.findChildren(QPushButton)
                if b.objectName() == "details-link")
    assert "…" in link.text() and link.text().startswith("↗ https://example.invalid/")
    assert window.height() <= 720  # a long word never makes the window taller


def test_many_actors_histories_stack_instead_of_slivers(qtbot: QtBot, tmp_path: Path,
                                                        write_toml: WriteToml) -> None:
    """Eight actors in a narrow details panel: no 40 px columns; each date lists its
    statements one under the other, each headed by its actor, whole."""
    actors = "".join(f'[[actors]]\nid = "a{n}"\nname = "Member state {n}"\n' for n in range(8))
    positions = "".join(f'[[positions]]\nactor = "a{n}"\nissue = "i"\ndate = 2024-05-0{1 + n % 2}'
                        f'\nstance = "yes"\ntext = "Statement number {n} in full."\n'
                        for n in range(8))
    path = write_toml('schema = 1\ntitle = "t"\n' + actors
                      + '[[issues]]\nid = "i"\ntitle = "I"\n' + positions)
    window = opened(qtbot, path, tmp_path)
    window.grid.select_cell(0, -1)
    histories = window.details.findChildren(IssueHistories)
    assert len(histories) == 1 and histories[0].stacked
    text = window.details.text()
    for n in range(8):
        assert f"Member state {n} · yes: Statement number {n} in full." in text
    assert [label for label, _ in histories[0].rows] == ["1 May 2024", "2 May 2024"]


def test_an_event_lists_what_each_actor_said_at_it(qtbot: QtBot, seed_path: Path,
                                                  tmp_path: Path) -> None:
    window = opened(qtbot, seed_path, tmp_path)
    dataset = window.dataset
    assert dataset is not None
    kremlin = dataset.index_of("events", "kremlin-signals-readiness")
    assert kremlin is not None
    window.session.select_event(kremlin)
    text = window.details.text()
    assert "Statements at this event: 2" in text
    assert "Russia on Whether talks are imminent · ready: Putin is ready to talk" in text
