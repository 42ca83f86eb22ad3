"""The wheel carries the bundled dataset and the resources: the default must open after
``pip install .``, not only from a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(REPO)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return next(out.glob("positions_viewer-*.whl"))


def test_wheel_contains_seeds_resources_and_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "positions_viewer/seeds/macron-putin-2025.toml" in names
    assert "positions_viewer/resources/positions-viewer.svg" in names
    assert "positions_viewer/resources/positions-viewer.desktop" in names
    assert "positions_viewer/py.typed" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry).decode()
    assert "positions-viewer = positions_viewer.cli:main" in text


def test_wheel_requires_a_pyside_without_the_none_refcount_bug(wheel: Path) -> None:
    metadata = next(n for n in zipfile.ZipFile(wheel).namelist() if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    requirement = next(line for line in text.splitlines()
                       if line.lower().startswith("requires-dist: pyside6-essentials"))
    assert "<6.12" in requirement, requirement
