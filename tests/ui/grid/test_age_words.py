"""A stale statement's age reads the same in the window and in the exports (issue 12): the
grid's cell, its tooltip and spoken text, and the compare digest count months and years on
the calendar back from the as-of date. The window said "11 months" for a statement exactly
one year old (365 days / 30.44) where the compare export said "1 year"; the cell's top line
said "0 years"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from positions_viewer.cli import main
from positions_viewer.model import DatasetIndex, Filter, load_file, parse_date
from positions_viewer.ui.grid.model import cell_explanation, cell_text
from positions_viewer.ui.render.grid_painter import CellState, GridStyle, paint_cell
from positions_viewer.ui.theme import LIGHT

WriteToml = Callable[..., Path]

EDGES = [  # stated, as of, in full, largest unit (the cell's top line)
    ("2024-12-26", "2025-12-26", "1 year", "1 year"),  # exactly one year: was "11 months"
    ("2025-02-26", "2025-12-26", "10 months", "10 months"),  # was "9 months"
    ("2023-12-26", "2025-12-26", "2 years", "2 years"),
    ("2015-12-27", "2025-12-26", "9 years 11 months", "9 years"),
    ("2024-02-29", "2025-02-28", "11 months", "11 months"),  # the 29th has not come round
    ("2024-02-29", "2025-03-01", "1 year", "1 year"),
    ("2024-02-29", "2028-02-29", "4 years", "4 years"),
    ("2025-01-31", "2025-02-28", "28 days", "28 days"),  # a month end, not yet a month
    ("2025-01-31", "2025-03-31", "2 months", "2 months"),
    ("2025-03-31", "2025-04-30", "30 days", "30 days"),  # as stale_after "1m" counts
    ("2024-12-31", "2025-12-31", "1 year", "1 year"),
    ("2025-11-26", "2025-12-26", "1 month", "1 month"),
    ("2025-12-24", "2025-12-26", "2 days", "2 days"),
]

DATA = '''
schema = 1
title = "Ages"
stale_after = "1d"
[[actors]]
id = "a"
name = "Alpha"
[[issues]]
id = "i"
title = "Issue"
[[positions]]
actor = "a"
issue = "i"
date = {stated}
stance = "for"
text = "Said then"
'''


class Recording(QPainter):
    """A painter that notes every text it draws."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

    def drawText(self, *args: Any) -> None:
        self.texts.append(next(a for a in args if isinstance(a, str)))
        super().drawText(*args)


def painted_texts(cell: Any) -> list[str]:
    image = QImage(900, 200, QImage.Format.Format_RGB32)
    painter = Recording(image)
    try:
        paint_cell(painter, QRectF(0, 0, 900, 200), cell, GridStyle(LIGHT), CellState())
    finally:
        painter.end()
    return painter.texts


@pytest.mark.parametrize(("stated", "as_of", "full", "short"), EDGES,
                         ids=[f"{s}..{a}" for s, a, _, _ in EDGES])
def test_every_surface_says_the_same_age(write_toml: WriteToml, tmp_path: Path, qapp: object,
                                         stated: str, as_of: str, full: str,
                                         short: str) -> None:
    path = write_toml(DATA.format(stated=stated))
    dataset = load_file(path).dataset
    assert dataset is not None
    result = DatasetIndex(dataset).query(Filter(date_to=parse_date(as_of)))
    cell = result.cell(0, 0)
    assert cell.stale
    # the window: what a screen reader says and Ctrl+C copies, the tooltip and details
    assert f"stale, {full} old" in cell_text(result, cell)
    assert f"Stale: stated {full} before the as-of date" in cell_explanation(result, cell)
    # the cell as drawn (window, PNG, PDF, SVG: one painter)
    assert any(text.endswith(f" · {short} old") for text in painted_texts(cell)), \
        painted_texts(cell)
    # the compare digest, B being the same as-of date
    out = tmp_path / "compare.md"
    assert main(["compare", str(path), "--from", stated, "--to", as_of, "-o", str(out)]) == 0
    assert f"stale, {full} old" in out.read_text(encoding="utf-8")
