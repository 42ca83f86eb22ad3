"""A monkey: thousands of random key presses, clicks, double clicks, wheel turns and drags
across the window, filter bar, timeline, grid, details and presenter mode, seeded and
reproducible. Any exception that reaches ``sys.excepthook`` (PySide sends exceptions raised
in Qt virtual methods and slots there) or a critical message to Qt's message handler fails
the test.

Modal dialogs are made to return at once (they would wait for a person), file dialogs
return nothing, and popup menus are closed after a few keys of their own, so the run never
blocks and never writes a file. Reproduce a failure with the seed it prints::

    POSITIONS_MONKEY_SEED=1234 POSITIONS_MONKEY_ACTIONS=5000 \\
        .venv/bin/python -m pytest tests/test_monkey.py -k monkey_across -s
"""

from __future__ import annotations

import faulthandler
import os
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import (
    QEvent,
    QPoint,
    QPointF,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QDesktopServices, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from positions_viewer.model import load_file
from positions_viewer.ui.window.main_window import MainWindow

K = Qt.Key
KEYS = [
    K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down, K.Key_PageUp, K.Key_PageDown, K.Key_Home,
    K.Key_End, K.Key_Space, K.Key_Return, K.Key_Enter, K.Key_Escape, K.Key_Tab, K.Key_Backtab,
    K.Key_Backspace, K.Key_Delete, K.Key_Plus, K.Key_Minus, K.Key_Equal, K.Key_0, K.Key_1,
    K.Key_2, K.Key_3, K.Key_5, K.Key_9, K.Key_A, K.Key_B, K.Key_C, K.Key_E, K.Key_F, K.Key_N,
    K.Key_P, K.Key_R, K.Key_V, K.Key_X, K.Key_Z, K.Key_Period, K.Key_F1, K.Key_F5, K.Key_F11,
    K.Key_Less, K.Key_Slash,
]
MODIFIERS = [Qt.KeyboardModifier.NoModifier] * 6 + [
    Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
]
# Shortcuts the window must survive, pressed on purpose as well as by chance
SHORTCUTS = ["Ctrl+O", "Ctrl+R", "Ctrl+E", "Ctrl+Shift+C", "Ctrl+C", "Ctrl+F", "Ctrl+Shift+R",
             "Ctrl++", "Ctrl+-", "Ctrl+0", "Ctrl+1", "Ctrl+2", "Ctrl+3", "F11", "F5",
             "Shift+F5", "Ctrl+Shift+V", "F1", "Ctrl+Q"]
BUTTONS = [Qt.MouseButton.LeftButton] * 6 + [Qt.MouseButton.RightButton,
                                             Qt.MouseButton.MiddleButton]
# Qt warnings that say nothing about this app (offscreen platform limits)
BENIGN = ("propagateSizeHints", "QWidget::paintEngine: Should no longer be called",
          "QPainter::begin: A paint device can only be painted by one painter at a time",
          "This plugin does not support", "QWindowsWindow", "setGeometry",
          "QFont::setPointSize", "QSystemTrayIcon", "Unable to set geometry")
DEFAULT_ACTIONS = int(os.environ.get("POSITIONS_MONKEY_ACTIONS", "1200"))
HANG_SECONDS = 120


class Problems:
    """What reached ``sys.excepthook`` and Qt's message handler during the run."""

    def __init__(self) -> None:
        self.exceptions: list[str] = []
        self.critical: list[str] = []
        self.warnings: Counter[str] = Counter()
        self._previous_hook = sys.excepthook

    def excepthook(self, kind: type[BaseException], value: BaseException,
                   tb: TracebackType | None) -> None:
        self.exceptions.append("".join(traceback.format_exception(kind, value, tb)))

    def message(self, kind: QtMsgType, _context: object, text: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            self.critical.append(text)
        elif kind == QtMsgType.QtWarningMsg and not any(b in text for b in BENIGN):
            self.warnings[text[:200]] += 1

    def check(self, seed: int, done: int, log: list[str]) -> None:
        where = f"seed {seed}, after {done} actions; last: {log[-8:]}"
        assert not self.exceptions, f"{where}\n" + "\n".join(self.exceptions[:3])
        assert not self.critical, f"{where}\n{self.critical[:5]}"


@pytest.fixture
def problems() -> Iterator[Problems]:
    """Installed in the test body, over pytest-qt's own hook (which also fails a test)."""
    yield Problems()


@contextmanager
def watching(found: Problems) -> Iterator[Problems]:
    previous_hook = sys.excepthook
    sys.excepthook = found.excepthook
    previous = qInstallMessageHandler(found.message)
    try:
        yield found
    finally:
        qInstallMessageHandler(previous)
        sys.excepthook = previous_hook


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Dialogs that wait for a person return at once; nothing opens a file or a browser."""
    asked: list[str] = []

    def record(name: str, value: object) -> object:
        def fake(*_args: object, **_kwargs: object) -> object:
            asked.append(name)
            return value
        return fake

    monkeypatch.setattr(QDialog, "exec", record("dialog", QDialog.DialogCode.Rejected))
    # QPrintDialog has an exec of its own (File ▸ Print, Ctrl+P)
    monkeypatch.setattr(QPrintDialog, "exec", record("print", QDialog.DialogCode.Rejected))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", record("open file", ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", record("save file", ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", record("folder", ""))
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, record(name, QMessageBox.StandardButton.No))
    monkeypatch.setattr(QDesktopServices, "openUrl", record("open url", True))
    return asked


class Monkey:
    def __init__(self, window: MainWindow, rng: random.Random, problems: Problems) -> None:
        self.window = window
        self.rng = rng
        self.problems = problems
        self.log: list[str] = []
        self.counts: Counter[str] = Counter()
        self.reached: Counter[str] = Counter()

    # -- where ---------------------------------------------------------------------------

    def targets(self) -> list[QWidget | None]:
        """A fixed list (the same index means the same place in every run)."""
        w = self.window
        bar = w.filter_bar
        toolbars = [t for t in w.findChildren(QWidget) if t.objectName() == "main-toolbar"]
        return [
            w, w.timeline, w.timeline, w.grid.viewport(), w.grid.viewport(),
            w.grid.horizontalHeader(), w.details.viewport(), w.header, w.banner, bar,
            bar.issues, bar.actors, bar.date_from, bar.date_to, bar.range, bar.search,
            bar.reset_button, w.views_combo, w.menuBar(), w.splitter, w.side, w.statusBar(),
            toolbars[0] if toolbars else None, w.notes,
        ]

    # -- what ----------------------------------------------------------------------------

    def step(self) -> None:
        """One action. Every step draws the same random numbers whatever it does, so a
        seed gives the same sequence of actions even where timing changes their effect."""
        r = [self.rng.random() for _ in range(14)]
        active = QApplication.activeWindow()
        if active is None or not active.isVisible():  # a closed popup kept the activation
            self.reached["window activated again"] += 1
            (self.window.presenter or self.window).activateWindow()
        targets = self.targets()
        target = targets[int(r[1] * len(targets))]
        presenter = self.window.presenter
        if presenter is not None and presenter.isVisible() and r[2] < 0.8:
            target = presenter  # when presenting, most input goes there
        if target is None or not target.isVisible() or target.width() < 1 or target.height() < 1:
            self._do("skip (hidden)", lambda: None)
            return
        name = type(target).__name__
        kind = r[0]

        def at(x: float, y: float) -> QPoint:
            return QPoint(int(x * target.width()), int(y * target.height()))

        if kind < 0.34:
            focus = QApplication.focusWidget()
            receiver = focus if focus is not None and r[3] < 0.6 else target
            key, mod = KEYS[int(r[4] * len(KEYS))], MODIFIERS[int(r[5] * len(MODIFIERS))]
            self._do(f"key {key.name}+{mod.name} on {type(receiver).__name__}",
                     lambda: QTest.keyClick(receiver, key, mod))
        elif kind < 0.40:
            sequence = SHORTCUTS[int(r[4] * len(SHORTCUTS))]
            if sequence == "Ctrl+Q" and r[5] < 0.8:
                sequence = "Ctrl+R"  # quitting is tried, but rarely
            receiver = QApplication.focusWidget() or self.window
            self._do(f"shortcut {sequence}", lambda: QTest.keySequence(receiver, sequence))
        elif kind < 0.64:
            pos, button = at(r[6], r[7]), BUTTONS[int(r[8] * len(BUTTONS))]
            double = r[9] < 0.15
            self._do(f"{'double ' if double else ''}click {button.name} {name} {pos.toTuple()}",
                     lambda: (QTest.mouseDClick if double else QTest.mouseClick)(
                         target, button, Qt.KeyboardModifier.NoModifier, pos))
        elif kind < 0.80:
            pos = at(r[6], r[7])
            delta = [120, -120, 360, -360, 15, -15, 1200][int(r[10] * 7)]
            mod = MODIFIERS[int(r[5] * len(MODIFIERS))]
            self._do(f"wheel {delta} {name} {pos.toTuple()}",
                     lambda: self._wheel(target, pos, delta, mod))
        elif kind < 0.96:
            a, b = at(r[6], r[7]), at(r[11], r[12])
            steps = 1 + int(r[13] * 6)
            self._do(f"drag {name} {a.toTuple()}->{b.toTuple()}",
                     lambda: self._drag(target, a, b, steps))
        else:
            size = (300 + int(r[11] * 1300), 200 + int(r[12] * 800))
            self._do(f"resize {size}", lambda: self.window.resize(*size))

    def _do(self, what: str, action: object) -> None:
        self.log.append(what)
        self.counts[what.split()[0]] += 1
        try:
            action()  # type: ignore[operator]
        except Exception:  # an override called back from this event: PySide raises it here
            self.problems.exceptions.append(f"during {what}:\n{traceback.format_exc()}")

    @staticmethod
    def _wheel(target: QWidget, pos: QPoint, delta: int, mod: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(QPointF(pos), QPointF(target.mapToGlobal(pos)), QPoint(),
                            QPoint(0, delta), Qt.MouseButton.NoButton, mod,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(target, event)

    @staticmethod
    def _drag(target: QWidget, a: QPoint, b: QPoint, steps: int) -> None:
        button = Qt.MouseButton.LeftButton
        QTest.mousePress(target, button, Qt.KeyboardModifier.NoModifier, a)
        for n in range(1, steps + 1):
            p = QPointF(a + (b - a) * n / steps)
            move = QMouseEvent(QEvent.Type.MouseMove, p, QPointF(target.mapToGlobal(p)),
                               Qt.MouseButton.NoButton, button, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(target, move)
        if target.isVisible():
            QTest.mouseRelease(target, button, Qt.KeyboardModifier.NoModifier, b)


def close_popups(rng: random.Random, reached: Counter[str]) -> None:
    """Popup menus run their own event loop: give them a few keys, then close them."""
    for _ in range(3):
        popup = QApplication.activePopupWidget()
        if popup is None:
            return
        reached[f"popup {type(popup).__name__}"] += 1
        if rng.random() < 0.5:
            key = rng.choice([K.Key_Down, K.Key_Up, K.Key_Space, K.Key_Right, K.Key_A])
            QApplication.sendEvent(popup, QKeyEvent(QEvent.Type.KeyPress, key,
                                                    Qt.KeyboardModifier.NoModifier))
        popup.close()


def run_monkey(qtbot: QtBot, path: Path, seed: int, actions: int, problems: Problems,
               tmp_path: Path) -> Monkey:
    window = MainWindow()
    qtbot.addWidget(window)
    window.settings.last_export_dir = str(tmp_path)  # nothing lands in the home folder
    window.details.open_url = lambda _url: True
    window.resize(1280, 800)
    window.show_loaded(path, load_file(path))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    rng = random.Random(seed)
    monkey = Monkey(window, rng, problems)
    popup_timer = QTimer(interval=15)
    popups = random.Random(seed + 1)  # own stream: timer ticks must not shift the monkey's
    popup_timer.timeout.connect(lambda: close_popups(popups, monkey.reached))
    popup_timer.start()
    reached = monkey.reached
    window.resultChanged.connect(lambda _r: reached.update(["filter or reload"]))
    window.timeline.eventSelected.connect(lambda _e: reached.update(["event selected"]))
    window.grid.cellSelected.connect(lambda _i, _a: reached.update(["cell selected"]))
    window.filter_bar.filterChanged.connect(lambda _f: reached.update(["filter bar"]))
    present, stop = window.start_presenting, window.stop_presenting

    def presenting(from_current: bool = False) -> object:
        shown = present(from_current)
        reached.update(["presenter opened" if shown is not None else "nothing to present"])
        return shown

    def stopping() -> None:
        reached.update(["presenter closed"])
        stop()

    window.start_presenting = presenting  # type: ignore[method-assign]
    window.stop_presenting = stopping  # type: ignore[method-assign]
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    started = time.monotonic()
    with watching(problems):
        try:
            for done in range(actions):
                monkey.step()
                QApplication.processEvents()
                if done % 50 == 0:
                    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                    problems.check(seed, done, monkey.log)
                if not window.isVisible():  # Ctrl+Q: the user opens it again
                    window.show()
            qtbot.wait(350)  # the debounced search and reloads still pending
            problems.check(seed, actions, monkey.log)
        finally:
            faulthandler.cancel_dump_traceback_later()
            popup_timer.stop()
            if window.presenter is not None:
                window.stop_presenting()
            for widget in QApplication.topLevelWidgets():
                if widget is not window and widget.isVisible():
                    widget.close()
    elapsed = time.monotonic() - started
    print(f"\nmonkey seed {seed}: {actions} actions in {elapsed:.1f} s: "
          + ", ".join(f"{k} {n}" for k, n in monkey.counts.most_common())
          + "; reached: " + ", ".join(f"{k} {n}" for k, n in monkey.reached.most_common())
          + (f"; Qt warnings: {dict(problems.warnings)}" if problems.warnings else ""))
    return monkey


# -- the tests -----------------------------------------------------------------------------


def test_the_harness_sees_exceptions_in_qt_virtuals(qtbot: QtBot, problems: Problems) -> None:
    """The control, for both ways an exception in an override comes back: raised from the
    call that sent the event, or handed to ``sys.excepthook`` by the event loop; and
    pytest-qt's own capture (which fails any test) sees the second kind too."""

    class Faulty(QWidget):
        def keyPressEvent(self, event: QKeyEvent) -> None:
            raise RuntimeError("key boom")

        def paintEvent(self, event: object) -> None:
            raise RuntimeError("paint boom")

    widget = Faulty()
    qtbot.addWidget(widget)
    monkey = Monkey(MainWindow.__new__(MainWindow), random.Random(1), problems)
    with watching(problems):
        monkey._do("key A", lambda: QTest.keyClick(widget, K.Key_A))
        widget.show()
        qtbot.waitExposed(widget)
        widget.update()
        QApplication.processEvents()
        widget.hide()
    assert "RuntimeError" in problems.exceptions[0] and "key boom" in problems.exceptions[0]
    assert any("paint boom" in e for e in problems.exceptions[1:])
    with qtbot.capture_exceptions() as captured:
        widget.show()
        widget.repaint()
        QApplication.processEvents()
        widget.hide()
    assert captured and "paint boom" in str(captured[0][1])


@pytest.mark.parametrize("seed", [int(os.environ.get("POSITIONS_MONKEY_SEED", "20251226"))])
def test_monkey_across_the_window(qtbot: QtBot, seed_path: Path, seed: int, problems: Problems,
                                  no_waiting: list[str], tmp_path: Path) -> None:
    monkey = run_monkey(qtbot, seed_path, seed, DEFAULT_ACTIONS, problems, tmp_path)
    # the run did reach every kind of input
    assert {"key", "shortcut", "click", "wheel", "drag"} <= set(monkey.counts)
    assert list(tmp_path.iterdir()) == []  # no file written anywhere by chance


def test_monkey_on_a_file_without_views(qtbot: QtBot, write_toml: object, problems: Problems,
                                        no_waiting: list[str], tmp_path: Path) -> None:
    """Presenter steps through events, an approximate-date timeline, one actor."""
    events = "\n".join(
        f'[[events]]\ndate = "{2000 + n % 20}"\ntitle = "Event {n}"\nissues = ["i{n % 3}"]\n'
        for n in range(40))
    path = write_toml(  # type: ignore[operator]
        'schema = 1\ntitle = "No views"\n[[actors]]\nid = "a"\nname = "A"\n'
        + "".join(f'[[issues]]\nid = "i{n}"\ntitle = "I{n}"\n' for n in range(3))
        + '[[positions]]\nactor = "a"\nissue = "i0"\ntext = "t"\ndate = "2005"\n' + events)
    run_monkey(qtbot, path, 7, DEFAULT_ACTIONS // 3, problems, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(5))
def test_long_monkey(qtbot: QtBot, seed_path: Path, problems: Problems, no_waiting: list[str],
                     tmp_path: Path, seed: int) -> None:
    run_monkey(qtbot, seed_path, seed, 5000, problems, tmp_path)


@pytest.mark.slow
def test_long_monkey_on_hostile_data(qtbot: QtBot, problems: Problems, no_waiting: list[str],
                                     tmp_path: Path) -> None:
    from .datagen import to_toml
    from .test_hostile import hostile_strings, markup_spec

    path = tmp_path / "hostile.toml"
    path.write_bytes(to_toml(markup_spec(hostile_strings(tmp_path))))
    run_monkey(qtbot, path, 99, 5000, problems, tmp_path)
