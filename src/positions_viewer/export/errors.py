"""The export service's errors: what the command line prints as one line (exit 2) and the
window shows in a message box."""

from __future__ import annotations

from ..model.text import escape_invisible

__all__ = ["DrawError", "ExportError", "Interrupted"]


class ExportError(Exception):
    """The output cannot be written as asked: one line naming the file and what is wrong.
    ``str()`` shows the invisible characters of a name as ``\\uXXXX`` (the window's message
    box as the command line: a name cannot break or reorder the line)."""

    def __str__(self) -> str:
        return escape_invisible(super().__str__())


class DrawError(ValueError):
    """A page that cannot be drawn as asked (a picture too large, …): says what helps. A
    writer raises it; the export names the file it was for (:class:`ExportError`)."""


class Interrupted(BaseException):
    """A signal that stops the program (SIGTERM, SIGHUP, SIGQUIT, …: see
    :mod:`.signals`) arrived during an export: raised like ``KeyboardInterrupt`` so the
    writes under way clean up; the command line exits 128 + ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"signal {signum}")
        self.signum = signum
