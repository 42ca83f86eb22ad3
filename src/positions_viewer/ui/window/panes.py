"""Where each view sits in the window: the timeline above, the grid beside the details
(and, in compare mode, the list of changes above the details), the status line below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from .status import StatusLine

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["lay_out"]


def lay_out(window: MainWindow) -> None:
    """Build the splitters and the central widget; sets ``window.side``, ``window.right``,
    ``window.splitter``, ``window.status`` and its label and progress bar."""
    window.side = QSplitter(Qt.Orientation.Horizontal, window)
    grid_box = QWidget(window)
    grid_layout = QVBoxLayout(grid_box)
    grid_layout.setContentsMargins(0, 0, 0, 0)
    grid_layout.addWidget(window.grid)
    grid_layout.addWidget(window.empty_label)
    window.right = QSplitter(Qt.Orientation.Vertical, window)
    window.right.addWidget(window.changes)
    window.right.addWidget(window.details)
    window.side.addWidget(grid_box)
    window.side.addWidget(window.right)
    window.side.setStretchFactor(0, 3)  # the grid takes what the window gains
    window.side.setStretchFactor(1, 1)
    window.splitter = QSplitter(Qt.Orientation.Vertical, window)
    window.splitter.addWidget(window.timeline)
    window.splitter.addWidget(window.side)
    window.splitter.setStretchFactor(0, 1)
    window.splitter.setStretchFactor(1, 3)
    window.splitter.setChildrenCollapsible(False)
    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in (window.header, window.banner, window.filter_bar):
        layout.addWidget(widget)
    layout.addWidget(window.splitter, 1)
    window.setCentralWidget(central)
    window.status = StatusLine(window.session, window, window.opener.loader)
    window.status_label, window.progress = window.status.label, window.status.progress
    window.setTabOrder(window.filter_bar.reset_button, window.timeline)
    window.setTabOrder(window.timeline, window.grid)
    window.setTabOrder(window.grid, window.details)
