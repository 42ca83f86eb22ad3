"""The bundled fonts: every script a comparison of countries meets is drawn as glyphs, from
fonts shipped in the package, with their licences beside them (issue 15.4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontInfo, QImage, QPainter, QRawFont

from positions_viewer.ui.render.fonts import (
    BUNDLED_FAMILY,
    FALLBACK_FAMILIES,
    bundled_families,
    font_dir,
    font_files,
)
from positions_viewer.ui.render.text_layout import theme_font
from positions_viewer.ui.theme import DARK, LIGHT
from tests.image_approval import pixels

# A sample of each script, as names and statements in a comparison of countries spell them.
SAMPLES = {
    "Latin": "Élysée Ångström Łódź ñ ß œ",
    "Greek": "Ελληνική Δημοκρατία",
    "Cyrillic": "Россия Україна Беларусь",
    "Arabic": "المملكة العربية السعودية",
    "Hebrew": "מדינת ישראל",
    "Chinese": "中华人民共和国外交部",
    "Japanese": "日本国 ひらがな カタカナ",
    "Korean": "대한민국 외교부",
    "Emoji": "😀👍🌍❤🇫🇷",
    "Symbols": "●→↔≈✓★…–—“”",
}


@pytest.fixture(scope="module")
def raw_fonts(qapp: object) -> list[QRawFont]:
    bundled_families()  # registers them
    fonts = [QRawFont(str(path), 16) for path in font_files()]
    assert all(font.isValid() for font in fonts)
    return fonts


def _covered(raw_fonts: list[QRawFont], char: str) -> bool:
    return any(font.supportsCharacter(ord(char)) for font in raw_fonts)


@pytest.mark.parametrize("script", list(SAMPLES))
def test_every_sampled_character_has_a_bundled_glyph(raw_fonts: list[QRawFont],
                                                     script: str) -> None:
    missing = [c for c in SAMPLES[script] if not c.isspace() and not _covered(raw_fonts, c)
               # a flag is two regional indicators, a heart may carry a variation selector
               and not 0xFE00 <= ord(c) <= 0xFE0F]
    assert not missing, f"{script}: no bundled glyph for {missing}"


def test_the_fonts_ship_with_their_licences() -> None:
    names = {path.name for path in font_dir().iterdir()}
    assert {"LICENSE-OFL.txt", "LICENSE-Apache-2.0.txt"} <= names
    ofl = (font_dir() / "LICENSE-OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl
    for path in font_files():
        if path.name.startswith("Noto"):
            assert path.name in ofl, f"{path.name} is not credited in LICENSE-OFL.txt"
    apache = (font_dir() / "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")
    assert "DroidSansFallback.ttf" in apache and "Apache License" in apache


def test_the_theme_font_is_the_bundled_family_with_fallbacks(qapp: object) -> None:
    for theme in (LIGHT, DARK):
        font = theme_font(theme, 1.0)
        assert font.families()[0] == BUNDLED_FAMILY
        assert set(FALLBACK_FAMILIES) <= set(font.families())
        assert QFontInfo(font).family() == BUNDLED_FAMILY  # not a look-alike of the machine


def _render(text: str, font: QFont) -> QImage:
    image = QImage(160, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QPointF(4, 28), text)
    painter.end()
    return image


@pytest.mark.parametrize(("text", "family"), [
    ("中文", "Droid Sans Fallback"), ("한국어", "Droid Sans Fallback"),
    ("؋ؠ", "Noto Sans Arabic"), ("🌍🚀👍", "Noto Emoji"),
])
def test_text_the_main_font_lacks_is_drawn_by_the_bundled_fallback(
        qapp: object, text: str, family: str) -> None:
    """Drawn with the theme's font, the text looks exactly as drawn with the bundled font
    that has it, and not like a missing glyph's box."""
    font = theme_font(LIGHT.scaled(20), 1.0)
    direct = QFont(family)
    direct.setPixelSize(20)
    direct.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    drawn, expected = pixels(_render(text, font)), pixels(_render(text, direct))
    assert (drawn < 128).any(), "nothing was drawn"
    assert (abs(drawn - expected) > 48).mean() < 0.002
    tofu = QFont(BUNDLED_FAMILY)
    tofu.setPixelSize(20)
    tofu.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # DejaVu Sans alone: boxes
    assert (abs(drawn - pixels(_render(text, tofu))) > 48).mean() > 0.01
