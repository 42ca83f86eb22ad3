"""Shared by the timeline's tests: days, datasets (the bundled one, synthetic ones), renders."""

from __future__ import annotations

import datetime as dt
import random
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from positions_viewer.model import (
    Actor,
    Dataset,
    DatasetIndex,
    Event,
    Filter,
    Issue,
    PartialDate,
    QueryResult,
    load_file,
)
from positions_viewer.ui.render.timeline.data import TimelineData
from positions_viewer.ui.render.timeline.hit import TimelineHitMap
from positions_viewer.ui.render.timeline.paint import paint_timeline
from positions_viewer.ui.render.timeline.view import TimelineView
from positions_viewer.ui.theme import LIGHT, Theme, actor_colors

REPO = Path(__file__).resolve().parents[4]
SEED = REPO / "seeds" / "macron-putin-2025.toml"


def day(y: int, m: int = 1, d: int = 1) -> int:
    return dt.date(y, m, d).toordinal()


@cache
def load_seed() -> tuple[Dataset, DatasetIndex]:
    """The bundled dataset, loaded once: tests read it, never change it."""
    dataset = load_file(SEED).dataset
    assert dataset is not None
    return dataset, DatasetIndex(dataset)


def synthetic(n: int, *, first: int = day(2014), last: int = day(2025, 12, 31),
              seed: int = 1, path: str | None = None) -> Dataset:
    """``n`` events spread over [first, last], some ranges and some approximate months."""
    rnd = random.Random(seed)
    actors = tuple(Actor(f"a{i}", f"Actor {i}") for i in range(3))
    ordinals = sorted(rnd.randint(first, last) for _ in range(n))
    events = []
    for i, ordinal in enumerate(ordinals):
        date = dt.date.fromordinal(ordinal)
        kind = i % 20
        start = PartialDate(date.year, date.month) if kind == 0 else PartialDate.from_date(date)
        end = PartialDate.from_date(date + dt.timedelta(days=3)) if kind == 1 else None
        events.append(Event(index=i, date=start, end=end, title=f"Event number {i}",
                            actors=(i % 3,) if kind != 2 else (0, 1)))
    return Dataset(title="Synthetic", actors=actors, issues=(Issue("i", "Issue"),),
                   events=tuple(events), path=Path(path) if path else None)


def query(dataset: Dataset, index: DatasetIndex | None = None,
          flt: Filter | None = None) -> tuple[QueryResult, DatasetIndex]:
    index = index or DatasetIndex(dataset)
    return index.query(flt or Filter()), index


def data_for(dataset: Dataset, index: DatasetIndex, flt: Filter | None = None) -> TimelineData:
    result = index.query(flt or Filter())
    return TimelineData.from_result(result, index, actor_colors([a.color for a in dataset.actors]))


def render(data: TimelineData, view: TimelineView, theme: Theme = LIGHT, width: int = 1280,
           height: int = 360) -> tuple[QImage, TimelineHitMap]:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ff00ff"))
    painter = QPainter(image)
    hit = paint_timeline(painter, QRectF(0, 0, width, height), data, view, theme)
    painter.end()
    return image, hit


def close(a: QColor, b: QColor, tolerance: int = 12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in
               zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def event_row(dataset: Dataset, event_id: str) -> int:
    row = dataset.index_of("events", event_id)
    assert row is not None
    return row

