"""Text search that folds the way readers type (issues 12.9, 13.9, 18.4).

Both the search text and the data are *folded* before comparing:

- Unicode compatibility decomposition (NFKD) and full case folding: ``STRASSE``, ``straße``
  and ``Strasse`` all fold to ``strasse``; ligatures and full-width letters to plain ones;
- accents dropped (combining diacritical marks): ``istanbul`` finds ``İstanbul``, ``izmir``
  finds ``İZMİR``, ``sao paulo`` finds ``São Paulo``, ``elysee`` finds ``Élysée``;
- characters drawn as nothing dropped (soft hyphen, zero-width space and joiners, bidi
  marks, BOM): ``ab`` finds ``a\u00adb``, and a pasted ``a\u200bb`` finds ``ab``;
- letters that carry their mark inside them read as their base letter: ``ı`` (dotless i) as
  ``i``, ``ł`` ``l``, ``ø`` ``o``, ``đ`` ``d``, ``ħ`` ``h``, ``ŧ`` ``t``, ``æ`` ``ae``,
  ``œ`` ``oe``; typographic quotes and dashes as the plain ones (``’`` ``'``, ``“`` ``"``,
  ``–`` ``-``);
- every run of white space as one space (a line break in a text matches a typed space).

The rule does not depend on the locale. A match never spans two fields (a text and its
stance, an issue's title and description).

:class:`SearchIndex` folds a dataset's texts once (lazily: most sessions never search) into
one UTF-8 buffer per table, so a search is a C-speed scan of that buffer (about 50 ms per
100 MB here) instead of a Python loop over statements. Its :meth:`SearchIndex.build` may run
on a worker thread after the window is painted; it works in chunks, so the GUI thread is
never held for long. :func:`match_spans` gives the character spans of the matches in one
text, for drawn highlighting.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from itertools import chain

import numpy as np
import numpy.typing as npt

from ..cache import BoundedCache
from .statements import NO_STANCE, StatementCodes
from .types import Dataset

__all__ = ["Hit", "SearchHits", "SearchIndex", "fold", "fold_query", "match_spans"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# Combining accents, and the characters drawn as nothing that may sit inside a word (soft
# hyphen, zero-width space and joiners, bidi marks, word joiner, variation selectors, the
# combining grapheme joiner, BOM, Hangul fillers): "ab" finds "a\u00adb" and "a\u200bb".
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
                      "\u00ad\u061c\u115f\u1160\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                      "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")
_LETTERS = {
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe",
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "\u2044": "/", "\u2215": "/",  # fraction and division slashes: "1/2" finds "½"
    "\x00": "\ufffd",  # NUL separates entries in the folded buffers
}
_LETTER = re.compile("|".join(map(re.escape, _LETTERS)))
_SPACES = re.compile(r"\s+")
# White space left after NFKD (which turns no-break, thin and ideographic spaces into " ").
_OTHER_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029"
_SEP = "\x00"
_CHUNK = 4096  # entries folded per step: a few ms each, so a worker thread yields the GIL
_VECTOR_BYTES = 1 << 16  # buffers this big are searched with numpy (FoldedCorpus.find)
_PAIR = np.dtype("<u2")  # two bytes, the first in the low byte, on any machine


def _fold_unicode(text: str) -> str:
    """Everything :func:`fold` does except joining white space, for a non-ASCII text."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    if folded.isascii():
        return folded.replace(_SEP, "\ufffd")
    folded = _ACCENTS.sub("", folded)
    if folded.isascii():
        return folded.replace(_SEP, "\ufffd")
    return _LETTER.sub(lambda found: _LETTERS[found.group()], folded)  # translate() is slower


def _fold_entry(text: str) -> str:
    return text.lower().replace(_SEP, "\ufffd") if text.isascii() else _fold_unicode(text)


def fold(text: str) -> str:
    """``text`` as search compares it (see the module's docstring). Not trimmed."""
    return _SPACES.sub(" ", _fold_entry(text))


def fold_query(text: str) -> str:
    """What the user typed, folded and trimmed; "" searches nothing."""
    return fold(text).strip()


def _join_spaces(text: str) -> str:
    """Every white-space run as one space, with C-speed scans (a regex over 100 MB is slow)."""
    for char in _OTHER_SPACES:
        if char in text:
            text = text.replace(char, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


class FoldedCorpus:
    """Many texts folded into one UTF-8 buffer, NUL-separated, for whole-buffer scans."""

    __slots__ = ("_data", "_pairs", "_starts", "size")

    def __init__(self, texts: Iterable[str]) -> None:
        chunks: list[bytes] = []
        batch: list[str] = []
        self._pairs: IntArray | None = None
        self.size = 0
        for text in texts:
            batch.append(text)
            if len(batch) == _CHUNK:
                chunks.append(self._fold_batch(batch))
                self.size += len(batch)
                batch = []
        if batch:
            chunks.append(self._fold_batch(batch))
            self.size += len(batch)
        # Folding maps NUL to U+FFFD, so every NUL in the buffer is a separator.
        self._data = b"\0".join(chunks)
        buffer = np.frombuffer(self._data, dtype=np.uint8)
        starts = np.flatnonzero(buffer == 0) + 1
        self._starts = np.concatenate(([0], starts)).astype(np.int64)[: self.size]
        if len(self._data) >= _VECTOR_BYTES:
            self._pair_counts()  # now, off the GUI thread, rather than in the first search

    @staticmethod
    def _fold_batch(batch: list[str]) -> bytes:
        return _join_spaces(_SEP.join([_fold_entry(text) for text in batch])).encode()

    def find(self, needle: str) -> IntArray:
        """Sorted indices of the entries holding ``needle`` (already folded, no NUL)."""
        wanted = needle.encode()
        if not wanted or self.size == 0:
            return np.zeros(0, dtype=np.int64)
        if len(wanted) == 1 or len(self._data) < _VECTOR_BYTES:
            return self._find_each(wanted)
        return self._find_vectorised(wanted)

    @property
    def nbytes(self) -> int:
        return len(self._data) + int(self._starts.nbytes)

    def find_nothing(self) -> None:
        """One ``memchr`` over the whole buffer for a byte that never occurs in UTF-8 (FF):
        the memory's speed, the floor of any scan (the benchmarks' note)."""
        self._data.find(b"\xff")

    def _find_each(self, wanted: bytes) -> IntArray:
        """``bytes.find`` from match to match, on to the next entry after each: fast while
        matches are few (each costs a few hundred ns of Python)."""
        data = self._data
        find = data.find
        offsets: list[int] = []
        append = offsets.append
        at = find(wanted)
        while at >= 0:
            append(at)
            end = find(b"\0", at)
            if end < 0:
                break
            at = find(wanted, end)
        return self._entries(np.array(offsets, dtype=np.int64))

    def _find_vectorised(self, wanted: bytes) -> IntArray:
        """The needle's rarest pair of bytes found with two array comparisons over the
        buffer (as 16-bit words at even and at odd offsets), then each candidate checked
        byte by byte, all in numpy: the time hardly depends on how many entries match
        (73 ms for 127k matching statements of 900k, against 144 ms match by match)."""
        data, size = self._data, len(self._data)
        buffer = np.frombuffer(data, dtype=np.uint8)
        counts = self._pair_counts()
        pairs = [wanted[k] | wanted[k + 1] << 8 for k in range(len(wanted) - 1)]
        anchor = min(range(len(pairs)), key=lambda k: counts[pairs[k]])
        even = np.frombuffer(data, dtype=_PAIR, count=size // 2)
        odd = np.frombuffer(data, dtype=_PAIR, count=(size - 1) // 2, offset=1)
        found = np.concatenate((np.flatnonzero(even == pairs[anchor]) * 2,
                                np.flatnonzero(odd == pairs[anchor]) * 2 + 1))
        found.sort()
        starts = found - anchor
        starts = starts[(starts >= 0) & (starts + len(wanted) <= size)]
        for offset, byte in enumerate(wanted):
            if offset not in (anchor, anchor + 1):
                starts = starts[buffer[starts + offset] == byte]
        return self._entries(starts)

    def _pair_counts(self) -> IntArray:
        """How often each pair of bytes occurs in (the first 8 MB of) the buffer."""
        if self._pairs is None:
            sample = np.frombuffer(self._data, dtype=_PAIR,
                                   count=min(len(self._data) // 2, 4 << 20))
            self._pairs = np.bincount(sample, minlength=1 << 16)
        return self._pairs

    def _entries(self, offsets: IntArray) -> IntArray:
        """The entries holding these sorted byte offsets, each once."""
        entries = np.searchsorted(self._starts, offsets, side="right") - 1
        if len(entries) > 1:
            entries = entries[np.concatenate(([True], entries[1:] != entries[:-1]))]
        return entries.astype(np.int64)


class Hit(Enum):
    """Whether a cell matched the search, and how."""

    NONE = 0
    SHOWN = 1  # the statement shown matches
    HISTORY = 2  # only an earlier statement of the cell (on or before the as-of date) does


@dataclass(frozen=True, slots=True)
class SearchHits:
    """What one folded search text matches in a whole dataset (every date)."""

    needle: str
    positions: BoolArray  # per position: its text or stance matches
    issues: BoolArray  # per issue: its title, description or id
    events: BoolArray  # per event: its title or detail


class SearchIndex:
    """A dataset's texts folded once, and the searches made of them (the last few kept)."""

    def __init__(self, dataset: Dataset, codes: StatementCodes) -> None:
        self._dataset = dataset
        self._codes = codes
        self._lock = threading.Lock()
        self._built = False
        self._texts: FoldedCorpus | None = None
        self._fields: list[FoldedCorpus] = []
        self._stances: list[str] = []
        self._recent: BoundedCache[str, SearchHits] = BoundedCache(8)

    @property
    def built(self) -> bool:
        return self._built

    def build(self) -> None:
        """Fold every text now (safe from any thread; the second call returns at once).
        About 0.1 s per 100k statements of ~150 characters."""
        with self._lock:
            if self._built:
                return
            dataset = self._dataset
            self._texts = FoldedCorpus(self._codes.texts)
            self._stances = [fold(stance) for stance in self._codes.stances]
            # Each table's fields in one buffer (entry i is field i % n of row i // n):
            # one scan per table.
            self._fields = [
                FoldedCorpus(chain.from_iterable((i.title, i.description, i.id)
                                                 for i in dataset.issues)),
                FoldedCorpus(chain.from_iterable((e.title, e.detail) for e in dataset.events)),
            ]
            self._built = True

    @property
    def folded_bytes(self) -> int:
        """Memory the folded buffers take (0 before :meth:`build`)."""
        corpora = [self._texts, *self._fields] if self._texts is not None else []
        return sum(corpus.nbytes for corpus in corpora)

    def scan_floor(self) -> None:
        """One pass over the folded statements at memory speed: less than any search can
        cost (the benchmarks' note)."""
        self.build()
        assert self._texts is not None
        self._texts.find_nothing()

    def find(self, needle: str) -> SearchHits:
        """Everything that holds ``needle`` (folded with :func:`fold_query`), at any date."""
        self.build()
        with self._lock:
            return self._recent.get_or_make(needle, lambda: self._find(needle))

    def _find(self, needle: str) -> SearchHits:
        dataset, codes = self._dataset, self._codes
        assert self._texts is not None
        text_hits = np.zeros(len(codes.texts), dtype=bool)
        text_hits[self._texts.find(needle)] = True
        positions = text_hits[codes.text] if len(codes) else np.zeros(0, dtype=bool)
        stance_hits = [needle in stance for stance in self._stances]
        if any(stance_hits):
            by_code = np.array([*stance_hits, False])  # NO_STANCE (-1) reads the last
            assert NO_STANCE == -1
            positions = positions | by_code[codes.stance]
        issues = self._marks(self._fields[0], len(dataset.issues), 3, needle)
        events = self._marks(self._fields[1], len(dataset.events), 2, needle)
        return SearchHits(needle, positions, issues, events)

    @staticmethod
    def _marks(corpus: FoldedCorpus, size: int, fields: int, needle: str) -> BoolArray:
        marks = np.zeros(size, dtype=bool)
        marks[corpus.find(needle) // fields] = True
        return marks


def _pieces(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, and for each folded character the index of
    the character it came from (white-space runs joined as :func:`fold` joins them)."""
    out: list[str] = []
    owners: list[int] = []
    last_space = False
    for number, char in enumerate(text):
        piece = _fold_entry(char)
        for folded in piece:
            if folded.isspace():
                if last_space:
                    continue
                folded, last_space = " ", True
            else:
                last_space = False
            out.append(folded)
            owners.append(number)
    return "".join(out), owners


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where ``query`` (as typed) matches in ``text``: ``(start, end)`` character offsets of
    ``text`` (end exclusive), in order; overlapping or touching matches make one span. A
    match that begins or ends inside what one character folds to (``ß`` is ``ss``) covers
    that whole character."""
    needle = fold_query(query)
    if not needle:
        return []
    folded, owners = _pieces(text)
    spans: list[tuple[int, int]] = []
    at = folded.find(needle)
    while at >= 0:
        end = at + len(needle)
        start, stop = owners[at], owners[end - 1] + 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], stop))
        else:
            spans.append((start, stop))
        at = folded.find(needle, end)
    return spans
