"""A label shortened by whole words, free of Qt (issue 13: "Severe d…" tells a reader
nothing; "A/RES/71/136: Decol…" neither).

A cut keeps whole words and ends with "…"; it keeps at least the title's readable minimum
(``readable_length`` characters), or it is not made at all: the mark then stands alone and
the tooltip says the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .stacking import readable_length

__all__ = ["ELLIPSIS", "cut_to_words", "word_cuts"]

ELLIPSIS = "…"
# Punctuation a cut does not end on, before its ellipsis ("Title:…" reads as a typo).
_TRAILING = " \t,;:·–—-("
# A label longer than this never fits a plot (≈ 3000 px); nothing past it is looked at.
_MAX_CHARS = 500


@lru_cache(maxsize=20_000)
def word_cuts(title: str) -> tuple[str, ...]:
    """Every shortening of ``title`` by whole words that keeps its readable minimum,
    shortest first, each ending with "…"; whitespace runs read as one space. Empty when
    the title is too short to cut (it is drawn whole or not at all)."""
    words = " ".join(title[:_MAX_CHARS].split()).split(" ")
    keep = readable_length(len(title))
    cuts: list[str] = []
    text = ""
    for word in words[:-1]:
        text = f"{text} {word}" if text else word
        kept = text.rstrip(_TRAILING)
        if len(kept) >= keep and (not cuts or cuts[-1] != kept + ELLIPSIS):
            cuts.append(kept + ELLIPSIS)
    return tuple(cuts)


def cut_to_words(title: str, room: float, width: Callable[[str], float]) -> str:
    """The longest of :func:`word_cuts` whose ``width`` (px) fits ``room``; "" when even
    the shortest does not."""
    cuts = word_cuts(title)
    lo, hi = 0, len(cuts)  # cuts[:lo] fit; cuts[hi:] do not (widths grow with the text)
    while lo < hi:
        mid = (lo + hi) // 2
        if width(cuts[mid]) <= room:
            lo = mid + 1
        else:
            hi = mid
    return cuts[lo - 1] if lo else ""
