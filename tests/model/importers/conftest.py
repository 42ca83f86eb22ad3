"""Helpers for the import tests: write sources, plan an import, load what it would write."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from positions_viewer.model import Dataset, load_bytes
from positions_viewer.model.importers import ImportOptions, ImportPlan, plan_import

DATA = Path(__file__).resolve().parents[2] / "data" / "import"
TODAY = dt.date(2026, 1, 5)

Planner = Callable[..., ImportPlan]


@pytest.fixture
def planner(tmp_path: Path) -> Planner:
    """``planner({"a.csv": text}, keep_going=True, …)`` writes the sources (dedented) and
    plans their import; a ``Path`` value is used as it is."""

    def plan(sources: dict[str, str | bytes | Path], **options: Any) -> ImportPlan:
        paths = []
        for name, content in sources.items():
            if isinstance(content, Path):
                paths.append(content)
                continue
            path = tmp_path / name
            if isinstance(content, str):
                content = textwrap.dedent(content).lstrip("\n").encode("utf-8")
            path.write_bytes(content)
            paths.append(path)
        return plan_import(paths, ImportOptions(today=TODAY, **options), "out.toml")

    return plan


def loaded(plan: ImportPlan) -> Dataset:
    """The dataset the plan would write (it must load: a plan never writes a bad file)."""
    assert plan.data is not None, [str(d) for d in plan.diagnostics]
    result = load_bytes(plan.data, "out.toml")
    assert result.dataset is not None, [str(d) for d in result.diagnostics]
    return result.dataset


def lines(plan: ImportPlan) -> list[str]:
    return [str(d) for d in plan.diagnostics]
