"""Planning an import: fields and synonyms, ids, located diagnostics, --keep-going, wide tables
and events (DESIGN §2, issue 16)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from positions_viewer.model import PartialDate
from positions_viewer.model.importers import ImportUsageError, Order, parse_mapping

from .conftest import Planner, lines, loaded
from .workbooks import write_xlsx

STATEMENTS = """\
    Speaker,Topic,When,Stance,Quote,Outlet,Link
    france,Whether talks are imminent,26 Dec 2025,closed,No call planned.,Élysée,https://elysee.fr/a
    Russia,Whether talks are imminent,2025-12-20,open,Putin is ready.,Kremlin,https://kremlin.ru/b
    Russia,Conditions?,NA,,Political will first.,,
    """


def test_synonyms_ids_and_sources(planner: Planner) -> None:
    plan = planner({"s.csv": STATEMENTS})
    assert plan.errors == [] and plan.writable
    ds = loaded(plan)
    assert [(a.id, a.name) for a in ds.actors] == [("france", "france"), ("Russia", "Russia")]
    assert [(i.id, i.title) for i in ds.issues] == [
        ("whether-talks-are-imminent", "Whether talks are imminent"),
        ("conditions", "Conditions?")]
    first, second, third = ds.positions
    assert (first.date, first.stance, first.text) == (PartialDate(2025, 12, 26), "closed",
                                                      "No call planned.")
    assert second.date == PartialDate(2025, 12, 20) and third.date is None
    assert [(s.title, s.url) for s in ds.sources] == [("Élysée", "https://elysee.fr/a"),
                                                      ("Kremlin", "https://kremlin.ru/b")]
    assert ds.sources[first.sources[0]].title == "Élysée" and third.sources == ()


def test_slugs_are_made_unique(planner: Planner) -> None:
    plan = planner({"s.csv": "actor,issue,text\nA,Talks?,x\nA,Talks!,y\nA,talks?,z\n"})
    ds = loaded(plan)
    assert [(i.id, i.title) for i in ds.issues] == [("talks", "Talks?"), ("talks-2", "Talks!")]
    assert [ds.issues[p.issue].id for p in ds.positions] == ["talks", "talks-2", "talks"]


def test_an_id_column_and_a_name_column_are_both_understood(planner: Planner) -> None:
    text = ("issue_id,issue,actor_id,actor,date,stance,changed,text\n"
            "imminence,Whether talks are imminent,fr,France,2025-12,no,yes,No call.\n"
            "imminence,Whether talks are imminent,ru,Russia,,,,\n")
    ds = loaded(planner({"grid.csv": text}))
    assert [(a.id, a.name) for a in ds.actors] == [("fr", "France")]  # the empty cell: none
    assert [(i.id, i.title) for i in ds.issues] == [("imminence", "Whether talks are imminent")]
    assert ds.positions[0].date == PartialDate(2025, 12)


def test_map_names_columns_and_bad_maps_are_usage_errors(planner: Planner) -> None:
    text = "Member,Category,Reason,Resigned\nPat,D,Took a job,1/15/2018\n"
    mapping = parse_mapping(["Member=actor", "category=ISSUE", "Reason=text",
                             "Resigned=date"])
    ds = loaded(planner({"r.csv": text}, mapping=mapping))
    assert ds.positions[0].date == PartialDate(2018, 1, 15)
    assert ds.issues[0].id == "D"  # a value that already is an id stays that id
    with pytest.raises(ImportUsageError, match="'colour' is not a field"):
        parse_mapping(["Reason=colour"])
    with pytest.raises(ImportUsageError, match="write COLUMN=FIELD"):
        parse_mapping(["Reason"])
    with pytest.raises(ImportUsageError, match=r"no column 'Nope'.*Member, Category"):
        planner({"r.csv": text}, mapping=(("Nope", "text"),))


def test_every_problem_is_located_and_nothing_is_planned_on_errors(planner: Planner) -> None:
    text = ("actor,issue,date,text,url\n"
            "France,Talks,2025-12-26,No call.,https://ok.example\n"
            "France,Talks,31/02/2025,Bad date.,\n"
            "Russia,Talks,2025-12-20,,\n"
            "Russia,,2025-12-20,No issue.,ftp://files\n")
    plan = planner({"s.csv": text})
    assert lines(plan) == [
        "s.csv:3:3: error: date: '31/02/2025' is not a date: Feb 2025 has 28 days",
        "s.csv:4:4: error: text: no text: a statement needs what was said",
        "s.csv:5:2: error: issue: no issue",
        "s.csv:5:5: error: url: 'ftp://files' is not a web address (http:// or https://)",
    ]
    assert plan.data is None and not plan.writable
    kept = planner({"s.csv": text}, keep_going=True)
    assert kept.writable and kept.skipped_rows == [("s.csv", 3), ("s.csv", 4), ("s.csv", 5)]
    assert [p.text for p in loaded(kept).positions] == ["No call."]


def test_cells_past_the_header_are_errors_not_dropped(planner: Planner) -> None:
    plan = planner({"s.csv": "actor,issue,text\nA,B,C,stray\n"})
    assert lines(plan) == ["s.csv:2:4: error: this row has 4 cells but the header has 3: "
                           "'stray' is under no column"]


def test_repeated_rows_are_imported_once_with_a_warning(planner: Planner) -> None:
    plan = planner({"s.csv": "actor,issue,text\nA,B,C\nA,B,C\n"})
    assert lines(plan) == ["s.csv:3: warning: this row repeats row 2: imported once"]
    assert len(loaded(plan).positions) == 1


def test_a_missing_field_is_named_not_guessed(planner: Planner) -> None:
    plan = planner({"s.csv": "Speaker,Topic,Colour\nA,B,red\n"})
    error, warning = lines(plan)
    assert error.startswith("s.csv:1: error: read as statements (columns found: Speaker → "
                            "actor, Topic → issue), but no column gives the text")
    assert warning.startswith("s.csv:1:3: warning: Colour: 1 column is not imported")
    events = planner({"e.csv": "Start date,End,Place\n2020,2021,x\n"})
    assert "read as events" in lines(events)[0] and "the title" in lines(events)[0]


def test_the_day_month_order_comes_from_the_column_or_the_flags(planner: Planner) -> None:
    text = "actor,issue,date,text\nA,B,25/12/2022,x\nA,B,07/08/2022,y\n"
    plan = planner({"s.csv": text})
    assert lines(plan) == ["s.csv:3:3: warning: date: dates written a/b/yyyy are read "
                           "day/month/year, as row 2 shows: this one is 7 Aug 2022; pass "
                           "--monthfirst if that is wrong"]
    ambiguous = "actor,issue,date,text\nA,B,07/08/2022,y\n"
    assert "pass --dayfirst or --monthfirst" in lines(planner({"s.csv": ambiguous}))[0]
    ds = loaded(planner({"s.csv": ambiguous}, order=Order.MONTH_FIRST))
    assert ds.positions[0].date == PartialDate(2022, 7, 8)


def test_a_wide_table_reads_like_an_article(planner: Planner) -> None:
    text = """\
        Positions (as stated)
        | Issue | France (Élysée / Macron) | Russia (Kremlin) |
        | Talks | No call planned. | — |
        | Terms | Transparency. | Political will. |
        """
    plan = planner({"article.md": text}, date="26 Dec 2025", title="Signals")
    ds = loaded(plan)
    assert ds.title == "Signals"
    assert [(a.id, a.name, a.detail) for a in ds.actors] == [
        ("France", "France", "Élysée / Macron"), ("Russia", "Russia", "Kremlin")]
    assert [(ds.actors[p.actor].id, ds.issues[p.issue].title, p.text, p.date)
            for p in ds.positions] == [
        ("France", "Talks", "No call planned.", PartialDate(2025, 12, 26)),
        ("France", "Terms", "Transparency.", PartialDate(2025, 12, 26)),
        ("Russia", "Terms", "Political will.", PartialDate(2025, 12, 26))]


def test_a_wide_column_without_a_header_is_an_error(planner: Planner) -> None:
    plan = planner({"a.md": "| Issue | France | |\n| Talks | x | y |\n"})
    assert lines(plan) == ["a.md:1:3: error: this column has no header: it names the actor "
                           "whose statements it holds"]


def test_events_with_ranges_lists_and_references(planner: Planner) -> None:
    events = """\
        Date (2025),Event,What was said / signaled,Actors,Issues
        Dec 18–20,Macron raises dialogue,Useful to talk.,France,Talks
        Dec 26,France rules out contact,No call.,France; Russia,Talks;Energy
        """
    statements = "actor,issue,text,event\nFrance,Talks,No call.,France rules out contact\n"
    plan = planner({"e.csv": events, "s.csv": statements})
    ds = loaded(plan)
    first, second = ds.events
    assert (first.date, first.end, first.detail) == (
        PartialDate(2025, 12, 18), PartialDate(2025, 12, 20), "Useful to talk.")
    assert [ds.actors[a].id for a in second.actors] == ["France", "Russia"]
    assert second.id == "france-rules-out-contact"  # given one because a statement names it
    assert ds.positions[0].event == 1
    # check's warnings about new entries are put at the rows they came from
    assert lines(plan) == [
        "e.csv:3: warning: issues[1]: issue 'Energy' has no position: its row will show "
        "'No stated position' for every actor",
        "s.csv:2: warning: positions[0]: the position is undated but its event "
        "'france-rules-out-contact' (26 Dec 2025) is dated; add date = 2025-12-26 so it shows "
        "from then"]


def test_an_event_that_ends_before_it_starts(planner: Planner) -> None:
    plan = planner({"e.csv": "date,end,title\n2025-12-20,2025-12-18,Backwards\n"})
    assert lines(plan)[0] == ("e.csv:2:2: error: end: the event ends (18 Dec 2025) before it "
                              "starts (20 Dec 2025)")


def test_events_alone_make_no_comparison(planner: Planner) -> None:
    plan = planner({"e.csv": "date,title\n2025,Something\n"})
    assert "nothing to compare: the sources give no actors" in lines(plan)[0]
    assert "--into FILE" in lines(plan)[0] and plan.data is None


def test_workbook_sheets_are_read_by_their_headers(planner: Planner, tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "book.xlsx", {
        "Statements": [["Actor", "Issue", "Date", "Text"],
                       ["France", "Talks", dt.date(2025, 12, 26), "No call."],
                       ["Russia", "Talks", "someday", "Ready."]],
        "Timeline": [["Date", "Title"], ["2025-12-18", "Macron speaks"]],
        "Empty": [],
    })
    plan = planner({"book.xlsx": book})
    assert lines(plan) == ["book.xlsx[Statements]:3:3: error: Date: 'someday' is not a date; "
                           "write one as 2025-12-18, 18 Dec 2025, Dec 2025, 2025 or 12/18/2025, "
                           "or leave the cell empty (undated)"]
    assert [(t.label, t.kind, t.statements, t.events) for t in plan.tables] == [
        ("book.xlsx[Statements]", "statements", 1, 0), ("book.xlsx[Timeline]", "events", 0, 1)]
    only = planner({"book.xlsx": book}, sheets=("Timeline",))
    assert "nothing to compare" in lines(only)[0]


def test_the_title_comes_from_the_sources(planner: Planner) -> None:
    md = "# Macron and Putin\n\n| Issue | France |\n| Talks | No. |\n"
    assert loaded(planner({"a.md": md})).title == "Macron and Putin"
    csv = "actor,issue,text\nA,B,C\n"
    assert loaded(planner({"votes.csv": csv})).title == "Imported from votes.csv"


def test_the_file_says_where_it_came_from(planner: Planner) -> None:
    plan = planner({"s.csv": STATEMENTS})
    assert plan.data is not None
    text = plan.data.decode("utf-8")
    assert text.startswith("# Imported by positions-viewer on 2026-01-05 from s.csv\n")
    assert "# Statements from s.csv\n" in text
