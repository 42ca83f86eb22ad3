"""Plain-text helpers shared by the model's messages and the views."""

from __future__ import annotations

__all__ = ["clip_text"]


def clip_text(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last being "…": a message quotes the start
    of a bad value, and a wrapped label lays out all of its text on every size query (a
    1 MB title froze the window for half a minute)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
