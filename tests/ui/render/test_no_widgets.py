"""The one renderer (DESIGN §5, §6) imports no QtWidgets: every module under
``ui/render`` serves the window, presenter mode and headless export alike."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import positions_viewer.ui.render as render


def test_no_module_of_the_renderer_loads_qtwidgets() -> None:
    names = [m.name for m in pkgutil.walk_packages(render.__path__, "positions_viewer.ui.render.")]
    assert "positions_viewer.ui.render.page" in names and len(names) > 10
    code = ("import importlib, sys\n"
            f"for name in {names!r}:\n"
            "    importlib.import_module(name)\n"
            "loaded = sorted(m for m in sys.modules if m.startswith('PySide6.QtWidgets'))\n"
            "assert not loaded, loaded\n")
    subprocess.run([sys.executable, "-c", code], check=True)
