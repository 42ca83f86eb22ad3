"""The command line (DESIGN §2): ``show`` (the default), ``check``, ``export`` and ``import``.

Each subcommand is a module here with ``register(subparsers)`` and ``run(ns) -> int``;
:data:`COMMANDS` lists them in the order ``--help`` shows (``import`` lives in
``import_cmd.py``: ``import`` is a Python keyword). Qt is imported only by the
subcommands that draw, so ``check`` stays fast and works without display libraries.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from .. import __version__
from .common import EXIT_USAGE, UsageError

__all__ = ["COMMANDS", "build_parser", "main"]

COMMANDS = ("show", "check", "export", "import")
_MODULES = {"import": "import_cmd"}  # a command whose name is a Python keyword


def _module(command: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{_MODULES.get(command, command)}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="positions-viewer",
        description="Compare what actors have publicly said on a set of issues, over time.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    for command in COMMANDS:
        _module(command).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "show")
    parser = build_parser()
    try:
        ns = parser.parse_args(args)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(_module(ns.command).run(ns))
    except UsageError as exc:
        print(f"positions-viewer {ns.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
