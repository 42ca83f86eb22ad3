"""Presenter mode: the step sequence, every key, blanking, leaving, notes, saved views."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from positions_viewer.model import DatasetIndex, Filter, load_file, parse_date
from positions_viewer.model.story import story_steps
from positions_viewer.ui.presenter.window import (
    NEXT_KEYS,
    PREVIOUS_KEYS,
    PresenterWindow,
    render_step,
)
from positions_viewer.ui.theme import presenter_theme
from positions_viewer.ui.window.main_window import MainWindow

EVENTS_ONLY = """
schema = 1
title = "No views"

[[actors]]
id = "a"
name = "Alpha"

[[actors]]
id = "b"
name = "Beta"

[[issues]]
id = "i"
title = "Issue"

[[events]]
id = "second"
date = 2024-03-01
title = "Second"
actors = ["b"]
issues = ["i"]

[[events]]
id = "first"
date = 2024-01-01
end = 2024-01-05
title = "First"
actors = ["a"]
issues = ["i"]

[[positions]]
actor = "a"
issue = "i"
date = 2024-01-03
text = "Alpha speaks"
event = "first"

[[positions]]
actor = "b"
issue = "i"
date = 2024-03-01
text = "Beta answers"
event = "second"
"""


def seed_index(seed_path: Path) -> DatasetIndex:
    result = load_file(seed_path)
    assert result.dataset is not None
    return DatasetIndex(result.dataset)


def test_steps_follow_the_saved_views_in_order(seed_path: Path) -> None:
    index = seed_index(seed_path)
    steps = story_steps(index.dataset, index)
    assert [s.view for s in steps] == list(range(6))
    assert steps[0].title == "Where things stood on 26 December 2025"
    assert steps[4].grid_filter.issues == frozenset({0})
    assert "no call planned" in steps[4].notes


def test_without_views_steps_are_events_in_date_order(write_toml: Callable[..., Path]) -> None:
    result = load_file(write_toml(EVENTS_ONLY))
    assert result.dataset is not None
    index = DatasetIndex(result.dataset)
    steps = story_steps(index.dataset, index)
    assert [index.dataset.events[s.event].id for s in steps if s.event is not None] == [
        "first", "second"]
    grid, timeline = steps[0].results(index)
    # As of the first event (its end): Alpha has spoken and changed at this step; Beta not yet.
    assert grid.cell(0, 0).position is not None and grid.cell(0, 0).changed
    assert grid.cell(0, 1).position is None
    assert steps[0].changed_cells(grid) == {(0, 0)}
    assert timeline.counts["events"] == (1, 2)
    grid2, timeline2 = steps[1].results(index)
    assert steps[1].changed_cells(grid2) == {(0, 1)}
    assert not grid2.cell(0, 0).changed
    assert timeline2.counts["events"] == (2, 2)


def test_an_event_step_shows_the_events_before_it_on_its_timeline(
        write_toml: Callable[..., Path], qapp: object) -> None:
    from positions_viewer.ui.render.page import PageSpec, layout_page

    result = load_file(write_toml(EVENTS_ONLY))
    assert result.dataset is not None
    index = DatasetIndex(result.dataset)
    step = story_steps(index.dataset, index)[1]
    grid, timeline = step.results(index)
    layout = layout_page(grid, index, PageSpec(view="both", width=1280), timeline)
    assert layout.timeline is not None and layout.timeline_view is not None
    first = index.dataset.events[story_steps(index.dataset, index)[0].event or 0]
    # The first event is drawn (it is in the timeline's data) and inside the visible range.
    assert layout.timeline.count == 2
    assert layout.timeline_view.start <= first.start < layout.timeline_view.end


@pytest.fixture
def presenter(qtbot: QtBot, seed_path: Path) -> PresenterWindow:
    index = seed_index(seed_path)
    steps = story_steps(index.dataset, index)
    window = PresenterWindow(steps, index, ("#1f4e9c", "#b3261e"))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    return window


@pytest.mark.parametrize("key", sorted(NEXT_KEYS))
def test_every_next_key_advances(presenter: PresenterWindow, qtbot: QtBot, key: Qt.Key) -> None:
    qtbot.keyClick(presenter, key)
    assert presenter.current == 1
    assert presenter.counter_text() == "2 / 6"


@pytest.mark.parametrize("key", sorted(PREVIOUS_KEYS))
def test_every_previous_key_goes_back(presenter: PresenterWindow, qtbot: QtBot,
                                      key: Qt.Key) -> None:
    presenter.go(3)
    qtbot.keyClick(presenter, key)
    assert presenter.current == 2


def test_clicker_page_keys_home_end_and_bounds(presenter: PresenterWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert presenter.current == 0  # no step before the first
    qtbot.keyClick(presenter, Qt.Key.Key_End)
    assert presenter.current == 5
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    assert presenter.current == 5
    qtbot.keyClick(presenter, Qt.Key.Key_Home)
    assert presenter.current == 0


def test_number_then_enter_jumps(presenter: PresenterWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(presenter, Qt.Key.Key_4)
    qtbot.keyClick(presenter, Qt.Key.Key_Return)
    assert presenter.current == 3


def test_b_blanks_to_black_and_back(presenter: PresenterWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert presenter.blanked
    image = presenter.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2) == QColor(0, 0, 0)
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert not presenter.blanked
    image = presenter.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2) != QColor(0, 0, 0)


def test_escape_finishes(presenter: PresenterWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(presenter.finished):
        qtbot.keyClick(presenter, Qt.Key.Key_Escape)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_steps_fit_the_screen_with_large_type(seed_path: Path, qapp: object, width: int,
                                              height: int) -> None:
    index = seed_index(seed_path)
    steps = story_steps(index.dataset, index)
    theme = presenter_theme(height)
    assert theme.font_px >= 20
    for number, step in enumerate(steps):
        image = render_step(step, index, ("#1f4e9c", "#b3261e"), theme, width, height)
        assert (image.width(), image.height()) == (width, height)
        image.save(str(Path(__file__).parent.parent / "shots" / f"present-{width}-{number}.png")
                   ) if (Path(__file__).parent.parent / "shots").is_dir() else None


def test_f5_presents_and_escape_restores_the_window(qtbot: QtBot, seed_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    window.show()
    window.apply_view(2)
    before = window.filter_bar.current_filter
    window.notes_action.setChecked(True)
    presenter = window.start_presenting(from_current=True)
    assert presenter is not None
    assert presenter.current == 2  # Shift+F5 starts at the current saved view
    assert window.notes is not None
    assert "Step 3 of 6" in window.notes.counter.text()
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert "Step 4 of 6" in window.notes.counter.text()
    assert "20–21 Dec" in window.notes.title.text()
    assert "Next: 26 Dec" in window.notes.next_title.text()
    assert window.notes.elapsed_text().startswith("Elapsed 00:0")
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert window.presenter is None and window.notes is None
    assert window.filter_bar.current_filter == before
    from_start = window.start_presenting(from_current=False)
    assert from_start is not None and from_start.current == 0
    window.stop_presenting()


def test_choosing_a_saved_view_applies_it_and_names_it(qtbot: QtBot, seed_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    window.show()
    window.views_combo.setCurrentIndex(5)
    window.views_combo.activated.emit(5)
    assert window.filter_bar.current_filter.issues == frozenset({0})
    assert window.header.view.text() == "Saved view: 26 Dec: Paris says no call is planned"
    assert window.grid.grid_model.rowCount() == 1
    window.filter_bar.reset()
    assert window.header.view.isHidden()


def test_key_hints_show_at_the_start_then_leave_the_audience_alone(
        qtbot: QtBot, seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from positions_viewer.ui.presenter import window as presenter_module

    monkeypatch.setattr(presenter_module, "HINT_MS", 200)
    index = seed_index(seed_path)
    window = PresenterWindow(story_steps(index.dataset, index), index, ("#1f4e9c", "#b3261e"))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    strip = (0, 720 - 60, 640, 60)  # the bottom left, where the hints are drawn
    with_hints = window.grab().toImage().copy(*strip)
    assert window.hints_shown
    qtbot.waitUntil(lambda: not window.hints_shown, timeout=3000)
    without = window.grab().toImage().copy(*strip)
    assert with_hints != without
    background = without.pixelColor(5, 5)
    assert all(without.pixelColor(x, y) == background
               for x in range(0, 640, 7) for y in range(0, 60, 3))


def test_the_notes_window_puts_the_step_and_the_clock_first(
        qtbot: QtBot, seed_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from positions_viewer.ui.presenter.window import NotesWindow
    from positions_viewer.ui.theme import theme
    from positions_viewer.ui.window.style import apply_palette

    apply_palette(QApplication.instance(), theme("light"))  # the window's style sheet too
    index = seed_index(seed_path)
    steps = story_steps(index.dataset, index)
    notes = NotesWindow()
    qtbot.addWidget(notes)
    notes.show_step(steps, 1)
    notes.show()
    title_px = notes.title.fontInfo().pixelSize()
    assert title_px >= 28 and notes.clock.fontInfo().pixelSize() >= 28
    assert notes.notes.fontInfo().pixelSize() >= 20
    assert notes.counter.fontInfo().pixelSize() < title_px
    assert notes.title.text() == steps[1].title


def test_a_step_too_tall_for_the_screen_still_fills_its_width(seed_path: Path,
                                                             qapp: object) -> None:
    from positions_viewer.ui.presenter.window import fitting_size

    index = seed_index(seed_path)
    step = story_steps(index.dataset, index)[0]  # every issue and event: the tallest
    theme = presenter_theme(720)
    colors = ("#1f4e9c", "#b3261e")
    assert fitting_size(step, index, colors, theme, 1280, 720) is None  # not even at the minimum
    image = render_step(step, index, colors, theme, 1280, 720)
    background = QColor(theme.background)
    used = [x for x in range(0, 1280, 4)
            if any(image.pixelColor(x, y) != background for y in range(0, 700, 6))]
    # Laid out wider and scaled to the width: no wide empty margins at the sides.
    assert used[0] < 40 and used[-1] > 1240


def test_steps_differ_in_size_by_a_small_ratio_at_most(presenter: PresenterWindow) -> None:
    """Issue 13 item 3: not every step shrinks to the tallest one's size; a step's type is
    within SIZE_RATIO of the smallest step's, unless keeping to it would leave the step
    filling less of the screen than FILL of its own size would."""
    from positions_viewer.ui.presenter.window import FILL, SIZE_RATIO, fitting_size

    fits = [fitting_size(step, presenter.index, presenter.colors, presenter.theme,
                         presenter.width(), presenter.height(), ceiling=200)
            for step in presenter.steps]
    assert len(set(fits)) > 1  # the steps alone would jump between sizes
    sizes = [presenter._size(n) for n in range(len(presenter.steps))]
    assert None not in sizes
    smallest = min(sizes)  # type: ignore[type-var]
    for size, fit in zip(sizes, fits, strict=True):
        assert size is not None and (size <= smallest * SIZE_RATIO + 1e-6
                                     or (fit is not None and size >= fit * FILL - 1e-6))
    assert max(sizes) > smallest  # type: ignore[type-var, operator]


def test_an_event_step_highlights_only_its_own_answers(seed_path: Path) -> None:
    """The bundled file without views: Macron's step (18–20 Dec) is shown as of 19 Dec, the
    day before the Kremlin's event begins, so Russia's 20 Dec answers are not shown (nor
    marked) yet; the Kremlin's step marks exactly them (DESIGN §4: the cells that differ
    from the previous step). Russia's "Dec 2025" statements hold from 1 Dec: they are new
    at Macron's step, as the as-of rule says."""
    result = load_file(seed_path)
    assert result.dataset is not None
    from dataclasses import replace

    index = DatasetIndex(replace(result.dataset, views=()))
    dataset = index.dataset
    steps = {dataset.events[s.event].id: s for s in story_steps(dataset, index)
             if s.event is not None}
    russia, france = dataset.index_of("actors", "russia"), dataset.index_of("actors", "france")
    issue = {i.id: n for n, i in enumerate(dataset.issues)}
    macron = steps["macron-raises-dialogue"]
    kremlin = steps["kremlin-signals-readiness"]
    macron_cells = macron.changed_cells(macron.results(index)[0])
    kremlin_cells = kremlin.changed_cells(kremlin.results(index)[0])
    answers = {(issue["imminence"], russia), (issue["conditions"], russia)}
    assert {(issue["imminence"], france), (issue["context"], france)} <= macron_cells
    assert not answers & macron_cells
    assert kremlin_cells == answers


def test_event_steps_never_go_back_in_time(write_toml: Callable[..., Path]) -> None:
    """An approximate event ("2023") is placed by the end of its period, after an event
    of 14 Mar 2023; every step is shown as of a day no earlier than the step before, and
    marks exactly the cells whose shown statement differs from the step before."""
    path = write_toml(EVENTS_ONLY.replace('date = 2024-03-01', 'date = "2023"')
                      .replace('date = 2024-01-01\nend = 2024-01-05', 'date = 2023-03-14'))
    result = load_file(path)
    assert result.dataset is not None, result.diagnostics
    index = DatasetIndex(result.dataset)
    steps = story_steps(index.dataset, index)
    assert [index.dataset.events[s.event].id for s in steps if s.event is not None] == [
        "first", "second"]
    days = [s.grid_filter.to_ordinal for s in steps]
    assert days == sorted(days) and days[-1] == parse_date("2023-12-31").start
    previous = None
    for step in steps:
        grid = step.results(index)[0]
        shown = grid.cell_positions.copy()
        differs = set() if previous is None else {
            (int(grid.issue_rows[r]), int(grid.actor_columns[c]))
            for r, c in zip(*(shown != previous).nonzero(), strict=True)}
        if previous is not None:
            assert step.changed_cells(grid) == differs
        previous = shown


@pytest.mark.parametrize(("width", "height", "views"),
                         [(1280, 720, True), (1366, 768, True), (1280, 720, False),
                          (1920, 1080, True)])
def test_every_step_fills_the_room_and_fits_the_screen(
        seed_path: Path, qapp: object, width: int, height: int, views: bool) -> None:
    """Issue 13 item 3: every step fits the screen, fills at least ~75% of its height or
    width, and no step's text is below the presenter's smallest size; sizes stay within a
    small ratio of each other where the room allows."""
    from dataclasses import replace

    from positions_viewer.ui.presenter.window import (
        MIN_PRESENTER_PX,
        _placement,
        _room,
        _StepPage,
        step_sizes,
    )

    result = load_file(seed_path)
    assert result.dataset is not None
    dataset = result.dataset if views else replace(result.dataset, views=())
    index = DatasetIndex(dataset)
    steps = story_steps(index.dataset, index)
    theme = presenter_theme(height)
    colors = ("#1f4e9c", "#b3261e")
    sizes = step_sizes(steps, index, colors, theme, width, height)
    room = _room(theme, height)
    for step, size in zip(steps, sizes, strict=True):
        layout, fit = _placement(_StepPage.of(step, index, colors, theme), width, height, size)
        scale = min(1.0, fit)
        assert layout.height * scale <= room + 0.5
        filled = max(layout.height * scale / room, layout.spec.width * scale / width)
        assert filled >= 0.75, (step.title, filled)
        assert layout.spec.theme.font_px * scale >= MIN_PRESENTER_PX * min(1.0, fit) - 0.05


def test_a_small_step_gets_large_type_at_720p(seed_path: Path, qapp: object) -> None:
    """A step of one issue is not shrunk to the type of a step of every issue: at 1280×720
    its type is a third larger than the densest step's, above the old ~14 px."""
    from positions_viewer.model.story import Step
    from positions_viewer.ui.presenter.window import step_sizes

    index = seed_index(seed_path)
    steps = story_steps(index.dataset, index)
    small = Filter(issues=frozenset({0}), date_to=parse_date("2025-12-26"))
    steps.append(Step("Only imminence", small, small))
    sizes = step_sizes(steps, index, ("#1f4e9c", "#b3261e"), presenter_theme(720), 1280, 720)
    assert sizes[-1] >= 16 and sizes[-1] > 1.3 * min(sizes)


@pytest.mark.parametrize("with_views", [False, True])
def test_a_step_marks_as_changed_exactly_what_changed_at_it(
        seed_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch,
        with_views: bool) -> None:
    """Event steps: Macron's step marks France's answers, not Russia's 20 Dec ones (tied to
    the Kremlin's event) though they fall in its days. View steps: every change in range."""
    from dataclasses import replace

    from positions_viewer.ui.render import grid_painter

    result = load_file(seed_path)
    assert result.dataset is not None
    dataset = result.dataset if with_views else replace(result.dataset, views=())
    index = DatasetIndex(dataset)
    steps = story_steps(index.dataset, index)
    if with_views:
        step = steps[[v.id for v in dataset.views].index("kremlin-answers")]
    else:
        step = next(s for s in steps if s.event is not None
                    and dataset.events[s.event].id == "macron-raises-dialogue")
    painted: list[tuple[int, int, bool]] = []
    real = grid_painter.paint_cell

    def spy(painter: object, rect: object, cell: Any, *args: object) -> None:
        painted.append((cell.issue, cell.actor, cell.changed))
        real(painter, rect, cell, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(grid_painter, "paint_cell", spy)
    render_step(step, index, ("#1f4e9c", "#b3261e"), presenter_theme(1080), 1920, 1080)
    russia = dataset.index_of("actors", "russia")
    france = dataset.index_of("actors", "france")
    changed = {(issue, actor) for issue, actor, flag in painted if flag}
    assert any(actor == france for _issue, actor in changed)
    if with_views:  # the view compares with its "from": Russia's answers changed since
        assert any(actor == russia for _issue, actor in changed)
    else:  # as of 19 Dec: Russia's 20 Dec answers belong to the Kremlin's step
        answers = {(dataset.index_of("issues", i), russia) for i in ("imminence", "conditions")}
        assert not answers & changed
        assert changed == step.changed_cells(step.results(index)[0])


def test_the_notes_window_passes_the_presentation_keys_on(qtbot: QtBot, seed_path: Path,
                                                          tmp_path: Path) -> None:
    """Issue 13 item 2: a clicker keeps working when the speaker notes have focus, and on
    one screen the notes stay in front of the slides (S shows or hides them)."""
    from positions_viewer.ui.settings import Settings

    window = MainWindow(Settings(tmp_path))
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    window.show()
    window.notes_action.setChecked(True)
    presenter = window.start_presenting()
    assert presenter is not None and window.notes is not None
    notes = window.notes
    assert notes.windowFlags() & Qt.WindowType.WindowStaysOnTopHint  # one screen here
    assert notes.isVisible()
    for key, expected in ((Qt.Key.Key_Right, 1), (Qt.Key.Key_PageDown, 2),
                          (Qt.Key.Key_Space, 3), (Qt.Key.Key_PageUp, 2)):
        qtbot.keyClick(notes, key)
        assert presenter.current == expected
    assert notes.counter.text() == "Step 3 of 6"
    qtbot.keyClick(notes, Qt.Key.Key_S)
    assert not notes.isVisible()
    qtbot.keyClick(presenter, Qt.Key.Key_S)
    assert notes.isVisible()
    qtbot.keyClick(notes, Qt.Key.Key_Escape)
    assert window.presenter is None


def test_a_saved_view_with_from_is_presented_as_a_comparison(seed_path: Path,
                                                              qapp: object) -> None:
    """Issue 14 item 6: a view with a ``from`` shows each changed cell with the statement
    before it; a view without one does not."""
    from positions_viewer.ui.presenter.window import _StepPage

    index = seed_index(seed_path)
    steps = story_steps(index.dataset, index)
    theme = presenter_theme(1080)
    pages = {step.title: _StepPage.of(step, index, ("#1f4e9c", "#b3261e"), theme)
             for step in steps}
    with_from = [p for p in pages.values() if p.step.grid_filter.date_from is not None]
    without = [p for p in pages.values() if p.step.grid_filter.date_from is None]
    assert with_from and without
    for page in with_from:
        layout = page.layout(20, 1920)
        assert layout.spec.compare and layout.grid_style is not None
        assert layout.grid_style.compare
    assert not any(p.layout(20, 1920).spec.compare for p in without)
