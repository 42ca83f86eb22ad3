"""The command line (DESIGN §2): ``show`` (the default), ``check``, ``export``, ``compare``
and ``import``.

Each subcommand is a module here with ``register(subparsers)`` and ``run(ns) -> int``;
:data:`COMMANDS` lists them in the order ``--help`` shows (``import`` lives in
``import_cmd.py``: ``import`` is a Python keyword). Qt is imported only by the
subcommands that draw, so ``check`` stays fast and works without display libraries.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from .. import __version__
from ..export.errors import Interrupted
from .common import EXIT_USAGE, UsageError, echo, say
from .parsing import Parser

__all__ = ["COMMANDS", "EXIT_PIPE", "build_parser", "main"]

COMMANDS = ("show", "check", "export", "compare", "import")
_MODULES = {"import": "import_cmd"}  # a command whose name is a Python keyword
# A reader that stopped reading (``check … | head -1``): the exit status of a program that
# SIGPIPE ended, as ``cat`` or ``grep`` give in a pipeline (128 + 13); nothing is printed.
EXIT_PIPE = 141


def _module(command: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{_MODULES.get(command, command)}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only``, the one subcommand that will run (its
    module alone is imported: ``check`` does not pay for the importers and the export
    service, issue 18)."""
    parser = Parser(
        prog="positions-viewer",
        description="Compare what actors have publicly said on a set of issues, over time.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    for command in COMMANDS if only is None else (only,):
        _module(command).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit code (DESIGN §2: 0 ok, 1 data errors, 2 usage or
    unwritable output; 130 after Ctrl+C, 128 + the signal after SIGTERM, SIGHUP, SIGQUIT and
    the others of :mod:`..export.signals` during an export, :data:`EXIT_PIPE` when the
    reader of the output went away)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _main(args)
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()  # a full disk surfaces here, not at exit as a traceback
    except BrokenPipeError:
        _silence()
        return EXIT_PIPE
    except OSError as exc:
        _say(f"positions-viewer: error: cannot write the output: {exc.strerror or exc}")
        _silence()
        return EXIT_USAGE
    return code


def _main(args: list[str]) -> int:
    if args and args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version"):
        mistyped = _mistyped_command(args[0])
        if mistyped is not None:
            say(f"positions-viewer: error: '{echo(args[0])}' is not a command; did you mean "
                f"'{mistyped}'? (commands: {', '.join(COMMANDS)})")
            return EXIT_USAGE
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "show")
    parser = build_parser(args[0] if args[0] in COMMANDS else None)
    try:
        ns = parser.parse_args(args)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(_module(ns.command).run(ns))
    except UsageError as exc:
        say(f"positions-viewer {ns.command}: error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Interrupted as exc:
        return 128 + exc.signum


def _mistyped_command(word: str) -> str | None:
    """The command ``word`` was meant to be (``chekc`` → ``check``), unless it names a
    file (then it is ``show FILE``: a name with a suffix or a folder is one) or an option."""
    if word.startswith("-") or "." in word or "/" in word or os.sep in word \
            or Path(word).exists():
        return None
    close = difflib.get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.6)
    return close[0] if close else None


def _silence() -> None:
    """Point stdout and stderr at the null device: what is still buffered for a closed pipe
    or a full disk goes nowhere, instead of failing again at exit with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, AttributeError, ValueError):
            os.dup2(devnull, stream.fileno())
    os.close(devnull)


def _say(line: str) -> None:
    """One line on stderr, when stderr can still take it."""
    with contextlib.suppress(OSError):
        print(line, file=sys.stderr, flush=True)
