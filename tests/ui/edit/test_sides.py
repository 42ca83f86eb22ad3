"""Two versions side by side (the compare dialog's text): changed places marked on both
sides at the same rows, unchanged stretches folded with their line numbers."""

from __future__ import annotations

from positions_viewer.ui.edit.sides import side_by_side


def test_a_changed_line_and_an_added_block_line_up_on_both_sides() -> None:
    mine = "\n".join([f"line {n}" for n in range(1, 41)] + ["mine 1", "mine 2"])
    theirs = "\n".join(f"line {n}" if n != 20 else "theirs 20" for n in range(1, 41))
    sides = side_by_side(mine, theirs)
    assert len(sides.left) == len(sides.right)
    rows = sides.changed
    assert [sides.left[r] for r in rows] == ["line 20", "mine 1", "mine 2"]
    assert [sides.right[r] for r in rows] == ["theirs 20", "", ""]
    assert sides.places == 2
    assert sides.left[0] == "… 16 unchanged lines (yours: lines 1–16; the file's: 1–16) …"
    assert "2 places differ (3 lines)" in sides.summary()


def test_the_same_texts_say_so() -> None:
    sides = side_by_side("a\nb\nc", "a\nb\nc")
    assert sides.places == 0 and sides.summary() == "The two texts are the same."


def test_a_huge_middle_is_one_changed_stretch_without_difflib() -> None:
    mine = "\n".join(f"m{n}" for n in range(30_000))
    theirs = "\n".join(f"t{n}" for n in range(30_000))
    sides = side_by_side(mine, theirs)
    assert sides.places == 1 and len(sides.changed) == 30_000
