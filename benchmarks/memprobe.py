"""Memory used by loading one file, measured in a fresh process (run by ``benchmarks.run``).

    python -m benchmarks.memprobe FILE [--tracemalloc]

Prints one JSON object. Without ``--tracemalloc`` it reports what the operating system sees:
the resident set (``/proc/self/statm``) after the imports, the high-water mark of the
resident set after ``load_file``, and the resident set once the load's garbage is gone.

The high-water mark is Linux's ``VmHWM`` (``/proc/self/status``), reset to the current
resident set after the imports by writing 5 to ``/proc/self/clear_refs``. Not ``ru_maxrss``:
it never goes down, and a child started from a big process inherits the parent's resident
set at fork time as its starting ``ru_maxrss`` (the runner, holding a loaded L, made the
probe read 12 MB high). Elsewhere ``ru_maxrss`` is the fallback.

With ``--tracemalloc`` it reports the Python heap as traced allocation by allocation (exact,
and blind to allocator slack, but the tracing makes the load a few times slower): the traced
peak, and the bytes the loaded dataset keeps.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from positions_viewer.model import load_file


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak_rss() -> int:
    """This process's resident high-water mark in bytes."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KB on Linux


def _reset_peak_rss() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")  # resets VmHWM to the current resident set (Linux >= 4.0)
    except OSError:
        pass


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    traced = "--tracemalloc" in argv[1:]
    gc.collect()
    out: dict[str, float] = {"file_bytes": path.stat().st_size}
    if traced:
        tracemalloc.start()
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
    else:
        _reset_peak_rss()
        out["rss_before"] = _rss()
        out["peak_rss_before"] = _peak_rss()
    start = time.perf_counter()
    result = load_file(path)
    out["seconds"] = time.perf_counter() - start
    if result.dataset is None:
        print(json.dumps({"error": str(result.errors[0])}))
        return 1
    out["positions"] = len(result.dataset.positions)
    out["events"] = len(result.dataset.events)
    if traced:
        _, peak = tracemalloc.get_traced_memory()
        gc.collect()
        current, _ = tracemalloc.get_traced_memory()
        out["traced_peak"] = peak - before
        out["traced_retained"] = current - before
    else:
        out["peak_rss_after"] = _peak_rss()
        gc.collect()
        out["rss_after"] = _rss()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
