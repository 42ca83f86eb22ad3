"""The grid's as-of query and the filters (DESIGN §1, "As-of semantics", "Issue and actor filters").

A hand-made dataset pins each rule down with a readable example; randomly generated datasets are
then checked against a brute-force reference written straight from the DESIGN text.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from positions_viewer.model import (
    Actor,
    Dataset,
    DatasetIndex,
    Event,
    Filter,
    Issue,
    PartialDate,
    Position,
    QueryResult,
    load_bytes,
    parse_date,
)
from positions_viewer.model.query import Hit, Kind

# Three actors, five issues (the last with no position at all), positions out of date order,
# undated ones, ties on a date, approximate dates; events out of date order, some untagged.
TOML = """
schema = 1
title = "Query fixture"

[[actors]]
id = "fr"
name = "France"
[[actors]]
id = "ru"
name = "Russia"
[[actors]]
id = "us"
name = "United States"

[[issues]]
id = "talks"
title = "Whether talks are imminent"
description = "Is a call planned?"
[[issues]]
id = "terms"
title = "Conditions for dialogue"
description = "What must hold first"
[[issues]]
id = "formats"
title = "Negotiation formats"
description = "Who sits at the table"
[[issues]]
id = "prisoner"
title = "The prisoner case"
description = "A consular dispute"
[[issues]]
id = "sanctions"
title = "Sanctions"
description = "Economic pressure"

[[positions]]
actor = "fr"
issue = "talks"
text = "Open to contact in principle"
stance = "open"
[[positions]]
actor = "fr"
issue = "talks"
date = 2025-12-18
text = "Talking may become useful again"
stance = "useful"
[[positions]]
actor = "fr"
issue = "talks"
date = 2025-12-26
text = "No call planned for now"
stance = "not planned"
[[positions]]
actor = "ru"
issue = "talks"
date = 2025-12-20
text = "Ready for dialogue"
stance = "ready"
[[positions]]
actor = "ru"
issue = "talks"
date = 2025-12-20
text = "Ready if Paris wants it"
stance = "conditional"
[[positions]]
actor = "us"
issue = "talks"
date = "2025-12"
text = "Observes from a distance"
stance = "watching"
[[positions]]
actor = "fr"
issue = "terms"
date = "2025"
text = "Transparency with Kyiv"
stance = "transparent"
[[positions]]
actor = "ru"
issue = "terms"
date = 2024-06-01
text = "Political will first"
stance = "will"
[[positions]]
actor = "ru"
issue = "terms"
text = "Direct conversation"
stance = "direct"
[[positions]]
actor = "us"
issue = "formats"
date = 2026-01-05
text = "Proposes a trilateral format"
stance = "trilateral"
[[positions]]
actor = "ru"
issue = "prisoner"
date = "2024"
text = "An offer concerning the researcher"
stance = "offer"
[[positions]]
actor = "fr"
issue = "formats"
text = "Europe at the table"
[[positions]]
actor = "fr"
issue = "formats"
text = "Europe must shape the framework"

[[events]]
id = "elysee"
date = 2025-12-26
title = "Élysée rules out imminent contact"
detail = "No call, no trip to Moscow"
actors = ["fr"]
issues = ["talks"]
[[events]]
id = "calls-2022"
date = "2022"
title = "Frequent calls"
detail = "Early in the year"
actors = ["fr", "ru"]
issues = ["formats"]
[[events]]
id = "macron"
date = 2025-12-18
end = 2025-12-20
title = "Macron raises renewed dialogue"
detail = "May become useful"
actors = ["fr"]
issues = ["talks", "terms"]
[[events]]
id = "kremlin"
date = 2025-12-20
end = 2025-12-21
title = "Kremlin signals readiness"
detail = "Mutual political will"
actors = ["ru"]
issues = ["talks"]
[[events]]
id = "summit"
date = 2025-11-30
title = "Summit elsewhere"
detail = "Talks outside Europe"
[[events]]
id = "us-month"
date = "2025-12"
title = "Washington weighs in"
actors = ["us"]
[[events]]
id = "detained"
date = 2024-03-01
title = "Researcher detained"
issues = ["prisoner"]
"""

ISSUES = ("talks", "terms", "formats", "prisoner", "sanctions")
ACTORS = ("fr", "ru", "us")
ALL_EVENTS_IN_DATE_ORDER = [
    "calls-2022", "detained", "summit", "us-month", "macron", "kremlin", "elysee",
]


@pytest.fixture(scope="module")
def index() -> DatasetIndex:
    result = load_bytes(TOML.encode(), "query.toml")
    assert result.dataset is not None, result.diagnostics
    # the only diagnostic: the sanctions row will be empty
    assert [d.path for d in result.diagnostics] == ["issues[4].id"]
    return DatasetIndex(result.dataset)


def issues(*ids: str) -> frozenset[int]:
    return frozenset(ISSUES.index(i) for i in ids)


def actors(*ids: str) -> frozenset[int]:
    return frozenset(ACTORS.index(a) for a in ids)


def flt(
    date_from: str | None = None, to: str | None = None, text: str = "",
    issue_ids: frozenset[int] | None = None, actor_ids: frozenset[int] | None = None,
) -> Filter:
    return Filter(
        issues=issue_ids, actors=actor_ids,
        date_from=parse_date(date_from) if date_from else None,
        date_to=parse_date(to) if to else None,
        text=text,
    )


def grid(result: QueryResult) -> dict[tuple[str, str], str | None]:
    """(issue id, actor id) -> the text shown in that cell, None for 'No stated position'."""
    dataset = result.dataset
    out: dict[tuple[str, str], str | None] = {}
    for row in range(result.row_count):
        for column in range(result.column_count):
            cell = result.cell(row, column)
            key = (dataset.issues[cell.issue].id, dataset.actors[cell.actor].id)
            out[key] = cell.position.text if cell.position else None
    return out


def kinds(result: QueryResult) -> dict[tuple[str, str], str]:
    """(issue id, actor id) -> the cell's kind, for the cells with one."""
    dataset = result.dataset
    out = {}
    for row in range(result.row_count):
        for column in range(result.column_count):
            cell = result.cell(row, column)
            if cell.kind is not Kind.EMPTY:
                out[(dataset.issues[cell.issue].id, dataset.actors[cell.actor].id)] = cell.kind
    return out


def changed(result: QueryResult) -> set[tuple[str, str]]:
    dataset = result.dataset
    out = set()
    for row in range(result.row_count):
        for column in range(result.column_count):
            cell = result.cell(row, column)
            if cell.changed:
                out.add((dataset.issues[cell.issue].id, dataset.actors[cell.actor].id))
    return out


def shown(index: DatasetIndex, issue: str, actor: str, to: str) -> str | None:
    return grid(index.query(flt(to=to)))[(issue, actor)]


def event_ids(result: QueryResult) -> list[str]:
    return [e.id for e in result.events()]


# -- as of `to` ------------------------------------------------------------------------------


def test_without_a_date_the_latest_position_shows(index: DatasetIndex) -> None:
    assert grid(index.query(Filter())) == {
        ("talks", "fr"): "No call planned for now",
        ("talks", "ru"): "Ready if Paris wants it",
        ("talks", "us"): "Observes from a distance",
        ("terms", "fr"): "Transparency with Kyiv",
        ("terms", "ru"): "Political will first",  # dated beats undated, even earlier in file
        ("terms", "us"): None,
        ("formats", "fr"): "Europe must shape the framework",  # two undated: the later wins
        ("formats", "ru"): None,
        ("formats", "us"): "Proposes a trilateral format",
        ("prisoner", "fr"): None,
        ("prisoner", "ru"): "An offer concerning the researcher",
        ("prisoner", "us"): None,
        ("sanctions", "fr"): None,
        ("sanctions", "ru"): None,
        ("sanctions", "us"): None,
    }


@pytest.mark.parametrize(
    ("to", "text"),
    [
        ("2020-01-01", "Open to contact in principle"),  # undated holds from the start
        ("2025-12-17", "Open to contact in principle"),
        ("2025-12-18", "Talking may become useful again"),  # on the day counts
        ("2025-12-25", "Talking may become useful again"),
        ("2025-12-26", "No call planned for now"),
        ("2025-12", "No call planned for now"),  # `to` covers its whole month
        ("2025", "No call planned for now"),  # and its whole year
        ("2025-11", "Open to contact in principle"),
    ],
)
def test_history_of_one_cell(index: DatasetIndex, to: str, text: str) -> None:
    assert shown(index, "talks", "fr", to=to) == text


def test_same_date_the_later_entry_wins(index: DatasetIndex) -> None:
    assert shown(index, "talks", "ru", to="2025-12-20") == "Ready if Paris wants it"
    assert shown(index, "talks", "ru", to="2025-12-19") is None


@pytest.mark.parametrize(
    ("to", "month_dated", "year_dated"),
    [
        ("2025-11-30", None, "Transparency with Kyiv"),
        ("2025-11", None, "Transparency with Kyiv"),
        ("2025-12-01", "Observes from a distance", "Transparency with Kyiv"),
        ("2024-12-31", None, None),
        ("2024", None, None),
        ("2025-01-01", None, "Transparency with Kyiv"),
    ],
)
def test_approximate_dates_count_from_their_first_day(
    index: DatasetIndex, to: str, month_dated: str | None, year_dated: str | None
) -> None:
    result = grid(index.query(flt(to=to)))
    assert result[("talks", "us")] == month_dated  # "2025-12"
    assert result[("terms", "fr")] == year_dated  # "2025"


@pytest.mark.parametrize(
    ("to", "text"),
    [("2025", None), ("2025-12-31", None), ("2026-01", "Proposes a trilateral format"),
     ("2026", "Proposes a trilateral format")],
)
def test_to_stops_at_the_end_of_its_period(index: DatasetIndex, to: str, text: str) -> None:
    assert shown(index, "formats", "us", to=to) == text


def test_undated_counts_as_earliest(index: DatasetIndex) -> None:
    # ru/terms: undated (later in the file) until the dated 2024-06-01 statement
    assert shown(index, "terms", "ru", to="2024-05-31") == "Direct conversation"
    assert shown(index, "terms", "ru", to="2024-06-01") == "Political will first"


def test_empty_cells_are_explicit(index: DatasetIndex) -> None:
    result = index.query(flt(to="2025-12-19"))
    row, column = ISSUES.index("talks"), ACTORS.index("ru")
    assert result.cell_positions[row, column] == -1
    cell = result.cell(row, column)
    assert cell.position is None and not cell.changed
    assert (cell.issue, cell.actor) == (row, column)
    assert (result.cell_positions[ISSUES.index("sanctions")] == -1).all()


# -- changed in range ------------------------------------------------------------------------


def test_changed_marks_need_a_from_date(index: DatasetIndex) -> None:
    assert changed(index.query(Filter())) == set()
    assert changed(index.query(flt(to="2025-12-26"))) == set()


def test_changed_in_range(index: DatasetIndex) -> None:
    result = index.query(flt("2025-12-18", "2025-12-26"))
    # us/talks ("2025-12", from Dec 1) and fr/terms ("2025") were stated before the range
    assert changed(result) == {("talks", "fr"), ("talks", "ru")}
    assert kinds(result) == {
        ("talks", "fr"): "changed",  # "open" (undated) on Dec 17, "not planned" on Dec 26
        ("talks", "ru"): "new",
        ("talks", "us"): "unchanged",
        ("terms", "fr"): "unchanged",
        ("terms", "ru"): "unchanged",
        ("formats", "fr"): "unchanged",
        ("prisoner", "ru"): "unchanged",
    }
    fr_talks = result.cell(ISSUES.index("talks"), ACTORS.index("fr"))
    assert fr_talks.before is not None and fr_talks.before.text == "Open to contact in principle"
    result = index.query(flt("2025-12-19", "2025-12-25"))
    assert grid(result)[("talks", "fr")] == "Talking may become useful again"  # dated Dec 18
    assert changed(result) == {("talks", "ru")}


def test_changed_with_an_open_end(index: DatasetIndex) -> None:
    assert changed(index.query(flt("2025-12-20"))) == {
        ("talks", "fr"), ("talks", "ru"), ("formats", "us"),
    }
    # an approximate from starts on its first day
    assert changed(index.query(flt("2025-12"))) == {
        ("talks", "fr"), ("talks", "ru"), ("talks", "us"), ("formats", "us"),
    }


def test_undated_is_never_changed(index: DatasetIndex) -> None:
    result = index.query(flt("0001", "2024-05-31"))
    assert grid(result)[("terms", "ru")] == "Direct conversation"
    assert grid(result)[("formats", "fr")] == "Europe must shape the framework"
    assert changed(result) == {("prisoner", "ru")}
    assert kinds(result)[("terms", "ru")] == "unchanged"  # in force from the start


# -- issue and actor filters -----------------------------------------------------------------


def test_rows_and_columns_keep_file_order(index: DatasetIndex) -> None:
    result = index.query(
        flt(issue_ids=issues("prisoner", "talks"), actor_ids=actors("us", "fr"))
    )
    assert result.issue_rows.tolist() == [ISSUES.index("talks"), ISSUES.index("prisoner")]
    assert result.actor_columns.tolist() == [ACTORS.index("fr"), ACTORS.index("us")]
    assert result.cell_positions.shape == (2, 2)
    assert grid(result) == {
        ("talks", "fr"): "No call planned for now",
        ("talks", "us"): "Observes from a distance",
        ("prisoner", "fr"): None,
        ("prisoner", "us"): None,
    }
    assert event_ids(result) == ["macron", "elysee"]
    assert result.status_text() == "2 of 5 issues · 2 of 3 actors · 2 of 7 events"


def test_filters_do_not_change_what_a_cell_shows(index: DatasetIndex) -> None:
    full = grid(index.query(flt("2025-12-19", "2025-12-21")))
    part = grid(index.query(flt("2025-12-19", "2025-12-21", issue_ids=issues("talks", "terms"),
                                actor_ids=actors("ru"))))
    assert part == {key: full[key] for key in part}
    assert set(part) == {("talks", "ru"), ("terms", "ru")}


# -- the timeline ----------------------------------------------------------------------------


def test_all_events_in_date_order(index: DatasetIndex) -> None:
    assert event_ids(index.query(Filter())) == ALL_EVENTS_IN_DATE_ORDER


@pytest.mark.parametrize(
    ("date_from", "to", "expected"),
    [
        ("2025-12-19", "2025-12-20", ["us-month", "macron", "kremlin"]),
        ("2025-12-21", None, ["us-month", "kremlin", "elysee"]),  # ranges end inclusive
        ("2025-12-22", "2025-12-25", ["us-month"]),  # the whole month overlaps
        (None, "2025-12-18", ["calls-2022", "detained", "summit", "us-month", "macron"]),
        (None, "2022-06-01", ["calls-2022"]),  # "2022" starts in range
        ("2023", "2024", ["detained"]),
        ("2022-12-31", "2023-12-31", ["calls-2022"]),  # "2022" ends on its last day
        ("2025-12-27", None, ["us-month"]),
        ("2026", None, []),
    ],
)
def test_events_overlapping_the_range(
    index: DatasetIndex, date_from: str | None, to: str | None, expected: list[str]
) -> None:
    assert event_ids(index.query(flt(date_from, to))) == expected


@pytest.mark.parametrize(
    ("issue_ids", "actor_ids", "expected"),
    [
        (issues(*ISSUES), None, ALL_EVENTS_IN_DATE_ORDER),  # all selected: not a filter
        (None, actors(*ACTORS), ALL_EVENTS_IN_DATE_ORDER),
        (issues("talks"), None, ["macron", "kremlin", "elysee"]),
        (issues("prisoner"), None, ["detained"]),
        (issues("terms", "formats"), None, ["calls-2022", "macron"]),
        (issues("sanctions"), None, []),
        (None, actors("us"), ["us-month"]),
        (None, actors("fr"), ["calls-2022", "macron", "elysee"]),
        (issues("talks"), actors("ru"), ["kremlin"]),
        (issues("talks", "terms", "formats"), actors("fr", "ru"),
         ["calls-2022", "macron", "kremlin", "elysee"]),
        (frozenset(), None, []),
    ],
)
def test_untagged_events_show_only_without_a_filter(
    index: DatasetIndex, issue_ids: frozenset[int] | None, actor_ids: frozenset[int] | None,
    expected: list[str],
) -> None:
    assert event_ids(index.query(flt(issue_ids=issue_ids, actor_ids=actor_ids))) == expected


# -- text search -----------------------------------------------------------------------------


def rows(result: QueryResult) -> list[str]:
    return [ISSUES[i] for i in result.issue_rows.tolist()]


@pytest.mark.parametrize(
    ("text", "expected_rows", "expected_events"),
    [
        ("ready", ["talks"], []),  # a shown position's text
        ("READY IF", ["talks"], []),  # case-insensitive
        ("  ready  ", ["talks"], []),
        ("watching", ["talks"], []),  # a shown position's stance
        ("consular", ["prisoner"], []),  # an issue's description
        ("negotiation", ["formats"], []),  # an issue's title
        ("readiness", [], ["kremlin"]),  # an event's title
        ("moscow", [], ["elysee"]),  # an event's detail
        ("élysée", [], ["elysee"]),
        ("ÉLYSÉE", [], ["elysee"]),
        ("europe", ["formats"], ["summit"]),
        # Issue 13.9 changed this on purpose: a superseded statement is found in the cell's
        # history (it was "not shown, so not found").
        ("open to contact", ["talks"], []),
        ("nothing like this", [], []),
    ],
)
def test_text_search(
    index: DatasetIndex, text: str, expected_rows: list[str], expected_events: list[str]
) -> None:
    result = index.query(flt(text=text))
    assert rows(result) == expected_rows
    assert event_ids(result) == expected_events
    assert result.cell_positions.shape == (len(expected_rows), 3)  # kept rows keep all cells


def test_search_looks_at_the_selected_cells(index: DatasetIndex) -> None:
    assert rows(index.query(flt(to="2025-12-17", text="open to contact"))) == ["talks"]
    assert rows(index.query(flt(text="watching", actor_ids=actors("fr", "ru")))) == []
    assert rows(index.query(flt(text="watching", issue_ids=issues("terms")))) == []


def test_search_sees_the_history_up_to_the_as_of_date(index: DatasetIndex) -> None:
    """Issue 13.9: a cell matches when any statement of its history up to `to` matches; the
    result says whether it was the shown statement and which statements matched."""
    fr, ru = ACTORS.index("fr"), ACTORS.index("ru")
    result = index.query(flt(text="open to contact"))  # fr/talks, undated, superseded
    assert rows(result) == ["talks"]
    assert result.cell(0, fr).search is Hit.HISTORY
    assert result.cell(0, ru).search is Hit.NONE
    assert result.matched_positions.tolist() == [0]
    assert result.statement_matches(0) and not result.statement_matches(2)
    # the statement shown matches: SHOWN, even though an earlier one matches too
    result = index.query(flt(to="2025-12-17", text="open"))
    assert result.cell(0, fr).search is Hit.SHOWN
    # "ready" (ru, 20 Dec) is later than `to`: not part of the history as of 19 Dec
    assert rows(index.query(flt(to="2025-12-19", text="ready"))) == []
    result = index.query(flt(to="2025-12-20", text="ready"))
    assert result.cell(0, ru).search is Hit.SHOWN  # "Ready if Paris wants it"
    assert result.matched_positions.tolist() == [3, 4]  # both statements of that day
    # a stance matches as its text does
    result = index.query(flt(text="not PLANNED"))
    assert result.cell(0, fr).search is Hit.SHOWN
    assert not result.issue_matched.any()
    assert index.query(flt(text="consular")).issue_matched.tolist() == [True]


def test_blank_search_filters_nothing(index: DatasetIndex) -> None:
    assert index.query(flt(text="   ")).status_text() == (
        "5 of 5 issues · 3 of 3 actors · 7 of 7 events"
    )


def test_search_and_date_range_combine(index: DatasetIndex) -> None:
    result = index.query(flt("2025-12-22", "2025-12-25", text="talks"))
    assert event_ids(result) == []  # "Talks outside Europe" is on Nov 30
    assert rows(result) == ["talks"]  # the issue title
    assert changed(result) == set()


# -- the status bar --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "status"),
    [
        (Filter(), "5 of 5 issues · 3 of 3 actors · 7 of 7 events"),
        (flt(issue_ids=issues("talks", "terms", "formats"), actor_ids=actors("fr", "ru")),
         "3 of 5 issues · 2 of 3 actors · 4 of 7 events"),
        (flt("2025-12-19", "2025-12-20"), "5 of 5 issues · 3 of 3 actors · 3 of 7 events"),
        (flt(text="moscow"), "0 of 5 issues · 3 of 3 actors · 1 of 7 events"),
        (flt(issue_ids=frozenset()), "0 of 5 issues · 3 of 3 actors · 0 of 7 events"),
    ],
)
def test_status_text(index: DatasetIndex, query: Filter, status: str) -> None:
    assert index.query(query).status_text() == status


# -- against a brute-force reference on random datasets -------------------------------------

WORDS = ("alpha", "Bravo", "charlie", "DELTA", "echo", "Foxtrot", "golf", "hotel", "ready")


def _random_date(rng: random.Random) -> PartialDate:
    """Few distinct days, so that ties and overlapping periods are common."""
    year, month = rng.choice((2024, 2025)), rng.choice((1, 2, 12))
    precision = rng.randrange(3)
    if precision == 0:
        return PartialDate(year)
    if precision == 1:
        return PartialDate(year, month)
    return PartialDate(year, month, rng.choice((1, 2, 15, 28) + ((31,) if month == 12 else ())))


def _words(rng: random.Random, most: int = 3) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(0, most)))


def _subset(rng: random.Random, size: int) -> tuple[int, ...]:
    return tuple(sorted(rng.sample(range(size), rng.randint(0, size))))


def random_dataset(rng: random.Random) -> Dataset:
    n_actors, n_issues = rng.randint(1, 4), rng.randint(1, 4)
    positions = []
    for index in range(rng.randint(0, 40)):
        positions.append(Position(
            index, rng.randrange(n_actors), rng.randrange(n_issues), _words(rng) or "said",
            None if rng.random() < 0.25 else _random_date(rng), rng.choice(("", *WORDS)),
        ))
    events = []
    for index in range(rng.randint(0, 15)):
        start = _random_date(rng)
        end = _random_date(rng) if rng.random() < 0.4 else None
        if end is not None and end.stop < start.start:
            start, end = end, start
        events.append(Event(
            index, start, _words(rng) or "event", f"e{index}", end, _words(rng),
            _subset(rng, n_actors), _subset(rng, n_issues),
        ))
    return Dataset(
        title="random",
        actors=tuple(Actor(f"a{i}", f"Actor {i}") for i in range(n_actors)),
        issues=tuple(Issue(f"q{i}", _words(rng) or "issue", _words(rng)) for i in range(n_issues)),
        events=tuple(events),
        positions=tuple(positions),
    )


def random_filter(rng: random.Random, dataset: Dataset) -> Filter:
    def pick(size: int) -> frozenset[int] | None:
        return None if rng.random() < 0.4 else frozenset(_subset(rng, size))

    text = ""
    if rng.random() < 0.3:
        word = rng.choice(WORDS)
        text = rng.choice((word, word.upper(), word.lower()[:3], f" {word} "))
    return Filter(
        issues=pick(len(dataset.issues)),
        actors=pick(len(dataset.actors)),
        date_from=_random_date(rng) if rng.random() < 0.5 else None,
        date_to=_random_date(rng) if rng.random() < 0.6 else None,
        text=text,
    )


# The reference, written from DESIGN §1 with dates, not ordinals.


def ref_shown(dataset: Dataset, issue: int, actor: int, to: PartialDate | None) -> int:
    """Latest position dated on or before `to` (inclusive of its period); undated earliest;
    ties: the later file entry."""
    def when(position: Position) -> tuple[bool, dt.date]:
        return (position.date is not None,
                position.date.first_day if position.date else dt.date.min)

    best: Position | None = None
    for position in dataset.positions:
        if (position.issue, position.actor) != (issue, actor):
            continue
        if to is not None and position.date is not None and position.date.first_day > to.last_day:
            continue
        if best is None or when(position) >= when(best):  # a later entry wins a tie
            best = position
    return best.index if best else -1


def ref_in_force(dataset: Dataset, issue: int, actor: int, day: dt.date | None) -> int:
    """The position in force on `day`: latest dated on or before it; undated ones hold from
    the start (day None: before every date, when only undated ones are in force)."""
    if day is None:
        undated = [p for p in dataset.positions
                   if (p.issue, p.actor) == (issue, actor) and p.date is None]
        return undated[-1].index if undated else -1
    return ref_shown(dataset, issue, actor, PartialDate.from_date(day))


def ref_kind(dataset: Dataset, before: int, after: int) -> str:
    """DESIGN §1 *Compare*, word for word."""
    if after < 0:
        return ""
    if before < 0:
        return "new"
    if before == after:
        return "unchanged"
    a, b = dataset.positions[before], dataset.positions[after]
    stance_a, stance_b = (" ".join(p.stance.split()).casefold() for p in (a, b))
    if stance_a and stance_b:
        same = stance_a == stance_b
    else:
        same = " ".join(a.text.split()) == " ".join(b.text.split())
    return "restated" if same else "changed"


@dataclass
class Reference:
    rows: list[int]
    columns: list[int]
    cells: list[list[int]]
    changed: list[list[bool]]
    kinds: list[list[str]]
    search: list[list[Hit]]
    matched: list[int]
    events: list[int]


def reference(dataset: Dataset, query: Filter) -> Reference:
    n_issues, n_actors = len(dataset.issues), len(dataset.actors)
    rows = [i for i in range(n_issues) if query.issues is None or i in query.issues]
    columns = [a for a in range(n_actors) if query.actors is None or a in query.actors]
    needle = " ".join(query.text.split()).casefold()

    def day_before_from() -> dt.date | None:
        assert query.date_from is not None
        first = query.date_from.first_day
        return None if first == dt.date.min else first - dt.timedelta(days=1)

    def cell(issue: int, actor: int) -> tuple[int, str]:
        index = ref_shown(dataset, issue, actor, query.date_to)
        if query.date_from is None:
            return index, ""
        before = ref_in_force(dataset, issue, actor, day_before_from())
        return index, ref_kind(dataset, before, index)

    def history(issue: int, actor: int) -> list[Position]:
        """The cell's statements up to `to`."""
        return [p for p in dataset.positions if (p.issue, p.actor) == (issue, actor)
                and (query.date_to is None or p.date is None
                     or p.date.first_day <= query.date_to.last_day)]

    def says(position: Position) -> bool:
        return needle in position.text.casefold() or needle in position.stance.casefold()

    def row_matches(issue: int) -> bool:
        entry = dataset.issues[issue]
        if any(needle in text.casefold() for text in (entry.title, entry.description, entry.id)):
            return True
        return any(says(p) for actor in columns for p in history(issue, actor))

    def hit(issue: int, actor: int) -> Hit:
        if not needle:
            return Hit.NONE
        shown = ref_shown(dataset, issue, actor, query.date_to)
        if shown >= 0 and says(dataset.positions[shown]):
            return Hit.SHOWN
        return Hit.HISTORY if any(says(p) for p in history(issue, actor)) else Hit.NONE

    if needle:
        rows = [i for i in rows if row_matches(i)]
    grid_cells = [[cell(i, a) for a in columns] for i in rows]
    matched = sorted(p.index for i in rows for a in columns for p in history(i, a)
                     if needle and says(p))

    issue_filter = query.issues is not None and len(query.issues) < n_issues
    actor_filter = query.actors is not None and len(query.actors) < n_actors
    events = []
    for event in dataset.events:
        last = (event.end or event.date).last_day
        if query.date_to is not None and event.date.first_day > query.date_to.last_day:
            continue
        if query.date_from is not None and last < query.date_from.first_day:
            continue
        if issue_filter and not set(event.issues) & (query.issues or set()):
            continue
        if actor_filter and not set(event.actors) & (query.actors or set()):
            continue
        if needle and not (needle in event.title.casefold() or needle in event.detail.casefold()):
            continue
        events.append(event)
    events.sort(key=lambda e: (e.date.first_day, e.index))
    return Reference(
        rows, columns,
        [[c[0] for c in row] for row in grid_cells],
        [[c[1] in ("new", "changed") for c in row] for row in grid_cells],
        [[c[1] for c in row] for row in grid_cells],
        [[hit(i, a) for a in columns] for i in rows],
        matched,
        [e.index for e in events],
    )


def test_as_of_matches_the_reference_on_random_datasets() -> None:
    rng = random.Random(1226)
    for _ in range(300):
        dataset = random_dataset(rng)
        index = DatasetIndex(dataset)
        n_issues, n_actors = len(dataset.issues), len(dataset.actors)
        for to in (None, *(_random_date(rng) for _ in range(4))):
            expected = [
                ref_shown(dataset, i, a, to) for i in range(n_issues) for a in range(n_actors)
            ]
            got = index.as_of(to.stop if to is not None else None).tolist()
            assert got == expected, (to, dataset.positions)


def test_query_matches_the_reference_on_random_datasets() -> None:
    rng = random.Random(2025)
    for _ in range(300):
        dataset = random_dataset(rng)
        index = DatasetIndex(dataset)
        for _ in range(5):
            query = random_filter(rng, dataset)
            result = index.query(query)
            expected = reference(dataset, query)
            context = (query, dataset)
            assert result.issue_rows.tolist() == expected.rows, context
            assert result.actor_columns.tolist() == expected.columns, context
            assert result.cell_positions.tolist() == expected.cells, context
            assert result.cell_changed.tolist() == expected.changed, context
            cells = [[result.cell(r, c) for c in range(result.column_count)]
                     for r in range(result.row_count)]
            assert [[c.kind.value for c in row] for row in cells] == expected.kinds, context
            assert [[c.search for c in row] for row in cells] == expected.search, context
            assert result.matched_positions.tolist() == expected.matched, context
            assert result.event_rows.tolist() == expected.events, context
            assert result.counts == {
                "issues": (len(expected.rows), len(dataset.issues)),
                "actors": (len(expected.columns), len(dataset.actors)),
                "events": (len(expected.events), len(dataset.events)),
            }


def test_random_datasets_cover_the_interesting_cases() -> None:
    """The generator does produce ties, undated positions and approximate dates."""
    rng = random.Random(1226)
    ties = undated = approximate = 0
    for _ in range(50):
        dataset = random_dataset(rng)
        seen: set[tuple[int, int, int]] = set()
        for position in dataset.positions:
            if position.date is None:
                undated += 1
                continue
            approximate += position.date.is_approximate
            key = (position.issue, position.actor, position.date.start)
            ties += key in seen
            seen.add(key)
    assert ties > 20 and undated > 50 and approximate > 100


def test_approximate_position_inside_its_event_period_is_not_warned(
    write_toml: Callable[..., Path],
) -> None:
    from positions_viewer.model import load_file

    path = write_toml("""
        schema = 1
        title = "T"
        [[actors]]
        id = "a"
        name = "A"
        [[issues]]
        id = "i"
        title = "I"
        [[events]]
        id = "e"
        date = 2025-12-18
        title = "E"
        [[positions]]
        actor = "a"
        issue = "i"
        date = "2025-12"
        event = "e"
        text = "Some time that month"
        [[positions]]
        actor = "a"
        issue = "i"
        date = "2025-11"
        event = "e"
        text = "The month before"
    """)
    warnings = load_file(path).warnings
    assert [w.path for w in warnings] == ["positions[1].date"]


def test_the_index_span_is_the_datasets() -> None:
    """The index's span (arrays, computed once) against Dataset.span (a loop over
    everything), on random datasets: undated positions, approximate dates, no events."""
    rng = random.Random(727)
    for _ in range(300):
        dataset = random_dataset(rng)
        assert DatasetIndex(dataset).span == dataset.span()
