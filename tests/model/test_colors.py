"""Actor colours that can be told apart (issue 13 item 6): OKLab, palette assignment, the
`check` warning and the dark theme's lift."""

from __future__ import annotations

import itertools
import random

import pytest

from positions_viewer.model import load_bytes
from positions_viewer.model.colors import (
    ACTOR_PALETTE,
    DARK_MIN_LIGHTNESS,
    DISTINCT,
    TOO_CLOSE,
    assign_colors,
    dark_colors,
    distance,
    from_oklab,
    lift_for_dark,
    oklab,
)


def test_oklab_reference_values() -> None:
    assert oklab("#ffffff") == pytest.approx((1.0, 0.0, 0.0), abs=1e-4)
    assert oklab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=1e-4)
    assert oklab("#ff0000") == pytest.approx((0.6280, 0.2249, 0.1258), abs=1e-3)
    for color in (*ACTOR_PALETTE, "#1f4e9c", "#123456", "#fedcba"):
        assert from_oklab(oklab(color)) == color


def test_the_issue_s_two_blues_are_too_close_and_the_palette_is_not() -> None:
    assert distance("#0072B2", "#1b6ca8") < TOO_CLOSE
    assert min(distance(a, b) for a, b in itertools.combinations(ACTOR_PALETTE, 2)) >= DISTINCT


def test_a_palette_colour_keeps_away_from_the_file_s_colours() -> None:
    # the reported case: an actor without a colour got #0072B2 beside #1b6ca8
    colors = assign_colors(["#1b6ca8", None])
    assert colors[0] == "#1b6ca8"
    assert distance(colors[0], colors[1]) >= DISTINCT


def test_files_without_colours_keep_the_palette_order() -> None:
    assert assign_colors([None] * 10) == list(ACTOR_PALETTE)


@pytest.mark.parametrize("seed", range(20))
def test_assigned_colours_are_far_from_every_other_and_deterministic(seed: int) -> None:
    rng = random.Random(seed)
    given: list[str | None] = [
        f"#{rng.randrange(0x1000000):06x}" if rng.random() < 0.4 else None
        for _ in range(rng.randint(1, 14))]
    colors = assign_colors(given)
    assert colors == assign_colors(list(given))
    assert len(set(colors)) == len(colors) or len(set(c for c in given if c)) < len(
        [c for c in given if c])
    for number, color in enumerate(colors):
        if given[number] is None:
            others = [c for n, c in enumerate(colors) if n != number]
            # far from all others; with many actors, at least well above "too close"
            floor = DISTINCT if len(colors) <= 6 else TOO_CLOSE
            assert min((distance(color, o) for o in others), default=1.0) >= floor, (
                given, colors)


def _file(colors: list[str | None]) -> bytes:
    actors = "".join(
        f'[[actors]]\nid = "a{n}"\nname = "A{n}"\n' + (f'color = "{c}"\n' if c else "")
        for n, c in enumerate(colors))
    return (f'schema = 1\ntitle = "T"\n{actors}[[issues]]\nid = "i"\ntitle = "I"\n'
            '[[positions]]\nactor = "a0"\nissue = "i"\ntext = "t"\n').encode()


def test_check_warns_when_two_given_colours_are_too_close() -> None:
    result = load_bytes(_file(["#0072B2", None, "#1b6ca8", "#d55e00"]), "c.toml")
    assert result.dataset is not None
    assert [str(d) for d in result.diagnostics] == [
        "c.toml:13:9: warning: actors[2].color: colour #1b6ca8 is hard to tell apart from "
        "#0072b2 (actor 'a0', line 6); choose a more distinct colour, or none for a palette "
        "colour"]


def test_distinct_given_colours_give_no_warning() -> None:
    assert load_bytes(_file(list(ACTOR_PALETTE)), "c.toml").diagnostics == []


def test_the_dark_lift_raises_dark_colours_and_keeps_light_ones() -> None:
    assert oklab(lift_for_dark("#1f4e9c"))[0] == pytest.approx(DARK_MIN_LIGHTNESS, abs=0.01)
    assert lift_for_dark("#e69f00") == "#e69f00"


@pytest.mark.parametrize("seed", range(20))
def test_the_dark_lift_keeps_colours_apart(seed: int) -> None:
    rng = random.Random(seed)
    colors = [f"#{rng.randrange(0x1000000):06x}" for _ in range(rng.randint(2, 8))]
    lifted = dark_colors(colors)
    assert lifted == dark_colors(colors)
    for color in lifted:
        assert oklab(color)[0] >= DARK_MIN_LIGHTNESS - 0.01
    for i, j in itertools.combinations(range(len(colors)), 2):
        before = min(distance(colors[i], colors[j]), DISTINCT)
        # kept, or at least never made too close to tell apart
        assert distance(lifted[i], lifted[j]) >= min(before - 0.002, TOO_CLOSE), (colors, lifted)


def test_the_dark_palette_stays_distinct() -> None:
    lifted = dark_colors(list(ACTOR_PALETTE))
    assert min(distance(a, b) for a, b in itertools.combinations(lifted, 2)) >= DISTINCT - 0.005
