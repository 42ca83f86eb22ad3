"""Reading a comparison file: bytes, text, document, dataset, each step with its diagnostics.

``load_file`` never raises for bad input: it returns a :class:`LoadResult` holding either a
:class:`Dataset` or the errors that stopped the load, plus any warnings (DESIGN §1).
"""

from __future__ import annotations

import gc
import hashlib
import threading
from pathlib import Path

from ... import limits
from ..files import FileProblem, read_regular_file, size_text
from ..types import Dataset
from .decode import DecodeProblem, decode
from .parse import SyntaxProblem, parse
from .release import RELEASE_FROM_BYTES, release_freed_memory
from .result import LoadResult, fail
from .validate import validate

__all__ = ["load_bytes", "load_file"]


def load_file(path: str | Path, display_name: str | None = None, *,
              release_memory: bool = True) -> LoadResult:
    """Read, parse and validate ``path``; ``display_name`` names it in messages.

    Refuses what is not a regular file and files over ``limits.MAX_FILE_BYTES``. Never
    raises for bad input. ``release_memory``: give the memory the parse freed back to the
    system before returning (:mod:`.release`; 16 ms at 30 MB, 0.7 s at 280 MB); a caller
    that exits soon (``check``) or does it later (the window, after its first paint) passes
    ``False``."""
    path = Path(path)
    name = display_name or str(path)
    try:
        data = read_regular_file(path, limits.MAX_FILE_BYTES, noun="TOML file")
    except FileProblem as exc:
        return fail(name, 0, 0, str(exc))
    size = len(data)
    # What was read, for the watcher to compare. hashlib lets go of Python's lock while it
    # hashes, so a big file is hashed on another core while it is decoded and parsed
    # (30 ms at 30 MB, 0.3 s at 280 MB; issue 18).
    digest = _Digest(data)
    try:
        text = decode(data)
    except DecodeProblem as exc:
        result = fail(name, exc.line, exc.column, str(exc))
    else:
        del data  # not held while parsing: that lowers the peak by the file's size
        result = _load_text(text, name)
        del text  # and gone before the memory is given back
    if result.dataset is not None:
        result.dataset = _with_path(result.dataset, path)
    result.digest = digest.hexdigest()
    if release_memory and size >= RELEASE_FROM_BYTES:  # the parse's memory is free now
        release_freed_memory()
    return result


def load_bytes(data: bytes, name: str = "<data>") -> LoadResult:
    """Parse and validate the bytes of a comparison file called ``name`` in messages."""
    if len(data) > limits.MAX_FILE_BYTES:
        return _too_large(name, len(data))
    try:
        text = decode(data)
    except DecodeProblem as exc:
        return fail(name, exc.line, exc.column, str(exc))
    result = _load_text(text, name)
    del text
    if len(data) >= RELEASE_FROM_BYTES:
        release_freed_memory()
    return result


def _load_text(text: str, name: str) -> LoadResult:
    # Parsing and validating allocate a million containers that form no reference cycles;
    # the cyclic collector would walk them again and again as they pile up (a fifth of the
    # load time at 100k positions). Pause it for the load; reference counting still frees.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            raw = parse(text)
        except SyntaxProblem as exc:
            return fail(name, exc.line, exc.column, exc.message)
        return validate(name, text, raw)
    finally:
        if gc_was_enabled:
            gc.enable()


class _Digest:
    """The SHA-256 of some bytes, worked out in a thread when they are many."""

    THREAD_FROM_BYTES = 1 << 20

    def __init__(self, data: bytes) -> None:
        self._hash = hashlib.sha256()
        self._thread: threading.Thread | None = None
        if len(data) < self.THREAD_FROM_BYTES:
            self._hash.update(data)
        else:
            self._thread = threading.Thread(target=self._hash.update, args=(data,),
                                            name="digest", daemon=True)
            self._thread.start()

    def hexdigest(self) -> str:
        if self._thread is not None:
            self._thread.join()
        return self._hash.hexdigest()


def _with_path(dataset: Dataset, path: Path) -> Dataset:
    object.__setattr__(dataset, "path", path)
    return dataset


def _too_large(name: str, size: int | None) -> LoadResult:
    limit = f"the limit is {size_text(limits.MAX_FILE_BYTES)}"
    sized = f"{size_text(size)}; {limit}" if size is not None else limit
    return fail(name, 0, 0, f"the file is too large ({sized})")
