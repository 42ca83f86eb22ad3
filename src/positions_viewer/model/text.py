"""Plain-text helpers shared by the model's messages and the views."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["NO_TEXT", "UNTITLED", "clip_text", "escape_invisible", "is_blank",
           "placeholder_for", "shown_text"]

# What the views and exports show for a required text that is present but blank (DESIGN §1
# "Blank is not missing"), drawn in a muted style.
NO_TEXT = "(no text)"  # a statement (positions.text)
UNTITLED = "(untitled)"  # a title or a name (root title, actors.name, issues/sources/events/
# views.title)


def clip_text(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last being "…": a message quotes the start
    of a bad value, and a wrapped label lays out all of its text on every size query (a
    1 MB title froze the window for half a minute)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Characters drawn as nothing that are neither spaces nor format characters: the Hangul
# fillers and the blank Braille pattern.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _invisible(char: str) -> bool:
    return char.isspace() or char in _FILLERS or unicodedata.category(char) == "Cf"


# What a message may not print as it is: controls (Cc: a newline, ESC), format characters
# (Cf: the bidi marks, embeddings, overrides and isolates, U+061C, the zero-width U+200B to
# U+200D, U+2060, U+FEFF, tags), line and paragraph separators (Zl, Zp), lone surrogates (Cs:
# an undecodable byte of a file name), and the Hangul fillers, letters drawn as nothing.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
_HAS_FILLER = re.compile("[\u115f\u1160\u3164\uffa0]").search


class _Escapes(dict[int, str]):
    """``str.translate`` table: a character's ``\\uXXXX`` when invisible, else itself
    (worked out on first sight, then remembered)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES or char in _INVISIBLE_LETTERS:
            shown = f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
        else:
            shown = char
        if len(self) < 65536:  # remembered up to a bound: a flood of distinct characters
            self[code] = shown
        return shown


_ESCAPES = _Escapes()


def escape_invisible(text: str) -> str:
    """``text`` as one line that shows what it holds: every control, format (bidi, zero
    width), line or paragraph separator, lone surrogate and invisible filler character
    becomes ``\\uXXXX`` (``\\UXXXXXXXX`` beyond U+FFFF). For a name or a value quoted in
    a diagnostic or a command-line message (DESIGN §1: "one readable line"): a newline
    cannot fake a second line, an escape sequence never reaches the terminal, U+202E
    cannot reorder the line."""
    if text.isprintable() and _HAS_FILLER(text) is None:  # most text: nothing to do
        return text
    return text.translate(_ESCAPES)


def is_blank(text: str) -> bool:
    """``text`` shows nothing: empty, or only whitespace (spaces, tabs, newlines, no-break and
    other Unicode spaces), format characters (zero-width space, U+FEFF, bidi marks) and
    blank fillers (U+3164, U+2800). Control characters are not blank: exports show them as
    U+FFFD. Shown as its placeholder, muted
    (DESIGN §1 "Blank is not missing")."""
    if not text or text.isspace():
        return True
    if not _invisible(text[0]) and not _invisible(text[-1]):
        return False  # the common case, decided without a scan
    return all(_invisible(char) for char in text)


def placeholder_for(table: str, key: str) -> str:
    """The word shown for a blank ``table``'s ``key``: :data:`NO_TEXT` for a statement's
    ``text``, :data:`UNTITLED` for titles and names. ``table`` is "" for the root."""
    return NO_TEXT if (table, key) == ("positions", "text") else UNTITLED


def shown_text(text: str, placeholder: str = UNTITLED) -> str:
    """``text``, or ``placeholder`` when it is blank: what a view or an export writes."""
    return placeholder if is_blank(text) else text
