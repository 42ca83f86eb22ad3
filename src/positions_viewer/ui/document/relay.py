"""Handing results from worker threads to the GUI thread, safely.

A worker must never hold or signal a watcher, a loader or a widget: the GUI thread may
delete it meanwhile (the window closed), and a Qt object deleted while another thread
emits on it, or whose last Python reference dies on a worker thread, takes the process
down. So a worker gets a :class:`Mailbox`: it posts through one relay object that lives as
long as the process, and the receiver, held weakly, is called on the GUI thread only if it
still exists.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal

__all__ = ["Mailbox"]


class _Relay(QObject):
    passed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.passed.connect(self._deliver)

    def _deliver(self, item: tuple[weakref.WeakMethod[Callable[[Any], None]], Any]) -> None:
        reference, payload = item
        receive = reference()
        owner = getattr(receive, "__self__", None)
        if receive is not None and (owner is None or shiboken6.isValid(owner)):
            receive(payload)


_RELAY: list[_Relay] = []  # one, made on the GUI thread by the first mailbox, never deleted


class Mailbox:
    """Made on the GUI thread for ``receive`` (a bound method); :meth:`post` from any thread
    calls ``receive(payload)`` later on the GUI thread, if its object is still alive."""

    def __init__(self, receive: Callable[[Any], None]) -> None:
        if not _RELAY:
            relay = _Relay()
            app = QCoreApplication.instance()
            if app is not None:  # delivered by the GUI thread's event loop, wherever made
                relay.moveToThread(app.thread())
            _RELAY.append(relay)
        self._relay = _RELAY[0]
        self._receive = weakref.WeakMethod(receive)  # type: ignore[arg-type]

    def post(self, payload: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the application is shutting down
            self._relay.passed.emit((self._receive, payload))
