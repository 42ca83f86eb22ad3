"""``check`` starts fast: it imports only what checking a file needs (issue 18: numpy, the
importers and the export service were a third of a ``check`` process on a 30 MB file)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "seeds"

PROBE = """
import contextlib, io, json, sys
from positions_viewer import cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = cli.main(["check", sys.argv[1]])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_check_imports_neither_numpy_nor_the_importers_nor_qt() -> None:
    seed = next(SEED.glob("*.toml"))
    done = subprocess.run([sys.executable, "-c", PROBE, str(seed)], capture_output=True,
                          text=True, check=True)
    report = json.loads(done.stdout)
    assert report["code"] == 0
    loaded = set(report["modules"])
    for heavy in ("numpy", "PySide6", "positions_viewer.model.importers",
                  "positions_viewer.export.formats", "positions_viewer.model.query", "tomlkit"):
        assert heavy not in loaded, f"check imported {heavy}"


def test_the_filter_and_the_model_still_offer_the_query_names() -> None:
    """The query layer is imported on first use, by the same names as before."""
    from positions_viewer import model
    from positions_viewer.model.query import DatasetIndex, Filter, QueryResult

    assert model.DatasetIndex is DatasetIndex
    assert model.QueryResult is QueryResult
    assert model.Filter is Filter
