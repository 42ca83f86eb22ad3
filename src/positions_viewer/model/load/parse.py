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
"""

from __future__ import annotations

from typing import Any

import rtoml
import tomli

from .syntax import SyntaxProblem, from_decode_error, integer_too_large, nested_too_deeply

__all__ = ["SyntaxProblem", "parse", "parse_reference"]


def parse(text: str) -> dict[str, Any]:
    """The document ``text`` holds. Raises :class:`SyntaxProblem` (located) if not TOML."""
    if _reference_only(text):
        return parse_reference(text)
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
