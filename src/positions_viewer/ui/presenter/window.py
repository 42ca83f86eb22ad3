"""Presenter mode (DESIGN §4): full screen, large type, stepping through the story.

Each step is drawn by the page renderer (the same as export) into a pixmap the size of the
screen; a key press switches pixmaps at once, with a short cross-fade that never holds a key
back. A second window shows the speaker notes, the next step and the elapsed time.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QElapsedTimer, QPointF, QRectF, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...cache import BoundedCache
from ...model import DatasetIndex, QueryResult
from ...model.story import Step
from ...model.text import clip_text
from ..labels import LABEL_CHARS, plain_label
from ..render.page import PageLayout, PageSpec, layout_page, paint_page
from ..render.text_layout import theme_font
from ..theme import Theme, presenter_theme

__all__ = ["NEXT_KEYS", "PREVIOUS_KEYS", "NotesWindow", "PresenterWindow", "fitting_size",
           "render_step", "step_sizes"]

K = Qt.Key
NEXT_KEYS = frozenset({K.Key_Right, K.Key_Down, K.Key_PageDown, K.Key_Space, K.Key_N})
PREVIOUS_KEYS = frozenset({K.Key_Left, K.Key_Up, K.Key_PageUp, K.Key_Backspace, K.Key_P})
OTHER_KEYS = frozenset({K.Key_Home, K.Key_End, K.Key_B, K.Key_Period, K.Key_Escape,
                        K.Key_Return, K.Key_Enter, K.Key_S})
FADE_MS = 140
HINT_MS = 6000  # how long the key hints show at the start: then the audience sees only slides
SHARED_SIZE_STEPS = 40  # up to this many steps are sized together (else each on its own)
MIN_PRESENTER_PX = 16  # below this the back of the room cannot read it: scale instead
# Type as large as fits (issue 13 item 3): up to this many times the presenter theme's size
# (1080 px high: 30 px body text, so at most 75 px), and steps differ by at most SIZE_RATIO
# unless a step would then fill less than FILL of the screen.
MAX_GROWTH = 2.5
SIZE_RATIO = 1.25
FILL = 0.8  # a page laid out at 0.8 of the size that fills the height fills ~75% or more


@dataclass(frozen=True, slots=True)
class _StepPage:
    """What a step's pages are laid out from, queried once however often it is measured."""

    step: Step
    index: DatasetIndex
    colors: tuple[str, ...]
    theme: Theme
    grid: QueryResult
    timeline: QueryResult
    changed: frozenset[tuple[int, int]]

    @classmethod
    def of(cls, step: Step, index: DatasetIndex, colors: tuple[str, ...],
           theme: Theme) -> _StepPage:
        grid, timeline = step.results(index)
        return cls(step, index, colors, theme, grid, timeline, step.changed_cells(grid))

    def layout(self, size: int, width: int) -> PageLayout:
        spec = PageSpec(view="both", width=width, theme=self.theme.scaled(size),
                        colors=self.colors, title=self.step.title, caption=True,
                        highlight_event=self.step.event,
                        highlight_cells=self.changed if self.step.event is not None else None,
                        max_text_lines=20,  # nothing cut: the size shrinks until it fits
                        compare=self.step.view is not None
                        and self.step.grid_filter.date_from is not None)
        return layout_page(self.grid, self.index, spec, self.timeline)


def _room(theme: Theme, height: int) -> float:
    """The height a page may take: the screen less the step counter's strip."""
    return height - theme.px(2.2)


def fitting_size(step: Step, index: DatasetIndex, colors: tuple[str, ...], theme: Theme,
                 width: int, height: int, ceiling: int | None = None) -> int | None:
    """The largest type size, from ``ceiling`` (the theme's) down to ``MIN_PRESENTER_PX``,
    at which the whole step fits the screen; ``None`` when it does not fit even at the
    smallest. Two layouts when the ceiling fits or nothing does, a binary search else."""
    return _fitting_size(_StepPage.of(step, index, colors, theme), width, height, ceiling)


def _fitting_size(page: _StepPage, width: int, height: int,
                  ceiling: int | None = None) -> int | None:
    room = _room(page.theme, height)
    high = max(MIN_PRESENTER_PX, page.theme.font_px if ceiling is None else ceiling)
    if page.layout(high, width).height <= room:
        return high
    low = MIN_PRESENTER_PX
    if page.layout(low, width).height > room:
        return None
    # Binary search: text re-wraps as it shrinks, so heights are not linear in the size.
    while high - low > 1:
        middle = (low + high) // 2
        if page.layout(middle, width).height <= room:
            low = middle
        else:
            high = middle
    return low


def _placement(page: _StepPage, width: int, height: int,
               size: float) -> tuple[PageLayout, float]:
    """The layout and scale that draw ``page`` with type ``size`` px on screen: under the
    smallest size, the page is laid out at that size on a wider page and scaled down to the
    screen's width (it wraps less, so it fits)."""
    px = max(MIN_PRESENTER_PX, int(size))
    layout_width = round(width * px / size)
    layout = page.layout(px, layout_width)
    return layout, min(width / layout_width, _room(page.theme, height) / max(1.0, layout.height))


def _on_screen_size(page: _StepPage, width: int, height: int, ceiling: int | None) -> float:
    """The largest type size, on screen, at which ``page`` fits: a whole size from
    ``ceiling`` (by default :data:`MAX_GROWTH` times the theme's) down to the smallest, else
    the smallest scaled by the narrowest widening that fits (laid out up to 2.5 times as
    wide)."""
    if ceiling is None:
        ceiling = round(page.theme.font_px * MAX_GROWTH)
    fits = _fitting_size(page, width, height, ceiling)
    if fits is not None:
        return float(fits)
    room = _room(page.theme, height)
    narrow, wide = width, width * 5 // 2
    best = page.layout(MIN_PRESENTER_PX, wide)
    scale = min(width / wide, room / max(1.0, best.height))
    if best.height * width / wide <= room:
        while wide - narrow > 16:
            middle = (narrow + wide) // 2
            if page.layout(MIN_PRESENTER_PX, middle).height * width / middle <= room:
                wide = middle
            else:
                narrow = middle
        scale = width / wide
    return MIN_PRESENTER_PX * scale


def render_step(step: Step, index: DatasetIndex, colors: tuple[str, ...], theme: Theme,
                width: int, height: int, size: float | None = None) -> QImage:
    """One step filling ``width``×``height`` with type ``size`` px on screen (by default
    the largest at which it fits). A page too tall at the smallest size is laid out wider,
    where it wraps less, and scaled down to the screen's width: no empty side margins."""
    page = _StepPage.of(step, index, colors, theme)
    if size is None:
        size = _on_screen_size(page, width, height, None)
    layout, fit = _placement(page, width, height, size)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if fit < 1.0:
        painter.translate((width - layout.spec.width * fit) / 2, 0)
        painter.scale(fit, fit)
    paint_page(painter, QPointF(0, 0), layout)
    painter.end()
    return image


def step_sizes(steps: list[Step], index: DatasetIndex, colors: tuple[str, ...],
               theme: Theme, width: int, height: int) -> list[float]:
    """The on-screen type size of each step: the largest at which it fits, brought within
    :data:`SIZE_RATIO` of the smallest step's so the type does not jump between slides,
    but never below :data:`FILL` of its own (a short step still fills the room)."""
    fits = [_on_screen_size(_StepPage.of(step, index, colors, theme), width, height, None)
            for step in steps]
    if not fits:
        return []
    cap = min(fits) * SIZE_RATIO
    return [min(fit, max(cap, fit * FILL)) for fit in fits]


class PresenterWindow(QWidget):
    """Emits ``stepChanged(int)``, ``finished()`` (Esc) and ``notesToggled()`` (S)."""

    stepChanged = Signal(int)
    finished = Signal()
    notesToggled = Signal()  # S: show or hide the speaker notes

    def __init__(self, steps: list[Step], index: DatasetIndex, colors: tuple[str, ...],
                 dark: bool = False, start: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setWindowTitle("Presenting")
        self.setAccessibleName("Presentation")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.steps = steps
        self.index = index
        self.colors = colors
        self.dark = dark
        self.current = max(0, min(start, len(steps) - 1))
        self.blanked = False
        self._typed = ""
        self._cache: BoundedCache[tuple[int, int, int], QPixmap] = BoundedCache(24)
        self._sizes: dict[tuple[int, int, bool], list[float]] = {}
        self._previous: QPixmap | None = None
        self._fade = QVariantAnimation(self, startValue=0.0, endValue=1.0, duration=FADE_MS)
        self._fade.valueChanged.connect(lambda _v: self.update())
        self._fade.finished.connect(self._fade_done)
        self.hints_shown = True
        QTimer.singleShot(HINT_MS, self, self._hide_hints)

    # -- steps -------------------------------------------------------------------------

    @property
    def theme(self) -> Theme:
        return presenter_theme(max(360, self.height()), self.dark)

    def go(self, number: int) -> None:
        number = max(0, min(number, len(self.steps) - 1))
        if number == self.current or not self.steps:
            return
        self._previous = self._pixmap(self.current)
        self.current = number
        self.blanked = False
        self._fade.stop()
        self._fade.start()
        self.update()
        self.stepChanged.emit(number)

    def next(self) -> None:
        self.go(self.current + 1)

    def previous(self) -> None:
        self.go(self.current - 1)

    def counter_text(self) -> str:
        return f"{self.current + 1} / {len(self.steps)}"

    # -- keys --------------------------------------------------------------------------

    def handles(self, event: QKeyEvent) -> bool:
        """Whether ``event`` is a presentation key (the notes window passes these on)."""
        key = event.key()
        return (key in NEXT_KEYS or key in PREVIOUS_KEYS or key in OTHER_KEYS
                or K.Key_0 <= key <= K.Key_9)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == K.Key_S:
            self.notesToggled.emit()
        elif key in NEXT_KEYS:
            self._typed = ""
            self.next()
        elif key in PREVIOUS_KEYS:
            if key == K.Key_Backspace and self._typed:
                self._typed = self._typed[:-1]
            else:
                self._typed = ""
                self.previous()
        elif key == K.Key_Home:
            self.go(0)
        elif key == K.Key_End:
            self.go(len(self.steps) - 1)
        elif key in (K.Key_B, K.Key_Period):
            self.blanked = not self.blanked
            self.update()
        elif K.Key_0 <= key <= K.Key_9:
            self._typed += chr(key)
        elif key in (K.Key_Return, K.Key_Enter) and self._typed:
            self.go(int(self._typed) - 1)
            self._typed = ""
        elif key == K.Key_Escape:
            self.finished.emit()
        else:
            super().keyPressEvent(event)

    # -- painting ----------------------------------------------------------------------

    def _pixmap(self, number: int) -> QPixmap:
        def make() -> QPixmap:
            return QPixmap.fromImage(render_step(
                self.steps[number], self.index, self.colors, self.theme, self.width(),
                self.height(), self._size(number)))

        return self._cache.get_or_make((number, self.width(), self.height()), make)

    def _size(self, number: int) -> float | None:
        """Step ``number``'s type size (:func:`step_sizes`); past ``SHARED_SIZE_STEPS``
        steps each is sized alone (a file of thousands of events is not measured whole)."""
        if len(self.steps) > SHARED_SIZE_STEPS:
            return None
        key = (self.width(), self.height(), self.dark)
        if key not in self._sizes:
            self._sizes[key] = step_sizes(self.steps, self.index, self.colors, self.theme,
                                          self.width(), self.height())
        return self._sizes[key][number]

    def _fade_done(self) -> None:
        self._previous = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.blanked or not self.steps:
            painter.fillRect(self.rect(), Qt.GlobalColor.black)
            return
        current = self._pixmap(self.current)
        if self._previous is not None and self._fade.state() == QVariantAnimation.State.Running:
            painter.drawPixmap(0, 0, self._previous)
            painter.setOpacity(float(self._fade.currentValue()))
        painter.drawPixmap(0, 0, current)
        painter.setOpacity(1.0)
        self._draw_counter(painter)

    def _draw_counter(self, painter: QPainter) -> None:
        theme = self.theme
        painter.setFont(theme_font(theme, 0.8))
        painter.setPen(QColor(theme.text_muted))
        margin = theme.px(0.8)
        rect = QRectF(margin, self.height() - theme.px(2.0), self.width() - 2 * margin,
                      theme.px(1.6))
        text = self.counter_text() + (f"   go to {self._typed}…" if self._typed else "")
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         text)
        if self.hints_shown:
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             "→ next   ← back   B blank   S notes   Esc leave")

    def _hide_hints(self) -> None:
        self.hints_shown = False
        self.update()

    def resizeEvent(self, event: object) -> None:
        self._cache.clear()
        super().resizeEvent(event)  # type: ignore[arg-type]


class NotesWindow(QWidget):
    """Speaker notes: the current step, its notes, the next step and the time elapsed.

    The presentation keys work here too (``presenter``): a clicker keeps working whichever
    window has focus. ``on_top`` keeps it in front of a full-screen presenter on the same
    screen (one screen: S in the presenter hides or shows it)."""

    def __init__(self, parent: QWidget | None = None, presenter: PresenterWindow | None = None,
                 on_top: bool = False) -> None:
        flags = Qt.WindowType.Window
        if on_top:
            flags |= Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Tool
        super().__init__(parent, flags)
        self.presenter = presenter
        self.setWindowTitle("Speaker notes")
        layout = QVBoxLayout(self)
        self.counter = plain_label("", "muted", self)
        self.title = plain_label("", "heading", self)
        self.notes = plain_label("", "body", self)
        self.next_title = plain_label("", "muted", self)
        self.clock = plain_label("", "title", self)
        for label in (self.counter, self.title, self.notes):
            layout.addWidget(label)
        layout.addStretch(1)
        layout.addWidget(self.next_title)
        layout.addWidget(self.clock)
        # Sized for a glance from the lectern, whatever the window's text size: the step
        # and the clock largest, the notes readable, the counter and what is next smaller.
        for label, role, pixels, bold in ((self.title, "title", 30, True),
                                          (self.clock, "clock", 30, True),
                                          (self.notes, "notes", 22, False),
                                          (self.next_title, "next", 18, False),
                                          (self.counter, "counter", 16, False)):
            label.setObjectName(f"notes-{role}")  # no role of the window's style sheet
            font = label.font()
            font.setPixelSize(pixels)
            font.setBold(bold)
            label.setFont(font)
        self._elapsed = QElapsedTimer()
        self._elapsed.start()
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_clock)
        self._tick.start()
        self._update_clock()
        self.resize(720, 480)

    def show_step(self, steps: list[Step], number: int) -> None:
        step = steps[number]
        self.counter.setText(f"Step {number + 1} of {len(steps)}")
        self.title.setText(clip_text(step.title, LABEL_CHARS))
        self.notes.setText(clip_text(step.notes, 10_000) or "(no notes for this step)")
        following = steps[number + 1].title if number + 1 < len(steps) else "(the end)"
        self.next_title.setText(f"Next: {clip_text(following, LABEL_CHARS)}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.presenter is not None and self.presenter.handles(event):
            self.presenter.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def elapsed_text(self) -> str:
        seconds = self._elapsed.elapsed() // 1000
        return f"Elapsed {seconds // 60:02d}:{seconds % 60:02d}"

    def _update_clock(self) -> None:
        self.clock.setText(self.elapsed_text())

