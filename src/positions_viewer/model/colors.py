"""Actor colours that can be told apart (issue 13 item 6): OKLab distance, palette
assignment, the "too close" test and the dark theme's lift. No Qt.

Distances are Euclidean in OKLab (Björn Ottosson, 2020), where 0.02 is about the smallest
difference a viewer notices side by side; two marks a reader must tell apart at a glance
need several times that.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

__all__ = [
    "ACTOR_PALETTE", "DISTINCT", "TOO_CLOSE", "assign_colors", "dark_colors", "distance",
    "from_oklab", "lift_for_dark", "oklab", "too_close_pairs",
]

# Colour-blind-safe, distinct on white and on near-black (Okabe–Ito, darkened where needed);
# every pair is at least DISTINCT apart.
ACTOR_PALETTE = (
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00",
    "#56b4e9", "#8c6d31", "#6a3d9a", "#882255", "#999933",
)
TOO_CLOSE = 0.06  # two given colours closer than this: `check` warns (DESIGN §1)
DISTINCT = 0.12  # a palette colour this far from every other is far enough
DARK_MIN_LIGHTNESS = 0.66  # OKLab L below which a colour sinks into the dark surface

Lab = tuple[float, float, float]


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _encoded(linear: float) -> float:
    c = 12.92 * linear if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055
    return c * 255


@lru_cache(maxsize=4096)
def oklab(hex_color: str) -> Lab:
    """``#rrggbb`` as OKLab (L 0–1, a, b about ±0.4)."""
    r, g, b = (_linear(int(hex_color[i:i + 2], 16)) for i in (1, 3, 5))
    l_ = math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
    m_ = math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
    s_ = math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
    return (0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
            1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
            0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_)


def _rgb(lab: Lab) -> tuple[float, float, float]:
    """Linear sRGB of an OKLab colour (may fall outside 0–1: out of gamut)."""
    L, a, b = lab
    l_ = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (L - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
            -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
            -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_)


def _in_gamut(lab: Lab) -> bool:
    return all(-1e-6 <= c <= 1 + 1e-6 for c in _rgb(lab))


def from_oklab(lab: Lab) -> str:
    """The ``#rrggbb`` nearest to ``lab``: chroma is reduced (hue and lightness kept) until
    the colour fits in sRGB."""
    L, a, b = lab
    L = min(1.0, max(0.0, L))
    scale = 1.0
    while scale > 0 and not _in_gamut((L, a * scale, b * scale)):
        scale -= 0.02
    r, g, bl = _rgb((L, a * max(scale, 0), b * max(scale, 0)))
    return "#" + "".join(f"{round(min(255.0, max(0.0, _encoded(max(0.0, c))))):02x}"
                         for c in (r, g, bl))


def distance(first: str, second: str) -> float:
    """Euclidean OKLab distance of two ``#rrggbb`` colours (0 same; ~0.02 just noticeable)."""
    return math.dist(oklab(first.lower()), oklab(second.lower()))


def _ring() -> tuple[str, ...]:
    """More candidates when the palette runs out: hues every 20°, three lightnesses."""
    out = []
    for lightness in (0.6, 0.72, 0.5):
        for step in range(18):
            hue = math.radians(step * 20 + 10)
            out.append(from_oklab((lightness, 0.13 * math.cos(hue), 0.13 * math.sin(hue))))
    return tuple(dict.fromkeys(out))


_CANDIDATES = ACTOR_PALETTE + _ring()


def assign_colors(given: Sequence[str | None]) -> list[str]:
    """Each actor's colour: the file's where given (lower-cased), else the first palette
    colour at least :data:`DISTINCT` from every colour given or already assigned, else the
    candidate farthest from them all (palette first, then an OKLCH hue ring). Deterministic:
    the same colours in give the same colours out."""
    taken = [oklab(c.lower()) for c in given if c]
    out: list[str] = []
    used: set[str] = {c.lower() for c in given if c}
    for color in given:
        if color:
            out.append(color.lower())
            continue
        best, best_score = "", -1.0
        for candidate in _CANDIDATES:
            if candidate in used:
                continue
            lab = oklab(candidate)
            near = min((math.dist(lab, other) for other in taken), default=math.inf)
            score = min(near, DISTINCT)
            if score > best_score + 1e-9:
                best, best_score = candidate, score
        best = best or ACTOR_PALETTE[len(out) % len(ACTOR_PALETTE)]
        out.append(best)
        used.add(best)
        taken.append(oklab(best))
    return out


def too_close_pairs(colors: Sequence[str | None]) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, distance)`` with ``i < j`` of given colours closer than
    :data:`TOO_CLOSE` (DESIGN §1 warning), ``j`` being the second in file order."""
    pairs = []
    for j, second in enumerate(colors):
        if not second:
            continue
        for i in range(j):
            first = colors[i]
            if first and (gap := distance(first, second)) < TOO_CLOSE:
                pairs.append((i, j, gap))
                break  # one warning for the second colour is enough
    return pairs


def lift_for_dark(hex_color: str, min_lightness: float = DARK_MIN_LIGHTNESS) -> str:
    """``hex_color`` with its OKLab lightness raised to ``min_lightness`` (hue kept, chroma
    kept where sRGB allows), so it stands out on a dark surface; lighter colours unchanged."""
    L, a, b = oklab(hex_color.lower())
    if min_lightness <= L:
        return hex_color.lower()
    return from_oklab((min_lightness, a, b))


def dark_colors(colors: Sequence[str]) -> list[str]:
    """``colors`` (each ``#rrggbb``) lifted for a dark theme, keeping pairs apart: where
    lifting brings a colour closer to an earlier one than they were (up to
    :data:`DISTINCT`), it takes the lowest lightness above the floor that restores every
    such distance, or else the one that comes nearest to it."""
    lifted: list[str] = []
    for j, color in enumerate(colors):
        wanted = [min(distance(colors[i], color), DISTINCT) - 1e-3 for i in range(j)]
        first = lift_for_dark(color)
        L, a, b = oklab(first)
        best, best_gap = first, -math.inf
        for step in range(0, 14):
            candidate = first if step == 0 else from_oklab((L + 0.02 * step, a, b))
            gap = min((distance(lifted[i], candidate) - wanted[i] for i in range(j)),
                      default=0.0)
            if gap >= 0:
                best = candidate
                break
            if gap > best_gap + 1e-9:
                best, best_gap = candidate, gap
        lifted.append(best)
    return lifted
