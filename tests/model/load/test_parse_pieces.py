"""A big file is parsed in pieces of positions tables (issue 18: the peak memory of a load),
and the document is always the one a whole parse gives: the same tables, values and order,
and the same refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, given, settings

from positions_viewer.model.load import parse as parse_module
from positions_viewer.model.load.decode import DecodeProblem, decode
from positions_viewer.model.load.parse import SyntaxProblem, _parse_in_pieces, parse
from tests.datagen import mutated_files
from tests.model.load.test_parse_differential import FILES, check_text

HEAD = 'schema = 1\ntitle = "Pieces"\n\n[[actors]]\nid = "a"\nname = "A"\n\n' \
       '[[issues]]\nid = "i"\ntitle = "I"\n\n'


def positions(count: int, start: int = 0) -> str:
    return "".join(
        f'[[positions]]\nactor = "a"\nissue = "i"\ntext = "Statement {n} \\"quoted\\""\n'
        f'date = 2025-01-{1 + n % 28:02d}\nsources = ["s{n % 3}"]\n'
        + (f'[positions.extra]\nnote = "sub-table of {n}"\n' if n % 5 == 0 else "") + "\n"
        for n in range(start, start + count))


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_module, "PIECE_FROM_CHARS", 0)
    monkeypatch.setattr(parse_module, "PIECE_TABLES", 3)


def same_as_whole(text: str) -> dict[str, Any]:
    document = parse(text)
    expected = tomli.loads(text)
    assert document == expected
    assert list(document) == list(expected)  # the tables in the file's order
    return document


def test_pieces_give_the_whole_documents_tables_in_order() -> None:
    text = HEAD + positions(20) + '[[events]]\ndate = 2025-01-02\ntitle = "E"\n\n' \
        '[[views]]\nid = "v"\ntitle = "V"\n'
    assert _parse_in_pieces(text) is not None  # the pieces were used
    document = same_as_whole(text)
    assert len(document["positions"]) == 20
    assert document["positions"][10]["extra"] == {"note": "sub-table of 10"}


def test_an_array_of_tables_continued_in_another_piece_parses_whole() -> None:
    text = HEAD + positions(7) + '[[events]]\ndate = 2025-01-02\ntitle = "E1"\n\n' \
        + positions(7, 7) + '[[events]]\ndate = 2025-01-03\ntitle = "E2"\n'
    assert _parse_in_pieces(text) is None
    assert [e["title"] for e in same_as_whole(text)["events"]] == ["E1", "E2"]


@pytest.mark.parametrize("text", [
    'positions = []\n' + HEAD + positions(9),  # a static array at the root, then tables
    HEAD + positions(7) + "[meta]\na = 1\n\n" + positions(7, 7) + "[meta]\nb = 2\n",
    HEAD + positions(7) + "[positions]\nx = 1\n",
])
def test_what_a_whole_parse_refuses_is_refused(text: str) -> None:
    with pytest.raises(tomli.TOMLDecodeError):
        tomli.loads(text)
    with pytest.raises(SyntaxProblem):
        parse(text)


def test_a_key_called_positions_inside_another_table_is_no_conflict() -> None:
    text = HEAD.replace('title = "I"', 'title = "I"\npositions = []') + positions(9)
    assert _parse_in_pieces(text) is not None
    assert same_as_whole(text)["issues"][0]["positions"] == []


def test_a_header_line_inside_a_multi_line_string_is_not_a_cut() -> None:
    text = HEAD + positions(4) + 'note = """\n[[positions]]\n"""\n\n' + positions(6, 4)
    assert _parse_in_pieces(text) is None
    assert len(same_as_whole(text)["positions"]) == 10


@settings(max_examples=100, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(mutated_files(max_string=1 << 10))
def test_mutated_files_in_pieces_of_one_table(generated: tuple[bytes, tuple[str, ...]]) -> None:
    """The fuzz corpus, cut before every positions table: the same acceptance, values and
    located refusals as tomli (the differential test's property)."""
    parse_module.PIECE_TABLES = 1  # (the fixture restores it)
    try:
        text = decode(generated[0])
    except DecodeProblem:
        return
    check_text(text)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_corpus_file_in_pieces_of_one_table(path: Path) -> None:
    parse_module.PIECE_TABLES = 1
    try:
        text = decode(path.read_bytes())
    except DecodeProblem:
        return
    check_text(text)
