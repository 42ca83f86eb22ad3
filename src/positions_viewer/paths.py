"""Where the bundled seeds and resources are, in a checkout and in an installed wheel.

The wheel carries them inside the package (``positions_viewer/seeds``); a source checkout
or an editable install keeps them at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEFAULT_DATASET", "default_dataset", "resources_dir", "seeds_dir"]

DEFAULT_DATASET = "macron-putin-2025.toml"
_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent.parent / name


def seeds_dir() -> Path:
    return _bundled("seeds")


def resources_dir() -> Path:
    return _bundled("resources")


def default_dataset() -> Path:
    return seeds_dir() / DEFAULT_DATASET
