"""TOML text to the parsed document, or the located reason it is not TOML."""

from __future__ import annotations

from typing import Any

import tomli

from .syntax import SyntaxProblem, from_decode_error, integer_too_large, nested_too_deeply

__all__ = ["SyntaxProblem", "parse"]


def parse(text: str) -> dict[str, Any]:
    """The document ``text`` holds. Raises :class:`SyntaxProblem` (located) if not TOML."""
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise from_decode_error(exc, text) from None
    except RecursionError:
        raise nested_too_deeply(text) from None
    except ValueError:  # Python refuses to convert integers of more than 4300 digits
        raise integer_too_large(text) from None
