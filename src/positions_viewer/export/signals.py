"""Signals during an export: the program stops, and the writes under way clean up first.

Which signals (the rule, also in docs/robustness.md): every signal whose default action
ends the process and that comes from outside it: Ctrl+C (SIGINT), SIGTERM (``kill``, a
service manager), SIGHUP (the terminal closed), SIGQUIT (Ctrl+\\), SIGUSR1, SIGUSR2,
SIGALRM, SIGVTALRM, SIGPROF (timers) and SIGXCPU (a CPU-time limit). Inside
:func:`cleanup_on_signals` each of them raises in the main thread (``KeyboardInterrupt``
for SIGINT, :class:`~.errors.Interrupted` for the others: exit 128 + the signal), as
Ctrl+C does in any Python program, so the writes under way remove their temporaries.
Not handled: SIGKILL and SIGSTOP (no program can), the faults (SIGSEGV, SIGBUS, SIGFPE,
SIGILL, SIGABRT: the process is broken), SIGPIPE and SIGXFSZ (Python ignores them: the
write fails with an error instead). A signal the process ignores (``nohup``) or that
someone else handles stays as it is.

Python runs a handler in the main thread between two bytecodes, whichever thread the signal
reached, so masking signals in the main thread cannot keep the handler out of a section of
bookkeeping (a Qt or worker thread takes the signal, the main thread runs the handler inside
``mkstemp``). Such a section is entered with :class:`held`: the handler only notes a signal
that comes inside, and it is raised on leaving the outermost section, when the temporary
is recorded or the rename is marked. Once the export is stopping, further signals are
ignored until the cleanup is done.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import TracebackType

from .errors import Interrupted

__all__ = ["STOPPING_SIGNALS", "cleanup_on_signals", "held"]

STOPPING_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in (
        "SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM",
        "SIGVTALRM", "SIGPROF", "SIGXCPU")
    if hasattr(signal, name))
_DEFAULTS = (signal.SIG_DFL, signal.default_int_handler)


class _State:
    """The main thread's export: how deep in held sections, the signal noted meanwhile,
    whether the export is already stopping."""

    def __init__(self) -> None:
        self.active = False
        self.depth = 0
        self.noted: int | None = None
        self.stopping = False

    def reset(self) -> None:
        self.depth, self.noted, self.stopping = 0, None, False


_STATE = _State()


def _stop(signum: int) -> BaseException:
    return KeyboardInterrupt() if signum == signal.SIGINT else Interrupted(signum)


def _on_signal(signum: int, _frame: object) -> None:
    if _STATE.stopping:
        return  # the cleanup under way must not be cut by a second signal
    if _STATE.depth:
        if _STATE.noted is None:
            _STATE.noted = signum
        return
    _STATE.stopping = True
    raise _stop(signum)


@contextlib.contextmanager
def cleanup_on_signals() -> Iterator[None]:
    """Inside, the :data:`STOPPING_SIGNALS` the process leaves at their default raise in
    the main thread (see the module); their handlers are put back on leaving. In other
    threads, and nested, it changes nothing."""
    if threading.current_thread() is not threading.main_thread() or _STATE.active:
        yield
        return
    previous = {}
    for signum in STOPPING_SIGNALS:
        if signal.getsignal(signum) in _DEFAULTS:
            previous[signum] = signal.signal(signum, _on_signal)
    _STATE.reset()
    _STATE.active = True
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _STATE.reset()
        _STATE.active = False


def held() -> _Held:
    """``with held():`` a section of bookkeeping no signal may cut (see :class:`_Held`)."""
    return _Held()


class _Held:
    """A section of bookkeeping no signal may cut (see the module): a signal that comes
    inside is raised on leaving the outermost section. Outside :func:`cleanup_on_signals`
    (the window), the signals are also masked in this thread, as far as that goes."""

    def __init__(self) -> None:
        self._counted = False
        self._mask: set[int | signal.Signals] | None = None

    def __enter__(self) -> None:
        if threading.current_thread() is threading.main_thread():
            _STATE.depth += 1
            self._counted = True
        if hasattr(signal, "pthread_sigmask"):
            try:
                self._mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING_SIGNALS)
            except BaseException:
                self._leave()
                raise

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        counted = self._counted
        try:
            if self._mask is not None:  # a signal that came meanwhile is handled here: noted
                signal.pthread_sigmask(signal.SIG_SETMASK, self._mask)
        finally:
            self._leave()
        if counted and _STATE.depth == 0 and _STATE.noted is not None:
            signum, _STATE.noted = _STATE.noted, None
            _STATE.stopping = True
            raise _stop(signum)

    def _leave(self) -> None:
        if self._counted:
            _STATE.depth -= 1
            self._counted = False
