"""The grid's marks (issue 14 item 2, issue 13 item 9, issue 12 item 8): each kind of change
in its own colour, a restatement quietly, stale statements with their age, search matches
drawn behind the words, a blank statement as a muted "(no text)"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from positions_viewer.model import DatasetIndex, Filter, load_file, parse_date
from positions_viewer.model.compare import Kind
from positions_viewer.model.query import Cell
from positions_viewer.ui.grid.model import cell_explanation, cell_text
from positions_viewer.ui.render.grid_painter import CellState, GridStyle, paint_cell
from positions_viewer.ui.render.text_layout import elide_words
from positions_viewer.ui.theme import LIGHT

WriteToml = Callable[..., Path]
W, H = 320, 90


def painted(cell: Cell, state: CellState | None = None) -> QImage:
    image = QImage(W, H, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_cell(painter, QRectF(0, 0, W, H), cell, GridStyle(LIGHT), state or CellState())
    painter.end()
    return image


def colours(image: QImage) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(0, W, 2) for y in range(0, H, 2)}


@pytest.fixture
def seed_cell(seed_path: Path, qapp: object) -> Cell:
    dataset = load_file(seed_path).dataset
    assert dataset is not None
    index = DatasetIndex(dataset)
    return index.query(Filter()).cell(0, 0)


@pytest.mark.parametrize(("kind", "changed", "fill", "edge"), [
    (Kind.NEW, True, LIGHT.new_fill, LIGHT.new_edge),
    (Kind.CHANGED, True, LIGHT.changed_fill, LIGHT.changed_edge),
    (Kind.RESTATED, False, LIGHT.surface, LIGHT.restated_edge),
])
def test_each_kind_has_its_own_mark(seed_cell: Cell, kind: Kind, changed: bool, fill: str,
                                    edge: str) -> None:
    image = painted(replace(seed_cell, kind=kind, changed=changed))
    assert image.pixelColor(W // 2, H - 3) == QColor(fill)
    assert image.pixelColor(0, H // 2) == QColor(edge)


def test_unchanged_is_not_marked(seed_cell: Cell) -> None:
    image = painted(replace(seed_cell, kind=Kind.UNCHANGED, changed=False))
    assert image.pixelColor(0, H // 2) == QColor(LIGHT.surface)
    assert not {LIGHT.new_edge, LIGHT.changed_edge, LIGHT.restated_edge} & colours(image)


def test_search_matches_are_drawn_behind_the_words(seed_cell: Cell) -> None:
    assert seed_cell.position is not None and "Moscow" in seed_cell.position.text
    assert LIGHT.match_fill in colours(painted(seed_cell, CellState(search="moscow")))
    assert LIGHT.match_fill not in colours(painted(seed_cell, CellState(search="zebra")))


def test_an_event_highlight_is_not_the_changed_look(seed_cell: Cell) -> None:
    related = painted(replace(seed_cell, changed=False), CellState(highlighted=True))
    changed = painted(replace(seed_cell, kind=Kind.CHANGED, changed=True))
    assert related.pixelColor(W // 2, H - 3) != changed.pixelColor(W // 2, H - 3)
    assert LIGHT.highlight_edge in colours(related)


def test_stale_statements_say_how_old(write_toml: WriteToml, qapp: object) -> None:
    path = write_toml('''
        schema = 1
        title = "t"
        as_of = 2025-12-26
        stale_after = "18m"
        [[actors]]
        id = "a"
        name = "A"
        [[issues]]
        id = "i"
        title = "I"
        [[positions]]
        actor = "a"
        issue = "i"
        date = 2019-05-02
        text = "said long ago"
    ''')
    dataset = load_file(path).dataset
    assert dataset is not None
    result = DatasetIndex(dataset).query(Filter(date_to=parse_date("2025-12-26")))
    cell = result.cell(0, 0)
    assert cell.stale
    assert "stale, 6 years" in cell_text(result, cell)
    assert "older than 18 months" in cell_explanation(result, cell)
    assert LIGHT.stale_text in colours(painted(cell))


def test_a_blank_statement_shows_a_muted_placeholder(seed_cell: Cell) -> None:
    assert seed_cell.position is not None
    blank = replace(seed_cell, position=replace(seed_cell.position, text="  "))
    assert LIGHT.text in colours(painted(seed_cell))  # a statement in the text colour
    assert LIGHT.text not in colours(painted(blank))  # "(no text)", muted


@pytest.mark.parametrize(("stance", "room", "expected"), [
    ("abstain", 400, "abstain"),
    ("open in principle", 400, "open in principle"),
])
def test_chips_are_whole_or_cut_at_a_word(qapp: object, stance: str, room: int,
                                          expected: str) -> None:
    style = GridStyle(LIGHT)
    assert elide_words(stance, style.chip, room) == expected
    short = elide_words("open in principle", style.chip, 60)
    assert short in ("open…", "open in…", "")
    assert elide_words("abstain", style.chip, 20) == ""  # never "a…"


def test_dark_theme_lifts_the_actor_colours_together(qapp: object) -> None:
    from positions_viewer.model.colors import dark_colors, distance
    from positions_viewer.ui.render.colors import theme_colors, visible_actor_color

    given = ("#1f4e9c", "#14316b", "#b3261e")  # two dark blues, apart on white
    lifted = theme_colors(given, dark=True)
    assert lifted == tuple(dark_colors(given)) and theme_colors(given, dark=False) == given
    assert distance(lifted[0], lifted[1]) >= min(distance(given[0], given[1]), 0.12) - 0.01
    for color in lifted:  # painting a lifted colour does not lift it again
        assert visible_actor_color(color, dark=True).name() == color


@pytest.mark.parametrize("width", range(90, 330, 12))
def test_the_top_line_never_cuts_a_word_or_leaves_the_cell(seed_cell: Cell, width: int) -> None:
    """Narrow columns (eight actors at 1280 px, a handout page): the stance whole or cut at
    a word, the date whole (its age dropped as a whole when there is no room), the badges all
    in words or all as marks, and the second line no wider than the cell."""
    from PySide6.QtGui import QFontMetricsF

    from positions_viewer.ui.render.cell_top import meta_layout
    from positions_viewer.ui.render.grid_painter import cell_mark

    assert seed_cell.position is not None
    cell = replace(seed_cell, kind=Kind.CHANGED, changed=True, stale=True, age_days=800,
                   position=replace(seed_cell.position, stance="controls negotiation formats"))
    style = GridStyle(LIGHT)
    meta = meta_layout(cell, width, style, cell_mark(cell))
    assert meta.chip in ("controls negotiation formats", "controls negotiation…", "controls…")
    assert meta.date in ("26 Dec 2025 · 2 years old", "26 Dec 2025")
    assert meta.badges in ((("● changed", "changed_edge"),), (("●", "changed_edge"),), ())
    line = QFontMetricsF(style.small).horizontalAdvance(meta.date) + sum(
        QFontMetricsF(style.chip).horizontalAdvance(text) + 2 * style.gap
        for text, _c in meta.badges)
    assert line <= width
    if width >= 200:
        assert meta.badges == (("● changed", "changed_edge"),)  # words where they fit
