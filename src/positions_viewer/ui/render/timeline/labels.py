"""Label text as drawn: whole, or cut to its room when that keeps it readable (QtGui)."""

from __future__ import annotations

from ..text_layout import MAX_LAYOUT_CHARS
from .stacking import LabelForm, LabelSide, readable_length
from .style import TimelineStyle

__all__ = ["label_text"]


def label_text(
    prefix: str, title: str, side: int, form: int, x0: float, x1: float, style: TimelineStyle
) -> tuple[str, str, float, float]:
    """``(prefix, title, x, end)`` of an event's label placed by ``place_labels`` in the
    room ``[x0, x1]``: the approximate date and the title, the title alone, or the title cut
    with an ellipsis (drawn against the mark: right-aligned on the left side). ``("", "",
    x0, x0)`` when there is none, or when the cut would keep less than its readable minimum
    (issue 13: a label too short to read is not drawn)."""
    if side == LabelSide.NONE:
        return "", "", x0, x0
    if form == LabelForm.FULL:
        return prefix, title, x0, x1
    if form == LabelForm.TITLE:
        return "", title, x0, x1
    cut = style.elide(" ".join(title[:MAX_LAYOUT_CHARS].split()), x1 - x0)
    if len(cut.rstrip("…")) < readable_length(len(title)):
        return "", "", x0, x0
    width = style.width(cut)
    x = x1 - width if side == LabelSide.LEFT else x0
    return "", cut, x, x + width
