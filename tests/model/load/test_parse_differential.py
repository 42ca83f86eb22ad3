"""rtoml and tomli read the same files the same way (issue 18 item 2): the fast parser is
used only where its document is the one the reference parser gives.

Over the bad-input corpus, the shared cases, the seed, hand-picked edge cases (dates, local
times, NaN, big integers, duplicate keys, BOM, CRLF, control characters) and the fuzz
generator's mutated files: ``parse`` gives tomli's document whenever tomli accepts the text
and a located error whenever it refuses it; and, outside the differences the parse module
names, whatever rtoml accepts tomli accepts with the same values.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
import rtoml
import tomli
from hypothesis import HealthCheck, given, settings

from positions_viewer.model.load.decode import DecodeProblem, decode
from positions_viewer.model.load.parse import SyntaxProblem, _reference_only, parse
from tests.datagen import mutated_files

DATA = Path(__file__).resolve().parents[2] / "data"
SEEDS = Path(__file__).resolve().parents[3] / "seeds"
FILES = sorted([*DATA.glob("bad/*.toml"), *DATA.glob("cases/*.toml"), *DATA.glob("*.toml"),
                *SEEDS.glob("*.toml")])

EDGES = [
    "a = 2025-12-26", "a = 0001-01-01", "a = 9999-12-31", "a = 10:30:00",
    "a = 00:00:00.123456789", "a = 1979-05-27T07:32:00", "a = 1979-05-27 07:32:00",
    "a = 1979-05-27T07:32:00Z", "a = 1979-05-27T07:32:00.999999-07:00", "a = 2025-02-30",
    "a = nan", "a = +nan", "a = -inf", "a = -0.0", "a = 1e400", "a = 5e+22", "a = 0.1",
    "a = 9223372036854775807", "a = 9223372036854775808", "a = -9223372036854775809",
    "a = 0x7FFFFFFFFFFFFFFFFF", "a = 1_000", "a = 0b1010", "a = 0o777", "a = 01",
    "a = 1\na = 2", "a.b = 1\na.b = 2", "[t]\n[t]", "a = {x = 1, x = 2}", "a = 1\n[a]",
    "\ufeffa = 1", "a = 1\n\ufeffb = 2", 'a = "\ufeff"',
    "a = 1\r\nb = 2\r\n", 'a = """\r\nx\r\ny"""', "a = '''\r\nx\r\n'''", "a = 1\rb = 2",
    'a = "x\x00"', 'a = "\\u0000"', 'a = "a\x7fb"', "a = 'x\x01'", "a = 1 # \x7f",
    'a = "\\ud800"', 'a = "\\U0001F600"', '"a\\u0000" = 1', "a = [1, 'x', {b = []}]",
    'a = """a\\\n   b"""', "a = true", "a = True", "a = 'unterminated", "= 1", "a = ",
    "a = [" * 100 + "]" * 100, "a = " + "{b = " * 60 + "1" + "}" * 60,
]


def same(left: Any, right: Any) -> bool:
    """Equal documents: same types, NaN equal to NaN, zero signs and UTC offsets compared."""
    if type(left) is not type(right):
        both_aware = isinstance(left, dt.datetime) and isinstance(right, dt.datetime)
        if not both_aware:
            return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))
    if isinstance(left, float):
        if math.isnan(left):
            return math.isnan(right)
        return left == right and math.copysign(1, left) == math.copysign(1, right)
    if isinstance(left, (dt.datetime, dt.time)):
        return (left.replace(tzinfo=None) == right.replace(tzinfo=None)
                and left.utcoffset() == right.utcoffset())
    return bool(left == right)


def reference(text: str) -> dict[str, Any] | None:
    try:
        return tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError, ValueError):
        return None


def check_text(text: str) -> str:
    """Assert the properties for one text; say which parser's path it took."""
    expected = reference(text)
    try:
        got = parse(text)
    except SyntaxProblem as problem:
        assert expected is None, f"tomli reads it, parse refused: {problem}"
        assert problem.line >= 1
        got = None
    else:
        assert expected is not None, "tomli refuses it, parse accepted it"
        assert same(got, expected)
    if _reference_only(text):
        return "tomli (known difference)"
    try:
        fast = rtoml.loads(text)
    except Exception:
        return "tomli (rtoml refused)"
    assert expected is not None, "rtoml accepts a text tomli refuses"
    assert same(fast, expected), (fast, expected)
    return "rtoml"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_corpus_file(path: Path) -> None:
    try:
        text = decode(path.read_bytes())
    except DecodeProblem:
        return  # never reaches a parser
    check_text(text)


@pytest.mark.parametrize("text", EDGES, ids=range(len(EDGES)))
def test_edge_cases(text: str) -> None:
    check_text(text)


def test_the_valid_corpus_takes_the_fast_path() -> None:
    taken = {path.name: check_text(decode(path.read_bytes()))
             for path in FILES if path.parent == SEEDS}
    assert taken and set(taken.values()) == {"rtoml"}, taken


@settings(max_examples=150, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(mutated_files(max_string=1 << 12))
def test_fuzz_corpus(generated: tuple[bytes, tuple[str, ...]]) -> None:
    data, _kinds = generated
    try:
        text = decode(data)
    except DecodeProblem:
        return
    check_text(text)
