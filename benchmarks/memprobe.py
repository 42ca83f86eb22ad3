"""Memory used by loading one file, measured in a fresh process (run by ``benchmarks.run``).

    python -m benchmarks.memprobe FILE [--tracemalloc]

Prints one JSON object. Without ``--tracemalloc`` it reports what the operating system sees:
the resident set (``/proc/self/statm``) after the imports, the high-water mark
(``ru_maxrss``) after ``load_file``, and the resident set once the load's garbage is gone.
A fresh process is needed because ``ru_maxrss`` never goes down: in the runner it would still
hold the peak of an earlier benchmark. With ``--tracemalloc`` it reports the Python heap as
traced allocation by allocation (exact, and blind to allocator slack, but the tracing makes
the load a few times slower): the traced peak, and the bytes the loaded dataset keeps.
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


def _maxrss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KB on Linux


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
        out["rss_before"] = _rss()
        out["maxrss_before"] = _maxrss()
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
        out["maxrss_after"] = _maxrss()
        gc.collect()
        out["rss_after"] = _rss()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
