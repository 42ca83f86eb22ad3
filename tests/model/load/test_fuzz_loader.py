"""Loader fuzzing: valid files broken on purpose never make the loader raise or hang.

Every case is a generated valid comparison with one to three structural mutations (a key
dropped, a wrong type, a dangling reference, a bad date, a duplicate or bad id, a huge string
or number, deep nesting, an unknown key, a wrong schema, a table that is not an array, …)
written in a random TOML style, then up to two byte-level ones (cut short, bytes inserted or
overwritten, lines moved, NUL, BOM or bad UTF-8 inserted, re-encoded as UTF-16 or Latin-1).
The property: ``load_bytes`` returns a dataset or errors, every diagnostic located on a line
of the file, within a bounded time.

The quick profile runs in the normal suite (deterministic); the long one (10,000+ cases) by
command::

    POSITIONS_FUZZ_LONG=1 .venv/bin/python -m pytest tests/model/load/test_fuzz_loader.py -m slow -s

Its last result is recorded in docs/robustness.md.
"""

from __future__ import annotations

import faulthandler
import os
import re
import sys
import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from positions_viewer.model import load_bytes
from tests.datagen import (
    check_result,
    dataset_specs,
    mutate_bytes,
    mutate_spec,
    mutated_files,
    styles,
    to_toml,
)

NAME = "fuzz.toml"
CASE_SECONDS = 3.0  # far above the slowest case seen (a 1 MB string: ~0.1 s)
HANG_SECONDS = 60  # a case still running after this dumps every stack and ends the run
LONG_CASES = int(os.environ.get("POSITIONS_FUZZ_CASES", "12000"))

_COMMON = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.large_base_example, HealthCheck.filter_too_much],
)
# 120 cases, not 80: Hypothesis mixes the string and number constants of every loaded module
# of the project into what it draws, so the same seed gives other files whenever unrelated
# code changes; at 80 cases the distinct first errors sat at 10-15, on the test's line of 10.
QUICK = settings(max_examples=120, derandomize=True, database=None, **_COMMON)  # type: ignore[arg-type]
LONG = settings(max_examples=LONG_CASES, **_COMMON)  # type: ignore[arg-type]


class Tally:
    """Outcomes of a run: printed by the long profile for docs/robustness.md."""

    def __init__(self) -> None:
        self.outcomes: Counter[str] = Counter()
        self.mutations: Counter[str] = Counter()
        self.first_errors: Counter[str] = Counter()
        self.slowest = 0.0
        self.largest = 0
        self.started = time.perf_counter()

    @property
    def cases(self) -> int:
        return sum(self.outcomes.values())

    def load(self, data: bytes, kinds: tuple[str, ...] = ()) -> None:
        faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
        try:
            started = time.perf_counter()
            result = load_bytes(data, NAME)
            elapsed = time.perf_counter() - started
        finally:
            faulthandler.cancel_dump_traceback_later()
        check_result(result, data, NAME)
        assert elapsed < CASE_SECONDS, f"one load took {elapsed:.1f} s ({len(data):,} bytes)"
        self.slowest = max(self.slowest, elapsed)
        self.largest = max(self.largest, len(data))
        self.mutations.update(kinds)
        if result.ok:
            self.outcomes["loaded, warnings" if result.diagnostics else "loaded clean"] += 1
        else:
            self.outcomes["refused"] += 1
            # the kind of the first error: its message up to the quoted value or number
            self.first_errors[re.split(r"['(0-9]", result.errors[0].message)[0].strip()] += 1

    def report(self, title: str) -> str:
        lines = [
            f"{title}: {self.cases} cases in {time.perf_counter() - self.started:.0f} s; "
            f"{self.outcomes['loaded clean']} loaded clean, "
            f"{self.outcomes['loaded, warnings']} loaded with warnings, "
            f"{self.outcomes['refused']} refused with located errors; 0 exceptions, 0 hangs; "
            f"slowest load {self.slowest * 1000:.0f} ms, largest file {self.largest:,} bytes",
            "mutations applied: " + ", ".join(f"{k} {n}" for k, n in sorted(
                self.mutations.items(), key=lambda kv: -kv[1])),
            f"{len(self.first_errors)} kinds of first error, most common: " + "; ".join(
                f"{k} ({n})" for k, n in self.first_errors.most_common(12)),
        ]
        return "\n".join(lines)


# -- the quick profile (normal suite) ----------------------------------------------------


def test_quick_fuzz_of_mutated_files() -> None:
    tally = Tally()

    @QUICK
    @given(mutated_files(max_string=1 << 16))
    def case(generated: tuple[bytes, tuple[str, ...]]) -> None:
        tally.load(*generated)

    case()
    assert tally.outcomes["refused"] > tally.cases // 3  # mutations reach the error paths
    assert len(tally.first_errors) > 10


@QUICK
@given(st.data())
def test_every_structural_mutation_alone(data: st.DataObject) -> None:
    spec = data.draw(dataset_specs(max_entries=3))
    broken, _kind = data.draw(mutate_spec(spec, 1 << 14))
    raw = to_toml(broken, data.draw(styles))
    Tally().load(raw)


@settings(max_examples=60, derandomize=True, database=None, **_COMMON)  # type: ignore[arg-type]
@given(st.data())
def test_every_byte_mutation_alone(data: st.DataObject) -> None:
    raw = to_toml(data.draw(dataset_specs(max_entries=3)), data.draw(styles))
    broken, _kind = data.draw(mutate_bytes(raw))
    Tally().load(broken)


@pytest.mark.parametrize("depth", [1, 399, 400, 401, 10_000, 1_000_000])
@pytest.mark.parametrize("opening", ["[", "{ a = ", "[{ a = "])
def test_deep_nesting_anywhere_is_refused_with_its_line(depth: int, opening: str) -> None:
    closing = {"[": "]", "{ a = ": " }", "[{ a = ": " }]"}[opening]
    data = (f'schema = 1\ntitle = "t"\n\nx = {opening * depth}1{closing * depth}\n'
            '[[actors]]\nid = "a"\nname = "A"\n[[issues]]\nid = "i"\ntitle = "I"\n').encode()
    Tally().load(data)


def test_one_megabyte_of_random_bytes_is_refused_quickly() -> None:
    import random

    rng = random.Random(8)
    for size in (1 << 20, 1 << 16):
        data = rng.randbytes(size)
        result = load_bytes(data, NAME)
        assert not result.ok
        check_result(result, data, NAME)


# -- the long profile (by command) -------------------------------------------------------


@pytest.mark.slow
def test_long_fuzz_of_mutated_files() -> None:
    tally = Tally()

    @LONG
    @given(mutated_files())
    def case(generated: tuple[bytes, tuple[str, ...]]) -> None:
        tally.load(*generated)

    case()
    report = tally.report(f"long loader fuzz (Python {sys.version.split()[0]})")
    print("\n" + report)
    out = os.environ.get("POSITIONS_FUZZ_REPORT")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(report + "\n")
    assert tally.cases >= LONG_CASES
    assert tally.outcomes["refused"] > tally.cases // 4


# -- what the fuzzing found (kept as plain regressions) ----------------------------------


def test_error_at_the_end_of_the_file_points_inside_the_last_line() -> None:
    # the parser puts "Unescaped '\' in a string" one character past the end of the document
    data = b'schema = 1\ntitle = "\\'
    result = load_bytes(data, NAME)
    check_result(result, data, NAME)
    assert str(result.errors[0]).startswith(
        "fuzz.toml:2:11: error: invalid TOML: Unescaped '\\' in a string")


@pytest.mark.parametrize("value", ["\\u001b[2J", "a\\nb", "\\u202eevil", "\\r", "\\u0085"])
def test_diagnostics_show_control_characters_escaped(value: str) -> None:
    # a terminal would obey an escape sequence quoted from the file; `check` prints one line
    data = (f'schema = 1\ntitle = "t"\n[[actors]]\nid = "a"\nname = "A"\n[[issues]]\nid = "i"\n'
            f'title = "I"\n[[positions]]\nactor = "{value}"\nissue = "i"\ntext = "x"\n').encode()
    result = load_bytes(data, NAME)
    check_result(result, data, NAME)
    printed = str(result.errors[0])
    assert printed.startswith("fuzz.toml:10:9: error: positions[0].actor: unknown actor '")
    assert printed.isprintable() and ("\\u00" in printed or "\\u202e" in printed)
