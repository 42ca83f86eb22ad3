"""Plain-text helpers shared by the model's messages and the views."""

from __future__ import annotations

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


def is_blank(text: str) -> bool:
    """``text`` is empty or only whitespace (as ``str.isspace`` says: spaces, tabs, newlines,
    no-break and other Unicode spaces): shown as its placeholder, muted."""
    return not text or text.isspace()


def placeholder_for(table: str, key: str) -> str:
    """The word shown for a blank ``table``'s ``key``: :data:`NO_TEXT` for a statement's
    ``text``, :data:`UNTITLED` for titles and names. ``table`` is "" for the root."""
    return NO_TEXT if (table, key) == ("positions", "text") else UNTITLED


def shown_text(text: str, placeholder: str = UNTITLED) -> str:
    """``text``, or ``placeholder`` when it is blank: what a view or an export writes."""
    return placeholder if is_blank(text) else text
