"""Fonts inside an SVG: the bundled faces its ``<text>`` uses, cut down to the characters it
shows, as ``@font-face`` rules with WOFF data (DESIGN §5: an export looks the same on every
machine, a browser without DejaVu Sans or a CJK font included).

Only the text is read (``xml.etree``); the rules go in a ``<style>`` at the top of the file,
which is otherwise left as Qt wrote it. fontTools does the cutting (its subsetter keeps the
glyphs the characters' shaping needs: Arabic joining forms, emoji sequences).
"""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from .fonts import FACES, font_dir

__all__ = ["embed_fonts", "font_face_rules", "used_characters"]

_SVG = "{http://www.w3.org/2000/svg}"
_BOLD_FROM = 600  # Qt writes DemiBold as 600: the bold face draws it


def used_characters(svg: bytes) -> dict[tuple[bool, bool], set[str]]:
    """The characters of every ``<text>``, by face: (bold, italic)."""
    used: dict[tuple[bool, bool], set[str]] = defaultdict(set)
    # Streamed, each element dropped once read: a grid of 2,000 issues is a 77 MB SVG.
    for _event, element in ET.iterparse(io.BytesIO(svg), events=("end",)):
        if element.tag == f"{_SVG}text":
            bold = int(float(element.get("font-weight", "400"))) >= _BOLD_FROM
            italic = element.get("font-style", "normal") in ("italic", "oblique")
            used[(bold, italic)].update("".join(element.itertext()))
        element.clear()
    return used


def _subset(path: Path, characters: set[str]) -> tuple[bytes, set[str]] | None:
    """``path`` cut down to ``characters`` as WOFF, and the characters it draws; None when
    it draws none of them."""
    from fontTools import subset  # imported only when an SVG is written
    from fontTools.ttLib import TTFont

    codes = {ord(c) for c in characters}
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the names and the copyright notice
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a viewer reads
    font = TTFont(str(path), lazy=True)
    codes &= set(font.getBestCmap())
    if not codes:
        return None
    drawn = {chr(code) for code in codes}
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue(), drawn


def font_face_rules(used: dict[tuple[bool, bool], set[str]]) -> list[str]:
    """An ``@font-face`` rule for each bundled face that draws some of ``used``."""
    rules = []
    for (bold, italic), characters in sorted(used.items()):
        wanted = {c for c in characters if not c.isspace()}
        for family, face_bold, face_italic, name in FACES:
            if not wanted:
                break
            if (face_bold, face_italic) != _closest(family, bold, italic):
                continue
            cut = _subset(font_dir() / name, wanted)
            if cut is None:
                continue
            data, drawn = cut
            wanted -= drawn  # the next family draws only what this one lacks, as Qt does
            rules.append(
                f'@font-face {{ font-family: "{family}"; '
                f"font-weight: {700 if bold else 400}; "
                f"font-style: {'italic' if italic else 'normal'}; "
                f"src: url(data:font/woff;base64,{base64.b64encode(data).decode('ascii')}) "
                'format("woff"); }')
    return rules


def _closest(family: str, bold: bool, italic: bool) -> tuple[bool, bool]:
    """The face of ``family`` that draws (bold, italic): itself, else the upright or
    regular one (the viewer then slants or emboldens it, as Qt does)."""
    faces = {(b, i) for f, b, i, _name in FACES if f == family}
    for face in ((bold, italic), (bold, False), (False, italic), (False, False)):
        if face in faces:
            return face
    return (False, False)


def embed_fonts(svg: bytes) -> bytes:
    """``svg`` with the bundled faces its text uses embedded in a ``<style>``."""
    rules = font_face_rules(used_characters(svg))
    if not rules:
        return svg
    style = ("<style type=\"text/css\"><![CDATA[\n" + "\n".join(rules)
             + "\n]]></style>\n").encode("ascii")
    anchor = svg.find(b"<defs>")
    if anchor < 0:
        anchor = svg.find(b">", svg.find(b"<svg")) + 1
        style = b"\n<defs>" + style + b"</defs>\n"
    else:
        anchor += len(b"<defs>")
        style = b"\n" + style
    return svg[:anchor] + style + svg[anchor:]
