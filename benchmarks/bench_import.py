"""The import benchmark (issue 16): importing a long CSV of statements against ``check`` of
the file it writes. Target: at most 2× (the import itself loads the result back as check
does, so 1× of it is spent before anything is written)."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

from positions_viewer.model import load_file
from positions_viewer.model.importers import ImportOptions, plan_import, write_plan

from .generate import SIZES
from .harness import Context, Row, Target, alternate, fmt_bytes

__all__ = ["bench_import", "statements_csv"]

IMPORT_TARGET = Target(2.0, "≤ 2×")


def statements_csv(size: str, ctx: Context) -> Path:
    """A long CSV (a row per statement) of the generated dataset ``size``, cached beside it;
    dates written as people write them: ISO, ``18 Dec 2025`` and ``12/18/2025`` in turn,
    ``NA`` for undated, months and years as ``2023-09`` and ``2024``."""
    path = ctx.data_dir / f"{size}-statements.csv"
    if path.exists():
        return path
    dataset = load_file(ctx.dataset(size)).dataset
    if dataset is None:
        raise RuntimeError(f"{size} does not load")
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["actor", "issue", "date", "stance", "text"])
        for number, position in enumerate(dataset.positions):
            date = position.date
            if date is None:
                written = "NA"
            elif date.day is not None and number % 3 == 1:
                written = f"{date.day} {date.first_day:%b %Y}"
            elif date.day is not None and number % 3 == 2:
                written = f"{date.month}/{date.day}/{date.year}"
            else:
                written = date.iso()
            writer.writerow([dataset.actors[position.actor].name,
                             dataset.issues[position.issue].title, written, position.stance,
                             position.text])
    temporary.replace(path)
    return path


def bench_import(ctx: Context) -> list[Row]:
    size = ctx.main_size
    source = statements_csv(size, ctx)
    options = ImportOptions(today=dt.date(2026, 1, 1))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "imported.toml"

        def ours() -> None:
            plan = plan_import([source], options, str(out))
            if not plan.writable:
                raise RuntimeError(f"the import fails: {plan.errors[:1]}")
            write_plan(plan, out)

        ours()  # the file check reads

        def check() -> None:
            if load_file(out).dataset is None:
                raise RuntimeError("the imported file does not load")

        stats = alternate({"check": check, "import": ours}, ctx.runs, warmup=0)
        written = out.stat().st_size
    rows = SIZES[size].positions
    return [Row.timed(
        f"import {rows:,} CSV rows → TOML, {size} ({fmt_bytes(source.stat().st_size)} → "
        f"{fmt_bytes(written)})", stats["import"], IMPORT_TARGET, stats["check"],
        "check of the result")]
