"""What keys and the wheel do, decided without a widget (``ui/timeline/interaction.py``)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from positions_viewer.ui.render.timeline.scale import FIRST_DAY, LAST_DAY, TimeScale
from positions_viewer.ui.timeline.interaction import (
    WHEEL_STEP,
    Command,
    chip_range,
    command_for_key,
    wheel_scale,
)

Key, Mod = Qt.Key, Qt.KeyboardModifier


@pytest.mark.parametrize(("key", "mods", "selected", "brushing", "events", "expected"), [
    (Key.Key_Plus, Mod.NoModifier, False, False, True, Command.ZOOM_IN),
    (Key.Key_Equal, Mod.NoModifier, False, False, True, Command.ZOOM_IN),
    (Key.Key_Minus, Mod.NoModifier, False, False, True, Command.ZOOM_OUT),
    (Key.Key_0, Mod.NoModifier, True, False, True, Command.FIT),
    (Key.Key_Left, Mod.NoModifier, True, False, True, Command.PREVIOUS),
    (Key.Key_Right, Mod.NoModifier, False, False, True, Command.PAN_LATER),
    (Key.Key_Left, Mod.ShiftModifier, True, False, True, Command.PAN_EARLIER),
    (Key.Key_Home, Mod.NoModifier, False, False, True, Command.FIRST),
    (Key.Key_End, Mod.NoModifier, False, False, False, None),  # nothing to select
    (Key.Key_Return, Mod.NoModifier, False, False, True, Command.SELECT_CENTRE),
    (Key.Key_Return, Mod.NoModifier, True, False, True, None),
    (Key.Key_Escape, Mod.NoModifier, True, True, True, Command.CANCEL_BRUSH),
    (Key.Key_Escape, Mod.NoModifier, True, False, True, Command.CLEAR_SELECTION),
    (Key.Key_Escape, Mod.NoModifier, False, False, True, None),
    (Key.Key_L, Mod.NoModifier, False, False, True, Command.TOGGLE_LANES),
    (Key.Key_L, Mod.ControlModifier, False, False, True, None),  # Ctrl+L is the window's
])
def test_keys_map_to_commands(key: Qt.Key, mods: Qt.KeyboardModifier, selected: bool,
                              brushing: bool, events: bool, expected: Command | None) -> None:
    assert command_for_key(key, mods, selected=selected, brushing=brushing,
                           events=events) is expected


def test_the_wheel_zooms_vertically_and_pans_sideways_or_with_shift() -> None:
    scale = TimeScale(1000.0, 2000.0, 0.0, 1000.0)
    zoomed = wheel_scale(scale, 0, 120, False, 250.0)
    assert zoomed is not None and zoomed.span == pytest.approx(1000 / WHEEL_STEP)
    assert zoomed.day(250.0) == pytest.approx(scale.day(250.0))
    sideways = wheel_scale(scale, 120, 0, False, 250.0)
    shifted = wheel_scale(scale, 0, 120, True, 250.0)
    assert sideways == shifted and sideways is not None and sideways.span == scale.span
    assert wheel_scale(scale, 0, 0, False, 0.0) is None


def test_the_wheel_stops_at_the_calendar() -> None:
    scale = TimeScale(FIRST_DAY, FIRST_DAY + 10, 0.0, 1000.0)
    for _ in range(100):
        out = wheel_scale(scale, 0, -1200, False, 0.0)
        assert out is not None
        scale = out
    assert (scale.start, scale.end) == (FIRST_DAY, LAST_DAY)


def test_a_chip_zoom_keeps_a_margin() -> None:
    first, last = chip_range(100.0, 110.0)
    assert first < 100.0 and last > 110.0
