"""Faults of the special-file kind (issue 12 item 2): the open file replaced by a FIFO, by a
link to a device, by a symbolic link loop; its folder made unreadable; a slow disk; a
settings file that is a FIFO or ``/dev/zero``. In each: a clear sentence in the window, the
last good data kept, the window never frozen, and the file loaded again once it is back.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from positions_viewer.model import load_file
from positions_viewer.ui.window.main_window import MainWindow

from .test_faults import BASE, WAIT, banner, cell_text, live, still_good

__all__ = ["live"]  # the fixture, shared with test_faults

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")


def swap_in(path: Path, make: Callable[[Path], None]) -> None:
    """``make`` a special file beside ``path`` and rename it over ``path`` (one event)."""
    temp = path.with_name(path.name + ".swap")
    make(temp)
    if temp.is_dir() and not temp.is_symlink():
        path.unlink()  # a folder cannot be renamed over a file
    os.replace(temp, path)


def fifo(target: Path) -> None:
    os.mkfifo(target)


def dev_zero_link(target: Path) -> None:
    target.symlink_to("/dev/zero")


def loop_to(path: Path) -> Callable[[Path], None]:
    return lambda target: target.symlink_to(path.name)  # renamed to path: points at itself


def folder(target: Path) -> None:
    target.mkdir()


SPECIAL = {
    "fifo": (fifo, "is a named pipe (FIFO), not a regular file"),
    "dev-zero": (dev_zero_link, "is a device, not a regular file"),
    "loop": (None, "is a symbolic link that points back to itself (a loop)"),
    "folder": (folder, "is a folder, not a TOML file"),
}


@needs_fifo
@needs_dev_zero
@pytest.mark.parametrize("kind", list(SPECIAL))
def test_open_file_replaced_by_a_special_file(live: tuple[MainWindow, Path], qtbot: QtBot,
                                              kind: str) -> None:
    window, path = live
    make, sentence = SPECIAL[kind]
    swap_in(path, make or loop_to(path))
    qtbot.waitUntil(lambda: sentence in banner(window), timeout=WAIT)
    assert f"{path}: {sentence}" in banner(window)
    assert "last good data" in banner(window)
    assert "deleted or moved" not in banner(window)
    still_good(window)
    with qtbot.waitSignal(window.loader.finished, timeout=WAIT):
        window.reload()  # Ctrl+R says the same and keeps the data
    assert sentence in banner(window)
    still_good(window)
    # a regular file again: loaded, the banner gone
    temp = path.with_name("back.toml")
    temp.write_text(BASE.format(text="regular again"), encoding="utf-8")
    with qtbot.waitSignal(window.resultChanged, timeout=WAIT):
        if path.is_dir():
            path.rmdir()
        os.replace(temp, path)
    assert cell_text(window) == "regular again" and not window.banner.isVisible()


@contextlib.contextmanager
def folder_refused(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``folder`` loses its search permission: really (chmod) when not root; as root (whom
    chmod does not stop), every look inside it fails as the system would say it."""
    if os.geteuid() != 0:
        folder.chmod(0o600)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    inside = str(folder) + os.sep

    def refusing(real: Callable[..., object]) -> Callable[..., object]:
        def call(name: object, *args: object, **kwargs: object) -> object:
            if isinstance(name, str | os.PathLike) and os.path.abspath(name).startswith(inside):
                raise PermissionError(errno.EACCES, "Permission denied", str(name))
            return real(name, *args, **kwargs)
        return call

    with monkeypatch.context() as patch:
        for name in ("open", "stat", "lstat", "scandir", "listdir"):
            patch.setattr(os, name, refusing(getattr(os, name)))
        folder.chmod(0o600)  # the folder's watch sees a change, as for a real chmod
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_folder_made_unreadable_says_permission_denied(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    path = data / "live.toml"
    path.write_text(BASE.format(text="good"), encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_loaded(path, load_file(path))
    window.show()
    qtbot.waitExposed(window)
    with folder_refused(data, monkeypatch):
        qtbot.waitUntil(lambda: "permission denied" in banner(window), timeout=WAIT)
        assert f"{path}: permission denied: a folder on its path cannot be opened" in banner(
            window)
        assert "last good data" in banner(window)
        still_good(window)
        with qtbot.waitSignal(window.loader.finished, timeout=WAIT):
            window.reload()
        assert "permission denied" in banner(window)
        still_good(window)
    with qtbot.waitSignal(window.resultChanged, timeout=WAIT):
        path.write_text(BASE.format(text="open again"), encoding="utf-8")
    assert cell_text(window) == "open again" and not window.banner.isVisible()


def test_a_slow_disk_never_freezes_the_window(live: tuple[MainWindow, Path], qtbot: QtBot,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Every read of the open file takes a second (a network drive, a sleeping disk): the
    event loop keeps running, and no read of it happens on the GUI thread."""
    window, path = live
    target = os.path.abspath(path)
    slow: set[int] = set()
    on_gui_thread: list[str] = []
    real_open, real_read = os.open, os.read

    def opening(name: object, *args: object, **kwargs: object) -> int:
        fd = real_open(name, *args, **kwargs)  # type: ignore[arg-type]
        if isinstance(name, str | os.PathLike) and os.path.abspath(name) == target:
            slow.add(fd)
            if threading.current_thread() is threading.main_thread():
                on_gui_thread.append("open")
        return fd

    def reading(fd: int, size: int) -> bytes:
        if fd in slow:
            time.sleep(1.0)
        return real_read(fd, size)

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(os, "read", reading)
    ticks: list[float] = []
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    try:
        with qtbot.waitSignal(window.resultChanged, timeout=10_000):
            path.write_text(BASE.format(text="from the slow disk"), encoding="utf-8")
    finally:
        timer.stop()
    assert cell_text(window) == "from the slow disk"
    assert on_gui_thread == []
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 20 and max(gaps) < 0.5, f"longest pause {max(gaps):.2f} s"


# -- the settings file -------------------------------------------------------------------

START = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from positions_viewer.model import load_file
from positions_viewer.ui.window.main_window import MainWindow
from positions_viewer.ui.settings import Settings

app = QApplication([])
window = MainWindow(Settings(Path(sys.argv[1])))
window.show_loaded(Path(sys.argv[2]), load_file(sys.argv[2]))
window.show()
app.processEvents()
print("status:", window.statusBar().currentMessage())
print("rows:", window.grid.grid_model.rowCount(), "theme:", window.settings.theme)
window.set_theme("dark")
window.close()  # writes the settings back: not into a FIFO or a device
print("closed")
"""


def limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # /dev/zero read whole: fails


@needs_fifo
@needs_dev_zero
@pytest.mark.parametrize(("kind", "sentence"), [
    ("fifo", "is a named pipe (FIFO), not a regular file"),
    ("dev-zero", "is a device, not a regular file"),
    ("loop", "points back to itself"),
])
def test_settings_file_that_is_not_a_regular_file(tmp_path: Path, seed_path: Path,
                                                  kind: str, sentence: str) -> None:
    """Start-up does not hang on it (it did for ever): defaults, a status message, and the
    special file is left as it was."""
    settings = tmp_path / "settings.ini"
    {"fifo": fifo, "dev-zero": dev_zero_link, "loop": loop_to(settings)}[kind](settings)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", START, str(tmp_path), str(seed_path)],
                          capture_output=True, text=True, timeout=60, env=env,
                          preexec_fn=limit_memory, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"status: Settings: {settings}: " in done.stdout and sentence in done.stdout
    assert "defaults are used" in done.stdout
    assert "rows: 4 theme: system" in done.stdout and "closed" in done.stdout
    assert settings.is_symlink() or settings.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.ini"]
