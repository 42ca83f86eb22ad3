"""Plain-text helpers shared by the model's messages and the views."""

from __future__ import annotations

import unicodedata

__all__ = ["NO_TEXT", "UNTITLED", "clip_text", "is_blank", "placeholder_for", "shown_text"]

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
