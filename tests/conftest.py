"""Shared fixtures. Qt runs offscreen; settings go to a temporary folder."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "macron-putin-2025.toml"


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
