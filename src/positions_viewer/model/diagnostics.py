"""Located diagnostics: every error and warning names the file, the line and what is wrong."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .text import clip_text, escape_invisible

__all__ = ["MAX_LINE_CHARS", "QUOTE_CHARS", "Diagnostic", "Severity", "did_you_mean",
           "known_list", "quote"]

QUOTE_CHARS = 60  # a value quoted in a message is cut here (DESIGN §1: one readable line)
MAX_LINE_CHARS = 1000  # and a whole message, whatever it quotes



class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    file: str
    line: int  # 1-based; 0 when the problem is the file as a whole (cannot be read, too large)
    column: int  # 1-based; 0 when unknown
    severity: Severity
    message: str
    path: str = ""  # dotted path of the offending value, e.g. "positions[7].actor"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """``file:line:column``, the file's name escaped as :meth:`text` (a file named
        ``x\\nfake.toml:1:1: ok`` would print a line of its own)."""
        parts = [escape_invisible(self.file)]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def text(self) -> str:
        """The message without the location: ``positions[7].actor: unknown actor …``.

        One printable line: control, format and other invisible characters quoted from the
        file (a newline, an escape sequence a terminal would obey, a bidi mark or override,
        a zero-width space) are shown as ``\\uXXXX`` (:func:`~.text.escape_invisible`)."""
        text = f"{self.path}: {self.message}" if self.path else self.message
        return escape_invisible(clip_text(text, MAX_LINE_CHARS))

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity.value}: {self.text()}"


def quote(value: str, limit: int = QUOTE_CHARS) -> str:
    """``'value'`` for a message, cut to ``limit`` characters with "…" (a 2 MB key must not
    make a 2 MB line)."""
    return f"'{clip_text(value, limit)}'"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'stance'?"`` when a candidate is close to ``word``, else ``""``."""
    if len(word) > 4 * QUOTE_CHARS:  # no name is that long; difflib would take seconds
        return ""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.7)
    return f"; did you mean {quote(close[0])}?" if close else ""


def known_list(ids: Sequence[str], limit: int = 12) -> str:
    """``"(known: france, russia)"``, cut after ``limit`` ids on large datasets."""
    if not ids:
        return "(none are defined)"
    shown = ", ".join(clip_text(i, 40) for i in ids[:limit])
    more = f", … {len(ids) - limit} more" if len(ids) > limit else ""
    return f"(known: {shown}{more})"
