"""SVG export (issue 15): well-formed XML, names and statements as ``<text>`` elements in the
bundled fonts, the PNG's layout, and nothing from the data read as markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from positions_viewer.cli import main
from positions_viewer.ui.render.fonts import BUNDLED_FAMILY

from ..image_approval import pixels

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _application(qapp: object) -> None:
    """The test run's QApplication, before an export makes a QGuiApplication of its own."""


def texts(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).getroot().iter(f"{SVG}text"))


def test_svg_parses_with_actor_names_in_text_elements(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.svg"
    assert main(["export", str(seed_path), "-o", str(out)]) == 0
    elements = texts(out)
    strings = ["".join(e.itertext()) for e in elements]
    for name in ("France", "Russia", "Élysée / Macron", "Whether talks are imminent"):
        assert name in strings
    assert all(e.get("font-family", "").startswith(BUNDLED_FAMILY) for e in elements)
    root = ET.parse(out).getroot()
    assert root.get("viewBox", "").startswith("0 0 1280 ")  # the PNG's width


def test_svg_draws_what_the_png_draws(seed_path: Path, tmp_path: Path) -> None:
    svg, png = tmp_path / "seed.svg", tmp_path / "seed.png"
    assert main(["export", str(seed_path), "-o", str(svg)]) == 0
    assert main(["export", str(seed_path), "-o", str(png)]) == 0
    picture = QImage(str(png))
    renderer = QSvgRenderer(QByteArray(svg.read_bytes()))
    assert renderer.isValid()
    drawn = QImage(picture.size(), QImage.Format.Format_RGB32)
    drawn.fill(QColor("white"))
    painter = QPainter(drawn)
    renderer.render(painter)
    painter.end()
    # Same places filled with the same colours; text anti-aliasing differs at the edges.
    differing = (np.abs(pixels(drawn) - pixels(picture)).max(axis=2) > 48).mean()
    assert differing < 0.03


def test_markup_in_the_data_stays_text(write_toml: object, tmp_path: Path) -> None:
    path = write_toml(  # type: ignore[operator]
        'schema = 1\ntitle = "<script>alert(1)</script>"\n'
        '[[actors]]\nid = "a"\nname = "<b>bold</b> & co"\n'
        '[[issues]]\nid = "i"\ntitle = "]]><x/>"\n'
        '[[positions]]\nactor = "a"\nissue = "i"\ntext = "<img src=x onerror=alert(1)>"\n')
    out = tmp_path / "markup.svg"
    assert main(["export", str(path), "-o", str(out)]) == 0
    root = ET.parse(out).getroot()
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("script", "b", "img", "x")]
    strings = ["".join(e.itertext()) for e in texts(out)]
    assert "<b>bold</b> & co" in strings and "<img src=x onerror=alert(1)>" in strings


def test_the_svg_carries_the_bundled_fonts_it_uses(write_toml: object, tmp_path: Path) -> None:
    """Each face its text uses is embedded, cut down to the characters shown, so a viewer
    without DejaVu Sans or a CJK font draws the same glyphs; a script not shown adds nothing."""
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    path = write_toml(  # type: ignore[operator]
        'schema = 1\ntitle = "Voices"\n'
        '[[actors]]\nid = "cn"\nname = "中华人民共和国"\n'
        '[[actors]]\nid = "kr"\nname = "대한민국 🇰🇷"\n'
        '[[issues]]\nid = "i"\ntitle = "Ελληνικά και Русский 🌍"\n'
        '[[positions]]\nactor = "cn"\nissue = "i"\ntext = "对话"\n')
    out = tmp_path / "voices.svg"
    assert main(["export", str(path), "-o", str(out), "--view", "grid"]) == 0
    svg = out.read_bytes()
    rules = re.findall(rb'font-family: "([^"]+)"; font-weight: (\d+); font-style: (\w+); '
                       rb"src: url\(data:font/woff;base64,([^)]+)\)", svg)
    families = {family.decode() for family, *_ in rules}
    assert {"DejaVu Sans", "Droid Sans Fallback", "Noto Emoji"} <= families
    assert "Noto Sans Arabic" not in families and "Noto Sans Hebrew" not in families
    covered: set[int] = set()
    for *_face, data in rules:
        font = TTFont(io.BytesIO(base64.b64decode(data)))
        assert font.flavor == "woff"
        covered |= set(font.getBestCmap())
    shown = {ord(c) for e in texts(out) for c in "".join(e.itertext()) if not c.isspace()}
    assert shown <= covered  # every character shown has an embedded glyph
    assert len(covered) < 400  # cut down: not the 33,000 characters of the CJK font
