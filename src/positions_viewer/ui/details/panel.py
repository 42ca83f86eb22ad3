"""The details panel: a cell's full history with sources, or an event's details.

Built from plain-text labels only (never rich text): data strings may hold markup, and a
QLabel that guesses rich text can freeze on a few hundred bytes of nested tables or load
local files from ``<img>``. Links are buttons showing the address; a click opens it, and
only http(s) addresses are ever opened.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...model import Dataset, DatasetIndex, Event, Position, QueryResult, Source, urls
from ...model.query import Filter
from ...model.search import match_spans
from ...model.text import NO_TEXT, is_blank, shown_text
from ..grid.model import cell_explanation
from ..labels import literal_mnemonic, plain_label, plain_tooltip
from ..session import DocumentSession, Selection
from ..theme import LIGHT, Theme
from .issue_view import IssueHistories
from .text import HighlightedText

__all__ = ["DetailsPanel", "is_web_url"]

# Longer texts are cut here, with a button to copy all of it: a label re-lays out its whole
# text on every restyle (text zoom, theme), and 20,000 characters took 0.7 s of CPU each.
MAX_SHOWN_CHARS = 5_000
TIED_SHOWN = 60  # an event's statements listed in the details, then "… and n more"
URL_CHARS = 48  # a link button shows this much of its address (the panel is narrow)


def is_web_url(url: str) -> bool:
    return urls.is_web_url(url)  # the one rule, shared with `check` (DESIGN §1)


class LinkButton(QPushButton):
    """A source's address on a button, elided in the middle to the button's width (the
    scheme and host stay whole: :func:`~positions_viewer.model.urls.display_url`)."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self._fit(URL_CHARS)

    def _fit(self, chars: int) -> None:
        self.setText(literal_mnemonic("↗ " + urls.display_url(self.url, max(16, chars))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.width() - 24
        self._fit(int(room / max(1.0, self.fontMetrics().averageCharWidth())) - 2)

    def sizeHint(self) -> QSize:
        return QSize(min(super().sizeHint().width(), 360), super().sizeHint().height())


class DetailsPanel(QScrollArea):
    """Shows what the session has selected: a cell's history, an issue, an event."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        # The body is sized here from height-for-width: with a resizable widget, the scroll area
        # takes wrapped labels' minimum heights (measured at their narrowest) and scrolls text
        # that fits.
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Details")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.match_color = LIGHT.match_fill  # the theme's (set_theme)
        self._search = ""
        # Edit buttons for a "position", a "cell" or an "event" (set by ui.edit; issue 17).
        self.tools: Callable[[str, object], QWidget | None] | None = None
        self._body = QWidget()
        self._body.setObjectName("DetailsBody")
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(12, 10, 12, 12)
        self._layout.setSpacing(6)
        self.setWidget(self._body)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self._fit_body)
        self.show_nothing()
        session.selection_changed.connect(self.synchronize)
        session.result_changed.connect(self.synchronize)

    def set_theme(self, theme: Theme) -> None:
        self.match_color = theme.match_fill
        self.synchronize()

    def synchronize(self, _changed: object = None) -> None:
        """Show what the session has selected, as of its current filter."""
        session = self._session
        selection: Selection = session.selection
        if session.index is None or session.result is None:
            self.show_nothing("No file is shown. Open one (Ctrl+O), or fix the file named "
                              "above and it loads by itself.")
        elif session.result.row_count == 0 or session.result.column_count == 0:
            # The grid says what to do (Reset); this panel does not say it twice.
            self.show_nothing("No cell to show.")
        elif selection.cell is not None:
            issue, actor = selection.cell
            if actor < 0:
                self.show_issue(session.index, session.result, issue)
            else:
                shown = session.shown_position()
                cell = session.result.cell(*shown) if shown is not None else None
                self.show_cell(session.index, session.filter, issue, actor,
                               cell.position if cell is not None else None,
                               cell_explanation(session.result, cell) if cell else "")
        elif selection.event is not None:
            self.show_event(session.index.dataset, session.index.dataset.events[selection.event])
        else:
            self.show_nothing()

    # -- what to show ----------------------------------------------------------------

    def show_nothing(self, text: str = "Select a cell or an event to see its full history, "
                                       "stances and sources.") -> None:
        self._clear()
        self._add(plain_label(text, "muted"))
        self._layout.addStretch(1)

    def show_cell(self, index: DatasetIndex, flt: Filter, issue: int, actor: int,
                  shown: Position | None, explanation: str = "") -> None:
        """One actor's history on one issue, oldest first; the statement shown in the grid
        marked, later ones muted, those matching the search with the matches drawn."""
        dataset = index.dataset
        self._clear()
        actor_entry, issue_entry = dataset.actors[actor], dataset.issues[issue]
        self._add(plain_label(f"{shown_text(actor_entry.name)} · "
                              f"{shown_text(issue_entry.title)}", "title"))
        if issue_entry.description:
            self._add(plain_label(issue_entry.description, "muted"))
        if explanation:
            self._add(plain_label(explanation, "meta"))
        self._search = flt.text.strip()
        self._add_tools("cell", (issue, actor))
        history = index.history(issue, actor)
        if not history:
            self._add(plain_label("No stated position on this issue in the file.", "muted"))
        else:
            count = len(history)
            self._add(plain_label(
                f"History: {count} statement{'s' * (count != 1)}, oldest first", "section"))
        to_ordinal = flt.to_ordinal
        for position in history:
            later = (to_ordinal is not None and position.date is not None
                     and position.date.start > to_ordinal)
            self._add_position(dataset, position, position is shown, later)
        self._layout.addStretch(1)

    def show_issue(self, index: DatasetIndex, result: QueryResult, issue: int) -> None:
        """An issue: its description and every shown actor's history on it, side by side,
        aligned in time (issue 13 item 10)."""
        self._clear()
        entry = index.dataset.issues[issue]
        self._add(plain_label(shown_text(entry.title), "title"))
        if entry.description:
            self._add(self._long_text(entry.description))
        histories = IssueHistories(index, result, issue, self.viewport().width(), self._body)
        if histories.rows:
            self._add(plain_label("What each actor said, and when (● shown in the grid)",
                                  "section"))
            self._add(histories)
        else:
            histories.deleteLater()
            self._add(plain_label("No stated position on this issue from the actors shown.",
                                  "muted"))
        self._layout.addStretch(1)

    def show_event(self, dataset: Dataset, event: Event) -> None:
        self._clear()
        self._add(plain_label(event.label, "title"))
        approx = " (approximate)" if event.is_approximate else ""
        self._add(plain_label(f"{event.date_label()}{approx}", "date"))
        if event.detail:
            self._add(self._long_text(event.detail))
        if event.actors:
            names = ", ".join(dataset.actors[i].label for i in event.actors)
            self._add(plain_label(f"Actors: {names}", "meta"))
        if event.issues:
            titles = "; ".join(dataset.issues[i].label for i in event.issues)
            self._add(plain_label(f"Issues: {titles}", "meta"))
        self._add_sources(dataset, event.sources)
        self._add_tools("event", event)
        self._add_tied_statements(dataset, event)
        self._layout.addStretch(1)

    def _add_tied_statements(self, dataset: Dataset, event: Event) -> None:
        """What each actor said at this event (statements whose ``event`` is it): how each
        state voted on a resolution, who answered what."""
        tied = [p for p in dataset.positions if p.event == event.index]
        if not tied:
            return
        self._add(plain_label(f"Statements at this event: {len(tied)}", "section"))
        for position in tied[:TIED_SHOWN]:
            actor = shown_text(dataset.actors[position.actor].name)
            issue = shown_text(dataset.issues[position.issue].title)
            stance = f" · {position.stance}" if position.stance else ""
            text = shown_text(position.text, NO_TEXT)
            self._add(plain_label(f"{actor} on {issue}{stance}: {text}", "body",
                                  limit=MAX_SHOWN_CHARS))
        if len(tied) > TIED_SHOWN:
            self._add(plain_label(f"… and {len(tied) - TIED_SHOWN} more", "muted"))

    # -- pieces ----------------------------------------------------------------------

    def _add_tools(self, kind: str, item: object, layout: QVBoxLayout | None = None) -> None:
        tools = self.tools(kind, item) if self.tools is not None else None
        if tools is not None:
            (layout or self._layout).addWidget(tools)

    def _add_position(self, dataset: Dataset, position: Position, shown: bool,
                      later: bool) -> None:
        box = QFrame(self._body)
        box.setObjectName("details-entry-shown" if shown else "details-entry")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        head = position.date.label() if position.date else "Undated (holds from the start)"
        if position.stance:
            head += f"  ·  {position.stance}"
        if shown:
            head += "  ·  shown in the grid"
        elif later:
            head += "  ·  after the as-of date"
        spans = match_spans(position.text, self._search) if self._search else []
        if spans:
            head += "  ·  matches the search"
        layout.addWidget(plain_label(head, "date"))
        if is_blank(position.text):
            layout.addWidget(plain_label(NO_TEXT, "muted"))
        elif spans and len(position.text) <= MAX_SHOWN_CHARS:
            layout.addWidget(HighlightedText(position.text, spans, self.match_color, box))
        else:
            layout.addWidget(self._long_text(position.text))
        if position.event is not None:
            event = dataset.events[position.event]
            layout.addWidget(plain_label(f"Event: {event.label} ({event.date_label()})", "meta"))
        self._add_sources(dataset, position.sources, layout)
        self._add_tools("position", position, layout)
        if later:
            box.setEnabled(False)
        self._add(box)

    def _add_sources(self, dataset: Dataset, sources: tuple[int, ...],
                     layout: QVBoxLayout | None = None) -> None:
        target = layout or self._layout
        for index in sources:
            target.addWidget(self._source_row(dataset.sources[index]))

    def _source_row(self, source: Source) -> QWidget:
        """The source's title and date, and beneath it its address as a link button (the
        address elided in the middle: the host stays whole)."""
        row = QWidget(self._body)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        text = f"Source: {source.label}"
        if source.date is not None:
            text += f" ({source.date.label()})"
        layout.addWidget(plain_label(text, "meta"), 1)
        if source.url and is_web_url(source.url):
            button = LinkButton(source.url, row)
            button.setObjectName("details-link")
            # The whole address as it will be opened, where the button had to shorten it.
            button.setToolTip(plain_tooltip(urls.display_url(source.url, 2_000)))
            button.setAccessibleName(f"Open {urls.display_url(source.url, 2_000)}")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, url=source.url: self._open(url))
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            layout.addWidget(button)
        return row

    def _open(self, url: str) -> None:
        if is_web_url(url):
            self.open_url(QUrl(url))

    def _long_text(self, text: str) -> QWidget:
        if len(text) <= MAX_SHOWN_CHARS:
            return plain_label(text, "body", limit=MAX_SHOWN_CHARS)
        box = QWidget(self._body)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(text[:MAX_SHOWN_CHARS] + " …", "body", limit=len(text)))
        more = QPushButton(f"Copy the full text ({len(text):,} characters)", box)
        more.clicked.connect(lambda: QGuiApplication.clipboard().setText(text))
        layout.addWidget(more)
        return box

    def _add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
        self._fit_timer.start()

    def _fit_body(self) -> None:
        width = self.viewport().width()
        height = self._layout.heightForWidth(width)
        if height < 0:
            height = self._layout.sizeHint().height()
        self._body.resize(width, max(height, self.viewport().height()))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # also when a scroll bar comes or goes
            self._fit_timer.start()
        return super().viewportEvent(event)

    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.verticalScrollBar().setValue(0)

    def text(self) -> str:
        """Everything the panel shows, as plain text (for tests and accessibility)."""
        texts: list[str] = []
        for position in range(self._layout.count()):
            item = self._layout.itemAt(position)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                texts.append(widget.text())
            elif widget is not None:
                texts.extend(label.text() for label in widget.findChildren(QLabel))
        return "\n".join(texts)
