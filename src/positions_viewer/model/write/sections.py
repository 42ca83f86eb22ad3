"""Moving and removing whole ``[[table]]`` sections in the bytes, tidily: one blank line
goes with a removed entry, and a swapped pair keeps what lies between them in place."""

from __future__ import annotations

from .layout import Block, Layout

__all__ = ["swapped", "with_one_blank"]


def with_one_blank(layout: Layout, block: Block) -> tuple[int, int]:
    """The bytes to remove with an entry: its lead and body, and one blank line that
    separated it from its neighbour, so no double gap is left."""
    data = layout.data
    if layout.blank_before(block.lead):
        return data.rfind(b"\n", 0, block.lead - 1) + 1, block.end
    after = data.find(b"\n", block.end)
    if after >= 0 and not data[block.end:after].strip():
        return block.lead, after + 1
    return block.lead, block.end


def swapped(data: bytes, first: Block, second: Block, nl: bytes) -> bytes:
    """The bytes from ``first.lead`` to ``second.end`` with the two entries traded."""
    one = data[first.lead:first.end]
    two = data[second.lead:second.end]
    between = data[first.end:second.lead]
    if not two.endswith(b"\n"):  # the last line of the file: the newline moves with it
        two += nl
        one = one[:-len(nl)] if one.endswith(nl) else one.rstrip(b"\r\n")
    return two + between + one
