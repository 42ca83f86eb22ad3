"""Files written the way people write them, for the write path's tests: comments everywhere,
odd spacing, literal and basic strings, inline tables, dates as TOML dates and as strings,
and the same files with CRLF line endings and a byte order mark. Entries are separated by
blank lines, so an entry's lines are the paragraph that holds its marker."""

from __future__ import annotations

import difflib
from pathlib import Path

from positions_viewer.model import Dataset, load_bytes
from positions_viewer.model.write import TextDocument

HAND_WRITTEN = """\
# Talks, as each side put it.   (a comment at the top)
schema = 1
title   =   'Who said what'   # literal string, odd spacing
description = "Two actors, \\"quoted\\" words."
as_of = 2025-12-26

# --- actors ---
[[actors]]
id = "france"
name = "France"
detail = 'Élysée / Macron'
color = "#1F4E9C"  # upper case, as people type it

[[actors]]
  id    = "russia"          # indented keys
  name  = "Russia"
  extra = { since = 1991, note = "inline table" }   # an unknown key: a warning

[[issues]]
id = "talks"
title = "Whether talks are imminent"

# an issue added later
[[issues]]
id="ceasefire"
title="Ceasefire"
description = '''
[[positions]]
A multi-line literal: the line above is text, not a header.
'''

[[sources]]
id = "elysee"
title = "Élysée statement"
url = "https://example.org/elysee"

[[events]]
id = "call"
date = 2025-12-18
title = "A call"   # point event
actors = ["france", "russia"]
issues = ["talks"]

[[events]]
date = "2025-12"
end = 2025-12-31
title = "Talks about talks"
sources = ["elysee"]

[[positions]]
actor = "france"
issue = "talks"
text = "No call planned."
date = 2025-12-10
stance = "closed"

[[positions]] # with an event
actor = "russia"
issue = "talks"
text = 'Open to "dialogue".'
date = 2025-12-18
event = "call"
sources = [
  "elysee",
]

[[positions]]
actor = "france"
issue = "ceasefire"
text = "Undated: holds from the start."

[[views]]
id = "talks-only"
title = "Talks"
issues = ["talks"]

[[views]]  # a view with dates, as a string and as a date
id = 'december'
title = "December"
from = "2025-12"
to = 2025-12-31
notes = \"\"\"Say what changed
in December.\"\"\"
# the end of the file
"""

INLINE = """\
schema = 1
title = "Inline entries"
actors = [ { id = "a", name = "A" },   # first
           { id = "b", name = "B" } ]
issues = [ { id = "i", title = "I" } ]
positions = [
  { actor = "a", issue = "i", date = 2024-01-01, text = "a on i" },
  { actor = "b", issue = "i", text = 'b on i' },
]
"""


def variants(text: str) -> dict[str, bytes]:
    """The text as LF, CRLF, and CRLF with a byte order mark."""
    crlf = text.replace("\n", "\r\n").encode()
    return {"lf": text.encode(), "crlf": crlf, "bom-crlf": b"\xef\xbb\xbf" + crlf}


def document(data: bytes, incremental: bool = False, name: str = "data.toml") -> TextDocument:
    """A document of ``data``; ``incremental`` checks edits entry by entry, as for a large
    file (no load of the whole text)."""
    result = load_bytes(data, name)
    assert result.dataset is not None, [str(d) for d in result.errors]
    return TextDocument(Path(name), data, result.dataset, result.diagnostics,
                        full_check_bytes=0 if incremental else 10**9)


def loaded(data: bytes) -> Dataset:
    result = load_bytes(data, "data.toml")
    assert result.dataset is not None, [str(d) for d in result.errors]
    return result.dataset


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines(keepends=True)


def paragraph(text_lines: list[str], marker: str) -> set[int]:
    """Line numbers (0-based) of the blank-line-separated paragraph holding ``marker``."""
    at = next(n for n, line in enumerate(text_lines) if marker in line)
    first = at
    while first > 0 and text_lines[first - 1].strip():
        first -= 1
    last = at
    while last + 1 < len(text_lines) and text_lines[last + 1].strip():
        last += 1
    return set(range(first, last + 1))


def changed_lines(old: bytes, new: bytes) -> tuple[set[int], set[int]]:
    """Lines of ``old`` that differ (removed or replaced) and lines of ``new`` that are new,
    by difflib on the lines (line endings included)."""
    removed: set[int] = set()
    added: set[int] = set()
    matcher = difflib.SequenceMatcher(a=lines(old), b=lines(new), autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "equal":
            removed.update(range(a0, a1))
            added.update(range(b0, b1))
    return removed, added


def blank_lines(text_lines: list[str]) -> set[int]:
    return {n for n, line in enumerate(text_lines) if not line.strip()}
