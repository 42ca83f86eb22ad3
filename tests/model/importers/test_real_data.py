"""Real public data with the mess it has (tests/data/README.md credits each file): mixed date
forms, NA, long texts, duplicate rows, words in date columns, TimelineJS's HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

from positions_viewer.model import PartialDate, load_file
from positions_viewer.model.importers import Order, parse_mapping

from .conftest import DATA, Planner, lines, loaded

SEED = Path(__file__).resolve().parents[3] / "seeds" / "macron-putin-2025.toml"
SEED_EVENTS = len(load_file(SEED).dataset.events)  # type: ignore[union-attr]


def test_resignations_dates_settled_by_the_column(planner: Planner) -> None:
    mapping = parse_mapping(["Member=actor", "Category=issue", "Reason=text",
                             "Resignation Date=date", "Party=ignore"])
    plan = planner({"r.csv": DATA / "congressional_resignations.csv"}, mapping=mapping)
    assert plan.errors == []
    dataset = loaded(plan)
    assert len(dataset.positions) == 150
    # "1/2/2018" alone could be 1 Feb or 2 Jan; "1/15/2018" on row 2 settles month first.
    warning = next(d for d in plan.warnings if "are read" in d.message)
    assert (warning.line, warning.column) == (3, 5)
    assert "month/day/year, as row 2 shows: this one is 2 Jan 2018" in warning.message
    franken = next(p for p in dataset.positions if dataset.actors[p.actor].name == "Al Franken")
    assert franken.date == PartialDate(2018, 1, 2)
    assert dataset.issues[franken.issue].id == "X"  # a category letter is an id as it is
    assert franken.text == "Sexual harassment/groping/unwanted kissing"
    tom = next(p for p in dataset.positions if dataset.actors[p.actor].name == "Tom Coburn")
    assert tom.text == 'Self-imposed term limits/"shifting my focus elsewhere"'
    assert dataset.issues[tom.issue].id == "d-f"  # "D & F" slugged
    # --dayfirst contradicts 1/15/2018: every such row is an error naming the month.
    wrong = planner({"r.csv": DATA / "congressional_resignations.csv"}, mapping=mapping,
                    order=Order.DAY_FIRST)
    assert ("congressional_resignations.csv:2:5: error: Resignation Date: '1/15/2018' is not "
            "day/month/year: month 15 does not exist") in lines(wrong)


def test_primaries_na_dates_and_two_digit_years(planner: Planner) -> None:
    mapping = parse_mapping(["Candidate=actor", "Office=issue", "2020 Election Stance=text",
                             "Trump=stance", "Trump Date=date"])
    plan = planner({"p.csv": DATA / "rep_candidates_2022.csv"}, mapping=mapping)
    assert plan.errors == []
    dataset = loaded(plan)
    dates = [p.date for p in dataset.positions]
    assert dates.count(None) == 131  # N/A
    assert PartialDate(2022, 2, 17) in dates and PartialDate(2021, 11, 9) in dates
    assert any("two-digit years" in d.message for d in plan.warnings)
    names = [a.name for a in dataset.actors]
    assert names[0] == 'Aditya "A.D." Atholi' and dataset.actors[0].id == "aditya-a-d-atholi"
    unused = next(d for d in plan.warnings if "not imported" in d.message)
    assert unused.line == 1 and "'Gender'" in unused.message


def test_british_history_mixed_forms_and_what_cannot_be_read(planner: Planner,
                                                             tmp_path: Path) -> None:
    target = tmp_path / "seed.toml"
    shutil.copy(SEED, target)
    mapping = parse_mapping(["hdate=date", "hdate_end=end"])
    plan = planner({"b.csv": DATA / "british_history_events.csv"}, mapping=mapping,
                   into=target)
    errors = [(d.line, d.column, d.message.split(":")[0]) for d in plan.errors]
    assert errors == [(2, 2, "'55 BC'"), (3, 2, "'43' is not a date"),
                      (4, 2, "'Between 47 and 50' is not a date; write one as 2025-12-18, 18 Dec "
                       "2025, Dec 2025, 2025 or 12/18/2025, or leave the cell empty (undated)"),
                      (5, 2, "'61' is not a date"),
                      (30, 3, "'Between 25 jun 1381 and 26 jun 1381' is not a date; write one "
                       "as 2025-12-18, 18 Dec 2025, Dec 2025, 2025 or 12/18/2025, or leave the "
                       "cell empty (undated)")]
    assert plan.data is None
    kept = planner({"b.csv": DATA / "british_history_events.csv"}, mapping=mapping,
                   into=target, keep_going=True)
    dataset = loaded(kept)
    events = {e.title: e for e in dataset.events}
    assert (events["Battle of Hastings"].date, events["Battle of Hastings"].end) == (
        PartialDate(1066, 10, 14), None)
    assert events["Domesday book"].date == PartialDate(1085)
    assert events["Domesday book"].end == PartialDate(1086)
    assert events["Crimean War"].date == PartialDate(1853, 10)
    assert events["Crimean War"].end == PartialDate(1856, 2)
    assert dataset.sources[events["Magna Carta"].sources[0]].url == \
        "https://en.wikipedia.org/wiki/Magna_Carta"
    assert sorted(kept.skipped_rows) == [("british_history_events.csv", n)
                                         for n in (2, 3, 4, 5, 30)]
    circa = [d for d in kept.warnings if "circa" in d.message]
    assert [(d.line, d.column) for d in circa] == [(10, 2), (12, 2)]


def test_cabinet_turnover_words_in_date_columns(planner: Planner, tmp_path: Path) -> None:
    target = tmp_path / "seed.toml"
    shutil.copy(SEED, target)
    mapping = parse_mapping(["Appointee=title", "Position=detail", "President=actors"])
    plan = planner({"c.csv": DATA / "cabinet_turnover.csv"}, mapping=mapping, into=target,
                   keep_going=True)
    bad = {(d.line, d.column): d.message for d in plan.errors}
    assert bad[(84, 5)].startswith("'Bush admin' is not a date")
    assert bad[(89, 4)].startswith("'Reagan admin' is not a date")
    dataset = loaded(plan)
    lance = next(e for e in dataset.events if e.title == "Bert Lance")
    assert (lance.date, lance.end) == (PartialDate(1977, 1, 21), PartialDate(1977, 9, 23))
    assert [dataset.actors[a].name for a in lance.actors] == ["Carter"]
    unused = next(d for d in plan.warnings if "not imported" in d.message)
    assert "'Length of Tenure', 'Day of Admin of Departure'" in unused.message


def test_candidate_visits_duplicates_and_empty_titles(planner: Planner, tmp_path: Path) -> None:
    target = tmp_path / "seed.toml"
    shutil.copy(SEED, target)
    mapping = parse_mapping(["Primary Purpose=title", "Candidate name=actors"])
    plan = planner({"v.csv": DATA / "candidate_visits.csv"}, mapping=mapping, into=target)
    assert [str(d) for d in plan.errors] == [
        f"candidate_visits.csv:{row}:5: error: Primary Purpose: no title: an event needs one"
        for row in (44, 118, 123)]
    assert "candidate_visits.csv:122: warning: this row repeats row 121: imported once" in \
        lines(plan)
    kept = loaded(planner({"v.csv": DATA / "candidate_visits.csv"}, mapping=mapping,
                          into=target, keep_going=True))
    assert len(kept.events) - SEED_EVENTS == 200 - 3 - 1  # 3 errors and 1 repeat left out


def test_timelinejs_sheet_and_json_give_the_same_events(planner: Planner,
                                                       tmp_path: Path) -> None:
    target = tmp_path / "seed.toml"
    shutil.copy(SEED, target)
    sheet = loaded(planner({"w.csv": DATA / "women_in_computing.csv"}, into=target))
    json = loaded(planner({"w.json": DATA / "women_in_computing.json"}, into=target))
    for dataset in (sheet, json):
        events = dataset.events[SEED_EVENTS:]
        assert len(events) == 10
        ada = events[0]
        assert (ada.title, ada.date, ada.end) == ("Ada Lovelace", PartialDate(1815, 12, 10),
                                                  PartialDate(1852, 11, 27))
        assert ada.detail.startswith("Women have been programming since before it was a "
                                     "thing. Take Ada Lovelace: Daughter of Lord Byron")
        assert "<" not in ada.detail and "&" not in ada.detail  # HTML read as text
        eniac = next(e for e in events if e.title == "...And the women who made it work")
        assert (eniac.date, eniac.end) == (PartialDate(1943, 7), PartialDate(1946))
    assert [e.title for e in sheet.events] == [e.title for e in json.events]


def test_timelinejs_alone_with_statements_gets_its_title(planner: Planner) -> None:
    plan = planner({"w.json": DATA / "women_in_computing.json",
                    "s.csv": "actor,issue,text\nAda,Programming,First algorithm.\n"})
    dataset = loaded(plan)
    assert dataset.title == "Women in Computing"
    assert dataset.description.startswith("In this sample timeline")
