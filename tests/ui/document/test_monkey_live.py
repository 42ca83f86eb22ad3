"""The monkey (tests/test_monkey.py) while the open file keeps changing underneath: rapid saves
of a small or a large (7 MB) file, rename-saves, half-written saves, deletes, the folder
removed and made again, and special files swapped in (a FIFO, a link to ``/dev/zero``, a
symbolic link loop). No exception and no critical Qt message, and once the file is quiet
the window shows its last content.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from ...test_monkey import DEFAULT_ACTIONS, Problems, no_waiting, problems, run_monkey
from .test_reload_guarantee import Driver, settles

__all__ = ["no_waiting", "problems"]  # fixtures, shared with test_monkey


class Saves(Driver):
    """The driver's saves, without its pauses (this runs on the GUI thread), and sometimes a
    special file in the file's place."""

    def pause(self) -> None:
        pass

    def step(self) -> None:
        if self.folder.exists() and self.rng.random() < 0.15:
            temp = self.folder / ".special"
            kind = self.rng.choice(["fifo", "dev-zero", "loop"])
            if kind == "fifo" and hasattr(os, "mkfifo"):
                os.mkfifo(temp)
            elif kind == "dev-zero" and Path("/dev/zero").exists():
                temp.symlink_to("/dev/zero")
            else:
                temp.symlink_to(self.path.name)
            os.replace(temp, self.path)
            self.log.append(kind)
            return
        if self.path.is_symlink() or self.path.is_fifo():
            self.path.unlink()  # an editor's save replaces it (writing into it would block)
        super().step()


def monkey_with_saves(qtbot: QtBot, tmp_path: Path, size: str, seed: int, actions: int,
                      found: Problems) -> None:
    saves = Saves(tmp_path / "data", size, random.Random(seed))
    saves.folder.mkdir()
    saves.path.write_bytes(saves.versions.good(0))
    timer = QTimer(interval=120 if size == "small" else 300)
    timer.timeout.connect(saves.step)
    timer.start()
    try:
        monkey = run_monkey(qtbot, saves.path, seed, actions, found, tmp_path)
    finally:
        timer.stop()
    window = monkey.window
    if not saves.folder.exists():
        saves.folder.mkdir()
    saves.path.unlink(missing_ok=True)
    saves.path.write_bytes(saves.versions.good(10_000))  # the last save
    if window.watcher.path is None:  # Ctrl+Q closed it (and quit, in real life): reopened
        window.reload()
    try:
        settles(qtbot, window, saves.path)
    except AssertionError as exc:
        raise AssertionError(f"seed {seed}: {exc}; saves: {' '.join(saves.log)}") from None
    assert window.header.title.text() == "Version 10000"
    found.check(seed, actions, monkey.log)


@pytest.mark.parametrize("size", ["small", "large"])
def test_monkey_while_the_file_changes(qtbot: QtBot, tmp_path: Path, problems: Problems,
                                       no_waiting: list[str], size: str) -> None:
    actions = DEFAULT_ACTIONS // (4 if size == "small" else 8)  # a big grid is slower
    monkey_with_saves(qtbot, tmp_path, size, 11, actions, problems)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
def test_long_monkey_while_the_file_changes(qtbot: QtBot, tmp_path: Path, problems: Problems,
                                            no_waiting: list[str], seed: int) -> None:
    monkey_with_saves(qtbot, tmp_path, "large" if seed % 2 else "small", seed, 3000,
                      problems)
