"""What changed between two dates (DESIGN §1 *Compare*), staleness, and the grid's kinds.

One hand-made file holds a cell per rule (a row per case, the case named by the issue id), so
each assertion reads as the rule it checks; the three-actor file checks a whole comparison.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from positions_viewer.model import DatasetIndex, Filter, load_bytes, load_file, parse_date
from positions_viewer.model.compare import (
    CompareError,
    Comparison,
    Kind,
    age_words,
    changed_cells,
    compare,
    compare_filter,
    kinds_since,
)

DATA = Path(__file__).resolve().parent.parent / "data"

# A = 2024-03-01, B = 2024-03-31 unless a test says otherwise. Actor "a" holds the cases,
# actor "b" stays silent (empty at both dates).
CASES = {
    "new": [("2024-03-10", "open", "Ready to talk")],
    "changed-stance": [("2024-01-05", "open", "Ready"), ("2024-03-10", "closed", "Not now")],
    "stance-case-and-spaces": [("2024-01-05", "  Not  Planned ", "No call for now"),
                               ("2024-03-10", "not planned", "Still no call, and no visit")],
    "texts-only-changed": [("2024-01-05", "", "Ready to talk"),
                           ("2024-03-10", "", "Not ready to talk")],
    "texts-only-restated": [("2024-01-05", "", "Ready  to\ntalk "),
                            ("2024-03-10", "", " Ready to talk")],
    "texts-differ-in-case": [("2024-01-05", "", "ready to talk"),
                             ("2024-03-10", "", "Ready to talk")],
    "stance-then-none-same-text": [("2024-01-05", "open", "Ready to talk"),
                                   ("2024-03-10", "", "Ready to talk")],
    "stance-then-none-new-text": [("2024-01-05", "open", "Ready to talk"),
                                  ("2024-03-10", "", "Ready, with conditions")],
    "unchanged": [("2024-01-05", "open", "Ready")],
    "later-than-b": [("2024-04-01", "open", "Ready")],
    # ties: on one day the later entry in the file wins, at A and at B
    "tie-at-a": [("2024-01-05", "open", "First"), ("2024-01-05", "closed", "Second"),
                 ("2024-03-10", "closed", "Again")],
    "tie-at-b": [("2024-01-05", "open", "Before"), ("2024-03-10", "open", "Still open"),
                 ("2024-03-10", "closed", "Then closed")],
    "same-day-restated": [("2024-03-10", "open", "Once"), ("2024-03-10", "OPEN", "Twice")],
    # undated positions hold from the start
    "undated-unchanged": [("", "open", "Always open")],
    "undated-then-restated": [("", "open", "Always open"), ("2024-03-10", "Open", "Still")],
    # approximate dates count from their first day
    "year-before-a": [("2024", "open", "Some time in 2024")],
    "month-of-a": [("2024-03", "open", "Some time in March")],
    "month-then-day": [("2024-03", "open", "Some time in March"),
                       ("2024-03-10", "open", "On 10 March")],
}


def _toml() -> str:
    lines = ['schema = 1', 'title = "Compare cases"', 'stale_after = "6m"', 'as_of = 2024-06-30',
             '[[actors]]', 'id = "a"', 'name = "A"', '[[actors]]', 'id = "b"', 'name = "B"']
    for case in CASES:
        lines += ["[[issues]]", f'id = "{case}"', f'title = "{case}"']
    for case, statements in CASES.items():
        for date, stance, text in statements:
            lines += ["[[positions]]", 'actor = "a"', f'issue = "{case}"',
                      f"text = {json.dumps(text)}"]
            if date:
                lines.append(f'date = "{date}"')
            if stance:
                lines.append(f'stance = "{stance}"')
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def index() -> DatasetIndex:
    result = load_bytes(_toml().encode(), "cases.toml")
    assert result.dataset is not None, result.errors
    return DatasetIndex(result.dataset)


def day(text: str) -> object:
    return parse_date(text)


def kinds_of(comparison: Comparison, actor: int = 0) -> dict[str, str]:
    dataset = comparison.dataset
    return {dataset.issues[cell.issue].id: cell.kind.value
            for cell in comparison.cells() if cell.actor == actor}


def test_every_kind(index: DatasetIndex) -> None:
    comparison = compare(index, parse_date("2024-03-01"), parse_date("2024-03-31"))
    assert kinds_of(comparison) == {
        "new": "new",
        "changed-stance": "changed",
        "stance-case-and-spaces": "restated",  # stances compared trimmed and case-folded
        "texts-only-changed": "changed",
        "texts-only-restated": "restated",  # texts compared whitespace-normalised
        "texts-differ-in-case": "changed",  # ... but not case-folded
        "stance-then-none-same-text": "restated",  # one has no stance: texts are compared
        "stance-then-none-new-text": "changed",
        "unchanged": "unchanged",
        "later-than-b": "",
        "tie-at-a": "restated",  # "Second" (closed) wins the tie at A; "Again" is closed
        "tie-at-b": "changed",  # "Then closed" wins the tie at B
        "same-day-restated": "new",  # nothing at A
        "undated-unchanged": "unchanged",
        "undated-then-restated": "restated",
        "year-before-a": "unchanged",  # "2024" holds from 1 Jan
        "month-of-a": "unchanged",  # "2024-03" holds from 1 Mar, so on A
        "month-then-day": "restated",  # "2024-03" sorts before 10 March
    }
    assert set(kinds_of(comparison, actor=1).values()) == {""}  # b says nothing


def test_positions_in_force_at_both_dates(index: DatasetIndex) -> None:
    comparison = compare(index, parse_date("2024-03-01"), parse_date("2024-03-31"))
    cells = {comparison.dataset.issues[c.issue].id: c for c in comparison.cells() if c.actor == 0}
    tie_a, tie_b = cells["tie-at-a"], cells["tie-at-b"]
    assert (tie_a.a and tie_a.a.text, tie_a.b and tie_a.b.text) == ("Second", "Again")
    assert (tie_b.a and tie_b.a.text, tie_b.b and tie_b.b.text) == ("Before", "Then closed")
    assert cells["new"].a is None and cells["new"].b is not None
    assert cells["later-than-b"].a is None and cells["later-than-b"].b is None
    assert cells["unchanged"].a is cells["unchanged"].b
    assert comparison.summary_text() == "5 changed · 2 new · 6 restated"
    assert comparison.counts()[Kind.UNCHANGED] == 4
    assert comparison.counts()[Kind.EMPTY] == 1 + len(CASES)  # later-than-b, and all of b


def test_approximate_dates_at_a_and_b(index: DatasetIndex) -> None:
    # A = "2024-02" is in force at its end (29 Feb), as a `to` date is; B = "2024-03" at
    # its end, so it includes 10 March
    kinds = kinds_of(compare(index, parse_date("2024-02"), parse_date("2024-03")))
    assert kinds["month-of-a"] == "new"  # "2024-03" is not in force on 29 Feb
    assert kinds["new"] == "new"
    assert kinds["changed-stance"] == "changed"
    assert kinds["year-before-a"] == "unchanged"
    # both within February: "2024-03" is not yet in force at either
    assert kinds_of(compare(index, parse_date("2024-02-01"), parse_date("2024-02-29")))[
        "month-of-a"] == ""
    # A before every date: only undated positions are in force
    comparison = compare(index, None, parse_date("2024-12-31"))
    assert comparison.a_label() == "the start"
    assert kinds_of(comparison)["undated-then-restated"] == "restated"
    assert kinds_of(comparison)["unchanged"] == "new"


def test_same_dates_change_nothing(index: DatasetIndex) -> None:
    comparison = compare(index, parse_date("2024-03-10"), parse_date("2024-03-10"))
    assert set(kinds_of(comparison).values()) <= {"unchanged", ""}
    assert comparison.summary_text() == "No changes"


def test_a_after_b_is_refused(index: DatasetIndex) -> None:
    with pytest.raises(CompareError, match="after"):
        compare(index, parse_date("2024-04-01"), parse_date("2024-03-01"))
    with pytest.raises(CompareError, match="after"):  # "2024-03" ends after 15 March
        compare(index, parse_date("2024-03"), parse_date("2024-03-15"))
    with pytest.raises(CompareError, match="after"):
        compare_filter(index, Filter(date_from=parse_date("2024-04-01"),
                                     date_to=parse_date("2024-03-01")))
    with pytest.raises(CompareError, match="both dates"):
        compare_filter(index, Filter(date_from=parse_date("2024-04-01")))


def test_a_filter_compares_the_day_before_from(index: DatasetIndex) -> None:
    """From 10 March: a statement of 10 March is a change (compared with 9 March)."""
    flt = Filter(date_from=parse_date("2024-03-10"), date_to=parse_date("2024-03-31"))
    comparison = compare_filter(index, flt)
    assert comparison.a_label() == "9 Mar 2024" and comparison.b_label() == "31 Mar 2024"
    assert kinds_of(comparison)["changed-stance"] == "changed"
    flt = Filter(date_from=parse_date("2024-03-11"), date_to=parse_date("2024-03-31"))
    assert kinds_of(compare_filter(index, flt))["changed-stance"] == "unchanged"
    # the grid's cells carry the same kinds
    result = index.query(flt.with_changes(date_from=parse_date("2024-03-10")))
    by_issue = {index.dataset.issues[result.cell(r, 0).issue].id: result.cell(r, 0)
                for r in range(result.row_count)}
    assert by_issue["changed-stance"].kind is Kind.CHANGED and by_issue["changed-stance"].changed
    assert by_issue["new"].kind is Kind.NEW and by_issue["new"].changed
    restated = by_issue["stance-case-and-spaces"]
    assert restated.kind is Kind.RESTATED and not restated.changed  # marked quietly
    assert restated.before is not None and restated.before.text == "No call for now"
    assert by_issue["unchanged"].kind is Kind.UNCHANGED and not by_issue["unchanged"].changed


def test_the_grid_has_no_kinds_without_from(index: DatasetIndex) -> None:
    result = index.query(Filter(date_to=parse_date("2024-03-31")))
    assert {result.cell(r, c).kind for r in range(result.row_count)
            for c in range(result.column_count)} == {Kind.EMPTY}
    assert not result.cell_changed.any()


def test_the_grid_and_the_comparison_agree(index: DatasetIndex) -> None:
    for start, end in (("2024-01-05", "2024-03-10"), ("2024-02", "2024-03"), ("0001", "2024")):
        flt = Filter(date_from=parse_date(start), date_to=parse_date(end))
        comparison, result = compare_filter(index, flt), index.query(flt)
        assert comparison.kinds.tolist() == result.cell_kinds.tolist()
        assert comparison.b_positions.tolist() == result.cell_positions.tolist()
        assert comparison.a_positions.tolist() == result.cell_before.tolist()


# -- staleness and age -------------------------------------------------------------------


STALE = """
schema = 1
title = "Stale"
as_of = 2025-12-26
stale_after = "6m"
[[actors]]
id = "a"
name = "A"
[[issues]]
id = "exactly"
title = "Six months to the day"
[[issues]]
id = "older"
title = "One day more"
[[issues]]
id = "undated"
title = "Undated"
[[issues]]
id = "month"
title = "June as a whole"
[[issues]]
id = "fresh"
title = "Yesterday"
[[positions]]
actor = "a"
issue = "exactly"
date = 2025-06-26
text = "t"
[[positions]]
actor = "a"
issue = "older"
date = 2025-06-25
text = "t"
[[positions]]
actor = "a"
issue = "undated"
text = "t"
[[positions]]
actor = "a"
issue = "month"
date = "2025-06"
text = "t"
[[positions]]
actor = "a"
issue = "fresh"
date = 2025-12-25
text = "t"
"""


@pytest.fixture(scope="module")
def stale_index() -> DatasetIndex:
    result = load_bytes(STALE.encode(), "stale.toml")
    assert result.dataset is not None, result.errors
    return DatasetIndex(result.dataset)


def stale_cells(index: DatasetIndex, flt: Filter) -> dict[str, tuple[bool, int | None]]:
    result = index.query(flt)
    return {index.dataset.issues[result.cell(r, 0).issue].id:
            (result.cell(r, 0).stale, result.cell(r, 0).age_days)
            for r in range(result.row_count)}


def test_stale_against_the_files_as_of_date(stale_index: DatasetIndex) -> None:
    assert stale_cells(stale_index, Filter()) == {
        "exactly": (False, 183),  # six months before 26 Dec is 26 Jun: not more than that
        "older": (True, 184),
        "undated": (False, None),  # no date, no age
        "month": (True, 208),  # "2025-06" counts from 1 June
        "fresh": (False, 1),
    }


def test_stale_against_the_to_date(stale_index: DatasetIndex) -> None:
    cells = stale_cells(stale_index, Filter(date_to=parse_date("2025-09-30")))
    assert cells["older"] == (False, 97)
    assert cells["fresh"] == (False, None)  # not shown yet: no position, no age
    # `to` = "2025" counts to its last day, 31 Dec
    assert stale_cells(stale_index, Filter(date_to=parse_date("2025")))["exactly"] == (True, 188)


def test_no_stale_after_no_staleness(index: DatasetIndex, tmp_path: Path) -> None:
    dataset = load_file(DATA / "three_actors.toml").dataset
    assert dataset is not None and dataset.stale_after is None
    result = DatasetIndex(dataset).query(Filter())
    assert not result.cell_stale.any()
    assert result.as_of_ordinal == dt.date(2024, 6, 30).toordinal()  # the file's as_of
    assert (result.cell_age >= 0).any()  # ages are still known


def test_comparison_staleness_is_on_b(stale_index: DatasetIndex) -> None:
    comparison = compare(stale_index, parse_date("2025-01-01"), parse_date("2025-12-26"))
    stale = {stale_index.dataset.issues[c.issue].id: c.stale for c in comparison.cells()}
    assert stale == {"exactly": False, "older": True, "undated": False, "month": True,
                     "fresh": False}


@pytest.mark.parametrize(
    ("stated", "on", "words"),
    [
        ("2025-12-26", "2025-12-26", "today"),
        ("2025-12-25", "2025-12-26", "1 day"),
        ("2025-11-27", "2025-12-26", "29 days"),
        ("2025-11-26", "2025-12-26", "1 month"),
        ("2025-06-27", "2025-12-26", "5 months"),
        ("2024-12-26", "2025-12-26", "1 year"),
        ("1999-03-01", "2019-06-01", "20 years 3 months"),
        ("2024-02-29", "2025-02-28", "11 months"),  # the 29th has not come round again
    ],
)
def test_age_words(stated: str, on: str, words: str) -> None:
    reference = dt.date.fromisoformat(on).toordinal()
    days = reference - dt.date.fromisoformat(stated).toordinal()
    assert age_words(days, reference) == words


# -- the three-actor file, and the presenter's steps -------------------------------------


def test_three_actors_summit() -> None:
    dataset = load_file(DATA / "three_actors.toml").dataset
    assert dataset is not None
    index = DatasetIndex(dataset)
    flt = Filter(date_from=parse_date("2024-03-04"), date_to=parse_date("2024-03-06"))
    comparison = compare_filter(index, flt)
    table = {(dataset.issues[c.issue].id, dataset.actors[c.actor].id): c.kind.value
             for c in comparison.cells()}
    assert table == {
        ("quota", "north"): "changed",  # undated "historic use" -> "minimum flow"
        ("quota", "south"): "new",
        ("quota", "east"): "unchanged",  # "2024" holds from 1 Jan
        ("dam", "north"): "",  # "2024-05": not yet
        ("dam", "south"): "",
        ("dam", "east"): "",
        ("monitoring", "north"): "",
        ("monitoring", "south"): "unchanged",  # undated
        ("monitoring", "east"): "new",
    }
    assert comparison.summary_text() == "1 changed · 2 new"
    # to the end of June: the dam statements are new, the quota ones unchanged since March
    later = compare(index, parse_date("2024-03-06"), parse_date("2024-06-30"))
    assert [c.kind.value for c in later.cells()] == [
        "unchanged", "unchanged", "unchanged", "new", "new", "", "", "unchanged", "unchanged",
    ]


def test_changed_cells_between_presenter_steps() -> None:
    dataset = load_file(DATA / "three_actors.toml").dataset
    assert dataset is not None
    index = DatasetIndex(dataset)
    step = index.query(Filter(date_to=parse_date("2024-05-31")))
    since = parse_date("2024-03-06").stop  # the previous step's as-of date
    assert changed_cells(index, step, since) == {
        (dataset.index_of("issues", "dam"), dataset.index_of("actors", "north")): Kind.NEW,
        (dataset.index_of("issues", "dam"), dataset.index_of("actors", "south")): Kind.NEW,
    }
    # a step against itself changes nothing; against the start (when only undated positions
    # are in force) the cells with only dated statements are new
    assert changed_cells(index, step, parse_date("2024-05-31").stop) == {}
    assert (kinds_since(index, step, 0) == Kind.NEW.code).sum() == 5
