"""Scanning TOML strings in raw text: where a multi-line string closes, and whether a quote
is escaped. Shared by the loader's locator and the write path's layout scanner."""

from __future__ import annotations

__all__ = ["find_close", "is_escaped"]


def find_close(raw: str, start: int, quotes: str) -> int:
    """Index just after the closing ``quotes`` (``\"\"\"`` or ``\'\'\'``) of a multi-line string
    that starts before ``start`` in ``raw``, or -1 (shared with the write path's scanner)."""
    at = start
    while True:
        found = raw.find(quotes, at)
        if found < 0:
            return -1
        if quotes == '"""' and is_escaped(raw, found):
            at = found + 1
            continue
        end = found + 3
        while raw.startswith(quotes[0], end) and end - found < 5:
            end += 1  # up to two quotes may sit just before the closing three
        return end


def is_escaped(raw: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes - 1 >= 0 and raw[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
