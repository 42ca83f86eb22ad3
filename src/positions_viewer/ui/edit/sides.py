"""Two versions of a file laid side by side, line against line (Qt-free, for the compare
dialog): the changed places with some lines around them, the shorter side padded so both
panes scroll together, the unchanged stretches between folded into one line each. The common
start and end are skipped before difflib runs, so two 30 MB versions that differ in one
entry compare in a blink."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

__all__ = ["Sides", "side_by_side"]

CONTEXT = 3
MAX_DIFFED_LINES = 20_000  # a middle longer than this is shown as one changed stretch


@dataclass(slots=True)
class Sides:
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)  # row numbers that differ
    places: int = 0  # how many changed places

    def summary(self) -> str:
        if not self.places:
            return "The two texts are the same."
        rows = len(self.changed)
        return (f"{self.places} place{'s' * (self.places != 1)} differ ({rows} "
                f"line{'s' * (rows != 1)}), marked on both sides; unchanged lines folded.")


def side_by_side(mine: str, theirs: str, context: int = CONTEXT) -> Sides:
    a, b = mine.splitlines(), theirs.splitlines()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    middle_a, middle_b = a[start:len(a) - end], b[start:len(b) - end]
    found: list[tuple[str, int, int, int, int]] = [("replace", 0, len(middle_a), 0,
                                                    len(middle_b))]
    if len(middle_a) + len(middle_b) <= MAX_DIFFED_LINES:
        matcher = difflib.SequenceMatcher(a=middle_a, b=middle_b, autojunk=False)
        found = list(matcher.get_opcodes())
    ops = [(t, a0 + start, a1 + start, b0 + start, b1 + start) for t, a0, a1, b0, b1 in found
           if t != "equal"]
    sides = Sides()
    shown_a = 0  # lines of ``a`` already laid out (the same count of ``b`` follows them)
    offset = 0  # b's line number minus a's, in the unchanged stretch being laid out
    for _tag, a0, a1, b0, b1 in ops:
        _same(sides, a, shown_a, a0, offset, context, first=not sides.left)
        sides.places += 1
        for row in range(max(a1 - a0, b1 - b0)):
            sides.changed.append(len(sides.left))
            sides.left.append(a[a0 + row] if a0 + row < a1 else "")
            sides.right.append(b[b0 + row] if b0 + row < b1 else "")
        shown_a, offset = a1, b1 - a1
    _same(sides, a, shown_a, len(a), offset, context, first=not sides.left, last=True)
    return sides


def _same(sides: Sides, a: list[str], first_line: int, stop: int, offset: int, context: int,
          first: bool = False, last: bool = False) -> None:
    """The unchanged lines ``a[first_line:stop]``: ``context`` lines after the change before
    them and before the next one, the rest folded."""
    count = stop - first_line
    head = 0 if first else context
    tail = 0 if last else context
    if count <= head + tail + 1:
        keep = list(range(first_line, stop))
        fold = 0
    else:
        keep = list(range(first_line, first_line + head))
        fold = count - head - tail
    for line in keep:
        sides.left.append(a[line])
        sides.right.append(a[line])
    if fold:
        note = (f"… {fold:,} unchanged line{'s' * (fold != 1)} (yours: lines "
                f"{first_line + head + 1:,}–{first_line + head + fold:,}; the file's: "
                f"{first_line + head + offset + 1:,}–{first_line + head + fold + offset:,}) …")
        sides.left.append(note)
        sides.right.append(note)
        for line in range(stop - tail, stop):
            sides.left.append(a[line])
            sides.right.append(a[line])
