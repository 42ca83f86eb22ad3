"""Text made safe for the exports (DESIGN §2, "Exports carry the data as text").

- :func:`clean_text`: NUL and the other control characters (C0 but tab, LF and CR; DEL; C1)
  become U+FFFD, in every table export.
- :func:`md_escape`: a Markdown table cell or heading that any CommonMark renderer (HTML
  enabled, GFM tables) shows as exactly the data's characters: no element (HTML, comment,
  link, image, emphasis, code, strikethrough, heading, list, quote) comes from the data.
- :func:`spreadsheet_cell`: a CSV field that a spreadsheet shows as text rather than running
  as a formula (OWASP's "CSV injection" rule: a leading ``=``, ``+``, ``-``, ``@``, tab or
  carriage return gets a ``'``).
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "REPLACEMENT", "clean_text", "md_escape", "spreadsheet_cell"]

REPLACEMENT = "\ufffd"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Every character that starts or ends an inline construct in CommonMark or GFM: backslash
# escapes, code spans, emphasis, links and images, raw HTML and autolinks, entities, table
# cells, strikethrough. An ASCII punctuation character after "\" is always literal
# (CommonMark 0.31 §2.4), so escaping these is enough for the inline level.
_INLINE_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_[]<&|~"})
# "#" only where it could open a heading or close one ("Title #"): after a space or first.
_HASH = re.compile(r"(?<!\S)#")
# What starts a block when it opens a line (a paragraph's first line: the description):
# a quote, a list item or thematic break, a setext underline, an ordered list item.
_LEADING = re.compile(r"[>+=-]|[0-9]{1,9}(?=[.)])")
_LEADS = frozenset(">+=-0123456789")
_SPECIAL = re.compile(r"[\\`*_\[\]<&|~#]")  # an inline character or "#"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """``text`` with every control character but tab, LF and CR replaced by U+FFFD."""
    if text.isprintable() or _CONTROL.search(text) is None:  # isprintable: the fast "no"
        return text
    return _CONTROL.sub(REPLACEMENT, text)


def md_escape(text: str) -> str:
    """``text`` as one line of Markdown that renders as exactly its characters.

    Control characters become U+FFFD (:func:`clean_text`), then whitespace runs (newlines
    included) become one space, since a table cell is one line; the result is trimmed.
    """
    if not text.isprintable():  # a control character, or whitespace other than " "
        one_line = " ".join(clean_text(text).split())
    elif "  " in text or text[:1] == " " or text[-1:] == " ":
        one_line = " ".join(text.split())
    else:  # most text: already one line of single spaces (split and join cost 2 µs a cell)
        one_line = text
    escaped = one_line
    if _SPECIAL.search(one_line) is not None:
        # translate is several times faster than a substitution on the 1 MB fields of
        # tests/test_hostile.py
        escaped = one_line.translate(_INLINE_ESCAPES)
        if "#" in escaped:
            escaped = _HASH.sub(r"\\#", escaped)
    if not escaped or escaped[0] not in _LEADS:
        return escaped
    lead = _LEADING.match(escaped)
    if lead is None:
        return escaped
    if escaped[0] in ">+=-":
        return "\\" + escaped
    end = lead.end()  # after the digits of "1." or "1)": escape the "." or ")"
    return escaped[:end] + "\\" + escaped[end:]


def spreadsheet_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it rather than runs it: ``'`` before a leading
    ``=``, ``+``, ``-``, ``@``, tab or carriage return (:data:`FORMULA_STARTS`)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
