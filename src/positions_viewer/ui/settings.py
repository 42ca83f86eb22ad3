"""Everything the app remembers, in one place, with typed defaults.

Stored as an INI file in the user's configuration folder; ``POSITIONS_VIEWER_CONFIG_DIR``
points it elsewhere (tests use a temporary folder). A value of the wrong type, or a file
that cannot be parsed, falls back to the default: a corrupt settings file never stops the app.

The file is looked at before Qt opens it (DESIGN §1, "Only regular files"): one that is not
a regular file (a FIFO would block start-up for ever, ``/dev/zero`` never ends), cannot be
read, or is far too large for settings is left alone; the app starts with the defaults,
keeps this session's settings in memory, and ``problem`` says why (the window shows it in
the status bar).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from ..limits import DEFAULT_TEXT_PX
from ..model.files import FileProblem, read_regular_file

__all__ = ["MAX_RECENT", "MAX_SETTINGS_BYTES", "Settings", "config_dir"]

MAX_RECENT = 10
MAX_SETTINGS_BYTES = 1 << 20  # geometry, ten recent files and a few words take a few KB
THEMES = ("system", "light", "dark")


def config_dir() -> Path:
    override = os.environ.get("POSITIONS_VIEWER_CONFIG_DIR")
    if override:
        return Path(override)
    location = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.GenericConfigLocation
    )
    return Path(location or Path.home() / ".config") / "positions-viewer"


def _check(path: Path) -> tuple[str, bool]:
    """Why the settings file cannot be trusted ("" when it can, or is missing: first start),
    and whether Qt may open it (not a FIFO, a device, a folder, a loop, unreadable, huge)."""
    try:
        data = read_regular_file(path, MAX_SETTINGS_BYTES, noun="settings file")
    except FileProblem as exc:
        if exc.errno == errno.ENOENT:
            return "", True
        return (f"{path}: {exc}; the defaults are used and this session's settings are not "
                "saved to it"), False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return (f"{path} is damaged (not text); defaults are used, a copy is kept as "
                ".damaged"), True
    if b"\x00" in data:
        return f"{path} is damaged (NUL bytes); defaults are used, a copy is kept as .damaged", True
    return "", True


class _Memory:
    """Settings kept for this session only (the file on disk is not one Qt may open)."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def value(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def setValue(self, key: str, value: Any) -> None:  # QSettings' name
        self._values[key] = value

    def status(self) -> QSettings.Status:
        return QSettings.Status.AccessError

    def sync(self) -> None:
        pass


class Settings:
    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or config_dir()) / "settings.ini"
        self.problem, usable = _check(self.path)
        self._store: QSettings | _Memory
        if not usable:
            self._store = _Memory()
            return
        if self.problem:
            # Keep the damaged file for whoever wants to look at it: the app rewrites
            # settings.ini with good values on quit.
            with contextlib.suppress(OSError):
                shutil.copyfile(self.path, self.path.with_suffix(".ini.damaged"))
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    @property
    def ok(self) -> bool:
        """False when the file was damaged or unreadable (defaults are used instead)."""
        return not self.problem and self._store.status() == QSettings.Status.NoError

    def sync(self) -> None:
        """Write the settings (Qt reads the file again first: not if it became a FIFO or a
        device meanwhile, which would block the quit)."""
        try:
            mode = os.stat(self.path).st_mode
        except OSError:
            mode = stat.S_IFREG  # missing (written anew) or unreachable (Qt says so)
        if stat.S_ISREG(mode):
            self._store.sync()

    # -- typed access ----------------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _str(self, key: str, default: str) -> str:
        value = self._store.value(key, default)
        return value if isinstance(value, str) else default

    def _int(self, key: str, default: int, low: int, high: int) -> int:
        value: object = self._store.value(key, default)
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            return default
        return min(high, max(low, number))

    # -- values ----------------------------------------------------------------------

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._store.setValue("window/splitter", value)

    def splitter_state(self, name: str) -> QByteArray | None:
        """The saved sizes of the window's splitter called ``name`` ("views", "side")."""
        return self._bytes(f"window/splitter-{name}")

    def set_splitter_state(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"window/splitter-{name}", value)

    @property
    def show_header(self) -> bool:
        """Whether the window shows the dataset's title, description and as-of line."""
        return self._str("view/header", "true") != "false"

    @show_header.setter
    def show_header(self, value: bool) -> None:
        self._store.setValue("view/header", "true" if value else "false")

    @property
    def export_theme(self) -> str:
        """The theme exports and copied images are drawn in (their own, not the window's:
        light unless chosen otherwise in the Export dialog)."""
        value = self._str("export/theme", "light")
        return value if value in ("light", "dark") else "light"

    @export_theme.setter
    def export_theme(self, value: str) -> None:
        self._store.setValue("export/theme", value if value in ("light", "dark") else "light")

    @property
    def theme(self) -> str:
        value = self._str("view/theme", "system")
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._store.setValue("view/theme", value if value in THEMES else "system")

    @property
    def text_size(self) -> int:
        """Body text size in pixels (text zoom)."""
        return self._int("view/text_size", DEFAULT_TEXT_PX, 9, 40)

    @text_size.setter
    def text_size(self, value: int) -> None:
        self._store.setValue("view/text_size", int(value))

    @property
    def recent_files(self) -> list[str]:
        value = self._store.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [v for v in value if isinstance(v, str) and v][:MAX_RECENT]

    def add_recent(self, path: Path) -> None:
        try:
            entry = str(path.resolve())
        except (OSError, RuntimeError):  # a symbolic link loop (RuntimeError before 3.13)
            entry = os.path.abspath(path)
        recent = [entry] + [p for p in self.recent_files if p != entry]
        self._store.setValue("files/recent", recent[:MAX_RECENT])

    @property
    def last_export_dir(self) -> str:
        return self._str("export/folder", "")

    @last_export_dir.setter
    def last_export_dir(self, value: str) -> None:
        self._store.setValue("export/folder", value)
