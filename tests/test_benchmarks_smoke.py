"""The benchmark runner works: a quick run on a tiny generated dataset prints every row.

Not a timed test: the figures themselves come from ``python -m benchmarks.run``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from positions_viewer.model import load_bytes

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # benchmarks/ is a top-level package of the checkout

from benchmarks.generate import SIZES, generate, toml_string  # noqa: E402

STATUSES = ("met", "MISSED", "info", "not built yet")
ROWS = (
    "load + validate XS",
    "peak memory loading XS",
    "retained per position, XS (Python heap)",
    "retained per position, XS (RSS)",
    "filter change (issue, actor, date)",
    "as-of date change",
    "text search, first in a session",
    "text search → query",
    "search fold (prepare_search",
    "compare two dates",
    "text search, first after prepare_search",
    "import 60 CSV rows → TOML, XS",
    "edit a statement + save, XS",
    "peak memory editing XS",
    "timeline frame, XS",
    "timeline frame growth",
    "timeline frame, XS, zoomed to 1%",
    "grid repaint at 1280×800, XS",
    "grid scroll step",
    "filter change → MainWindow.apply_filter",
    "filter change → window repainted",
    "start-up to first painted window",
    "PNG export of both at 1080p",
    "Qt PNG encode",
)
# The UI rows are built: on XS they must measure something (or say why not), never fall
# back to "not built yet" or "failed".
UI_ROWS = ROWS[-10:]
MEASURED = ("met", "MISSED", "info")


def test_generated_files_are_deterministic_and_clean() -> None:
    for size in ("XS", "S"):
        text = generate(size)
        assert text == generate(size)
        result = load_bytes(text.encode("utf-8"), f"{size}.toml")
        assert result.dataset is not None, result.diagnostics[:3]
        assert result.diagnostics == []
        spec = SIZES[size]
        assert len(result.dataset.positions) == spec.positions
        assert len(result.dataset.events) == spec.events
        assert len(result.dataset.issues) == spec.issues
        assert len(result.dataset.actors) == spec.actors
        if size == "XS":
            continue  # too small to hold every kind of entry
        assert any(e.is_range for e in result.dataset.events)
        assert any(not e.issues and not e.actors for e in result.dataset.events)
        assert any(p.date is None for p in result.dataset.positions)
        assert any(p.date is not None and p.date.is_approximate
                   for p in result.dataset.positions)


@pytest.mark.parametrize(
    "value", ['plain', 'say "no"', "back\\slash", "tab\there", "line\nbreak", "\x00\x1f\x7f",
              "Élysée “red lines” 𝄞"],
)
def test_toml_string_round_trips(value: str) -> None:
    assert tomllib.loads(f"v = {toml_string(value)}")["v"] == value


def test_quick_run_prints_the_table(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--size", "XS",
         "--data-dir", str(tmp_path / "data"), "--markdown", str(tmp_path / "table.md")],
        cwd=REPO, capture_output=True, text=True, timeout=240,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "| figure" in out and "| met/missed" in out
    assert "Machine: cpu " in out
    lines = [line for line in out.splitlines() if line.startswith("| ")][1:]
    for name in ROWS:
        matching = [line for line in lines if line.startswith(f"| {name}")]
        assert matching, f"no row for {name!r} in:\n{out}"
        for line in matching:
            status = line.rstrip(" |").rsplit("|", 1)[1].strip()
            assert status in (MEASURED if name in UI_ROWS else STATUSES), line
    assert (tmp_path / "data" / "XS.toml").exists()
    assert (tmp_path / "table.md").read_text(encoding="utf-8").strip() == out.strip()
