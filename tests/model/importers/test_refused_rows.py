"""Rows the import refuses, and rows ``check`` would refuse, are located at their cells in the
import's own words and left out by ``--keep-going`` (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from positions_viewer.model.importers import statements
from positions_viewer.model.importers.readers import read_source
from positions_viewer.model.importers.tables import ImportFormat, SourceProblem

from .conftest import Planner, lines, loaded

BIDI = ("actor,issue,text,url\n"
        "France,Talks,t1,https://ex\u202eample.com/fdp.exe\n"
        "Spain,Talks,t2,https://ok.example/a\n"
        "Russia,Talks,t3,https://\u200bexample.com\n")


def test_a_url_with_hidden_characters_is_an_error_at_its_cell(planner: Planner) -> None:
    """It was reported as `bidi.csv:2: error: sources[0]: url …`, in the TOML's terms."""
    plan = planner({"bidi.csv": BIDI})
    assert lines(plan) == [
        "bidi.csv:2:4: error: url: 'https://ex\\u202eample.com/fdp.exe' holds a bidi control "
        "(U+202E) at character 11: an address must not hide what it shows",
        "bidi.csv:4:4: error: url: 'https://\\u200bexample.com' holds a format character "
        "(U+200B) at character 9: an address must not hide what it shows"]
    assert not plan.writable


def test_keep_going_leaves_out_a_row_with_a_bad_url(planner: Planner) -> None:
    """--keep-going wrote nothing ("not written: 2 errors") when such a row was there."""
    plan = planner({"bidi.csv": BIDI}, keep_going=True)
    assert plan.writable and plan.skipped_rows == [("bidi.csv", 2), ("bidi.csv", 4)]
    ds = loaded(plan)
    assert [p.text for p in ds.positions] == ["t2"]
    assert [s.url for s in ds.sources] == ["https://ok.example/a"]


def test_keep_going_leaves_out_what_check_refuses_and_what_names_it(
        planner: Planner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the import's own checks miss, the loader of `check` refuses when the file is
    loaded back: with --keep-going, the refused entry and the rows that name it are left
    out, and the rest is written."""
    monkeypatch.setattr(statements, "url_words", lambda url: None)  # a check that misses
    plan = planner({"s.csv": "actor,issue,text,source,url\n"
                             "France,Talks,t1,Élysée,https://ex\u202eample.com/x\n"
                             "France,Talks,t2,Élysée,https://ex\u202eample.com/x\n"
                             "Spain,Talks,t3,,\n"}, keep_going=True)
    assert plan.writable
    assert plan.skipped_rows == [("s.csv", 2), ("s.csv", 3)]
    ds = loaded(plan)
    assert [p.text for p in ds.positions] == ["t3"]
    assert [a.name for a in ds.actors] == ["Spain"] and ds.sources == ()  # theirs go too
    assert any(line.startswith("s.csv:2: error: sources[0]: url") for line in lines(plan))
    assert not planner({"s.csv": BIDI}, keep_going=False).writable


@pytest.mark.parametrize(("text", "where", "message"), [
    ('actor,issue,text\nFrance,Talks,"never closed\nmore,lines,here\n', (2, 3),
     "the quote that opens this cell on line 2 is never closed: lines 2 to 3, the rest of "
     "the file, would be read as this one cell; close the quote where the cell ends"),
    ('actor,issue,text\nA,B,"two\nlines"\nC,D,x\nE,F,"open\nG,H,y', (4, 3),
     "the quote that opens this cell on line 5 is never closed: lines 5 to 6, the rest of "
     "the file, would be read as this one cell; close the quote where the cell ends"),
])
def test_a_quote_never_closed_is_located_where_it_opened(
        tmp_path: Path, text: str, where: tuple[int, int], message: str) -> None:
    """It silently swallowed the rows after it into one cell."""
    path = tmp_path / "u.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceProblem) as caught:
        read_source(path, ImportFormat.CSV)
    assert (caught.value.line, caught.value.column) == where
    assert caught.value.message == message


def test_closed_quotes_over_several_lines_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text('actor,issue,text\nA,B,"two\nlines, ""quoted"""\n5" pipe,C,"x\ny"',
                    encoding="utf-8")
    (table,) = read_source(path, ImportFormat.CSV)
    assert table.rows == [(2, ["A", "B", 'two\nlines, "quoted"']), (3, ['5" pipe', "C", "x\ny"])]
