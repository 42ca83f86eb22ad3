"""Hostile data in the window: markup, links, bidi, combining marks, emoji, 1 MB strings,
empty and blank strings in every string field. Everything is shown literally, no frame takes
a second, and no file is read: a file trap (Linux inotify, so Qt's own C++ image loaders are
seen too) watches the folder the ``<img src=…>`` strings point at.
"""

from __future__ import annotations

import csv
import ctypes
import io
import os
import struct
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from positions_viewer.export.escape import clean_text, md_escape
from positions_viewer.export.formats import ExportOptions
from positions_viewer.export.jobs import plan_filters, write_plan
from positions_viewer.model import DatasetIndex, Filter, load_file
from positions_viewer.model.text import clip_text
from positions_viewer.ui.filters.checklist import ITEM_CHARS
from positions_viewer.ui.presenter.window import NotesWindow, PresenterWindow
from positions_viewer.ui.render import image as _png_writer  # noqa: F401  (registers .png)
from positions_viewer.ui.window.main_window import MainWindow
from positions_viewer.ui.window.parts import TITLE_CHARS

from .datagen import to_toml

FRAME_SECONDS = 1.0
MB = 1 << 20
# a 1×1 PNG: what a rich-text renderer would load for <img src=…>
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d7"
    "63f8cfc000000301010018dd8db00000000049454e44ae426082")


# -- the file trap -------------------------------------------------------------------------

_IN_ACCESS, _IN_OPEN = 0x1, 0x20
_PYTHON_OPENS: list[str] = []
_WATCHED: list[str] = []


def _audit(name: str, args: tuple[object, ...]) -> None:
    if name == "open" and _WATCHED and args and isinstance(args[0], (str, bytes, Path)):
        opened = os.fsdecode(args[0]) if not isinstance(args[0], Path) else str(args[0])
        if any(folder in opened for folder in _WATCHED):
            _PYTHON_OPENS.append(opened)


sys.addaudithook(_audit)  # hooks cannot be removed: it records only while a trap is armed


class FileTrap:
    """Every open or read of a file in ``folder`` by this process, C++ included."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        libc = ctypes.CDLL(None, use_errno=True)
        self._fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0 or libc.inotify_add_watch(
                self._fd, os.fsencode(folder), _IN_ACCESS | _IN_OPEN) < 0:
            raise OSError(ctypes.get_errno(), "inotify is not available")
        _WATCHED.append(str(folder))

    def events(self) -> list[str]:
        seen = [f"python open {p}" for p in _PYTHON_OPENS]
        while True:
            try:
                buffer = os.read(self._fd, 65536)
            except BlockingIOError:
                return seen
            at = 0
            while at < len(buffer):
                _wd, mask, _cookie, size = struct.unpack_from("iIII", buffer, at)
                name = buffer[at + 16: at + 16 + size].rstrip(b"\0").decode()
                seen.append(f"{'open' if mask & _IN_OPEN else 'read'} {name}")
                at += 16 + size

    def close(self) -> None:
        _WATCHED.remove(str(self.folder))
        _PYTHON_OPENS.clear()
        os.close(self._fd)


@pytest.fixture
def trap(tmp_path: Path) -> Iterator[FileTrap]:
    if not sys.platform.startswith("linux"):
        pytest.skip("the file trap uses Linux inotify")
    folder = tmp_path / "trap"
    folder.mkdir()
    (folder / "secret.png").write_bytes(PNG)
    (folder / "page.html").write_text("<b>secret</b>", encoding="utf-8")
    watch = FileTrap(folder)
    yield watch
    watch.close()


def test_the_trap_sees_a_label_that_renders_markup(qtbot: QtBot, trap: FileTrap) -> None:
    """The control: a label left to guess the format loads the image, and the trap says so."""
    guessing = QLabel(f'<img src="{trap.folder / "secret.png"}">')
    qtbot.addWidget(guessing)
    guessing.show()
    guessing.grab()
    assert any("secret.png" in e for e in trap.events())


# -- the hostile strings -------------------------------------------------------------------


def hostile_strings(trap: Path) -> list[str]:
    secret = trap / "secret.png"
    return [
        "<table><tr><td>" * 40 + "cell" + "</td></tr></table>" * 40,
        f'<img src="{secret}"><img src="file://{secret}"> picture',
        f'<a href="file://{trap / "page.html"}">open me</a> <a href="https://example.org">web</a>',
        "<b>bold</b> <i>it</i> <style>*{font-size:90px}</style> &amp; &lt;x&gt; <!-- hidden -->",
        "\u202eexe.evil\u202c שלום עולם مرحبا بالعالم \u200f!",
        "Z" + "\u0336\u0301\u0327\u0338" * 60 + " a\u0300e\u0301",
        "👩‍👩‍👧‍👦 🇫🇷🇷🇺 🏳️‍🌈 😀 " * 4,
        "tab\tnew\nline\r\nnul\x00 bell\x07 \u2028separator\u00a0nbsp",
    ]


BLANKS = ["", " ", "\t\n  ", "\u3000"]


def markup_spec(strings: list[str]) -> dict[str, object]:
    """Every string field of every entry holds a hostile string; optional ones also blanks."""
    n = len(strings)

    def s(k: int) -> str:
        return strings[k % n]

    def optional(k: int) -> str:
        return BLANKS[k % len(BLANKS)] if k % 3 == 0 else s(k)

    return {
        "schema": 1, "title": s(1), "description": s(3), "as_of": "2025-12",
        "actors": [{"id": f"a{k}", "name": s(k), "detail": optional(k + 1)} for k in range(n)],
        "issues": [{"id": f"i{k}", "title": s(k), "description": optional(k + 2)}
                   for k in range(n)],
        "sources": [{"id": f"s{k}", "title": s(k), "url": "https://example.org/x"}
                    for k in range(n)],
        "events": [{"id": f"e{k}", "date": f"2024-{k + 1:02d}", "title": s(k),
                    "detail": optional(k + 3), "actors": [f"a{k}"], "issues": [f"i{k}"],
                    "sources": [f"s{k}"]} for k in range(n)],
        "positions": [{"actor": f"a{a}", "issue": f"i{i}", "text": s(a + i),
                       "stance": optional(a * i), "date": f"2024-{max(a, i) + 1:02d}",
                       "sources": [f"s{a}"]}
                      for i in range(n) for a in range(n)],
        "views": [{"id": f"v{k}", "title": s(k), "notes": optional(k), "issues": [f"i{k}"]}
                  for k in range(n)],
    }


def huge_spec() -> dict[str, object]:
    """Every string field 1 MB: words, one unbroken run, markup, combining marks."""
    kinds = ["word " * (MB // 5), "x" * MB, "<b>é</b>" * (MB // 10), "e\u0301" * (MB // 3)]

    def s(k: int) -> str:
        return kinds[k % len(kinds)]

    return {
        "schema": 1, "title": s(0), "description": s(1),
        "actors": [{"id": f"a{k}", "name": s(k), "detail": s(k + 1)} for k in range(2)],
        "issues": [{"id": f"i{k}", "title": s(k + 2), "description": s(k)} for k in range(2)],
        "sources": [{"id": "s", "title": s(3), "url": "https://example.org/"}],
        "events": [{"id": f"e{k}", "date": f"2024-0{k + 1}-01", "title": s(k), "detail": s(k + 1),
                    "actors": [f"a{k}"], "issues": [f"i{k}"], "sources": ["s"]}
                   for k in range(2)],
        "positions": [{"actor": f"a{k % 2}", "issue": f"i{k // 2}", "text": s(k),
                       "stance": s(k + 1), "date": f"2024-0{k + 1}", "sources": ["s"]}
                      for k in range(3)],
        "views": [{"id": "v", "title": s(2), "notes": s(3)}],
    }


# -- driving the window, one timed frame at a time -------------------------------------


class Frames:
    """Runs actions and the repaint they cause, failing on any that takes a second.

    A frame's cost is the CPU time this process spends on it: the suite shares two cores
    with other work, and wall time would measure the neighbours."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.count = 0
        self.slowest = (0.0, "")

    def __call__(self, what: str, action: Callable[[], object] = lambda: None) -> None:
        started = time.process_time()
        action()
        QApplication.processEvents()
        # what the event loop does between events (processEvents alone leaves them queued)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        target = QApplication.activeWindow() or self.window
        target.grab() if target.isVisible() else self.window.grab()
        elapsed = time.process_time() - started
        self.count += 1
        self.slowest = max(self.slowest, (elapsed, what))
        if os.environ.get("POSITIONS_FRAMES"):
            print(f"frame {elapsed * 1000:6.0f} ms  {what}")
        assert elapsed < FRAME_SECONDS, f"{what}: a frame took {elapsed:.2f} s of CPU"


def open_window(qtbot: QtBot, path: Path) -> tuple[MainWindow, Frames, list[str]]:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    opened: list[str] = []
    window.details.open_url = lambda url: bool(opened.append(url.toString()))
    result = load_file(path)
    assert result.ok, [str(d) for d in result.diagnostics]
    frames = Frames(window)
    frames("open", lambda: window.show_loaded(path, result))
    window.show()
    qtbot.waitExposed(window)
    frames("first paint")
    return window, frames, opened


def tooltip_at(widget: QWidget, pos: QPoint) -> str:
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos)))
    return QToolTip.text()


def exercise(window: MainWindow, frames: Frames, qtbot: QtBot) -> list[str]:
    """Every view of every entry: cells, events, tooltips, filters, presenter; the tooltips."""
    dataset = window.dataset
    assert dataset is not None
    model = window.grid.grid_model
    columns = model.columnCount()
    for row in range(model.rowCount()):  # every row's issue, and a different actor in each
        for column in (0, 1 + row % (columns - 1)):
            frames(f"cell {row},{column}",
                   lambda r=row, c=column: window.grid.select_cell(r, c))  # type: ignore[misc]
    for number in range(len(dataset.events)):
        frames(f"event {number}",
               lambda n=number: window.timeline.eventSelected.emit(n))  # type: ignore[misc]
    tips: list[str] = []
    hit = window.timeline.hit_map()
    assert hit is not None
    for _bounds, mark, _row in hit.items:
        frames("tooltip", lambda m=mark: tips.append(  # type: ignore[misc]
            tooltip_at(window.timeline, m.center().toPoint())))
    QToolTip.hideText()
    bar = window.filter_bar
    for word in ("<img", "שלום"):
        frames(f"search {word!r}", lambda w=word: bar.set_filter(  # type: ignore[misc]
            bar.current_filter.with_changes(text=w)))
    frames("reset", bar.reset)
    for number in range(min(3, len(dataset.views))):
        frames(f"view {number}", lambda n=number: window.apply_view(n))  # type: ignore[misc]
    frames("reset", bar.reset)
    frames("zoom text", lambda: window.zoom_text(3))
    frames("dark", lambda: window.set_theme("dark"))
    window.notes_action.setChecked(True)
    presenter: list[PresenterWindow | None] = [None]
    frames("present", lambda: presenter.__setitem__(0, window.start_presenting()))
    shown = presenter[0]
    assert shown is not None
    qtbot.waitExposed(shown)
    for _ in range(len(shown.steps) + 1):
        frames("next step", lambda: qtbot.keyClick(shown, Qt.Key.Key_Right))
    frames("blank", lambda: qtbot.keyClick(shown, Qt.Key.Key_B))
    frames("first step", lambda: qtbot.keyClick(shown, Qt.Key.Key_Home))
    assert window.notes is not None
    notes = window.notes
    tips += [label.text() for label in notes.findChildren(QLabel)]
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in notes.findChildren(QLabel))
    frames("leave", lambda: qtbot.keyClick(shown, Qt.Key.Key_Escape))
    assert window.presenter is None
    return tips


def assert_plain_everywhere(window: MainWindow, strings: list[str]) -> None:
    for label in window.findChildren(QLabel):
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()[:80]
    for widget in window.findChildren(QWidget):
        tip = widget.toolTip()
        assert not any(s.strip() and s[:40] in tip for s in strings), (widget, tip[:80])


# -- the tests -----------------------------------------------------------------------------


def test_markup_in_every_field_is_shown_literally_and_reads_no_file(
    qtbot: QtBot, tmp_path: Path, trap: FileTrap
) -> None:
    strings = hostile_strings(trap.folder)
    spec = markup_spec(strings)
    path = tmp_path / "hostile.toml"
    path.write_bytes(to_toml(spec))
    window, frames, opened = open_window(qtbot, path)
    dataset = window.dataset
    assert dataset is not None

    # the strings as they are, in every widget that shows them
    assert window.header.title.text() == spec["title"]
    assert window.header.description.text() == spec["description"]
    assert window.windowTitle().startswith(str(spec["title"])[:100])
    issues_list, actors_list = window.filter_bar.issues.list, window.filter_bar.actors.list
    # long labels are cut with "…" (lists and menus measure every entry): the start is literal
    assert [issues_list.item(r).text() for r in range(issues_list.count())] == \
        [clip_text(i.title, ITEM_CHARS) for i in dataset.issues]
    assert [i.title for i in dataset.issues] == [i["title"] for i in spec["issues"]]  # type: ignore[index]
    assert [actors_list.item(r).text() for r in range(actors_list.count())] == \
        [clip_text(a.name, ITEM_CHARS) for a in dataset.actors]
    combo = window.views_combo
    assert [combo.itemText(r) for r in range(1, combo.count())] == \
        [clip_text(v.title, 300) for v in dataset.views]
    model = window.grid.grid_model
    for row in range(model.rowCount()):
        for column in range(1, model.columnCount()):
            cell = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            issue, actor = int(dataset.issues.index(dataset.issues[row])), column - 1
            assert cell == next(p.text for p in reversed(dataset.positions)
                                if p.issue == issue and p.actor == actor)
    window.grid.select_cell(2, 3)
    details = window.details.text()
    position = next(p for p in dataset.positions if p.issue == 2 and p.actor == 2)
    assert position.text in details and dataset.issues[2].title in details

    tips = exercise(window, frames, qtbot)
    for event_number, tip in enumerate(tips[: len(dataset.events)]):
        # the tooltip is HTML made from plain text: what it renders is the title itself
        rendered = QTextDocumentFragment.fromHtml(tip).toPlainText()
        title = dataset.events[event_number].title
        assert " ".join(title.split())[:30] in " ".join(rendered.split()), (title, tip)
        assert "<img" not in tip and "<a " not in tip

    assert_plain_everywhere(window, strings)
    out = tmp_path / "out"
    out.mkdir()
    index = DatasetIndex(dataset)
    for fmt, view in (("md", "grid"), ("csv", "grid"), ("csv", "timeline"), ("png", "both")):
        target = out / f"{view}.{fmt}"
        frames(f"export {fmt}", lambda t=target, f=fmt, v=view: write_plan(  # type: ignore[misc]
            plan_filters(t, f, Filter()), index, ExportOptions(v, 1, 1280, "light")))
    csv_rows = list(csv.reader(io.StringIO((out / "grid.csv").read_bytes().decode(),
                                           newline="")))
    # control characters (NUL, BEL) are written as U+FFFD (issue 12.5, on purpose)
    assert {row[-1] for row in csv_rows[1:]} == {clean_text(p.text) for p in dataset.positions}
    markdown = (out / "grid.md").read_text(encoding="utf-8")
    assert all(md_escape(p.text) in markdown for p in dataset.positions)
    assert (out / "both.png").read_bytes().startswith(b"\x89PNG")

    assert trap.events() == [], "a data string made the app read a file"
    assert opened == [], "a link opened without a click"


def test_one_megabyte_in_every_field_stays_responsive(
    qtbot: QtBot, tmp_path: Path, trap: FileTrap
) -> None:
    path = tmp_path / "huge.toml"
    path.write_bytes(to_toml(huge_spec()))
    started = time.perf_counter()
    window, frames, _opened = open_window(qtbot, path)
    assert time.perf_counter() - started < 10
    exercise(window, frames, qtbot)
    title = str(huge_spec()["title"])
    assert window.header.title.text() == clip_text(title, TITLE_CHARS) == title[:299] + "…"
    assert_plain_everywhere(window, [])
    index = window.index
    assert index is not None
    for fmt in ("md", "csv"):
        frames(f"export {fmt}", lambda f=fmt: write_plan(  # type: ignore[misc]
            plan_filters(tmp_path / f"out.{f}", f, Filter()), index,
            ExportOptions("grid", 1, 1280, "light")))
    frames("export png", lambda: write_plan(plan_filters(tmp_path / "out.png", "png", Filter()),
                                            index, ExportOptions("both", 1, 1280, "light")))
    assert trap.events() == []


def test_notes_window_shows_notes_literally(qtbot: QtBot, trap: FileTrap) -> None:
    from positions_viewer.model.story import Step

    strings = hostile_strings(trap.folder)
    notes = NotesWindow()
    qtbot.addWidget(notes)
    steps = [Step(title=s, grid_filter=Filter(), timeline_filter=Filter(), notes=s)
             for s in strings]
    notes.show()
    for number in range(len(steps)):
        notes.show_step(steps, number)
        notes.grab()
        assert notes.title.text() == strings[number]
        assert notes.notes.text() == strings[number]
    assert trap.events() == []
