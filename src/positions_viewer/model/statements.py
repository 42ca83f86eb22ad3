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
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from .types import Position

__all__ = ["NO_STANCE", "StatementCodes", "stance_key", "text_key"]

IntArray = npt.NDArray[np.int64]

NO_STANCE = -1  # the stance code of a position with no (or a blank) stance


def text_key(text: str) -> str:
    """``text`` as the compare rule sees it: NFC, trimmed, inner white space as one space."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def stance_key(stance: str) -> str:
    """``stance`` as the compare rule sees it: :func:`text_key`, case-folded ("" for none)."""
    return text_key(stance).casefold()


def _codes(values: Sequence[str], key: Callable[[str], str]) -> tuple[IntArray, list[str]]:
    """Per value, the code of its normalised form; and the normalised forms by code.

    Values are interned raw first, so a repeated text is normalised once."""
    raw: dict[str, int] = {}
    raw_codes = np.fromiter((raw.setdefault(v, len(raw)) for v in values), np.int64,
                            count=len(values))
    keys: dict[str, int] = {}
    by_raw = np.fromiter((keys.setdefault(key(v), len(keys)) for v in raw), np.int64,
                         count=len(raw))
    return (by_raw[raw_codes] if len(values) else raw_codes), list(keys)


class StatementCodes:
    """Per position (file order): the code of its normalised stance and text.

    ``stance[i]`` is :data:`NO_STANCE` when position ``i`` has no stance or a blank one;
    ``stances[code]`` and ``texts[code]`` are the normalised values. Built in one pass over
    the positions (about 0.1 s at 100k positions).
    """

    __slots__ = ("stance", "stances", "text", "texts")

    def __init__(self, positions: Sequence[Position]) -> None:
        self.text, self.texts = _codes([p.text for p in positions], text_key)
        stance, stances = _codes([p.stance for p in positions], stance_key)
        blank = stances.index("") if "" in stances else None
        if blank is not None:
            # The blank stance becomes NO_STANCE; codes above it move down by one.
            stance = np.where(stance == blank, NO_STANCE, stance - (stance > blank))
            del stances[blank]
        self.stance: IntArray = stance.astype(np.int64)
        self.stances: list[str] = stances

    def __len__(self) -> int:
        return int(self.text.shape[0])
