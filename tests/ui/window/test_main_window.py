"""The comparison window: grid, filter bar, details, copy, hostile text, settings."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from positions_viewer.model import Filter, load_file, parse_date
from positions_viewer.ui.grid.model import Role
from positions_viewer.ui.settings import Settings
from positions_viewer.ui.window.main_window import MainWindow


def open_window(qtbot: QtBot, path: Path, settings_dir: Path | None = None) -> MainWindow:
    window = MainWindow(Settings(settings_dir) if settings_dir else None)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show_loaded(path, load_file(path))
    window.show()
    qtbot.waitExposed(window)
    return window


def grid_texts(window: MainWindow) -> list[list[str]]:
    model = window.grid.grid_model
    return [
        [str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole))
         for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


@pytest.fixture
def window(qtbot: QtBot, seed_path: Path) -> MainWindow:
    return open_window(qtbot, seed_path)


def test_seed_opens_with_issues_as_rows_and_actors_as_columns(window: MainWindow) -> None:
    model = window.grid.grid_model
    assert model.rowCount() == 4
    assert model.columnCount() == 3  # the issue column, France, Russia
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert header == ["Issue", "France", "Russia"]
    rows = grid_texts(window)
    assert rows[0][0] == "Whether talks are imminent"
    assert rows[0][1].startswith("No call planned")
    assert rows[3][1] == ""  # Vinatier: France has no stated position
    vinatier_france = model.index(3, 1).data(Qt.ItemDataRole.AccessibleTextRole)
    assert vinatier_france == "France on The Vinatier case: no stated position"
    assert window.status_label.text() == "4 of 4 issues · 2 of 2 actors · 5 of 5 events"
    assert window.header.title.text() == "Macron–Putin dialogue signals"
    assert "26 Dec 2025" in window.header.as_of.text()


def test_grid_model_passes_qt_model_tester(window: MainWindow, qtmodeltester: object) -> None:
    qtmodeltester.check(window.grid.grid_model)  # type: ignore[attr-defined]


def test_unchecking_an_issue_in_the_bar_removes_its_row(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    items = window.filter_bar.issues.list
    with qtbot.waitSignal(window.filter_bar.filterChanged):
        items.item(1).setCheckState(Qt.CheckState.Unchecked)
    titles = [row[0] for row in grid_texts(window)]
    assert "Conditions for any dialogue" not in titles
    assert len(titles) == 3
    assert window.status_label.text().startswith("3 of 4 issues")
    assert window.filter_bar.issues.text() == "Issues: 3 of 4"


def test_setting_a_filter_updates_the_bar_and_the_grid(window: MainWindow) -> None:
    dataset = window.dataset
    assert dataset is not None
    window.filter_bar.set_filter(Filter(actors=frozenset({1})))
    assert window.filter_bar.actors.text() == "Actors: 1 of 2"
    assert window.grid.grid_model.columnCount() == 2
    assert window.grid.grid_model.headerData(1, Qt.Orientation.Horizontal) == "Russia"


def test_as_of_date_in_the_bar_shows_earlier_positions(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.filter_bar.filterChanged):
        window.filter_bar.date_to.setDate(window.filter_bar.date_to.date().fromString(
            "2025-12-19", Qt.DateFormat.ISODate))
    rows = grid_texts(window)
    assert rows[0][1].startswith("Welcomes renewed contact")  # France, before 26 Dec
    assert rows[0][2] == ""  # Russia had not spoken yet
    assert window.result is not None
    assert window.result.filter.date_to == parse_date("2025-12-19")


def test_from_after_as_of_moves_the_other_end(
        window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import QDate

    bar = window.filter_bar
    bar.date_to.setDate(QDate(2025, 12, 19))
    bar.date_from.setDate(QDate(2025, 12, 24))  # past "as of": "as of" follows
    assert bar.date_to.date() == QDate(2025, 12, 24)
    flt = bar.current_filter
    assert flt.date_from == parse_date("2025-12-24") == flt.date_to
    bar.date_to.setDate(QDate(2025, 12, 10))  # before "from": "from" follows
    assert bar.date_from.date() == QDate(2025, 12, 10)
    day = parse_date("2025-12-10")
    assert tuple(int(v) for v in bar.range.value()) == (day.start, day.start)
    # (Saving these filters as a view is the write path's: tests/model/write/test_edits.py.)


def test_from_date_marks_changed_cells(window: MainWindow) -> None:
    window.filter_bar.set_filter(Filter(date_from=parse_date("2025-12-20")))
    model = window.grid.grid_model
    changed = {(r, c) for r in range(model.rowCount()) for c in range(1, model.columnCount())
               if model.index(r, c).data(Role.CELL).changed}
    assert changed == {(0, 1), (0, 2), (1, 2)}
    # Issue 14: the mark says which kind of change (Russia had said nothing before 20 Dec).
    text = model.index(0, 2).data(Qt.ItemDataRole.AccessibleTextRole)
    assert ", new: " in text
    tip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "New from 20 Dec 2025 on: no stated position before" in tip
    was = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "Changed from 20 Dec 2025 on: it was" in was


def test_search_is_debounced_and_filters_rows_and_events(window: MainWindow,
                                                         qtbot: QtBot) -> None:
    bar = window.filter_bar
    with qtbot.waitSignal(bar.filterChanged, timeout=2000):
        qtbot.keyClicks(bar.search, "vinatier")
    titles = [row[0] for row in grid_texts(window)]
    assert titles == ["The Vinatier case"]
    assert window.status_label.text() == "1 of 4 issues · 2 of 2 actors · 1 of 5 events"
    with qtbot.waitSignal(bar.filterChanged):
        bar.reset_button.click()
    assert window.grid.grid_model.rowCount() == 4
    assert bar.search.text() == ""


def test_selecting_a_cell_shows_its_whole_history(window: MainWindow) -> None:
    window.grid.setFocus()
    assert window.grid.select_cell(0, 0)
    text = window.details.text()
    assert "France · Whether talks are imminent" in text
    assert "History: 2 statements, oldest first" in text
    assert text.index("Welcomes renewed contact") < text.index("No call planned")
    assert "shown in the grid" in text
    assert "News report: France says no Macron–Putin talks" in text


def test_history_marks_statements_after_the_as_of_date(window: MainWindow) -> None:
    window.filter_bar.set_filter(Filter(date_to=parse_date("2025-12-19")))
    window.grid.select_cell(0, 0)
    assert "after the as-of date" in window.details.text()


def test_keyboard_moves_between_cells_and_ctrl_c_copies(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    grid = window.grid
    grid.setFocus()
    grid.select_cell(0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.selected_cell() == (0, 1)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert grid.selected_cell() == (1, 1)
    assert "Russia · Conditions for any dialogue" in window.details.text()
    qtbot.keyClick(grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Russia on Conditions for any dialogue (20 Dec 2025, political will)")


def test_empty_filter_result_says_so(window: MainWindow) -> None:
    window.filter_bar.set_filter(Filter(issues=frozenset()))
    assert window.empty_label.isVisible()
    assert "Nothing matches" in window.empty_label.text()
    window.filter_bar.reset()
    assert not window.empty_label.isVisible()


HOSTILE = "<table>" * 60 + "x" + "</table>" * 60
IMG = '<img src="/etc/passwd"><a href="file:///etc">link</a><b>bold</b>'


def test_hostile_strings_are_shown_literally_and_fast(
    qtbot: QtBot, write_toml: Callable[..., Path]
) -> None:
    big = "word " * 200_000  # 1 MB
    path = write_toml(f'''
        schema = 1
        title = '{IMG}'
        description = '{HOSTILE}'
        [[actors]]
        id = "a"
        name = '{IMG}'
        detail = '{HOSTILE}'
        [[issues]]
        id = "i"
        title = '{HOSTILE}'
        description = '{IMG}'
        [[events]]
        date = 2024-01-01
        title = '{HOSTILE}'
        detail = '{IMG}'
        [[positions]]
        actor = "a"
        issue = "i"
        text = '{IMG}'
        stance = '{HOSTILE}'
        [[positions]]
        actor = "a"
        issue = "i"
        date = 2020-01-01
        text = "{big}"
    ''')
    started = time.perf_counter()
    window = open_window(qtbot, path)
    window.grid.select_cell(0, 0)
    qtbot.wait(50)
    window.grab()
    assert time.perf_counter() - started < 5.0
    assert window.header.title.text() == IMG
    assert window.header.title.textFormat() == Qt.TextFormat.PlainText
    for label in window.findChildren(QLabel):
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()[:60]
    details = window.details.text()
    assert IMG in details
    assert "Copy the full text" not in details or len(details) < 40_000


def test_theme_and_recent_files_are_remembered(qtbot: QtBot, seed_path: Path,
                                               tmp_path: Path) -> None:
    window = open_window(qtbot, seed_path, tmp_path)
    window.set_theme("dark")
    assert window.theme.dark
    window.close()
    again = Settings(tmp_path)
    assert again.theme == "dark"
    assert again.recent_files[0] == str(seed_path.resolve())
    assert again.geometry is not None


def test_corrupt_settings_fall_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.ini").write_bytes(b"\x00\xff[view]\ntheme=purple\ntext_size=huge\n")
    settings = Settings(tmp_path)
    assert settings.theme == "system"
    assert settings.text_size == 13
    assert settings.recent_files == []


def test_text_zoom_changes_the_painted_size(window: MainWindow) -> None:
    before = window.theme.font_px
    window.zoom_text(1)
    window.zoom_text(1)
    assert window.theme.font_px == before + 2
    assert window.grid.grid_style.theme.font_px == before + 2
    window.zoom_text(0)
    assert window.theme.font_px == 13


def test_only_visible_rows_are_measured(qtbot: QtBot, write_toml: Callable[..., Path]) -> None:
    issues = "\n".join(f'[[issues]]\nid = "i{n}"\ntitle = "Issue {n}"\n' for n in range(600))
    positions = "\n".join(
        f'[[positions]]\nactor = "a"\nissue = "i{n}"\ntext = "Position {n} ' + "word " * 30
        + '"\n' for n in range(600)
    )
    path = write_toml(f'schema = 1\ntitle = "Many"\n[[actors]]\nid = "a"\nname = "A"\n'
                      f"{issues}\n{positions}")
    window = open_window(qtbot, path)
    qtbot.wait(20)
    assert window.grid.grid_model.rowCount() == 600
    assert 0 < window.grid.measured_rows() < 60
    before = window.grid.measured_rows()
    bar = window.grid.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    qtbot.wait(50)  # rows scrolled into view are measured at once, not seconds later
    middle = window.grid.rowAt(window.grid.viewport().height() // 2)
    assert window.grid.rowHeight(middle) == window.grid.row_height(middle)
    assert before < window.grid.measured_rows() < 120


def test_selecting_an_event_highlights_its_issues_and_actors(window: MainWindow,
                                                             qtbot: QtBot) -> None:
    dataset = window.dataset
    assert dataset is not None
    kremlin = next(i for i, e in enumerate(dataset.events) if e.id == "kremlin-signals-readiness")
    window.timeline.eventSelected.emit(kremlin)
    assert window.grid.highlight_issues == frozenset({0, 1})  # imminence, conditions
    assert window.grid.highlight_actors == frozenset({1})  # Russia
    text = window.details.text()
    assert "Kremlin signals Putin's readiness" in text and "20–21 Dec 2025" in text
    assert "Actors: Russia" in text
    window.timeline.eventSelected.emit(-1)
    assert window.grid.highlight_issues == frozenset()


ONE_SOURCED_CELL = '''
        schema = 1
        title = "Links"
        [[actors]]
        id = "a"
        name = "A"
        [[issues]]
        id = "i"
        title = "I"
        [[sources]]
        id = "web"
        title = "Web page"
        url = "{url}"
        [[positions]]
        actor = "a"
        issue = "i"
        text = "Said something"
        sources = ["web"]
'''


def test_source_links_open_only_http_on_an_explicit_click(
    qtbot: QtBot, write_toml: Callable[..., Path]
) -> None:
    path = write_toml(ONE_SOURCED_CELL.format(url="https://example.org/report"))
    window = open_window(qtbot, path)
    opened: list[str] = []
    window.details.open_url = lambda url: bool(opened.append(url.toString())) or True
    window.grid.select_cell(0, 0)
    qtbot.wait(20)  # new widgets in a shown panel are shown by a queued call
    from PySide6.QtWidgets import QPushButton

    buttons = [b for b in window.details.findChildren(QPushButton)
               if b.objectName() == "details-link" and b.isVisibleTo(window.details)]
    assert opened == []  # selecting never opens anything
    assert len(buttons) == 1 and "https://example.org/report" in buttons[0].text()
    buttons[0].click()
    assert opened == ["https://example.org/report"]
    window.details._open("file:///etc/passwd")
    window.details._open("javascript:alert(1)")
    assert opened == ["https://example.org/report"]


def test_dropping_a_toml_file_opens_it_in_the_background(
    window: MainWindow, qtbot: QtBot, write_toml: Callable[..., Path]
) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    other = write_toml('''
        schema = 1
        title = "Dropped"
        [[actors]]
        id = "x"
        name = "X"
        [[issues]]
        id = "y"
        title = "Y"
    ''', "dropped.toml")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.resultChanged, timeout=5000):
        window.dropEvent(event)
        assert window.progress.isVisibleTo(window)  # loading runs off the GUI thread
    assert window.header.title.text() == "Dropped"
    assert not window.progress.isVisibleTo(window)
    assert window.settings.recent_files[0] == str(other.resolve())


def test_range_slider_arrives_after_show_and_drives_the_dates(window: MainWindow,
                                                              qtbot: QtBot) -> None:
    slider = window.filter_bar.range
    qtbot.waitUntil(lambda: slider.ready, timeout=3000)
    dataset = window.dataset
    assert dataset is not None
    span = dataset.span()
    assert span is not None
    inner = slider._slider
    assert tuple(inner.value()) == (span[0] - 1, span[1])  # open start, latest end
    with qtbot.waitSignal(window.filter_bar.filterChanged):
        inner.setValue((span[1] - 8, span[1] - 1))  # as a drag would
    flt = window.filter_bar.current_filter
    assert flt.from_ordinal == span[1] - 8 and flt.to_ordinal == span[1] - 1
    assert window.filter_bar.date_to.date().day() == 25


def test_showing_the_window_does_not_wait_for_superqt() -> None:
    import subprocess
    import sys

    code = ("import sys, positions_viewer.ui.window.main_window, positions_viewer.ui.app; "
            "sys.exit(1 if 'superqt' in sys.modules or 'positions_viewer.ui.presenter.window' in "
            "sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_damaged_settings_are_reported_and_kept(qtbot: QtBot, tmp_path: Path) -> None:
    damaged = b"\x00\xff[view]\ntheme=dark\n"
    (tmp_path / "settings.ini").write_bytes(damaged)
    window = MainWindow(Settings(tmp_path))
    qtbot.addWidget(window)
    assert "damaged" in window.statusBar().currentMessage()
    assert (tmp_path / "settings.ini.damaged").read_bytes() == damaged
    assert not window.settings.ok


def test_ampersands_in_data_are_shown_and_bind_no_shortcut(
    qtbot: QtBot, write_toml: Callable[..., Path], tmp_path: Path
) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QPushButton

    path = write_toml(ONE_SOURCED_CELL.format(url="https://example.org/?q=1&z=2") + '''
        [[views]]
        id = "qa"
        title = "Q&A session"
    ''', "R&D.toml")
    window = open_window(qtbot, path, tmp_path / "settings")
    window.grid.select_cell(0, 0)
    qtbot.wait(20)
    link = next(b for b in window.details.findChildren(QPushButton)
                if b.objectName() == "details-link")
    window.fill_recent()
    texts = [link.text()]
    texts += [a.text() for a in window.views_menu.actions() if "Q" in a.text()]
    texts += [a.text() for a in window.recent_menu.actions() if "R" in a.text()]
    assert len(texts) == 3
    for text in texts:
        assert QKeySequence.mnemonic(text).isEmpty(), text  # Alt+Z, Alt+A, Alt+D: nothing
    assert texts[0].replace("&&", "&") == "↗ https://example.org/?q=1&z=2"
    assert texts[1].replace("&&", "&") == "Q&A session"
    assert texts[2].replace("&&", "&").endswith("R&D.toml")


def test_a_title_with_qt_title_markup_is_shown_as_written(
        qtbot: QtBot, write_toml: Callable[..., Path]) -> None:
    path = write_toml(ONE_SOURCED_CELL.format(url="https://example.org/").replace(
        'title = "Links"', 'title = "Draft [*] v2"'))
    window = open_window(qtbot, path)
    # The title bar's text: Qt drops "[*]" (the unsaved-changes mark) unless doubled.
    assert window.windowHandle().title().startswith("Draft [*] v2 — ")


def test_menu_shortcut_letters_are_distinct_within_each_menu(window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMenu, QMenuBar

    def check(menu: QMenu | QMenuBar, name: str) -> int:
        actions = [a for a in menu.actions() if not a.isSeparator()]
        keys = [QKeySequence.mnemonic(a.text()).toString() for a in actions]
        keys = [k for k in keys if k]
        assert len(keys) == len(set(keys)), (name, sorted(keys))
        return len(keys) + sum(check(a.menu(), a.text()) for a in actions if a.menu())

    assert check(window.menuBar(), "menu bar") >= 25


def test_a_saved_view_and_reset_fit_the_timeline_to_what_they_show(window: MainWindow) -> None:
    from positions_viewer.model.story import view_filter_of

    assert window.dataset is not None
    window.timeline.set_visible_range(*window.timeline.visible_range())  # the user zoomed
    number = next(n for n, v in enumerate(window.dataset.views)
                  if v.date_from is not None and v.date_to is not None)
    window.apply_view(number)
    flt = view_filter_of(window.dataset, number)
    assert flt.date_from is not None and flt.date_to is not None
    start, end = window.timeline.visible_range()
    # The view's days fill most of the axis (fit pads a little), instead of a few pixels.
    assert start <= flt.date_from.start and end >= flt.date_to.stop
    assert end - start < 3 * (flt.date_to.stop + 1 - flt.date_from.start) + 30
    window.filter_bar.reset()
    start, end = window.timeline.visible_range()
    first = min(e.start for e in window.dataset.events)
    assert start <= first and end - start > 365


def test_the_saved_view_box_names_the_whole_view_in_plain_text(
        qtbot: QtBot, write_toml: Callable[..., Path]) -> None:
    title = "<b>Bold</b> claims about a rather long period of intermittent contact"
    path = write_toml(ONE_SOURCED_CELL.format(url="https://example.org/") + f'''
        [[views]]
        id = "long"
        title = "{title}"
        to = 2025-01-01
    ''')
    window = open_window(qtbot, path)
    window.apply_view(0)
    assert window.views_combo.currentText() == title
    tip = window.views_combo.toolTip()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in tip and "<b>" not in tip  # shown, never rendered
    window.filter_bar.reset()
    assert "All (no saved view)" in window.views_combo.toolTip()


def test_an_empty_timeline_says_why(window: MainWindow, qtbot: QtBot) -> None:
    window.filter_bar.search.setText("zzzz")
    qtbot.waitUntil(lambda: window.timeline.data().count == 0, timeout=2000)
    assert window.timeline.accessibleDescription() == "No events match “zzzz”"
    window.filter_bar.search.setText("")
    window.filter_bar.set_filter(Filter(date_to=parse_date("2021-01-01")))
    assert window.timeline.accessibleDescription() == "No events match these filters"
    window.filter_bar.set_filter(Filter(date_to=parse_date("2025-12-19"), text="Kremlin"))
    # The Kremlin's event matches, but comes after the 19th: the filters together are why.
    assert window.timeline.accessibleDescription() == (
        "No events match “Kremlin” in these filters")


def test_the_window_fits_a_1024_pixel_screen(qtbot: QtBot, seed_path: Path,
                                             tmp_path: Path) -> None:
    window = open_window(qtbot, seed_path, tmp_path)  # default text size
    assert window.minimumSizeHint().width() <= 1024
    window.resize(1024, 640)
    assert window.width() == 1024
    bar = window.filter_bar
    count = len(window.dataset.issues) if window.dataset else 0
    # The issue button holds its longest label for this file.
    longest = bar.issues.fontMetrics().horizontalAdvance(f"Issues: {count} of {count}")
    assert bar.issues.minimumWidth() >= longest


def test_the_first_window_takes_the_themes_font(qtbot: QtBot, seed_path: Path,
                                                tmp_path: Path) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet("")  # as a fresh process starts
    app.setFont(QFont("Sans Serif", 9))
    window = open_window(qtbot, seed_path, tmp_path)
    px = window.theme.font_px
    for widget in (window.filter_bar.search, window.filter_bar.reset_button,
                   window.status_label, window.filter_bar.date_to):
        assert widget.fontInfo().pixelSize() == px, widget


def test_typing_a_date_digit_by_digit_moves_nothing_on_the_way(window: MainWindow,
                                                               qtbot: QtBot) -> None:
    from PySide6.QtCore import QDate

    bar = window.filter_bar
    bar.date_from.setDate(QDate(2025, 12, 18))
    bar.date_to.setDate(QDate(2025, 12, 26))
    bar.date_to.setFocus()
    bar.date_to.edit.selectAll()
    qtbot.keyClicks(bar.date_to.edit, "20 Dec 2025")  # passes through "2", "20 D"…
    assert bar.current_filter.date_to == parse_date("2025-12-26")  # nothing moved yet
    qtbot.keyClick(bar.date_to.edit, Qt.Key.Key_Return)
    assert bar.date_to.date() == QDate(2025, 12, 20)
    assert bar.date_from.date() == QDate(2025, 12, 18)
    assert bar.current_filter.date_to == parse_date("2025-12-20")


@pytest.mark.parametrize("title", ["x" * 500, "word " * 300], ids=["token", "words"])
def test_a_long_title_never_makes_the_window_taller(qtbot: QtBot, seed_path: Path,
                                                    tmp_path: Path, title: str) -> None:
    path = tmp_path / "long.toml"
    path.write_text(seed_path.read_text(encoding="utf-8").replace(
        'title = "Macron–Putin dialogue signals"', f'title = "{title}"', 1), encoding="utf-8")
    window = open_window(qtbot, path)
    assert window.height() == 800
    assert window.minimumSizeHint().height() < 600
    line = window.header.title.fontMetrics().lineSpacing()
    assert window.header.title.height() <= 2 * line + 2  # two lines, the rest in the tooltip
    assert window.header.title.toolTip()


def test_a_long_path_leaves_the_line_and_the_error_in_the_banner(
        qtbot: QtBot, seed_path: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, seed_path)
    folder = tmp_path / ("d" * 200) / ("e" * 200)
    folder.mkdir(parents=True)
    bad = folder / ("f" * 150 + ".toml")
    bad.write_text('schema = 1\ntitle = "x"\n[[actors]]\nid = "a"\n', encoding="utf-8")
    window.show_loaded(bad, load_file(bad))
    text = window.banner.label.text()
    assert ".toml:1: no issues: the file needs at least one [[issues]] table" in text
    assert len(text) < 300 and "d" * 100 not in text
    assert window.banner.details_button.isVisibleTo(window)  # the whole message, one click


def test_nothing_looks_selected_until_the_keyboard_moves(qtbot: QtBot, seed_path: Path) -> None:
    """On opening, the first issue has no focus frame (the details say "Select a cell");
    once the keyboard is used the cursor's frame shows where it is."""
    from PySide6.QtGui import QColor

    from positions_viewer.ui.theme import LIGHT

    window = open_window(qtbot, seed_path)
    grid = window.grid
    grid.setFocus()
    rect = grid.visualRect(grid.grid_model.index(0, 0))

    def accent_at_left_edge() -> bool:
        image = grid.viewport().grab().toImage()
        y = rect.center().y()
        return any(image.pixelColor(x, y) == QColor(LIGHT.accent) for x in range(0, 4))

    assert not accent_at_left_edge()
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    assert accent_at_left_edge()
