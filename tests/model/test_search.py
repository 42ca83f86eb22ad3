"""Search folds the way readers type and sees each cell's history (issues 12.9, 13.9, 18.4).

The case file `tests/data/cases/search-folding.toml` is the one from the shared cases, with
the README's right values: `istanbul` finds `İstanbul`, `izmir` finds `İzmir`, `strasse`
finds `Straße`, whatever the locale.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions_viewer.model import DatasetIndex, Filter, QueryResult, load_bytes, load_file
from positions_viewer.model.search import FoldedCorpus, fold, fold_query, match_spans

CASES = Path(__file__).resolve().parent.parent / "data" / "cases"


@pytest.fixture(scope="module")
def turkish() -> DatasetIndex:
    dataset = load_file(CASES / "search-folding.toml").dataset
    assert dataset is not None
    return DatasetIndex(dataset)


def found(index: DatasetIndex, text: str) -> tuple[list[str], list[str]]:
    """(issue ids of the rows kept, event titles kept) for a search."""
    result = index.query(Filter(text=text))
    dataset = index.dataset
    return ([dataset.issues[i].id for i in result.issue_rows.tolist()],
            [event.title for event in result.events()])


@pytest.mark.parametrize(
    ("typed", "rows", "events"),
    [
        ("istanbul", ["i1"], []),  # İstanbul kanalı
        ("İSTANBUL", ["i1"], []),
        ("izmir", ["i1"], ["İzmir olayı"]),  # İZMİR diyor; İzmir olayı
        ("İzmir", ["i1"], ["İzmir olayı"]),
        ("IZMIR", ["i1"], ["İzmir olayı"]),
        ("strasse", ["i4"], []),  # Straße and STRASSE
        ("straße", ["i4"], []),
        ("STRAẞE", ["i4"], []),
        ("isparta", ["i2"], []),  # Isparta der ki
        ("ılık", ["i2"], []),  # ılık su, typed with the dotless i
        ("ilik", ["i2"], []),  # ... or without it
        ("ırmak", ["i3"], []),  # IRMAK, typed in Turkish lower case
        ("irmak", ["i3"], []),
        ("olayi", [], ["İzmir olayı"]),
        ("diyor ", ["i1"], []),
        ("ankara", [], []),
    ],
)
def test_search_folding_case(turkish: DatasetIndex, typed: str, rows: list[str],
                             events: list[str]) -> None:
    assert found(turkish, typed) == (rows, events)


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("sao paulo", "São Paulo"),
        ("SAO PAULO", "Sa\u0303o Paulo"),  # a decomposed tilde
        ("elysee", "Élysée"),
        ("élysée", "ELYSEE"),  # accents are dropped on both sides
        ("lodz", "Łódź"),
        ("orsted", "Ørsted"),
        ("oeuvre", "Œuvre"),
        ("finance", "ﬁnance"),  # a ligature
        ("abc 12", "ＡＢＣ　１２"),  # full-width letters, digits and space
        ("don't", "They don’t agree"),  # a typographic apostrophe
        ('"red lines"', "“red lines”"),
        ("2024-25", "2024–25"),  # an en dash
        ("red lines", "red\n  lines"),  # any run of white space is one space
        ("red lines", "red\u00a0lines"),  # a no-break space
        ("ё", "Ёлка"),
        ("σοφια", "ΣΟΦΊΑ"),
        ("ab", "a\u00adb"),  # a soft hyphen inside the word
        ("ab", "a\u200bb"),  # a zero-width space
        ("a\u200bb", "ab"),  # … pasted into the search field
        ("ab", "\ufeffa\u200db\u200e"),  # BOM, zero-width joiner, bidi mark
        ("1/2", "½"),
    ],
)
def test_folding_matches(typed: str, text: str) -> None:
    assert fold_query(typed) in fold(text)
    assert match_spans(text, typed)
    assert FoldedCorpus(["other", text]).find(fold_query(typed)).tolist() == [1]


@pytest.mark.parametrize(
    ("typed", "text"),
    [("istanbul", "Ankara"), ("ss", "Stase"), ("red lines", "redlines"), ("a b", "a\x00b")],
)
def test_folding_does_not_match(typed: str, text: str) -> None:
    assert fold_query(typed) not in fold(text)
    assert match_spans(text, typed) == []
    assert FoldedCorpus([text]).find(fold_query(typed)).tolist() == []


def test_blank_search_is_no_search() -> None:
    assert fold_query("  \t ") == ""
    assert match_spans("anything", " ") == []
    assert FoldedCorpus(["anything"]).find("").tolist() == []


@pytest.mark.parametrize(
    ("text", "typed", "spans"),
    [
        ("İstanbul kanalı", "istanbul", [(0, 8)]),
        ("Straße", "strasse", [(0, 6)]),
        ("Straße", "ss", [(4, 5)]),  # inside what ß folds to: the whole ß
        ("Sa\u0303o Paulo", "sao", [(0, 4)]),  # the combining tilde is part of the match
        ("red \n lines", "red lines", [(0, 11)]),
        ("São Paulo, then sao paulo", "SAO PAULO", [(0, 9), (16, 25)]),
        ("aaaa", "aa", [(0, 4)]),  # adjacent matches make one span
        ("xa\u00adby", "ab", [(1, 4)]),  # the soft hyphen inside the match is marked too
        ("no match", "xyz", []),
    ],
)
def test_match_spans(text: str, typed: str, spans: list[tuple[int, int]]) -> None:
    assert match_spans(text, typed) == spans


LETTERS = st.sampled_from(list("aAsSiIıİßẞéÉe\u0301 \n\t\u00a0ŁłøØæﬁ’'–-xyz\u00ad\u200b½"))


@settings(max_examples=300, deadline=None)
@given(text=st.text(LETTERS, max_size=12), typed=st.text(LETTERS, max_size=4))
def test_the_buffer_the_spans_and_fold_agree(text: str, typed: str) -> None:
    """The three ways a match is found (one text folded, the whole-buffer scan, the spans
    for highlighting) agree on every text."""
    needle = fold_query(typed)
    if not needle:
        return
    expected = needle in fold(text)
    corpus = FoldedCorpus(["#", text, "%"])
    assert corpus.find(needle).tolist() == ([1] if expected else [])
    if len(needle.encode()) > 1:  # big buffers are searched with numpy: the same answer
        assert corpus._find_vectorised(needle.encode()).tolist() == ([1] if expected else [])
    assert bool(match_spans(text, typed)) == expected


def test_corpus_finds_each_entry_once() -> None:
    corpus = FoldedCorpus(["abab", "", "b", "ab ab", "xyz", "za"] * 3000)  # several chunks
    expected = [i for i in range(18000) if i % 6 in (0, 3)]
    assert corpus.find("ab").tolist() == expected  # big: numpy
    assert corpus._find_each(b"ab").tolist() == expected  # match by match
    assert corpus.find("b").tolist() == [i for i in range(18000) if i % 6 in (0, 2, 3)]
    # a match never spans two entries ("za" then "abab": "aa" is not found)
    assert corpus.find("aa").tolist() == []
    assert corpus.find("a ").tolist() == []
    assert corpus.find("xyz").tolist() == list(range(4, 18000, 6))


# -- search sees the history --------------------------------------------------------------

HISTORY = """
schema = 1
title = "History"
[[actors]]
id = "fr"
name = "France"
[[actors]]
id = "ru"
name = "Russia"
[[issues]]
id = "sovereignty"
title = "Borders"
[[issues]]
id = "trade"
title = "Trade"
[[positions]]
actor = "fr"
issue = "sovereignty"
date = 2023-05-01
text = "Respects the sovereign choice of its neighbours"
[[positions]]
actor = "fr"
issue = "sovereignty"
date = 2025-02-01
text = "Calls for talks"
stance = "talks"
[[positions]]
actor = "ru"
issue = "trade"
date = 2026-01-01
text = "A sovereign fund will invest"
"""


@pytest.fixture(scope="module")
def history() -> DatasetIndex:
    result = load_bytes(HISTORY.encode(), "history.toml")
    assert result.dataset is not None
    return DatasetIndex(result.dataset)


def test_an_earlier_statement_is_found(history: DatasetIndex) -> None:
    """Issue 13.9: "sovereign" from a 2023 statement is found as of 2025."""
    from positions_viewer.model import parse_date
    from positions_viewer.model.query import Hit

    result: QueryResult = history.query(Filter(date_to=parse_date("2025-12-31"),
                                               text="Sovereign"))
    assert result.issue_rows.tolist() == [0]  # not trade: its statement is from 2026
    cell = result.cell(0, 0)
    assert cell.search is Hit.HISTORY
    assert cell.position is not None and cell.position.text == "Calls for talks"
    (matched,) = result.matched_positions.tolist()
    statement = history.dataset.positions[matched]
    assert statement.text.startswith("Respects")
    assert match_spans(statement.text, "Sovereign") == [(13, 22)]
    assert result.cell(0, 1).search is Hit.NONE
    # without `to`, the 2026 statement is part of the trade cell's history too
    assert history.query(Filter(text="sovereign")).issue_rows.tolist() == [0, 1]


def test_prepare_search_on_a_worker_thread(history: DatasetIndex) -> None:
    fresh = DatasetIndex(history.dataset)
    assert not fresh.search_ready
    worker = threading.Thread(target=fresh.prepare_search)
    worker.start()
    early = fresh.query(Filter(text="sovereign"))  # may run while the worker folds
    worker.join()
    assert fresh.search_ready
    assert early.issue_rows.tolist() == fresh.query(Filter(text="sovereign")).issue_rows.tolist()
