"""The one rule for web addresses (DESIGN §1), shared by ``check`` and the window's links.

A URL is accepted when it is ``http`` or ``https`` with a host, and holds no space and no
control, format or bidi character: those can make an address display differently from
where it leads (U+202E turns ``…/\u202efdp.exe`` into ``…/exe.pdf`` on screen). Every
address that passes becomes a link; nothing else is ever opened.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

__all__ = ["display_url", "is_web_url", "url_problem"]

# Unicode categories refused anywhere in an address: controls (Cc), format characters (Cf:
# the bidi embeddings, overrides and isolates, zero-width joiners, soft hyphens…), line and
# paragraph separators (Zl, Zp), spaces (Zs), unassigned (Cn), private use (Co), surrogates.
_REFUSED = frozenset({"Cc", "Cf", "Zl", "Zp", "Zs", "Cn", "Co", "Cs"})
_KINDS = {"Cc": "a control character", "Cf": "a format character", "Zl": "a line separator",
          "Zp": "a paragraph separator", "Zs": "a space", "Cn": "an unassigned character",
          "Co": "a private-use character", "Cs": "a lone surrogate"}
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an address to link to, in words, or ``None`` when it is one."""
    for offset, char in enumerate(url):
        if char.isascii() and char.isprintable() and char != " ":
            continue
        category = unicodedata.category(char)
        if category in _REFUSED or char.isspace():
            kind = "a bidi control" if char in _BIDI else _KINDS.get(category, "a space")
            return (f"holds {kind} (U+{ord(char):04X}) at character {offset + 1}: an address "
                    "must not hide what it shows")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "is not a web address: its host cannot be read"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not a web address: only http:// and https:// links are allowed"
    if not host:
        return "is not a web address: it has no host (write http://host/…)"
    return None


def is_web_url(url: str) -> bool:
    """``url`` passes the rule: http(s), a host, no space, control, format or bidi character."""
    return url_problem(url) is None


def display_url(url: str, max_chars: int = 60) -> str:
    """``url`` shown in at most ``max_chars`` characters, elided in the middle of its path so
    the scheme and host stay whole (a host is never cut: ``https://host/…/file.pdf``). A host
    longer than the budget is still shown whole, with the end of the path elided."""
    if len(url) <= max_chars:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or not parts.netloc:
        keep = max(1, max_chars - 1)
        head = keep // 2
        return url[:head] + "…" + url[len(url) - (keep - head):]
    prefix_end = url.find(parts.netloc) + len(parts.netloc)
    prefix, rest = url[:prefix_end], url[prefix_end:]
    budget = max_chars - len(prefix) - 1  # the "…"
    if budget < 2:
        return prefix + rest[:1] + "…" if rest else prefix
    head = budget // 3
    tail = budget - head
    return prefix + rest[:head] + "…" + rest[len(rest) - tail:]
