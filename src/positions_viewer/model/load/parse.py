"""TOML text to the parsed document, or the located reason it is not TOML (issue 18 item 2).

rtoml (Rust) parses files that parse, in about a third of tomli's time; tomli is the
reference: it parses whenever rtoml refuses a file (to accept it after all, or to locate the
error with its precise messages), and whenever the two are known to read the same text
differently. ``tests/model/load/test_parse_differential.py`` proves, over the fuzz and
bad-input corpora, that the document is the one tomli would give.

Known differences, each sent to tomli:
- a byte order mark left in the text (after the one ``decode`` strips): rtoml skips it at
  the start, tomli refuses it;
- a carriage return in a file with multi-line strings: tomli turns CRLF inside them into
  LF, rtoml keeps it;
- floats that overflow (``1e400``) and nesting deeper than ~80: rtoml refuses, tomli reads.
Offset date-times differ only in their tzinfo class (rtoml's ``TzInfo``); the validator
refuses date-times with the same message either way.

A big file is parsed in pieces (:func:`_parse_in_pieces`), a few thousand ``[[positions]]``
tables at a time: rtoml builds its own tree of the whole text before the Python one, and on
a 30 MB file that tree took 250 MB more at the peak and left the C allocator's heap
fragmented (issue 18: the peak went from 7x the file to 15x). The pieces are cut only where
the cut cannot change what the text means, and the document is the one a whole parse gives;
anything unusual parses whole.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import rtoml
import tomli

from .syntax import SyntaxProblem, from_decode_error, integer_too_large, nested_too_deeply

__all__ = ["PIECE_FROM_CHARS", "PIECE_TABLES", "SyntaxProblem", "parse", "parse_reference"]

PIECE_FROM_CHARS = 1 << 20  # texts from 1 M characters are parsed in pieces…
PIECE_TABLES = 2000  # …of this many [[positions]] tables
_PIECES_OF = "positions"
_HEADER = re.compile(r"^\[\[positions\]\]$", re.MULTILINE)  # exactly, on a line of its own


def parse(text: str) -> dict[str, Any]:
    """The document ``text`` holds. Raises :class:`SyntaxProblem` (located) if not TOML."""
    if _reference_only(text):
        return parse_reference(text)
    if len(text) >= PIECE_FROM_CHARS:
        pieced = _parse_in_pieces(text)
        if pieced is not None:
            return pieced
    try:
        document: dict[str, Any] = rtoml.loads(text)
    except Exception:
        return parse_reference(text)
    return document


def _reference_only(text: str) -> bool:
    """Texts rtoml reads differently from tomli (see the module's docstring)."""
    if "\ufeff" in text:
        return True
    return "\r" in text and ('"""' in text or "'''" in text)


def _parse_in_pieces(text: str) -> dict[str, Any] | None:
    """rtoml's document for ``text``, parsed a few thousand ``[[positions]]`` tables at a
    time; ``None`` when the text must be parsed whole (to be accepted, or refused, as a whole
    parse would).

    Cut only before a line that is exactly ``[[positions]]``, and only in a text without
    multi-line strings, so each cut is a table header: no other line can be one (an array
    or inline table around it would make the text invalid, and then the piece before it
    fails to parse). Each piece after the first starts a new positions table, and what
    follows it up to the next cut belongs to that table or to tables the piece names. What
    a whole parse checks across pieces is checked here: the first piece does not define
    ``positions``, and no other top-level key is defined in two pieces (a table defined
    twice, or an array of tables continued in another piece, parses whole)."""
    if '"""' in text or "'''" in text:
        return None
    starts = [match.start() for match in _HEADER.finditer(text)]
    if len(starts) < 2 * PIECE_TABLES:
        return None
    cuts = [0, *starts[::PIECE_TABLES], len(text)]
    try:
        document: dict[str, Any] = rtoml.loads(text[:cuts[1]])
        if _PIECES_OF in document:
            return None
        tables: list[Any] = []
        for begin, end in pairwise(cuts[1:]):
            piece: dict[str, Any] = rtoml.loads(text[begin:end])
            for key, value in piece.items():
                if key == _PIECES_OF and isinstance(value, list):
                    document.setdefault(key, tables)
                    tables.extend(value)
                elif key in document:
                    return None
                else:
                    document[key] = value
    except Exception:
        return None
    return document


def parse_reference(text: str) -> dict[str, Any]:
    """tomli's document for ``text``, or its error located."""
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise from_decode_error(exc, text) from None
    except RecursionError:
        raise nested_too_deeply(text) from None
    except ValueError:  # Python refuses to convert integers of more than 4300 digits
        raise integer_too_large(text) from None
