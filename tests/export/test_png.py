"""PNG export: one renderer, sizes per scale, colours and caption, golden images, no display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from positions_viewer.cli import main
from positions_viewer.model import DatasetIndex, Filter, load_file, parse_date
from positions_viewer.ui.render.grid_painter import GridStyle, paint_cell
from positions_viewer.ui.render.image import ImageTooLarge, encode_png, render_png
from positions_viewer.ui.render.page import PageSpec, layout_page
from positions_viewer.ui.theme import LIGHT, actor_colors
from positions_viewer.ui.window.main_window import MainWindow

from ..image_approval import assert_image_approved, pixels

THREE = Path(__file__).parent.parent / "data" / "three_actors.toml"


def index_of(path: Path) -> DatasetIndex:
    result = load_file(path)
    assert result.dataset is not None, result.diagnostics
    return DatasetIndex(result.dataset)


def has_color(image: QImage, color: str, tolerance: int = 6) -> bool:
    target = QColor(color)
    rgb = np.array([target.red(), target.green(), target.blue()], dtype=np.int16)
    return bool((np.abs(pixels(image) - rgb).max(axis=2) <= tolerance).any())


def test_scale_multiplies_the_size_and_keeps_the_layout(seed_path: Path, qapp: object) -> None:
    index = index_of(seed_path)
    result = index.query(Filter())
    one = render_png(result, index, width=1000, scale=1)
    two = render_png(result, index, width=1000, scale=2)
    three = render_png(result, index, width=1000, scale=3)
    assert one.width() == 1000
    assert (two.width(), two.height()) == (2000, 2 * one.height())
    assert (three.width(), three.height()) == (3000, 3 * one.height())


def test_actor_colours_and_caption_are_drawn(seed_path: Path, qapp: object) -> None:
    index = index_of(seed_path)
    result = index.query(Filter(date_to=parse_date("2025-12-21")))
    image = render_png(result, index)
    assert has_color(image, "#1f4e9c") and has_color(image, "#b3261e")
    colors = tuple(actor_colors([a.color for a in index.dataset.actors]))
    layout = layout_page(result, index, PageSpec(colors=colors))
    caption = " ".join(layout.caption)
    assert "Issues: all" in caption and "Positions: as of 21 Dec 2025" in caption
    assert layout.grid is not None and len(layout.grid.row_heights) == 4


def test_every_row_is_complete_however_long(qapp: object) -> None:
    index = index_of(THREE)
    result = index.query(Filter())
    layout = layout_page(result, index, PageSpec(view="grid", width=700))
    image = render_png(result, index, view="grid", width=700)
    assert layout.grid is not None
    assert image.height() >= layout.grid.height
    # The long Northland text needs more lines at 700 px than at 1280 px.
    wide = layout_page(result, index, PageSpec(view="grid", width=1280))
    assert wide.grid is not None and layout.grid.row_heights[0] > wide.grid.row_heights[0]


def test_the_window_grid_draws_cells_exactly_like_the_export(qtbot: QtBot,
                                                             seed_path: Path) -> None:
    """One renderer: the window's delegate paints a cell pixel for pixel like the exporter."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    grid = window.grid
    model_index = grid.grid_model.index(1, 2)
    size = (380, grid.row_height(1))
    via_window = QImage(*size, QImage.Format.Format_RGB32)
    painter = QPainter(via_window)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, *size)  # type: ignore[attr-defined]
    grid.itemDelegate().paint(painter, option, model_index)
    painter.end()
    direct = QImage(*size, QImage.Format.Format_RGB32)
    painter = QPainter(direct)
    paint_cell(painter, QRectF(0, 0, *size), grid.grid_model.cell(1, 2),  # type: ignore[arg-type]
               GridStyle(window.theme))
    painter.end()
    assert np.array_equal(pixels(via_window), pixels(direct))
    assert has_color(direct, window.theme.changed_fill) is False  # no range: nothing changed


def test_too_large_is_refused_before_allocating(qapp: object, write_toml: object) -> None:
    issues = "\n".join(f'[[issues]]\nid = "i{n}"\ntitle = "Issue {n}"\n' for n in range(900))
    positions = "\n".join(f'[[positions]]\nactor = "a"\nissue = "i{n}"\ntext = "T {n}"\n'
                          for n in range(900))
    path = write_toml(f'schema = 1\ntitle = "Tall"\n[[actors]]\nid = "a"\nname = "A"\n'  # type: ignore[operator]
                      f"{issues}\n{positions}")
    index = index_of(path)
    with pytest.raises(ImageTooLarge, match="16384"):
        render_png(index.query(Filter()), index, view="grid", scale=3)


@pytest.mark.parametrize(("width", "scale"), [("9000", "2"), ("0", "1"), ("-5", "1")])
def test_export_refuses_widths_out_of_range(seed_path: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str], width: str,
                                           scale: str) -> None:
    assert main(["export", str(seed_path), "-o", str(tmp_path / "x.png"), "--width", width,
                 "--scale", scale]) == 2
    assert f"--width {width}" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_png_bytes_are_a_valid_png(seed_path: Path, qapp: object) -> None:
    index = index_of(seed_path)
    data = encode_png(render_png(index.query(Filter()), index, width=800))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    decoded = QImage.fromData(data)
    assert decoded.width() == 800


def test_export_works_with_no_display_at_all(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "view.png"
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "positions_viewer", "export", str(seed_path), "-o", str(out),
         "--scale", "2"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert image.width() == 2560


def test_all_views_png_one_file_per_view(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "slides"
    assert main(["export", str(seed_path), "-o", str(out), "--all-views"]) == 0
    assert len(list(out.glob("*.png"))) == 6


# -- golden images: look at them before approving (POSITIONS_APPROVE=1) --------------------


def _golden(path: Path, flt: Filter, view: str, theme_name: str, width: int = 1280) -> QImage:
    index = index_of(path)
    return render_png(index.query(flt), index, view=view, width=width, theme_name=theme_name)


def test_golden_seed_both_light(seed_path: Path, qapp: object) -> None:
    assert_image_approved(_golden(seed_path, Filter(), "both", "light"), "seed-both-light")


def test_golden_seed_grid_dark_with_changes(seed_path: Path, qapp: object) -> None:
    flt = Filter(date_from=parse_date("2025-12-20"), date_to=parse_date("2025-12-26"))
    assert_image_approved(_golden(seed_path, flt, "grid", "dark"), "seed-grid-dark-changes")


def test_golden_three_actors_timeline(qapp: object) -> None:
    assert_image_approved(_golden(THREE, Filter(), "timeline", "light", 960),
                          "three-actors-timeline")


def test_light_theme_paints_the_light_background(seed_path: Path, qapp: object) -> None:
    image = _golden(seed_path, Filter(), "grid", "light", 600)
    assert image.pixelColor(2, 2) == QColor(LIGHT.background)



def test_dark_actor_colours_are_lifted_where_the_surface_would_swallow_them(
        qapp: object) -> None:
    from PySide6.QtGui import QColor

    from positions_viewer.ui.render.colors import visible_actor_color

    france = "#1f4e9c"
    assert visible_actor_color(france, dark=False) == QColor(france)
    lifted = visible_actor_color(france, dark=True)
    assert lifted.lightness() > QColor(france).lightness() + 30
    assert visible_actor_color("#f0c040", dark=True) == QColor("#f0c040")  # light already


def test_a_short_date_window_is_widened_evenly_on_the_page(seed_path: Path,
                                                           qapp: object) -> None:
    from positions_viewer.ui.render.page import PageSpec, layout_page

    index = index_of(seed_path)
    flt = Filter(date_from=parse_date("2025-12-18"), date_to=parse_date("2025-12-19"))
    layout = layout_page(index.query(flt), index, PageSpec(view="timeline"))
    assert layout.timeline_view is not None
    start, end = layout.timeline_view.start, layout.timeline_view.end
    first, last = parse_date("2025-12-18").start, parse_date("2025-12-19").stop + 1
    assert 7 <= end - start <= 8  # a week, with a small margin
    assert abs((first - start) - (end - last)) < 0.01  # as much before as after
