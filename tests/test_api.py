"""The public Python API (issue 14.7, docs/python-api.md): load, grid, compare, history,
plain records and a DataFrame when pandas is there; no Qt."""

from __future__ import annotations

import dataclasses
import datetime as dt
import doctest
import subprocess
import sys
from pathlib import Path

import pytest

from positions_viewer import api

REPO = Path(__file__).resolve().parent.parent
THREE = REPO / "tests" / "data" / "three_actors.toml"
SEED = REPO / "seeds" / "macron-putin-2025.toml"


@pytest.fixture(scope="module")
def three() -> api.Document:
    return api.load(THREE)


def test_load_errors_carry_the_located_diagnostics(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\ntitle = "T"\n[[actors]]\nid = "a"\nname = "A"\n'
                   '[[issues]]\nid = "i"\ntitle = "I"\n[[positions]]\nactor = "zz"\n'
                   'issue = "i"\ntext = "t"\n', encoding="utf-8")
    with pytest.raises(api.LoadError) as caught:
        api.load(bad)
    error = caught.value
    assert str(error).startswith(f"{bad}:10:9: error: positions[0].actor: unknown actor 'zz'")
    assert [d.line for d in error.diagnostics if d.is_error] == [10]
    with pytest.raises(api.LoadError, match="does-not-exist"):
        api.load(tmp_path / "does-not-exist.toml")
    with pytest.raises(api.LoadError, match="<string>:1"):
        api.loads("schema = 2\n")


def test_warnings_are_kept() -> None:
    doc = api.loads('schema = 1\ntitle = "T"\nbogus = 1\n[[actors]]\nid = "a"\nname = "A"\n'
                    '[[issues]]\nid = "i"\ntitle = "I"\n[[positions]]\nactor = "a"\n'
                    'issue = "i"\ntext = "t"\n', name="w.toml")
    assert [(w.file, w.line, w.is_error) for w in doc.warnings] == [("w.toml", 3, False)]


def test_grid_records(three: api.Document) -> None:
    cells = three.grid(as_of="2024-03-06", since="2024-03-04", issues=["quota"])
    assert [(c.actor_id, c.kind, c.date, c.stance) for c in cells] == [
        ("north", "changed", "2024-03-05", "minimum flow"),
        ("south", "new", "2024-03-05", "equal thirds"),
        ("east", "unchanged", "2024", "study first"),
    ]
    first = cells[0]
    assert first.issue == "Annual water quota" and first.actor == "Northland"
    assert first.day == dt.date(2024, 3, 5) and first.age_days == 1 and not first.stale
    empty = three.grid(as_of=dt.date(2024, 3, 6), issues="dam", actors="north")
    assert empty == [api.GridCell("dam", "The upstream dam", "north", "Northland", None, None,
                                  "", "", "", False, None, "")]
    # every field is a plain value
    for cell in three.grid():
        for value in dataclasses.astuple(cell):
            assert value is None or isinstance(value, str | int | bool | dt.date)


def test_grid_search_says_how_a_cell_matched(three: api.Document) -> None:
    # north/quota: the undated statement, superseded in March
    cells = three.grid(search="every ten YEARS")
    assert {(c.issue_id, c.actor_id, c.matched) for c in cells if c.matched} == {
        ("quota", "north", "history")}
    assert {c.issue_id for c in cells} == {"quota"}


def test_compare_and_changes() -> None:
    doc = api.load(SEED)
    # what changed between 18 and 26 December: the day before the 18th against the 26th
    changes = {(c.issue_id, c.actor_id): c for c in doc.changes("2025-12-18", "2025-12-26")}
    assert {key: c.kind for key, c in changes.items() if c.kind} == {
        ("imminence", "france"): "new",
        ("imminence", "russia"): "new",
        ("conditions", "france"): "unchanged",
        ("conditions", "russia"): "new",
        ("context", "france"): "new",
        ("context", "russia"): "unchanged",
        ("vinatier", "russia"): "unchanged",
    }
    assert changes[("imminence", "france")].b_stance == "not planned"
    # in force on the 18th and on the 26th: France's 18 Dec statement is the A side
    france = next(c for c in doc.compare("2025-12-18", "2025-12-26", issues="imminence",
                                         actors="france"))
    assert (france.kind, france.a_date, france.a_stance, france.b_stance) == (
        "changed", "2025-12-18", "open in principle", "not planned")
    with pytest.raises(api.CompareError, match="after"):
        doc.compare("2025-12-26", "2025-12-18")
    with pytest.raises(api.CompareError, match="after"):
        doc.changes("2025-12-27", "2025-12-26")


def test_bad_dates_and_ids_are_value_errors(three: api.Document) -> None:
    with pytest.raises(ValueError, match="as_of: '2024-13' is not a date"):
        three.grid(as_of="2024-13")
    with pytest.raises(ValueError, match=r"unknown actor 'west' \(known: north, south, east\)"):
        three.grid(actors=["north", "west"])
    with pytest.raises(ValueError, match="unknown issue 'x'"):
        three.history("x", "north")


def test_history(three: api.Document) -> None:
    statements = three.history("quota", "north")
    assert [(s.date, s.stance, s.event_id) for s in statements] == [
        (None, "historic use", None), ("2024-03-05", "minimum flow", "summit")]
    assert statements[1].index == 1


def test_to_frame_without_pandas_says_so(three: api.Document) -> None:
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pip install pandas"):
            api.to_frame(three.grid())
    else:
        pytest.skip("pandas is installed")


def test_to_frame(three: api.Document) -> None:
    pandas = pytest.importorskip("pandas")
    frame = api.to_frame(three.changes("2024-03-04", "2024-03-06"))
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns)[:5] == ["issue_id", "issue", "actor_id", "actor", "kind"]
    assert len(frame) == 9
    assert frame.loc[frame.kind == "new", "actor_id"].tolist() == ["south", "east"]


def test_the_module_example_runs() -> None:
    import os

    here = os.getcwd()
    os.chdir(REPO)
    try:
        failures, tried = doctest.testmod(api, raise_on_error=False)
    finally:
        os.chdir(here)
    assert tried > 0 and failures == 0


def test_no_qt_is_imported() -> None:
    code = ("import sys, positions_viewer.api as api; api.load(sys.argv[1]).grid(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'superqt')))")
    done = subprocess.run([sys.executable, "-c", code, str(THREE)], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"
