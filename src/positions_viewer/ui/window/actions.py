"""The window's menus, toolbar and shortcuts, and the list F1 shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["build_menus", "shortcuts_text"]

Shortcut = QKeySequence | QKeySequence.StandardKey | list[QKeySequence]
THEMES = (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark"))
TOOLBAR = ("open", "reload", "export", "copy-image", "compare", "present")

# Keys that are not menu actions: the timeline's, the grid's and the presenter's.
OTHER_KEYS = (
    ("Timeline", (("Zoom", "wheel, + / −"), ("Pan", "drag, ← / →"), ("Fit", "0"),
                  ("First / last event", "Home / End"), ("Lanes per actor", "L"),
                  ("Clear the selection", "Esc"), ("Set the dates", "drag along the axis"),
                  ("Edit an event", "double-click it"),
                  ("Add an event there", "right-click"))),
    ("Grid", (("Move between cells", "arrow keys"), ("Copy the cell", "Ctrl+C"),
              ("Edit the cell's statement", "Enter, F2"), ("Add a statement", "Insert"),
              ("Delete the cell's statement", "Delete"))),
    ("Presenter", (("Next step", "→, ↓, Page Down, Space, N"),
                   ("Previous step", "←, ↑, Page Up, Backspace, P"),
                   ("First / last step", "Home / End"),
                   ("Go to step n", "the number, then Enter"), ("Blank the screen", "B"),
                   ("Show / hide the speaker notes", "S"), ("Leave", "Esc"))),
)


def _action(window: MainWindow, menu: QMenu, text: str, slot: Callable[[], object],
            shortcut: Shortcut | None = None, name: str = "") -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, list):
        # The same key twice (F11 is also the platform's full-screen key) would be ambiguous.
        unique = {key.toString(): key for key in shortcut if not key.isEmpty()}
        action.setShortcuts(list(unique.values()))
    elif shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    action.setObjectName(name or text)
    menu.addAction(action)
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    """Menus File, Edit, View, Present and Help, and the toolbar; sets ``window.views_menu``,
    ``window.notes_action`` and ``window.recent_menu``."""
    keys = QKeySequence.StandardKey
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    _action(window, file_menu, "&Open…", lambda: window.opener.open_dialog(window), keys.Open,
            "open")
    window.recent_menu = file_menu.addMenu("Open Recen&t")
    window.recent_menu.aboutToShow.connect(window.fill_recent)
    _action(window, file_menu, "&Reload", window.reload, QKeySequence("Ctrl+R"), "reload")
    _action(window, file_menu, "I&mport…", window.import_dialog, QKeySequence("Ctrl+I"),
            "import")
    file_menu.addSeparator()
    _action(window, file_menu, "&Export…", window.export_dialog, QKeySequence("Ctrl+E"),
            "export")
    _action(window, file_menu, "Copy &Image", window.copy_image, QKeySequence("Ctrl+Shift+C"),
            "copy-image")
    _action(window, file_menu, "&Print…", lambda: _print(window), keys.Print, "print")
    file_menu.addSeparator()
    _action(window, file_menu, "&Quit", window.close,
            [QKeySequence("Ctrl+Q"), *QKeySequence.keyBindings(keys.Quit)], "quit")

    edit_menu = bar.addMenu("&Edit")
    _action(window, edit_menu, "&Copy Cell Text", window.grid.copy_current, keys.Copy, "copy")
    _action(window, edit_menu, "&Find…", window.filter_bar.focus_search, keys.Find, "find")
    _action(window, edit_menu, "&Reset Filters", window.filter_bar.reset,
            QKeySequence("Ctrl+Shift+R"), "reset")

    view_menu = bar.addMenu("&View")
    _action(window, view_menu, "Zoom &In Text", lambda: window.zoom_text(1),
            [QKeySequence(keys.ZoomIn), QKeySequence("Ctrl+=")], "zoom-in")
    _action(window, view_menu, "Zoom &Out Text", lambda: window.zoom_text(-1), keys.ZoomOut,
            "zoom-out")
    _action(window, view_menu, "&Actual Text Size", lambda: window.zoom_text(0),
            QKeySequence("Ctrl+0"), "zoom-reset")
    view_menu.addSeparator()
    compare = _action(window, view_menu, "&Compare Dates", lambda: None,
                      QKeySequence("Ctrl+Shift+D"), "compare")
    compare.setCheckable(True)
    compare.setToolTip("What changed between From (A) and As of (B): each cell with the "
                       "statement before it, and the list of changes")
    compare.toggled.connect(window.session.set_compare_mode)
    window.session.compare_changed.connect(lambda on: compare.setChecked(on))
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu("&Theme")
    group = QActionGroup(window)
    for name, label in THEMES:
        action = QAction(label, window, checkable=True)
        action.setObjectName(f"theme-{name}")
        action.setChecked(name == window.settings.theme)
        action.triggered.connect(lambda _=False, n=name: window.set_theme(n))
        group.addAction(action)
        theme_menu.addAction(action)
    view_menu.addSeparator()
    _action(window, view_menu, "Focus Time&line", lambda: window.timeline.setFocus(),
            QKeySequence("Ctrl+1"), "focus-timeline")
    _action(window, view_menu, "Focus &Grid", lambda: window.grid.setFocus(),
            QKeySequence("Ctrl+2"), "focus-grid")
    _action(window, view_menu, "Focus &Details", lambda: window.details.setFocus(),
            QKeySequence("Ctrl+3"), "focus-details")
    view_menu.addSeparator()
    # A small screen makes room: the header and the details can be hidden (remembered).
    header = _action(window, view_menu, "Show &Header", lambda: None,
                     QKeySequence("Ctrl+Shift+H"), "show-header")
    header.setCheckable(True)
    header.setChecked(window.settings.show_header)
    header.toggled.connect(window.show_header)
    details = _action(window, view_menu, "Show Detail&s", lambda: None,
                      QKeySequence("Ctrl+Shift+L"), "show-details")
    details.setCheckable(True)
    details.setChecked(True)
    details.toggled.connect(window.right.setVisible)
    view_menu.addSeparator()
    # F11 on every platform (Qt's standard key for full screen is empty on most Linux desktops).
    _action(window, view_menu, "&Full Screen", window.toggle_full_screen,
            [QKeySequence("F11"), *QKeySequence.keyBindings(keys.FullScreen)], "full-screen")

    present = bar.addMenu("&Present")
    _action(window, present, "Present from &Start", lambda: window.start_presenting(False),
            QKeySequence("F5"), "present")
    _action(window, present, "Present from &Current View", lambda: window.start_presenting(True),
            QKeySequence("Shift+F5"), "present-current")
    window.notes_action = QAction("Speaker &Notes Window", window, checkable=True)
    window.notes_action.setChecked(len(QGuiApplication.screens()) > 1)
    present.addAction(window.notes_action)
    present.addSeparator()
    window.views_menu = present.addMenu("Saved &Views")
    _action(window, present, "Export &All Steps…", window.export_all_steps, None,
            "export-steps")
    _action(window, present, "Export &Handout…", lambda: _handout(window), None,
            "export-handout")

    help_menu = bar.addMenu("&Help")
    _action(window, help_menu, "&Keyboard Shortcuts", window.show_shortcuts, keys.HelpContents,
            "shortcuts")

    toolbar = QToolBar("Main", window)
    toolbar.setObjectName("main-toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in TOOLBAR:
        found = window.findChild(QAction, name)
        if found is not None:
            toolbar.addAction(found)
    window.addToolBar(toolbar)


def _print(window: MainWindow) -> None:
    from .printing import run_print  # QtPrintSupport loads on the first print, not at start

    run_print(window)


def _handout(window: MainWindow) -> None:
    from .handout import run_export_handout

    run_export_handout(window)


def shortcuts_text(actions: list[QAction]) -> str:
    """Every shortcut, one per line, the keys aligned in a column (the dialog is monospace)."""
    rows: list[tuple[str, str]] = []
    for action in actions:
        named = (k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
        keys = ", ".join(dict.fromkeys(named))  # a key two bindings share is listed once
        if keys:
            rows.append((action.text().replace("&", ""), keys))
    sections = [("Menus", tuple(rows)), *OTHER_KEYS]
    width = max(len(name) for _, entries in sections for name, _ in entries) + 3
    lines: list[str] = []
    for title, entries in sections:
        if lines:
            lines.append("")
        lines.append(title)
        lines += [f"  {name:<{width}}{keys}" for name, keys in entries]
    return "\n".join(lines)
