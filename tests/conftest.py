"""Shared fixtures. Qt runs offscreen; settings go to a temporary folder."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "macron-putin-2025.toml"


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real settings."""
    monkeypatch.setenv("POSITIONS_VIEWER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def _no_leaked_windows(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that shows a top-level widget must close it (qtbot.addWidget does)."""
    yield
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in leaked:
        widget.close()
    assert not leaked, f"test left visible top-level widgets: {leaked}"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def write_toml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented TOML text to ``tmp_path/name`` and return the path."""

    def write(text: str, name: str = "data.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``slow`` tests run only when asked: ``-m slow`` (or any -m naming it), or
    ``POSITIONS_FUZZ_LONG=1``; the normal run stays quick."""
    if "slow" in (config.getoption("markexpr", "") or "") or os.environ.get("POSITIONS_FUZZ_LONG"):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow or POSITIONS_FUZZ_LONG=1")
    for item in items:
        if item.get_closest_marker("slow") is not None:
            item.add_marker(skip)
