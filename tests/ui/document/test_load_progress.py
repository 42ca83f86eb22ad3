"""Big files (issue 18 item 5): while a file loads, the status bar shows the bytes read and a
Cancel button; Cancel keeps what was shown (the last good data, or the empty window) and
says so. A slow disk is simulated (each read of the file sleeps), so a few MB take seconds.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from positions_viewer.model import files, load_file
from positions_viewer.ui.window.main_window import MainWindow

from .test_reload_guarantee import versions

WAIT = 5000


@pytest.fixture
def slow_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Loads of the files named in the returned set read 0.25 s a MiB."""
    slow: set[str] = set()
    fds: set[int] = set()
    real_open, real_read = os.open, os.read

    def opening(name: object, *args: object, **kwargs: object) -> int:
        fd = real_open(name, *args, **kwargs)  # type: ignore[arg-type]
        if isinstance(name, str | os.PathLike) and os.path.abspath(name) in slow:
            fds.add(fd)
        else:
            fds.discard(fd)
        return fd

    def reading(fd: int, size: int) -> bytes:
        if fd in fds and threading.current_thread().name == "positions-load":
            time.sleep(0.25)  # the loads: the watcher's looks stay quick
        return real_read(fd, size)

    from positions_viewer.ui.document import isolated

    monkeypatch.setattr(isolated, "ISOLATE_BYTES", 1 << 40)  # in this process, to slow it
    monkeypatch.setattr(files, "CHUNK_BYTES", 1 << 20)
    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(os, "read", reading)
    return slow


def window_on(qtbot: QtBot, path: Path | None) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    if path is not None:
        window.show_loaded(path, load_file(path))
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def big(tmp_path: Path) -> Path:
    path = tmp_path / "big.toml"
    path.write_bytes(versions("large").good(7))
    return path


def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_bytes(versions("small").good(1))
    return path


def test_opening_a_big_file_shows_bytes_read_and_cancel_keeps_the_data(
        qtbot: QtBot, tmp_path: Path, big: Path, slow_disk: set[str]) -> None:
    window = window_on(qtbot, small_file(tmp_path))
    slow_disk.add(str(big))
    shown: list[tuple[str, int]] = []
    progress = window.progress
    window.loader.progressed.connect(
        lambda _p: shown.append((progress.label.text(), progress.bar.value())))
    window.open_path(big)
    assert progress.isVisible() and progress.cancel_button.isVisible()  # at once: asked for
    qtbot.waitUntil(lambda: len(shown) >= 3, timeout=WAIT)
    size = f"{big.stat().st_size / 2**20:.1f} MB"
    assert shown[-1][0].startswith("Reading big.toml: ") and shown[-1][0].endswith(f"of {size}")
    assert 0 < shown[1][1] < shown[-1][1] < 1000  # the bar moves with the bytes read
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert not progress.isVisible()
    assert window.banner.label.text() == "Opening big.toml was cancelled; still showing " \
                                         "small.toml."
    assert window.header.title.text() == "Version 1" and window.grid.isVisible()
    qtbot.wait(1200)  # what the cancelled load still delivers is dropped
    assert window.header.title.text() == "Version 1"
    assert window.path is not None and window.path.name == "small.toml"


def test_a_cancelled_reload_keeps_the_last_good_data_and_loads_on_the_next_save(
        qtbot: QtBot, big: Path, slow_disk: set[str]) -> None:
    window = window_on(qtbot, big)
    slow_disk.add(str(big))
    with qtbot.waitSignal(window.loader.progressed, timeout=WAIT,
                          check_params_cb=lambda p: p.read > 0):
        big.write_bytes(versions("large").good(8))  # a save: reloaded, slowly
    qtbot.waitUntil(window.progress.isVisible, timeout=WAIT)  # it lasts: shown
    QTest.keyClick(window, Qt.Key.Key_Escape)  # Esc cancels while the bar shows
    assert not window.progress.isVisible()
    assert window.banner.label.text().startswith(
        "Loading big.toml was cancelled; showing the last good data.")
    assert window.header.title.text() == "Version 7"
    qtbot.wait(1200)  # no reload on its own (a poll included): the user said stop
    assert window.header.title.text() == "Version 7" and window.loader.loading is None
    slow_disk.clear()
    with qtbot.waitSignal(window.resultChanged, timeout=WAIT):
        big.write_bytes(versions("large").good(9))  # the next save loads
    assert window.header.title.text() == "Version 9" and not window.banner.isVisible()


def test_cancelling_the_first_file_leaves_the_empty_window_and_reload_loads_it(
        qtbot: QtBot, big: Path, slow_disk: set[str]) -> None:
    window = window_on(qtbot, None)
    slow_disk.add(str(big))
    window.open_path(big)
    qtbot.waitUntil(lambda: window.progress.bar.value() > 0, timeout=WAIT)
    window.progress.cancel_button.click()
    assert window.dataset is None
    assert window.empty_label.isVisible()
    assert "big.toml was not loaded: loading was cancelled" in window.empty_label.text()
    assert window.banner.label.text().startswith("Opening big.toml was cancelled")
    slow_disk.clear()
    with qtbot.waitSignal(window.resultChanged, timeout=WAIT):
        window.reload()  # Ctrl+R
    assert window.header.title.text() == "Version 7" and not window.banner.isVisible()


class Shows(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.count += 1
        return False


def test_saving_a_small_file_does_not_flash_the_progress_bar(qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    path = small_file(tmp_path)
    window = window_on(qtbot, path)
    shows = Shows()
    window.progress.installEventFilter(shows)
    for number in (2, 3, 4):
        with qtbot.waitSignal(window.resultChanged, timeout=WAIT):
            path.write_bytes(versions("small").good(number))
    assert window.header.title.text() == "Version 4"
    assert shows.count == 0


def test_cancel_stops_the_read_at_its_next_chunk(tmp_path: Path) -> None:
    """Qt-free: the reader reports bytes as it goes and stops when asked."""
    path = tmp_path / "data.bin"
    data = os.urandom(3 * files.CHUNK_BYTES + 5)
    path.write_bytes(data)
    seen: list[tuple[int, int]] = []
    observer = files.ReadObserver(lambda read, total: seen.append((read, total)))
    assert files.read_regular_file(path, 1 << 30, observer=observer) == data
    assert [read for read, _ in seen] == [files.CHUNK_BYTES * n for n in (1, 2, 3)] + [len(data)]
    assert {total for _, total in seen} == {len(data)}
    stop = threading.Event()
    stopping = files.ReadObserver(lambda read, _total: stop.set(), stop.is_set)
    with pytest.raises(files.ReadCancelled):
        files.read_regular_file(path, 1 << 30, observer=stopping)
    assert isinstance(stopping.problem, files.ReadCancelled)
    import hashlib

    assert files.digest_regular_file(path, 1 << 30) == hashlib.sha256(data).hexdigest()
    with files.observed_reads(files.ReadObserver(cancelled=lambda: True)):  # ambient: the loader
        assert "cancelled" in str(load_file(path).errors[0])


# -- big files load in a child process -----------------------------------------------------


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """Files from 1 MiB load in a child process; the children started, in order."""
    from positions_viewer.ui.document import isolated

    started: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def popen(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        child = real(*args, **kwargs)
        started.append(child)
        return child

    monkeypatch.setattr(isolated, "ISOLATE_BYTES", 1 << 20)
    monkeypatch.setattr(isolated.subprocess, "Popen", popen)
    return started


@pytest.mark.skipif(os.name != "posix", reason="big files load in the thread elsewhere")
def test_a_big_file_loads_in_a_child_process_as_in_the_thread(
        tmp_path: Path, big: Path, children: list[subprocess.Popen[bytes]]) -> None:
    from positions_viewer.ui.document.loading import load_now

    bad = tmp_path / "bad.toml"
    bad.write_bytes(versions("large").bad(3))
    for path in (big, bad, tmp_path / "missing.toml"):
        here, there = load_now(path, isolate=False), load_now(path, isolate=True)
        assert there.result.dataset == here.result.dataset
        assert there.result.diagnostics == here.result.diagnostics
        assert (there.digest, there.seen) == (here.digest, here.seen)
    assert here.seen is not None and here.seen.state.kind == "missing"
    assert len(children) == 3 and all(child.returncode == 0 for child in children)


@pytest.mark.skipif(os.name != "posix", reason="big files load in the thread elsewhere")
def test_the_window_keeps_running_while_a_big_file_loads_and_cancel_ends_the_child(
        qtbot: QtBot, tmp_path: Path, big: Path,
        children: list[subprocess.Popen[bytes]]) -> None:
    window = window_on(qtbot, small_file(tmp_path))
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    with qtbot.waitSignal(window.loader.finished, timeout=WAIT):
        window.open_path(big)  # the parse (~0.2 s on a thread here) runs elsewhere
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(children) == 1 and max(gaps) < 0.12, f"longest pause {max(gaps):.3f} s"
    qtbot.waitUntil(lambda: window.header.title.text() == "Version 7", timeout=WAIT)
    # a save, and Cancel while the child parses it: the child ends at once
    with qtbot.waitSignal(window.loader.started, timeout=WAIT):
        big.write_bytes(versions("large").good(8))
    qtbot.waitUntil(lambda: len(children) == 2, timeout=WAIT)
    window.loader.cancel()
    qtbot.waitUntil(lambda: children[1].poll() is not None, timeout=1000)
    assert window.banner.label.text().startswith("Loading big.toml was cancelled")
    assert window.header.title.text() == "Version 7"


@pytest.mark.skipif(os.name != "posix", reason="big files load in the thread elsewhere")
def test_a_loading_process_that_dies_is_an_error_in_the_banner(
        qtbot: QtBot, tmp_path: Path, big: Path,
        children: list[subprocess.Popen[bytes]]) -> None:
    window = window_on(qtbot, small_file(tmp_path))
    with qtbot.waitSignal(window.loader.finished, timeout=WAIT):
        window.open_path(big)
        qtbot.waitUntil(lambda: bool(children), timeout=WAIT)
        children[0].kill()  # as the system does to a process out of memory
    assert "the loading process stopped" in window.banner.label.text()
    assert "still showing small.toml" in window.banner.label.text()
    assert window.header.title.text() == "Version 1"
