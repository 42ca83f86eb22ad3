"""The document session, without a display: one owner of the filter, the selection and the
problems, carried across reloads by id (the rules the window used to hold)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from positions_viewer.model import DatasetIndex, Filter, load_bytes, load_file, parse_date
from positions_viewer.model.story import story_steps
from positions_viewer.ui.session import DocumentSession, Selection

WriteToml = Callable[..., Path]

TWO = """
schema = 1
title = "Two"
[[actors]]
id = "a"
name = "A"
[[actors]]
id = "b"
name = "B"
[[issues]]
id = "{first}"
title = "First"
[[issues]]
id = "{second}"
title = "Second"
[[events]]
id = "e"
date = 2024-01-02
title = "E"
issues = ["j"]
[[positions]]
actor = "a"
issue = "i"
date = 2024-01-01
text = "a on i"
[[positions]]
actor = "b"
issue = "j"
date = 2024-02-01
text = "b on j"
"""


def opened(path: Path) -> DocumentSession:
    session = DocumentSession()
    result = load_file(path)
    assert result.dataset is not None
    assert session.show_loaded(path, result, DatasetIndex(result.dataset))
    return session


def reload(session: DocumentSession, path: Path) -> bool:
    result = load_file(path)
    index = DatasetIndex(result.dataset) if result.dataset is not None else None
    return session.show_loaded(path, result, index)


def recorder(session: DocumentSession) -> list[str]:
    seen: list[str] = []
    for name in ("opened", "filter_changed", "result_changed", "selection_changed",
                 "problem_changed"):
        getattr(session, name).connect(lambda *_a, n=name: seen.append(n))
    return seen


def test_the_session_imports_no_qt() -> None:
    import subprocess

    code = ("import sys, positions_viewer.ui.session; "
            "sys.exit(1 if any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules) "
            "else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_filter_change_queries_once_and_says_so(seed_path: Path) -> None:
    session = opened(seed_path)
    seen = recorder(session)
    session.set_filter(Filter(issues=frozenset({0})))
    assert seen == ["filter_changed", "result_changed"]
    assert session.result is not None and session.result.issue_rows.tolist() == [0]
    session.set_filter(Filter(issues=frozenset({0})))  # the same filter: nothing to say
    assert seen == ["filter_changed", "result_changed"]


def test_indices_the_file_does_not_have_are_dropped(seed_path: Path) -> None:
    session = opened(seed_path)
    session.set_filter(Filter(issues=frozenset({1, 99}), actors=frozenset({-1, 0})))
    assert session.filter.issues == frozenset({1}) and session.filter.actors == frozenset({0})


def test_a_hidden_cell_is_deselected_and_an_event_is_not(seed_path: Path) -> None:
    session = opened(seed_path)
    session.select_cell(2, 1)
    assert session.shown_position() == (2, 1)
    session.set_filter(Filter(issues=frozenset({0})))
    assert session.selection == Selection()
    session.select_event(3)
    session.set_filter(Filter(issues=frozenset({1})))
    assert session.selection == Selection(event=3)
    assert session.highlight()[0] == frozenset(session.dataset.events[3].issues)  # type: ignore[union-attr]


def test_selecting_a_cell_clears_the_event_and_back(seed_path: Path) -> None:
    session = opened(seed_path)
    session.select_event(1)
    session.select_cell(0, 0)
    assert session.selection == Selection(cell=(0, 0))
    session.select_event(2)
    assert session.selection == Selection(event=2)
    session.select_event(None)
    assert session.selection == Selection()


def test_a_reload_carries_filter_and_selection_by_id(write_toml: WriteToml) -> None:
    path = write_toml(TWO.format(first="i", second="j"))
    session = opened(path)
    session.set_filter(Filter(issues=frozenset({1}), date_to=parse_date("2024-03")))
    session.select_cell(1, 1)
    seen = recorder(session)
    write_toml(TWO.format(first="j", second="i"))  # the issues swap places
    assert reload(session, path)
    assert seen[0] == "opened" and "result_changed" in seen
    assert session.filter.issues == frozenset({0})  # still "j", now first
    assert session.selection == Selection(cell=(0, 1))
    assert session.filter.date_to == parse_date("2024-03")


def test_a_failed_reload_keeps_the_last_good_data_and_says_where(write_toml: WriteToml) -> None:
    path = write_toml(TWO.format(first="i", second="j"))
    session = opened(path)
    good = session.dataset
    path.write_text('schema = 1\ntitle = "x"\n[[actors]]\nid = "a"\n', encoding="utf-8")
    assert not reload(session, path)
    assert session.dataset is good
    assert session.problem is not None and session.problem.kind == "error"
    assert session.problem.message.endswith("; showing the last good data")
    assert f"{path}:" in session.problem.message
    session.dismiss_problem()
    assert session.problem is None


def test_a_file_that_never_loaded_is_remembered_for_reload(write_toml: WriteToml) -> None:
    path = write_toml("schema = 1\n")
    session = DocumentSession()
    assert not session.show_loaded(path, load_file(path), None)
    assert session.failed_path == path and session.dataset is None


def test_warnings_show_and_go_when_fixed(write_toml: WriteToml) -> None:
    path = write_toml(TWO.format(first="i", second="j").replace('title = "Two"',
                                                                 'title = "Two"\ncolour = 1'))
    session = opened(path)
    assert session.problem is not None and session.problem.kind == "warning"
    write_toml(TWO.format(first="i", second="j"))
    assert reload(session, path)
    assert session.problem is None


def test_the_step_the_window_is_at(seed_path: Path) -> None:
    result = load_bytes(seed_path.read_bytes(), "seed")
    assert result.dataset is not None
    session = DocumentSession()
    session.show_loaded(seed_path, result, DatasetIndex(result.dataset))
    steps = story_steps(result.dataset, session.index)  # type: ignore[arg-type]
    assert session.current_step(steps) == 0
    session.apply_view(2)
    assert steps[session.current_step(steps)].view == 2
