"""Faults around the open file, exports and settings. In each: a clear message, the app keeps
running, the last good data stays on screen, and no existing file is damaged.

Already covered elsewhere: a broken save then fixed, delete and recreate, rename-over saves
(test_live_reload.py); a failed CLI export keeps the old file, a write error midway, a missing
folder (test_export_tables.py); a corrupt settings file read by ``Settings`` (test_window.py).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from positions_viewer.cli import main
from positions_viewer.export import atomic
from positions_viewer.model import load_file
from positions_viewer.ui.settings import Settings
from positions_viewer.ui.window.export_dialog import ExportDialog
from positions_viewer.ui.window.main_window import MainWindow

BASE = """schema = 1
title = "Faults"

[[actors]]
id = "a"
name = "Alpha"

[[issues]]
id = "i"
title = "Issue"

[[positions]]
actor = "a"
issue = "i"
text = "{text}"
"""
WAIT = 5000


def cell_text(window: MainWindow) -> str:
    return str(window.grid.grid_model.index(0, 1).data(Qt.ItemDataRole.DisplayRole))


@pytest.fixture
def live(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, Path]:
    path = tmp_path / "live.toml"
    path.write_text(BASE.format(text="good"), encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_loaded(path, load_file(path))
    window.show()
    qtbot.waitExposed(window)
    return window, path


def banner(window: MainWindow) -> str:
    return window.banner.label.text() if window.banner.isVisible() else ""


def still_good(window: MainWindow) -> None:
    """The last good data is on screen and the window still works."""
    assert cell_text(window) == "good"
    assert window.grid.isVisible() and window.grid.grid_model.rowCount() == 1
    window.grid.select_cell(0, 0)
    assert "good" in window.details.text()
    window.grab()


# -- the open file -----------------------------------------------------------------------


def test_renamed_away_says_so_and_comes_back(live: tuple[MainWindow, Path],
                                             qtbot: QtBot) -> None:
    window, path = live
    moved = path.with_name("moved.toml")
    path.rename(moved)
    qtbot.waitUntil(lambda: "deleted or moved" in banner(window), timeout=WAIT)
    assert path.name in banner(window)
    still_good(window)
    with qtbot.waitSignal(window.resultChanged, timeout=WAIT):
        moved.rename(path)
    assert not window.banner.isVisible()
    assert moved.exists() is False and path.read_text(encoding="utf-8") == BASE.format(
        text="good")


@contextlib.contextmanager
def unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``path`` cannot be opened: really (chmod) when not root, else as the system says it."""
    if os.geteuid() != 0:
        path.chmod(0)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    real_open = os.open

    def denied(name: str | os.PathLike[str], *args: object, **kwargs: object) -> object:
        if Path(name).resolve() == path.resolve():
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(os, "open", denied)
        path.touch()  # the watcher sees a change, as chmod makes it see one
        yield


def test_unreadable_file_says_permission_denied(live: tuple[MainWindow, Path], qtbot: QtBot,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window, path = live
    with unreadable(path, monkeypatch):
        qtbot.waitUntil(lambda: "permission denied" in banner(window), timeout=WAIT)
        assert f"{path}" in banner(window) and "last good data" in banner(window)
        still_good(window)
        with qtbot.waitSignal(window.loader.finished, timeout=WAIT):
            window.reload()  # Ctrl+R says the same, and keeps the data
        assert "permission denied" in banner(window)
        still_good(window)
    with qtbot.waitSignal(window.resultChanged, timeout=WAIT):
        path.write_text(BASE.format(text="readable again"), encoding="utf-8")
    assert cell_text(window) == "readable again" and not window.banner.isVisible()


def test_half_written_file_then_completed(live: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    window, path = live
    complete = BASE.format(text="complete")
    path.write_bytes(complete.encode()[: len(complete) // 2 + 7])  # cut inside a table
    qtbot.waitUntil(lambda: "Error:" in banner(window), timeout=WAIT)
    assert f"{path}:" in banner(window) and "last good data" in banner(window)
    still_good(window)
    with qtbot.waitSignal(window.resultChanged, timeout=WAIT), path.open("ab") as handle:
        handle.write(complete.encode()[len(complete) // 2 + 7:])  # the editor finishes
    assert cell_text(window) == "complete" and not window.banner.isVisible()


def test_half_written_file_renamed_over_then_completed(live: tuple[MainWindow, Path],
                                                       qtbot: QtBot) -> None:
    window, path = live
    complete = BASE.format(text="renamed complete")
    temp = path.with_suffix(".part")
    temp.write_bytes(complete.encode()[:40])
    os.replace(temp, path)
    qtbot.waitUntil(lambda: "Error:" in banner(window), timeout=WAIT)
    still_good(window)
    temp.write_text(complete, encoding="utf-8")
    with qtbot.waitSignal(window.resultChanged, timeout=WAIT):
        os.replace(temp, path)
    assert cell_text(window) == "renamed complete"


def test_replaced_by_a_folder(live: tuple[MainWindow, Path], qtbot: QtBot) -> None:
    window, path = live
    path.unlink()
    path.mkdir()
    (path / "inside.toml").write_text("x = 1", encoding="utf-8")
    qtbot.waitUntil(lambda: "folder" in banner(window), timeout=WAIT)
    assert path.name in banner(window) and "last good data" in banner(window)
    still_good(window)
    with qtbot.waitSignal(window.loader.finished, timeout=WAIT):
        window.reload()
    assert "is a folder" in banner(window)
    still_good(window)
    assert (path / "inside.toml").read_text(encoding="utf-8") == "x = 1"
    shutil.rmtree(path)
    with qtbot.waitSignal(window.resultChanged, timeout=WAIT):
        path.write_text(BASE.format(text="file again"), encoding="utf-8")
    assert cell_text(window) == "file again"


# -- exports -------------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs: a real full disk. Needs root (skipped otherwise)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def full_disk_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every export write fails with ENOSPC after its first 100 bytes."""
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle: object) -> None:
            self.handle, self.written = handle, 0

        def write(self, data: bytes) -> int:
            if self.written + len(data) > 100:
                raise OSError(errno.ENOSPC, "No space left on device")
            self.written += len(data)
            return self.handle.write(data)  # type: ignore[attr-defined, no-any-return]

        def __getattr__(self, name: str) -> object:
            return getattr(self.handle, name)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

    monkeypatch.setattr(atomic.os, "fdopen",
                        lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))


@pytest.fixture
def export_window(qtbot: QtBot, seed_path: Path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show_loaded(seed_path, load_file(seed_path))
    window.show()
    return window


def dialog_export(window: MainWindow, qtbot: QtBot, target: Path, fmt: int,
                  monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Save from the export dialog (format 0 PNG, 1 Markdown, 2 CSV); the warnings shown."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text: shown.append(text) or QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a: QMessageBox.StandardButton.Yes)
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(("png", "md", "csv")[fmt]))
    dialog.path.setText(str(target))
    dialog._save()
    dialog.close()
    return shown


def assert_untouched(folder: Path, expected: dict[str, bytes]) -> None:
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == expected


@pytest.mark.parametrize("fmt", [0, 1, 2])
def test_export_to_a_full_disk_from_the_dialog(
    export_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    fmt: int,
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    suffix = ("png", "md", "csv")[fmt]
    old = b"the user's earlier export"
    (folder / f"view.{suffix}").write_bytes(old)
    full_disk_writes(monkeypatch)
    shown = dialog_export(export_window, qtbot, folder / f"view.{suffix}", fmt, monkeypatch)
    assert len(shown) == 1 and "No space left on device" in shown[0], shown
    assert f"view.{suffix}" in shown[0]
    assert_untouched(folder, {f"view.{suffix}": old})
    assert export_window.isVisible() and export_window.grid.grid_model.rowCount() == 4


def test_export_to_a_real_full_disk(export_window: MainWindow, qtbot: QtBot, tiny_disk: Path,
                                    seed_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    filler = tiny_disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as handle:
        handle.write(b"x" * 60_000)
    old = b"earlier"
    (tiny_disk / "view.png").write_bytes(old)
    before = {p.name: p.read_bytes() for p in tiny_disk.iterdir()}
    shown = dialog_export(export_window, qtbot, tiny_disk / "view.png", 0, monkeypatch)
    assert len(shown) == 1 and "No space left" in shown[0], shown
    assert_untouched(tiny_disk, before)
    # the command line: exit 2, one line, nothing partial left
    assert main(["export", str(seed_path), "-o", str(tiny_disk / "cli.png"),
                 "--scale", "3"]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and len(err.strip().splitlines()) == 1
    assert_untouched(tiny_disk, before)


def unwritable_folder(tmp_path: Path) -> Path:
    if os.geteuid() == 0:
        return Path("/sys")  # refuses new files even to root
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


def test_export_into_an_unwritable_folder(export_window: MainWindow, qtbot: QtBot,
                                          tmp_path: Path, seed_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = unwritable_folder(tmp_path)
    try:
        shown = dialog_export(export_window, qtbot, folder / "view.md", 1, monkeypatch)
        assert len(shown) == 1 and str(folder) in shown[0], shown
        assert not (folder / "view.md").exists()
        assert main(["export", str(seed_path), "-o", str(folder / "view.csv")]) == 2
        err = capsys.readouterr().err.strip()
        assert str(folder) in err and len(err.splitlines()) == 1, err
    finally:
        if folder != Path("/sys"):
            folder.chmod(0o700)
    assert export_window.grid.grid_model.rowCount() == 4


@pytest.mark.parametrize(("name", "fmt", "written"), [
    ("view", 0, "view.png"), ("view", 1, "view.md"), ("view.", 2, "view.csv"),
])
def test_export_to_a_path_without_a_suffix_gets_the_formats(
    export_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    name: str, fmt: int, written: str,
) -> None:
    shown = dialog_export(export_window, qtbot, tmp_path / name, fmt, monkeypatch)
    assert shown == []
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [written], files
    data = (tmp_path / written).read_bytes()
    assert data.startswith(b"\x89PNG") == (fmt == 0)


def test_export_dialog_with_a_suffix_of_another_format_is_refused(
    export_window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "view.csv").write_bytes(b"a,b\n")
    shown = dialog_export(export_window, qtbot, tmp_path / "view.csv", 0, monkeypatch)
    # PNG chosen, ".csv" typed: no PNG named .csv, and the CSV that was there is kept
    assert len(shown) == 1 and ".csv" in shown[0] and "PNG" in shown[0], shown
    assert_untouched(tmp_path, {"view.csv": b"a,b\n"})


def test_export_onto_a_folder_is_refused(export_window: MainWindow, qtbot: QtBot,
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "view.md"
    target.mkdir()
    (target / "keep.txt").write_text("keep", encoding="utf-8")
    shown = dialog_export(export_window, qtbot, target, 1, monkeypatch)
    assert len(shown) == 1 and "folder" in shown[0], shown
    assert (target / "keep.txt").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.md"]


# -- settings ------------------------------------------------------------------------------

CORRUPT = {
    "garbage": bytes(range(256)) * 8,
    "wrong types": b"[window]\ngeometry=@ByteArray(\\0\\xff garbage)\nstate=12\n"
                   b"splitter=@Variant(\\0\\0\\0\\x7f)\n[view]\ntheme=purple\ntext_size=99999\n"
                   b"[files]\nrecent=12\n[export]\nfolder=@ByteArray(x)\n",
    "truncated": b"[window]\ngeometry=@ByteArray(\\x1\\xd9\\xd0\\xcb\\0\\x3\\0\\0\\0\\0",
    "utf16": "[view]\ntheme=dark\n".encode("utf-16"),
}


@pytest.mark.parametrize("content", list(CORRUPT), ids=list(CORRUPT))
def test_corrupt_settings_start_with_defaults(qtbot: QtBot, tmp_path: Path, seed_path: Path,
                                              content: str) -> None:
    (tmp_path / "settings.ini").write_bytes(CORRUPT[content])
    window = MainWindow(Settings(tmp_path))
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    window.show()
    qtbot.waitExposed(window)
    assert window.grid.grid_model.rowCount() == 4
    assert 9 <= window.settings.text_size <= 40
    assert window.settings.theme in ("system", "light", "dark")
    window.zoom_text(1)
    window.close()  # writes the settings: they read back clean
    again = Settings(tmp_path)
    assert again.recent_files[0] == str(seed_path.resolve())
    assert again.text_size == window.settings.text_size


def test_settings_that_cannot_be_written(qtbot: QtBot, tmp_path: Path, seed_path: Path) -> None:
    (tmp_path / "settings.ini").mkdir()  # a folder where the file should be
    window = MainWindow(Settings(tmp_path))
    qtbot.addWidget(window)
    window.show_loaded(seed_path, load_file(seed_path))
    window.show()
    window.set_theme("dark")
    window.close()  # nothing to raise: the app quits normally without its settings
    assert (tmp_path / "settings.ini").is_dir()


