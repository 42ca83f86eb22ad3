"""The status bar's load indicator: what is read of how much, and a Cancel button.

Shown at once for a file the user opened; for a reload after a save, only when it lasts
(:data:`REVEAL_MS`), so saving a small file does not flash it. Cancel (or Esc while it shows)
stops the load; the window keeps what it shows and says so (``loading.failure_text``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from .loading import BackgroundLoader, Loaded, Progress, progress_text

__all__ = ["REVEAL_MS", "LoadProgress"]

REVEAL_MS = 400
STEPS = 1000  # the bar's resolution (bytes do not fit a 32-bit range past 2 GB)


class LoadProgress(QWidget):
    def __init__(self, loader: BackgroundLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Loading")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(140)
        self.bar.setAccessibleName("Bytes read")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop loading and keep what is shown (Esc)")
        self.cancel_button.setAccessibleName("Cancel loading")
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._loader = loader
        self._reveal = QTimer(self, singleShot=True, interval=REVEAL_MS)
        self._reveal.timeout.connect(self.show)
        self.cancel_button.clicked.connect(loader.cancel)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self._escape.setEnabled(False)
        self._escape.activated.connect(loader.cancel)
        loader.progressed.connect(self._progressed)
        loader.finished.connect(self._finished)
        self.last: Progress | None = None
        self.hide()

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        self._escape.setEnabled(visible)  # Esc belongs to the rest of the window otherwise

    def _progressed(self, progress: Progress) -> None:
        first = self.last is None or progress.path != self.last.path
        self.last = progress
        self.label.setText(progress_text(progress))
        if progress.checking or not progress.total:
            self.bar.setRange(0, 0)  # busy: the parse says nothing of how far it is
        else:
            self.bar.setRange(0, STEPS)
            self.bar.setValue(round(STEPS * progress.read / progress.total))
        if progress.asked:
            self._reveal.stop()
            self.show()
        elif first and not self.isVisible() and not self._reveal.isActive():
            self._reveal.start()

    def _finished(self, _loaded: Loaded) -> None:
        if self._loader.loading is None:
            self._reveal.stop()
            self.last = None
            self.hide()
