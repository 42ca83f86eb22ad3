"""What the window says about a file it could not show: the banner's sentences and the empty
window's. Qt-free (the document session builds its problems from them)."""

from __future__ import annotations

import os
from pathlib import Path

from ...model import LoadResult

__all__ = ["failure_text", "missing_text", "same_file_path", "unloaded_text"]


def same_file_path(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (links followed where they lead; a symlink loop
    or a folder without permission is compared as written, never raised)."""
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return os.path.abspath(a) == os.path.abspath(b)


def failure_text(path: Path, result: LoadResult, showing: Path | None,
                 cancelled: bool = False, missing: bool = False) -> str:
    """The banner's sentence for a load of ``path`` that gave no data: the first error
    located (or that it was cancelled, or that the file is gone), and what stays on screen.
    ``showing``: the file whose data is shown (``None``: no data)."""
    name = path.name
    same = showing is not None and same_file_path(showing, path)
    if cancelled:
        if showing is None:
            return f"Opening {name} was cancelled; nothing is loaded. Reload (Ctrl+R) loads it."
        if same:
            return (f"Loading {name} was cancelled; showing the last good data. Reload "
                    "(Ctrl+R) loads the file as it is now.")
        return f"Opening {name} was cancelled; still showing {showing.name}."
    if same and missing:
        return missing_text(path, True)  # as the watcher says it: one sentence for it
    errors = result.errors or result.diagnostics
    first = errors[0]
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    keep = ("; showing the last good data" if same
            else f"; still showing {showing.name}" if showing is not None else "")
    return f"Error: {first.location()}: {first.text()}{more}{keep}"


def unloaded_text(path: Path, cancelled: bool = False) -> str:
    """What the empty window says when its first file gave no data."""
    if cancelled:
        return (f"{path.name} was not loaded: loading was cancelled. Reload (Ctrl+R) to load "
                "it, or open another file (Ctrl+O).")
    return (f"{path.name} could not be loaded. Fix the file and it will reload by itself, or "
            "open another (Ctrl+O).")


def missing_text(path: Path, has_data: bool) -> str:
    """The banner's sentence when the open file (or its folder) is gone."""
    keep = "; showing the last good data" if has_data else ""
    return f"{path.name} was deleted or moved{keep}. It reloads when the file is back."
