"""The one rule for web addresses (DESIGN §1), shared by ``check`` and the window's links.

A URL is accepted when it is ``http`` or ``https`` with a host, and holds no space and no
control, format or bidi character: those can make an address display differently from
where it leads (U+202E turns ``…/\u202efdp.exe`` into ``…/exe.pdf`` on screen). Its host
must be a name a browser can open (IDNA: labels of letters, digits, ``-`` and ``_``, none
empty) or an IP address, with a port from 0 to 65535 and no ``user@`` before it (which can
pass ``https://paypal.com@evil.example`` off as PayPal). Every address that passes becomes a
link; nothing else is ever opened.

Shown, an address is what it opens: a host with non-ASCII letters is shown in the ASCII form
the browser uses (``xn--pple-43d.com`` for a Cyrillic ``аpple.com``; ``example.com。evil.com``
as ``example.com.evil.com``), and a host too long for the space keeps its end, the part that
says whose it is (``https://…customer-support.evil.example/…``).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import SplitResult, urlsplit

__all__ = ["display_url", "is_web_url", "url_problem"]

# Unicode categories refused anywhere in an address: controls (Cc), format characters (Cf:
# the bidi embeddings, overrides and isolates, zero-width joiners, soft hyphens…), line and
# paragraph separators (Zl, Zp), spaces (Zs), unassigned (Cn), private use (Co), surrogates.
_REFUSED = frozenset({"Cc", "Cf", "Zl", "Zp", "Zs", "Cn", "Co", "Cs"})
_KINDS = {"Cc": "a control character", "Cf": "a format character", "Zl": "a line separator",
          "Zp": "a paragraph separator", "Zs": "a space", "Cn": "an unassigned character",
          "Co": "a private-use character", "Cs": "a lone surrogate"}
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Drawn as nothing though not format characters: Hangul fillers, the blank Braille pattern,
# the combining grapheme joiner and the variation selectors.
_INVISIBLE = re.compile("[\u115f\u1160\u3164\uffa0\u2800\u034f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_LABEL = re.compile(r"[a-z0-9_-]{1,63}\Z", re.IGNORECASE)


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an address to link to, in words, or ``None`` when it is one."""
    for offset, char in enumerate(url):
        if char.isascii() and char.isprintable() and char != " ":
            continue
        category = unicodedata.category(char)
        if _INVISIBLE.match(char):
            return (f"holds an invisible character (U+{ord(char):04X}) at character "
                    f"{offset + 1}: an address must not hide what it shows")
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
    if "@" in parts.netloc:
        return ("holds a user name before '@' (user@host): an address must not hide the host "
                "it leads to")
    try:
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        return "has a port that is not a number from 0 to 65535"
    return _host_problem(parts)


def _host_problem(parts: SplitResult) -> str | None:
    host = parts.hostname or ""
    if parts.netloc.startswith("["):
        return None  # an IPv6 address, checked by urlsplit
    ascii_host = ascii_hostname(host)
    if ascii_host is None:
        return f"has a host ('{host}') that is not a valid name (an empty or too long part)"
    labels = ascii_host.rstrip(".").split(".")
    for label in labels:
        if not _LABEL.match(label):
            return (f"has a host ('{host}') that is not a valid name: a part of a host name "
                    "holds only letters, digits, '-' and '_', and is never empty")
    return None


def ascii_hostname(host: str) -> str | None:
    """``host`` as a browser looks it up: IDNA's ASCII form (``xn--…`` labels; ``。`` read as
    ``.``), lower case; an IP address as it is; ``None`` when it cannot be encoded."""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def is_web_url(url: str) -> bool:
    """``url`` passes the rule: http(s), a host, no space, control, format or bidi character."""
    return url_problem(url) is None


def display_url(url: str, max_chars: int = 60) -> str:
    """``url`` as it will be opened (its host in ASCII, see the module's docstring), in at
    most ``max_chars`` characters: elided in the middle of its path so the scheme and host
    stay whole (``https://host/…/file.pdf``); a host too long for the space is cut at its
    start, never at its end (``https://…login.evil.example/…``)."""
    try:
        parts: SplitResult | None = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or not parts.netloc:
        if len(url) <= max_chars:
            return url
        keep = max(1, max_chars - 1)
        head = keep // 2
        return url[:head] + "…" + url[len(url) - (keep - head):]
    netloc = parts.netloc
    host = parts.hostname or ""
    ascii_host = ascii_hostname(host) if host and not netloc.startswith("[") else None
    if ascii_host is not None and ascii_host != host:
        netloc = netloc.replace(host, ascii_host) if host in netloc else netloc.lower().replace(
            host, ascii_host)
        url = url.replace(parts.netloc, netloc, 1)
    if len(url) <= max_chars:
        return url
    scheme = url[: url.find(parts.netloc if parts.netloc in url else netloc)]
    prefix_end = url.find(netloc) + len(netloc)
    prefix, rest = url[:prefix_end], url[prefix_end:]
    budget = max_chars - len(prefix) - 1  # the "…"
    if budget >= 2 and rest:
        head = budget // 3
        tail = budget - head
        return prefix + rest[:head] + "…" + rest[len(rest) - tail:]
    if len(prefix) + (2 if rest else 0) <= max_chars:
        return prefix + ("/…" if rest else "")
    # The host alone is too long: keep its end, which names whose it is.
    room = max(4, max_chars - len(scheme) - 1 - (2 if rest else 0))
    return scheme + "…" + netloc[len(netloc) - room:] + ("/…" if rest else "")
