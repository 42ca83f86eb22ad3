"""The fonts every page is set in, shipped inside the package (DESIGN §5: "the fonts it uses
ship with the package, so an export looks the same on every machine").

``resources/fonts`` holds DejaVu Sans (Latin, Greek, Cyrillic, most of Arabic and Hebrew,
arrows, maths, shapes and dingbats: the face the window always had) with fallbacks for the
rest of Arabic and Hebrew (Noto Sans Arabic, Noto Sans Hebrew), Chinese, Japanese and Korean
(Droid Sans Fallback), and a monochrome emoji font (Noto Emoji); their licences sit beside
them (``LICENSE-*.txt``). They are added to Qt's font database once per process, the first
time a font is asked for, and every painted surface gets its font from :func:`family_font`
(through ``text_layout.theme_font``, which sizes it): the theme's family followed by the
fallbacks (``QFont.setFamilies``), so a glyph missing from DejaVu Sans comes from a bundled
font rather than whatever the machine happens to have.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from ...paths import resources_dir
from ..theme import Theme

__all__ = ["BUNDLED_FAMILY", "EMOJI_FAMILY", "FACES", "FALLBACK_FAMILIES", "bundled_families",
           "ensure_fonts", "family_font", "font_dir", "font_files"]

BUNDLED_FAMILY = "DejaVu Sans"
EMOJI_FAMILY = "Noto Emoji"
# In the order Qt tries them for a character the family before lacks.
FALLBACK_FAMILIES = ("Noto Sans Arabic", "Noto Sans Hebrew", "Droid Sans Fallback",
                     EMOJI_FAMILY)

# Every bundled face: (family, bold, italic, file in resources/fonts).
FACES = (
    (BUNDLED_FAMILY, False, False, "DejaVuSans.ttf"),
    (BUNDLED_FAMILY, True, False, "DejaVuSans-Bold.ttf"),
    (BUNDLED_FAMILY, False, True, "DejaVuSans-Oblique.ttf"),
    ("Noto Sans Arabic", False, False, "NotoSansArabic-Regular.ttf"),
    ("Noto Sans Arabic", True, False, "NotoSansArabic-Bold.ttf"),
    ("Noto Sans Hebrew", False, False, "NotoSansHebrew-Regular.ttf"),
    ("Noto Sans Hebrew", True, False, "NotoSansHebrew-Bold.ttf"),
    ("Droid Sans Fallback", False, False, "DroidSansFallback.ttf"),
    (EMOJI_FAMILY, False, False, "NotoEmoji-Regular.ttf"),
)

_lock = threading.Lock()
_registered: tuple[str, ...] | None = None


def font_dir() -> Path:
    """``resources/fonts`` in a checkout, ``positions_viewer/resources/fonts`` in a wheel."""
    return resources_dir() / "fonts"


def font_files() -> list[Path]:
    """Every bundled font file (``*.ttf``), sorted by name."""
    return sorted(font_dir().glob("*.ttf"))


def ensure_fonts() -> tuple[str, ...]:
    """Add the bundled fonts to Qt's font database (once per process; a QGuiApplication
    must exist) and return the families they hold. A file Qt cannot read is skipped: the
    text then falls back to the machine's fonts rather than failing an export."""
    global _registered
    with _lock:
        if _registered is not None:
            return _registered
        if QGuiApplication.instance() is None:
            raise RuntimeError("the bundled fonts need a QGuiApplication")
        families: list[str] = []
        for path in font_files():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                continue
            for family in QFontDatabase.applicationFontFamilies(font_id):
                if family not in families:
                    families.append(family)
        if EMOJI_FAMILY in families and hasattr(QFontDatabase, "addApplicationEmojiFontFamily"):
            # Qt 6.9+: emoji sequences (and text-style emoji) go to this family first.
            QFontDatabase.addApplicationEmojiFontFamily(EMOJI_FAMILY)
        _registered = tuple(families)
        return _registered


def bundled_families() -> tuple[str, ...]:
    """The font families a page is set in: the bundled family, then its fallbacks, each
    only when it is installed (always, unless a font file is missing)."""
    available = ensure_fonts()
    return tuple(f for f in (BUNDLED_FAMILY, *FALLBACK_FAMILIES) if f in available)


def family_font(theme: Theme) -> QFont:
    """A font of ``theme``'s family (:data:`BUNDLED_FAMILY` unless the theme names another)
    with the bundled fallbacks after it; the caller sets the size and weight."""
    chain = bundled_families()
    primary = theme.font_family or BUNDLED_FAMILY
    font = QFont()
    font.setFamilies([primary, *(f for f in chain if f != primary)])
    # No "ﬀ"/"ﬁ" ligatures: a PDF maps a ligature glyph to one character, and a search for
    # "offer" would then miss "oﬀer"; the same glyphs everywhere keep PNG and PDF alike.
    font.setFeature(QFont.Tag("liga"), 0)
    return font
