"""Memory of viewing a file against editing and saving it, in a fresh process (run by
``benchmarks.bench_edit``).

    python -m benchmarks.editprobe FILE [--edit N]

Copies FILE to a temporary folder, opens it in a document session (load, index, query: what
the window holds while viewing), and with ``--edit N`` makes N edits of different kinds and
saves after each. Prints one JSON object: the resident set after the imports, the process's
high-water mark (Linux ``VmHWM``, reset after the imports as ``memprobe`` does) and the
resident set at the end.
"""

from __future__ import annotations

import gc
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from positions_viewer.model import DatasetIndex, load_file
from positions_viewer.model.write import DeleteEntry, add_statement, edit_entry, entry_values
from positions_viewer.ui.session import DocumentSession

from .memprobe import _peak_rss, _reset_peak_rss, _rss


def edits(session: DocumentSession, count: int) -> float:
    """``count`` edits (edit, add, delete a statement in turn), each saved; total seconds."""
    start = time.perf_counter()
    for number in range(count):
        dataset = session.dataset
        assert dataset is not None
        kind = number % 3
        if kind == 0:
            index = (number * 7919) % len(dataset.positions)
            values = dict(entry_values(dataset, "positions", index), text=f"Edited {number}")
            session.edits.apply(edit_entry(dataset, "positions", index, values))
        elif kind == 1:
            session.edits.apply(add_statement(dataset, number % len(dataset.issues), 0,
                                              f"Added {number}"))
        else:
            session.edits.apply(DeleteEntry("positions", (number * 104729)
                                            % len(dataset.positions)))
        session.edits.save()
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    source = Path(argv[0])
    count = int(argv[argv.index("--edit") + 1]) if "--edit" in argv else 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / source.name
        shutil.copyfile(source, path)
        gc.collect()
        _reset_peak_rss()
        out: dict[str, float] = {"file_bytes": path.stat().st_size, "rss_before": _rss()}
        result = load_file(path)
        assert result.dataset is not None
        session = DocumentSession()
        session.show_loaded(path, result, DatasetIndex(result.dataset))
        del result
        out["viewing_rss"] = _rss()
        out["seconds"] = edits(session, count) if count else 0.0
        out["peak_rss"] = _peak_rss()
        gc.collect()
        out["rss_after"] = _rss()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
