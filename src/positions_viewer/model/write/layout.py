"""Where each entry of a comparison file sits in its bytes, for edits that touch only it.

A file's entries are ``[[table]]`` sections: a header line, then ``key = value`` lines, up to
the next header. :class:`Layout` finds every header with a regular expression over the bytes
(a few hundred milliseconds for a 30 MB file, where a Python scan of every line takes tens
of seconds), drops the lines inside multi-line strings (only lines holding triple quotes are
lexed), and answers where entry ``k`` of a table begins and ends:

- its *body*: from the header line to the end of its last non-blank, non-comment line
  (a sub-table such as ``[positions.extra]`` belongs to the entry above it);
- its *lead*: the comment lines directly above the header (no blank line between), which
  describe it and move or go with it.

Blank and comment lines after the body belong to what follows. Offsets are byte offsets;
every block starts at a line start and ends after a newline (or at the end of the file).
After an edit the layout is updated by shifting the headers after the change, not rescanned.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..load.strings import find_close

__all__ = ["Block", "Layout"]

IntArray = npt.NDArray[np.int64]

_BOM = b"\xef\xbb\xbf"
_KEY = rb'(?:[A-Za-z0-9_-]+|"[^"\\\r\n]*"|\'[^\'\r\n]*\')'
_BODY = (rb"([ \t]*)(\[\[?)[ \t]*(" + _KEY + rb"(?:[ \t]*\.[ \t]*" + _KEY + rb")*)[ \t]*"
         rb"(\]\]?)[ \t]*(?:#[^\r\n]*)?(?=\r?\n|\r?\Z)")
_HEADER = re.compile(_BODY)
# Anchored on "\n": one pass in C, where "^" with re.M tries every position (six times
# slower). The newline that ends a header is looked at, not taken: the next line may be one.
_NEXT_HEADER = re.compile(rb"\n" + _BODY)
_PART = re.compile(_KEY)
_TRIPLE = re.compile(rb"\"\"\"|'''")
_BLANK_OR_COMMENT = re.compile(rb"[ \t]*(?:#[^\n]*)?\r?\n?\Z")
_COMMENT = re.compile(rb"[ \t]*#")


@dataclass(frozen=True, slots=True)
class Block:
    """Byte offsets of one entry: ``lead <= start < end``; ``data[lead:end]`` is the entry
    with the comments above it, ``data[start:end]`` the header and its keys."""

    lead: int
    start: int
    end: int


class Layout:
    """The headers of one version of a file's bytes (see the module).

    Each header has a code: ``2 * n + 1`` for ``[[name]]`` and ``2 * n`` for ``[name]``,
    ``n`` indexing :attr:`kinds` (the names). Codes and offsets are numpy arrays, so that
    shifting them after an edit and finding a table's entries take no Python loop over the
    100,000 headers of a large file.
    """

    def __init__(self, data: bytes, starts: IntArray, ends: IntArray, codes: IntArray,
                 kinds: list[str], strings: list[tuple[int, int]]) -> None:
        self.data = data
        self.starts = starts  # offset of each header line, ascending
        self.ends = ends  # offset just after each header line
        self.codes = codes  # each header's code (see the class)
        self.kinds = kinds  # "positions", "positions.extra"
        self.strings = strings  # (start, end) of each multi-line string, ascending
        self._entries: dict[str, IntArray] = {}

    @classmethod
    def scan(cls, data: bytes, kinds: list[str] | None = None) -> Layout:
        """The headers of ``data``; ``kinds`` (shared with the layout being updated) gains
        the names not seen before."""
        kinds = kinds if kinds is not None else []
        known = {name: number for number, name in enumerate(kinds)}
        raw_codes: dict[tuple[bytes, int], int] = {}  # (name as written, brackets) -> code
        strings = _multiline_strings(data) if _has_triple(data) else []
        starts: list[int] = []
        ends: list[int] = []
        codes: list[int] = []
        first = _HEADER.match(data, len(_BOM) if data.startswith(_BOM) else 0)
        matches = ([first] if first is not None else []) + list(_NEXT_HEADER.finditer(data))
        for match in matches:
            at = match.start(2) - len(match.group(1))
            if strings and _inside(strings, at):
                continue
            brackets = len(match.group(2))
            if brackets != len(match.group(4)):
                continue
            raw = (match.group(3), brackets)
            code = raw_codes.get(raw)
            if code is None:  # a name seen for the first time (most repeat: [[positions]])
                name = _name(raw[0])
                number = known.get(name)
                if number is None:
                    number = known[name] = len(kinds)
                    kinds.append(name)
                code = raw_codes[raw] = 2 * number + (brackets == 2)
            line_end = data.find(b"\n", match.end())
            starts.append(at)
            ends.append(len(data) if line_end < 0 else line_end + 1)
            codes.append(code)
        return cls(data, np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64),
                   np.array(codes, dtype=np.int64), kinds, strings)

    # -- queries -------------------------------------------------------------------

    def entries(self, table: str) -> IntArray:
        """Header numbers of the ``[[table]]`` entries, in file order."""
        found = self._entries.get(table)
        if found is None:
            code = 2 * self.kinds.index(table) + 1 if table in self.kinds else -1
            found = np.flatnonzero(self.codes == code).astype(np.int64)
            self._entries[table] = found
        return found

    def count(self, table: str) -> int:
        return int(self.entries(table).shape[0])

    def block(self, table: str, number: int) -> Block:
        """Where entry ``number`` of ``table`` is. Raises ``IndexError`` if there is none."""
        header = int(self.entries(table)[number])
        start = int(self.starts[header])
        boundary = len(self.data)
        prefix = table + "."
        for following in range(header + 1, len(self.codes)):
            if not self.kinds[int(self.codes[following]) // 2].startswith(prefix):
                boundary = int(self.starts[following])
                break
        end = self._trim_back(boundary, int(self.ends[header]))
        return Block(self._lead(start), start, end)

    def defines_inline(self, table: str) -> bool:
        """Whether ``table`` is set as a value (``table = [...]``) before the first header:
        such a file's entries are inline tables, not ``[[table]]`` sections."""
        stop = int(self.starts[0]) if len(self.starts) else len(self.data)
        pattern = re.compile(rb"(?:^|\n)[ \t]*(?:" + re.escape(table.encode()) + rb"|\""
                             + re.escape(table.encode()) + rb"\"|'" + re.escape(table.encode())
                             + rb"')[ \t]*=")
        return pattern.search(self.data, 0, stop) is not None

    def newline(self) -> bytes:
        """The file's line ending: that of its first line (``b"\\r\\n"`` or ``b"\\n"``)."""
        first = self.data.find(b"\n")
        return b"\r\n" if first > 0 and self.data[first - 1:first] == b"\r" else b"\n"

    def blank_before(self, offset: int) -> bool:
        """Whether the line just above ``offset`` (a line start) is blank."""
        if offset <= 0:
            return False
        line_start = self.data.rfind(b"\n", 0, offset - 1) + 1
        return not self.data[line_start:offset].strip()

    def line_of(self, offset: int) -> int:
        """1-based line number of byte ``offset``."""
        return self.data.count(b"\n", 0, offset) + 1

    # -- after an edit ---------------------------------------------------------------

    def patched(self, start: int, old_size: int, new: bytes, data: bytes) -> Layout:
        """The layout of ``data``: this layout's bytes with ``old_size`` bytes at ``start``
        replaced by ``new``. Headers after the change are shifted and only the changed
        lines are scanned again, when the change is whole lines and holds no triple quotes."""
        old_end = start + old_size
        aligned = (start == 0 or self.data[start - 1:start] == b"\n") and (
            old_end == len(self.data) or self.data[old_end - 1:old_end] == b"\n")
        quotes = bool(self.strings) or _has_triple(new) or _has_triple(self.data[start:old_end])
        if not aligned or quotes or start < len(_BOM):
            return Layout.scan(data, self.kinds)
        keep = self.ends <= start
        after = self.starts >= old_end
        inner = Layout.scan(b"\n" + new, self.kinds)  # "\n": a header on its first line
        delta = len(new) - old_size
        return Layout(
            data,
            np.concatenate((self.starts[keep], inner.starts + (start - 1),
                            self.starts[after] + delta)),
            np.concatenate((self.ends[keep], inner.ends + (start - 1),
                            self.ends[after] + delta)),
            np.concatenate((self.codes[keep], inner.codes, self.codes[after])),
            self.kinds, [])

    # -- helpers ---------------------------------------------------------------------

    def _trim_back(self, boundary: int, floor: int) -> int:
        """Back from ``boundary`` (a line start) over blank and comment lines, not below
        ``floor``: the end of the last line that holds a key or a value."""
        end = boundary
        while end > floor:
            line_start = self.data.rfind(b"\n", 0, end - 1) + 1
            line_start = max(line_start, floor)
            if _inside(self.strings, line_start) or not _BLANK_OR_COMMENT.match(
                    self.data, line_start, end):
                break
            end = line_start
        return end

    def _lead(self, start: int) -> int:
        """Up from the header at ``start`` over comment lines directly above it."""
        lead = start
        while lead > 0:
            line_start = self.data.rfind(b"\n", 0, lead - 1) + 1
            if _inside(self.strings, line_start) or not _COMMENT.match(self.data, line_start,
                                                                        lead):
                break
            if line_start == 0 and self.data.startswith(_BOM):
                break  # keep the byte order mark where it is
            lead = line_start
        return lead

    def inside_string(self, offset: int) -> bool:
        return _inside(self.strings, offset)


def _has_triple(data: bytes) -> bool:
    return b'"""' in data or b"'''" in data  # two plain searches: thrice a regex's speed


def _inside(strings: list[tuple[int, int]], offset: int) -> bool:
    if not strings:
        return False
    at = bisect.bisect_right([s for s, _ in strings], offset) - 1
    return at >= 0 and strings[at][0] < offset < strings[at][1]


def _name(raw: bytes) -> str:
    parts = []
    for part in _PART.findall(raw):
        text = part.decode("utf-8", errors="replace")
        parts.append(text[1:-1] if text[:1] in "\"'" else text)
    return ".".join(parts)


def _multiline_strings(data: bytes) -> list[tuple[int, int]]:
    """Byte ranges of the multi-line strings: only lines holding triple quotes are lexed
    (nothing else opens or closes one)."""
    regions: list[tuple[int, int]] = []
    open_quotes: str | None = None
    opened_at = 0
    last_line = -1
    for found in _TRIPLE.finditer(data):
        line_start = data.rfind(b"\n", 0, found.start()) + 1
        if line_start == last_line:
            continue  # this line was lexed whole already
        last_line = line_start
        line_end = data.find(b"\n", found.start())
        line_end = len(data) if line_end < 0 else line_end
        line = data[line_start:line_end].decode("utf-8", errors="replace")
        at = 0
        while True:
            if open_quotes is not None:
                close = find_close(line, at, open_quotes)
                if close < 0:
                    break
                regions.append((opened_at, line_start + len(line[:close].encode())))
                open_quotes, at = None, close
            opening = _open_string(line, at)
            if opening is None:
                break
            at, open_quotes = opening
            opened_at = line_start + len(line[:at].encode())
            at += 3
    if open_quotes is not None:
        regions.append((opened_at, len(data)))
    return regions


def _open_string(line: str, at: int) -> tuple[int, str] | None:
    """Where a multi-line string opens on ``line`` (from ``at``) and stays open, skipping
    one-line strings and comments; ``None`` when none does."""
    size = len(line)
    while at < size:
        char = line[at]
        if char == "#":
            return None
        if char in "\"'":
            triple = char * 3
            if line.startswith(triple, at):
                close = find_close(line, at + 3, triple)
                if close < 0:
                    return at, triple
                at = close
                continue
            at += 1
            while at < size and line[at] != char:
                at += 2 if char == '"' and line[at] == "\\" else 1
            at += 1
            continue
        at += 1
    return None
