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



_TOPICS = (
    "Necessity of ending the economic, commercial and financial embargo against Cuba",
    "Question of Palestine",
    "Peaceful settlement of the question of Palestine",
    "The situation in the Middle East",
    "Nuclear disarmament",
    "Comprehensive Nuclear-Test-Ban Treaty",
    "Reducing nuclear danger",
    "Prevention of an arms race in outer space",
    "Situation of human rights in the Islamic Republic of Iran",
    "Situation of human rights in Myanmar",
    "Moratorium on the use of the death penalty",
    "Right to development",
    "Unilateral economic measures as a means of political and economic coercion",
    "Implementation of the Declaration on decolonization",
    "Question of Western Sahara",
    "Israeli practices affecting the human rights of the Palestinian people",
    "Permanent sovereignty of the Palestinian people over their natural resources",
    "Status of the Convention on the Rights of the Child",
    "Missiles",
    "Convention on the Prohibition of Anti-Personnel Mines",
    "Follow-up to the advisory opinion of the International Court of Justice",
    "Elimination of unilateral extraterritorial coercive economic measures",
    "Human rights and unilateral coercive measures",
    "Globalization and its impact on the full enjoyment of all human rights",
)
_UN_ACTORS = (("usa", "United States"), ("russia", "Russia"), ("china", "China"),
              ("france", "France"), ("uk", "United Kingdom"), ("india", "India"),
              ("brazil", "Brazil"), ("south-africa", "South Africa"))


def un_votes_spec(count: int = 288, seed: int = 48) -> dict[str, object]:
    """A comparison shaped like the UN General Assembly's recorded votes (8 members, one
    event per resolution, ``R/<session>/<number> <title>``): votes come in bunches on a
    few plenary days each December, and a few during the year. For ``datagen.to_toml``."""
    rnd = random.Random(seed)
    per_session = max(1, count // 8)
    events: list[dict[str, object]] = []
    for number in range(count):
        session = 48 + number // per_session
        year = 1945 + session
        kind = rnd.random()
        if kind < 0.6:  # the big plenary days
            date = dt.date(year, 12, rnd.choice((6, 15, 16, 20)))
        elif kind < 0.85:
            date = dt.date(year, rnd.choice((10, 11, 12)), rnd.randint(1, 28))
        else:
            date = dt.date(year + 1, rnd.randint(1, 9), rnd.randint(1, 28))
        voters = rnd.sample(range(len(_UN_ACTORS)), rnd.randint(1, 3))
        events.append({
            "date": date,
            "title": f"R/{session}/{number % per_session + 1} {rnd.choice(_TOPICS)}",
            "actors": [_UN_ACTORS[i][0] for i in sorted(voters)],
            "issues": ["votes"],
        })
    events.sort(key=lambda e: e["date"])  # type: ignore[arg-type, return-value]
    positions = [{"actor": actor, "issue": "votes", "text": f"{name} voted.",
                  "date": dt.date(1993, 12, 20)} for actor, name in _UN_ACTORS]
    return {
        "schema": 1, "title": "UN General Assembly recorded votes (shape of)",
        "as_of": dt.date(2001, 9, 30),
        "actors": [{"id": actor, "name": name} for actor, name in _UN_ACTORS],
        "issues": [{"id": "votes", "title": "Recorded votes"}],
        "events": events, "positions": positions,
    }
