"""Deterministic synthetic comparison files (DESIGN §1, schema 1) for the benchmarks.

    python -m benchmarks.generate --size L --out benchmarks/data/L.toml

Sizes follow issue #7: S (1k positions, 100 events, 20 issues, 3 actors), M (10k, 1k, 200, 5),
L (100k, 10k, 2,000, 10; about 30 MB), XL (900k positions, nine times L, about 280 MB: the
search target's size), the events-only timeline sets EV10K and EV100K, and XS,
a tiny file for the smoke test. The same size and seed always give byte-identical output.

The text is written with plain string formatting (no TOML library, so L takes a couple of
seconds) and exercises what real files hold: texts of about 150 characters with non-ASCII
letters and quotation marks to escape, TOML dates and approximate ``"YYYY"``/``"YYYY-MM"``
dates, undated positions, event ranges, untagged events, sources, stances and saved views.
Files are clean: no errors and no warnings (a position that names an event carries the event's
date; every issue has a position), so a load measures the clean path.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

__all__ = ["DATA_DIR", "SIZES", "Size", "dataset_path", "ensure", "generate", "toml_string"]

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_SEED = 7


@dataclass(frozen=True, slots=True)
class Size:
    name: str
    positions: int
    events: int
    issues: int
    actors: int
    sources: int
    views: int
    description: str


SIZES: dict[str, Size] = {
    s.name: s
    for s in (
        Size("XS", 60, 12, 6, 2, 4, 2, "tiny, for the smoke test"),
        Size("S", 1_000, 100, 20, 3, 50, 3, "1k positions, 100 events, 20 issues, 3 actors"),
        Size("M", 10_000, 1_000, 200, 5, 300, 5,
             "10k positions, 1k events, 200 issues, 5 actors"),
        Size("L", 100_000, 10_000, 2_000, 10, 2_000, 8,
             "100k positions, 10k events, 2,000 issues, 10 actors"),
        # The search target's size (issue 18.4): L nine times over, about 280 MB.
        Size("XL", 900_000, 90_000, 18_000, 10, 18_000, 8,
             "900k positions, 90k events, 18,000 issues, 10 actors"),
        # Events-only timeline sets: one undated position per issue keeps the file warning-free.
        Size("EV10K", 50, 10_000, 50, 10, 200, 0, "events only: 10k events"),
        Size("EV100K", 50, 100_000, 50, 10, 2_000, 0, "events only: 100k events"),
    )
}

_FIRST_DAY = dt.date(2014, 1, 1).toordinal()
_LAST_DAY = dt.date(2025, 12, 31).toordinal()

_VOCABULARY = (
    "the government said it would not accept any ceasefire that freezes the front line and "
    "insisted that talks must include security guarantees for its partners while the ministry "
    "repeated that sanctions remain in place until troops withdraw officials told reporters "
    "that a summit could be possible next year if preconditions are met the spokesperson "
    "declined to confirm whether envoys had met in private but stressed that dialogue stays "
    "open at the technical level parliament voted to extend military aid and the president "
    "called the proposal unrealistic without a verified exchange of prisoners negotiators "
    "described the draft framework as a basis for discussion rather than a final text energy "
    "exports grain corridor nuclear plant inspectors humanitarian access reparations frozen "
    "assets elections referendum border monitoring mission observers tariffs quotas treaty "
    "obligations coalition partners allies neighbours regional stability reconstruction fund "
    "guarantees verification timeline conditions"
)
_WORDS = _VOCABULARY.split()
_NAMES = (
    "Élysée", "Kremlin", "Kyiv", "Brussels", "Zelensky", "Scholz", "Sánchez", "Erdoğan",
    "Müller", "Łukasz", "Þór", "Ankara", "Warszawa", "Orbán", "Tusk", "Meloni",
)
_QUOTES = ('"no deal"', "“red lines”", '"premature"', "«dialogue»", '"a \\ b"')
_STANCES = ("open", "closed", "conditional", "ambiguous", "supportive", "opposed", "no comment")
_ACTOR_NAMES = (
    ("France", "Élysée / Macron"), ("Russia", "Kremlin"), ("Ukraine", "Office of the President"),
    ("Germany", "Chancellery"), ("United States", "White House"), ("United Kingdom", "No 10"),
    ("Turkey", "Presidency"), ("China", "Foreign Ministry"), ("Poland", "Chancellery"),
    ("European Union", "Commission"), ("Hungary", "Government"), ("Italy", "Palazzo Chigi"),
)
_COLORS = (
    "#1f4e9c", "#b3261e", "#f2c200", "#2e7d32", "#6a1b9a", "#00838f", "#ef6c00", "#5d4037",
    "#c2185b", "#283593", "#558b2f", "#37474f",
)

# TOML basic strings must escape '"', '\' and control characters other than tab.
_ESCAPES = {i: f"\\u{i:04x}" for i in (*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F)}
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r",
                 ord("\b"): "\\b", ord("\f"): "\\f"})


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, quotes included."""
    return '"' + text.translate(_ESCAPES) + '"'


class _Writer:
    def __init__(self, size: Size, seed: int) -> None:
        self.size = size
        self.rng = random.Random(f"positions-viewer:{size.name}:{seed}")
        self.out: list[str] = []

    # -- values ----------------------------------------------------------------------

    def text(self, mean: int = 150, spread: int = 90) -> str:
        """A sentence of about ``mean`` characters (triangular between mean ± spread)."""
        rng = self.rng
        target = int(rng.triangular(mean - spread, mean + spread, mean))
        words = rng.choices(_WORDS, k=target // 4 + 8)
        if rng.random() < 0.35:
            words[rng.randrange(len(words))] = rng.choice(_NAMES)
        if rng.random() < 0.15:
            words[rng.randrange(len(words))] = rng.choice(_QUOTES)
        lengths = list(accumulate(len(w) + 1 for w in words))
        cut = next((i for i, total in enumerate(lengths) if total >= target), len(words) - 1)
        sentence = " ".join(words[: cut + 1])
        return sentence[0].upper() + sentence[1:] + "."

    def day(self, low: int = _FIRST_DAY, high: int = _LAST_DAY) -> int:
        return self.rng.randint(low, high)

    def date_value(self, ordinal: int, approximate: float) -> tuple[str, int, int]:
        """A TOML date literal for ``ordinal``, approximate (a year or a month) with the
        given probability; with the first and last ordinal day it covers."""
        day = dt.date.fromordinal(ordinal)
        roll = self.rng.random()
        if roll < approximate * 0.4:
            first, last = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
            return f'"{day.year:04d}"', first.toordinal(), last.toordinal()
        if roll < approximate:
            first = dt.date(day.year, day.month, 1)
            following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
            return (f'"{day.year:04d}-{day.month:02d}"', first.toordinal(),
                    following.toordinal() - 1)
        if roll < approximate + 0.05:
            return f'"{day.isoformat()}"', ordinal, ordinal  # a day, written as a string
        return day.isoformat(), ordinal, ordinal

    def ids(self, prefix: str, count: int, pick: int) -> str:
        chosen = sorted(self.rng.sample(range(count), min(pick, count)))
        return "[" + ", ".join(f'"{prefix}-{i:05d}"' for i in chosen) + "]"

    # -- tables ----------------------------------------------------------------------

    def write(self) -> str:
        size, rng, out = self.size, self.rng, self.out
        out.append(
            f"# Synthetic benchmark dataset {size.name} ({size.description}).\n"
            "# Generated by benchmarks/generate.py; do not edit.\n"
            "schema = 1\n"
            f"title = {toml_string(f'Benchmark dataset {size.name}')}\n"
            f"description = {toml_string(self.text())}\n"
            "as_of = 2025-12-31\n"
        )
        for a in range(size.actors):
            name, detail = _ACTOR_NAMES[a % len(_ACTOR_NAMES)]
            if a >= len(_ACTOR_NAMES):
                name = f"{name} {a // len(_ACTOR_NAMES) + 1}"
            out.append(f'\n[[actors]]\nid = "actor-{a:05d}"\nname = {toml_string(name)}\n'
                       f"detail = {toml_string(detail)}\n")
            if a < len(_COLORS):
                out.append(f'color = "{_COLORS[a]}"\n')
        for i in range(size.issues):
            out.append(f'\n[[issues]]\nid = "issue-{i:05d}"\n'
                       f"title = {toml_string(self.text(40, 20))}\n")
            if rng.random() < 0.7:
                out.append(f"description = {toml_string(self.text(120, 60))}\n")
        for s in range(size.sources):
            out.append(f'\n[[sources]]\nid = "source-{s:05d}"\n'
                       f"title = {toml_string(self.text(50, 20))}\n")
            if rng.random() < 0.8:
                out.append(f'url = "https://example.org/news/{s}"\n')
            if rng.random() < 0.6:
                out.append(f"date = {self.date_value(self.day(), 0.2)[0]}\n")
        event_dates = self._events()
        self._positions(event_dates)
        self._views()
        return "".join(out)

    def _events(self) -> list[tuple[str, str, int, int]]:
        """Writes the events in date order; returns (id, date literal, first, last) of those
        with an id, for positions to refer to."""
        size, rng, out = self.size, self.rng, self.out
        starts = sorted(self.day() for _ in range(size.events))
        referable: list[tuple[str, str, int, int]] = []
        for e, start in enumerate(starts):
            literal, first, last = self.date_value(start, 0.15)
            out.append("\n[[events]]\n")
            if rng.random() < 0.7:
                event_id = f"event-{e:06d}"
                out.append(f'id = "{event_id}"\n')
                referable.append((event_id, literal, first, last))
            out.append(f"date = {literal}\n")
            if rng.random() < 0.15:  # a range: the end is a day after the start's last day
                end = dt.date.fromordinal(min(last + rng.randint(1, 120), _LAST_DAY + 400))
                out.append(f"end = {end.isoformat()}\n")
            out.append(f"title = {toml_string(self.text(60, 30))}\n")
            if rng.random() < 0.8:
                out.append(f"detail = {toml_string(self.text())}\n")
            if rng.random() < 0.07:
                continue  # untagged: no actors, issues or sources
            out.append(f"actors = {self.ids('actor', size.actors, rng.randint(1, 3))}\n")
            out.append(f"issues = {self.ids('issue', size.issues, rng.randint(1, 3))}\n")
            if size.sources and rng.random() < 0.6:
                out.append(f"sources = {self.ids('source', size.sources, rng.randint(1, 2))}\n")
        return referable

    def _positions(self, events: list[tuple[str, str, int, int]]) -> None:
        size, rng, out = self.size, self.rng, self.out
        # Every issue gets a position (no warnings); the rest fall on cells unevenly, so
        # busy cells have long histories and some cells stay empty ("No stated position").
        cells = [(i, rng.randrange(size.actors)) for i in range(min(size.issues, size.positions))]
        weights = [rng.paretovariate(1.5) for _ in range(size.issues * size.actors)]
        extra = rng.choices(range(size.issues * size.actors), weights=weights,
                            k=size.positions - len(cells))
        cells.extend(divmod(c, size.actors) for c in extra)
        cells.sort(key=lambda cell: cell[0])  # files are usually written issue by issue
        events_only = size.positions <= size.issues and size.events > size.positions
        for issue, actor in cells:
            out.append(f'\n[[positions]]\nactor = "actor-{actor:05d}"\n'
                       f'issue = "issue-{issue:05d}"\ntext = {toml_string(self.text())}\n')
            if events_only:
                continue
            roll = rng.random()
            if events and roll < 0.1:
                event_id, literal, _, _ = rng.choice(events)
                out.append(f'date = {literal}\nevent = "{event_id}"\n')
            elif roll < 0.95:
                out.append(f"date = {self.date_value(self.day(), 0.15)[0]}\n")
            # else undated: holds from the start
            if rng.random() < 0.6:
                out.append(f"stance = {toml_string(rng.choice(_STANCES))}\n")
            if size.sources and rng.random() < 0.5:
                out.append(f"sources = {self.ids('source', size.sources, rng.randint(1, 2))}\n")

    def _views(self) -> None:
        size, rng, out = self.size, self.rng, self.out
        for v in range(size.views):
            out.append(f'\n[[views]]\nid = "view-{v:03d}"\n'
                       f"title = {toml_string(self.text(40, 15))}\n"
                       f"issues = {self.ids('issue', size.issues, rng.randint(1, 6))}\n")
            if rng.random() < 0.5:
                out.append(f"actors = {self.ids('actor', size.actors, 2)}\n")
            start = self.day(_FIRST_DAY, _LAST_DAY - 400)
            out.append(f"from = {dt.date.fromordinal(start).isoformat()}\n"
                       f"to = {dt.date.fromordinal(start + rng.randint(30, 400)).isoformat()}\n"
                       f"notes = {toml_string(self.text())}\n")


def generate(size: str | Size, out: str | Path | None = None, seed: int = DEFAULT_SEED) -> str:
    """The TOML text of dataset ``size``; also written to ``out`` (atomically) if given."""
    spec = SIZES[size] if isinstance(size, str) else size
    text = _Writer(spec, seed).write()
    if out is not None:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    return text


def dataset_path(size: str, data_dir: str | Path | None = None, seed: int = DEFAULT_SEED) -> Path:
    suffix = "" if seed == DEFAULT_SEED else f"-seed{seed}"
    return Path(data_dir or DATA_DIR) / f"{size}{suffix}.toml"


def ensure(size: str, data_dir: str | Path | None = None, seed: int = DEFAULT_SEED) -> Path:
    """The cached file for ``size``, generated first if missing."""
    path = dataset_path(size, data_dir, seed)
    if not path.exists():
        generate(size, path, seed)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=list(SIZES), required=True)
    parser.add_argument("--out", type=Path, help="file to write (default: benchmarks/data/SIZE)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ns = parser.parse_args(argv)
    out = ns.out or dataset_path(ns.size, seed=ns.seed)
    text = generate(ns.size, out, ns.seed)
    print(f"{out}: {SIZES[ns.size].description}, {len(text.encode('utf-8')) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
