"""A change of a file's bytes, and its inverse: what undo and redo apply."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Patch", "minimal_patch"]


@dataclass(frozen=True, slots=True)
class Patch:
    """``old`` bytes at ``start`` replaced by ``new``."""

    start: int
    old: bytes
    new: bytes

    def apply(self, data: bytes) -> bytes:
        end = self.start + len(self.old)
        if data[self.start:end] != self.old:
            raise ValueError("the patch does not fit these bytes")
        return b"".join((data[:self.start], self.new, data[end:]))

    def inverse(self) -> Patch:
        return Patch(self.start, self.new, self.old)


def minimal_patch(old: bytes, new: bytes) -> Patch:
    """One patch from ``old`` to ``new``: the bytes between their common start and end."""
    size = min(len(old), len(new))
    start = 0
    step = 1 << 16
    while start < size:  # compare in chunks: a byte loop over 30 MB takes seconds
        chunk = min(step, size - start)
        if old[start:start + chunk] == new[start:start + chunk]:
            start += chunk
            continue
        while old[start] == new[start]:
            start += 1
        break
    end = 0
    while end < size - start and old[len(old) - end - 1] == new[len(new) - end - 1]:
        end += 1
    return Patch(start, old[start:len(old) - end], new[start:len(new) - end])
