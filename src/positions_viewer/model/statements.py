"""What the compare rule compares, coded once per dataset (DESIGN §1 *Compare*).

Two stances are the same when they are equal trimmed and case-folded; two texts when they are
equal whitespace-normalised. Here every distinct normalised stance and text gets an integer
code, so that comparing the positions of every grid cell is a few array lookups
(:mod:`.compare`), and the search folds each distinct text once (:mod:`.search`).

Normalising also applies Unicode NFC and counts every run of white space as one space: a reader
cannot see those differences, so neither makes a statement "changed".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .types import Position

__all__ = ["NO_STANCE", "StatementCodes", "stance_key", "text_key"]

IntArray = npt.NDArray[np.int64]

NO_STANCE = -1  # the stance code of a position with no (or a blank) stance


def text_key(text: str) -> str:
    """``text`` as the compare rule sees it: NFC, trimmed, inner white space as one space."""
    # Most texts are already so: isprintable() is false for every space but " " (and for
    # control characters), so the split and join (2 µs a text) runs only where it may help.
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def stance_key(stance: str) -> str:
    """``stance`` as the compare rule sees it: :func:`text_key`, case-folded ("" for none)."""
    return text_key(stance).casefold()


_BATCH = 4096


def _text_keys(texts: Sequence[str]) -> list[str]:
    """:func:`text_key` of every text. Most files hold texts that are already their own key:
    a few C-speed checks over a whole batch find those, and only a batch with an irregular
    text is normalised text by text."""
    keys: list[str] = []
    for first in range(0, len(texts), _BATCH):
        batch = texts[first:first + _BATCH]
        joined = "\0".join(batch)
        regular = (
            joined.count("\0") == len(batch) - 1
            and joined.replace("\0", "-").isprintable()
            and "  " not in joined and " \0" not in joined and "\0 " not in joined
            and joined[:1] != " " and joined[-1:] != " "
            and (joined.isascii() or unicodedata.is_normalized("NFC", joined))
        )
        keys.extend(batch if regular else [text_key(text) for text in batch])
    return keys


def _codes(keys: Sequence[str]) -> tuple[IntArray, list[str]]:
    """Per key, its code (first seen, first numbered); and the keys by code."""
    distinct = list(dict.fromkeys(keys))
    numbers = dict(zip(distinct, range(len(distinct)), strict=True))
    found = np.fromiter(map(numbers.__getitem__, keys), np.int64, count=len(keys))
    return found, distinct


class StatementCodes:
    """Per position (file order): the code of its normalised stance and text.

    ``stance[i]`` is :data:`NO_STANCE` when position ``i`` has no stance or a blank one;
    ``stances[code]`` and ``texts[code]`` are the normalised values. Built in one pass over
    the positions.
    """

    __slots__ = ("stance", "stances", "text", "texts")

    def __init__(self, positions: Sequence[Position]) -> None:
        self.text, self.texts = _codes(_text_keys([p.text for p in positions]))
        # Stances repeat: each distinct one is normalised once.
        raw, by_raw = _codes([p.stance for p in positions])
        stance_codes, stances = _codes([stance_key(stance) for stance in by_raw])
        stance = stance_codes[raw] if len(raw) else raw
        blank = stances.index("") if "" in stances else None
        if blank is not None:
            # The blank stance becomes NO_STANCE; codes above it move down by one.
            stance = np.where(stance == blank, NO_STANCE, stance - (stance > blank))
            del stances[blank]
        self.stance: IntArray = stance.astype(np.int64)
        self.stances: list[str] = stances

    def __len__(self) -> int:
        return int(self.text.shape[0])
