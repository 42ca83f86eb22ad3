"""Labels cut to the room the stacking left them, in the label font (QtGui, no widgets)."""

from __future__ import annotations

from ..text_layout import MAX_LAYOUT_CHARS
from .style import TimelineStyle

__all__ = ["fit_label"]


def fit_label(
    prefix: str, title: str, x: float, limit: float, style: TimelineStyle
) -> tuple[str, str, float]:
    """The prefix and title cut with an ellipsis to end before ``limit``; and where they end."""
    room = limit - x
    prefix_w = style.width(prefix + " · ") if prefix else 0.0
    if prefix and prefix_w > room:
        prefix = style.elide(prefix, room)
        return prefix, "", x + style.width(prefix)
    full = style.width(title)
    if prefix_w + full <= room:
        return prefix, title, x + prefix_w + full
    cut = style.elide(" ".join(title[:MAX_LAYOUT_CHARS].split()), room - prefix_w)
    if cut in ("", "…"):
        return prefix, "", x + prefix_w
    return prefix, cut, x + prefix_w + style.width(cut)
