"""The argument parser of every command: argparse, with the command line's promises kept
(DESIGN §2, issue 12).

- A usage error is one readable line: what argparse echoes of the user's input ("invalid
  choice: …", "unrecognized arguments: …") has its invisible characters escaped and each
  long word cut (:func:`tidy`); a 3,000-character value is not printed whole.
- ``--help`` and ``--version`` report a failed write (``--help > /dev/full``) instead of
  exiting 0 silently: argparse swallows ``OSError`` when it prints; this parser lets it
  reach :func:`positions_viewer.cli.main`, which says so in one line (exit 2, or 141 for a
  closed pipe).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, NoReturn

from ..model.text import clip_text, escape_invisible
from .common import ECHO_CHARS, EXIT_USAGE

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["MAX_MESSAGE_CHARS", "Parser", "tidy"]

MAX_MESSAGE_CHARS = 400  # a usage error, whatever it echoes
_LONG_WORD = re.compile(rf"\S{{{ECHO_CHARS + 1},}}")


def tidy(message: str) -> str:
    """``message`` as one readable line: invisible characters escaped
    (:func:`~positions_viewer.model.text.escape_invisible`), every run of more than
    :data:`~.common.ECHO_CHARS` characters without a space cut with "…", the whole cut at
    :data:`MAX_MESSAGE_CHARS`."""
    shown = _LONG_WORD.sub(lambda word: clip_text(word.group(), ECHO_CHARS),
                           escape_invisible(message))
    return clip_text(shown, MAX_MESSAGE_CHARS)


class Parser(argparse.ArgumentParser):
    """The parser of ``positions-viewer`` and (argparse makes them of the same class) of
    each subcommand; see the module."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {tidy(message)}\n")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            (file or sys.stderr).write(message)  # an OSError is the caller's to report
