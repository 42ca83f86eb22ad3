"""The issue's "done when": the seed article's table pasted as it is reads like the table; the
grid CSV the product exports imports back to the same cells; --into changes nothing already
in the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from positions_viewer.export.tables import grid_csv
from positions_viewer.model import DatasetIndex, Filter, load_file
from positions_viewer.model.importers import ImportOptions, plan_import, write_plan

from .conftest import DATA, TODAY, Planner, lines, loaded

REPO = Path(__file__).resolve().parents[3]
ARTICLE = DATA / "seed_article.txt"  # the news report the bundled dataset was made from
SEED = REPO / "seeds" / "macron-putin-2025.toml"

# The article's positions table, pasted as the article prints it (no delimiter row).
POSITIONS_TABLE = """\
Positions table (as stated publicly)
| Issue | France (Élysée / Macron) | Russia (Kremlin) |
| Whether talks are imminent | No call planned for now; no Moscow visit planned. | Putin ready to talk if Paris wants; readiness framed as positive. |
| Conditions for any dialogue | Must be transparent with Zelensky and European partners; goal is durable peace. | Emphasizes political will and direct dialogue; resists some proposed formats. |
| Broader diplomacy context | Europe should not be sidelined in negotiation frameworks. | Signals openness while managing negotiation formats and pace. |
"""  # noqa: E501


def _grid(dataset):  # type: ignore[no-untyped-def]
    """The grid as the window shows it: (issue, actor) → the text of the cell."""
    result = DatasetIndex(dataset).query(Filter())
    cells = {}
    for row in range(result.row_count):
        for column in range(result.column_count):
            cell = result.cell(row, column)
            text = cell.position.text if cell.position is not None else None
            cells[(dataset.issues[cell.issue].title, dataset.actors[cell.actor].name)] = text
    return cells


def _table_cells(table: str) -> dict[tuple[str, str], str]:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in table.splitlines() if line.startswith("|")]
    actors = [header.split(" (")[0] for header in rows[0][1:]]
    return {(row[0], actor): text for row in rows[1:] for actor, text in zip(actors, row[1:],
                                                                             strict=True)}


def test_the_articles_positions_table_reads_like_the_table(planner: Planner) -> None:
    plan = planner({"positions.md": POSITIONS_TABLE}, date="2025-12-26")
    dataset = loaded(plan)
    assert plan.diagnostics == []
    assert _grid(dataset) == _table_cells(POSITIONS_TABLE)  # cell by cell
    assert [(a.name, a.detail) for a in dataset.actors] == [
        ("France", "Élysée / Macron"), ("Russia", "Kremlin")]
    assert [i.title for i in dataset.issues] == [
        "Whether talks are imminent", "Conditions for any dialogue", "Broader diplomacy context"]


def test_the_whole_article_pasted_gives_its_events_and_positions(planner: Planner) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    plan = planner({"article.txt": ARTICLE}, title="Macron–Putin")
    dataset = loaded(plan)
    assert plan.errors == []
    assert _grid(dataset) == _table_cells(text[text.index("| Issue |"):])
    assert [(e.date.iso(), e.end.iso() if e.end else None, e.title) for e in dataset.events] == [
        ("2025-12-18", "2025-12-20", "Macron publicly raises the option of renewed dialogue"),
        ("2025-12-20", "2025-12-21", "Kremlin signals readiness"),
        ("2025-12-26", None, "France rules out imminent contact")]


def _cells(csv_text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(csv_text)))


@pytest.mark.parametrize("spreadsheet", [False, True])
def test_the_grid_csv_imports_back_to_the_same_cells(tmp_path: Path, spreadsheet: bool) -> None:
    seed = load_file(SEED).dataset
    assert seed is not None
    exported = grid_csv(DatasetIndex(seed).query(Filter()))
    data = exported.encode("utf-8")
    if spreadsheet:  # as the export writes it for spreadsheets: a BOM, formulas guarded
        exported = exported.replace("No call planned", "-No call planned")
        guarded = exported.replace(",-No call planned", ",'-No call planned")
        data = b"\xef\xbb\xbf" + guarded.encode("utf-8")
    source = tmp_path / "grid.csv"
    source.write_bytes(data)
    plan = plan_import([source], ImportOptions(today=TODAY), "back.toml")
    assert plan.errors == [], lines(plan)
    write_plan(plan, tmp_path / "back.toml")
    back = load_file(tmp_path / "back.toml").dataset
    assert back is not None
    assert _cells(grid_csv(DatasetIndex(back).query(Filter()))) == _cells(exported)


def test_into_adds_and_changes_nothing_already_there(tmp_path: Path) -> None:
    target = tmp_path / "seed.toml"
    shutil.copy(SEED, target)
    before = target.read_bytes()
    statements = tmp_path / "more.csv"
    statements.write_text(
        "actor_id,actor,issue,date,text\n"
        "france,,Whether talks are imminent,2026-01-02,A call is now planned.\n"  # by id; title
        ",Russia,imminence,2026-01-03,Confirmed.\n"  # by name; issue by id
        ",Ukraine,New issue,,Ukraine's first word.\n", encoding="utf-8")
    plan = plan_import([statements], ImportOptions(into=target, today=TODAY), str(target))
    assert plan.errors == [] and [a.id for a in plan.actors] == ["Ukraine"]
    write_plan(plan, target)
    after = target.read_bytes()
    assert after.startswith(before)  # byte for byte: only appended
    appended = after[len(before):].decode("utf-8")
    assert "# Imported by positions-viewer on 2026-01-05 from more.csv" in appended
    dataset = load_file(target).dataset
    assert dataset is not None
    new = dataset.positions[-3:]
    assert [(dataset.actors[p.actor].id, dataset.issues[p.issue].id) for p in new] == [
        ("france", "imminence"), ("russia", "imminence"), ("Ukraine", "new-issue")]
    again = plan_import([statements], ImportOptions(into=target, today=TODAY), str(target))
    assert [d.message for d in again.warnings].count(
        "this statement is already in the file (same actor, issue, date, stance and text): "
        "not added again") == 3
    assert again.positions == []


def test_into_a_file_without_a_final_newline(tmp_path: Path, planner: Planner) -> None:
    target = tmp_path / "t.toml"
    target.write_bytes(SEED.read_bytes().rstrip(b"\n"))
    plan = planner({"s.csv": "actor,issue,text\nfrance,imminence,x\n"}, into=target)
    assert plan.data is not None and plan.data.startswith(target.read_bytes() + b"\n")
    assert loaded(plan).positions[-1].text == "x"


def test_into_refuses_what_toml_cannot_append(tmp_path: Path, planner: Planner) -> None:
    target = tmp_path / "t.toml"
    target.write_text('schema = 1\ntitle = "T"\nactors = [{id = "a", name = "A"}]\n'
                      '[[issues]]\nid = "i"\ntitle = "I"\n[[positions]]\nactor = "a"\n'
                      'issue = "i"\ntext = "t"\nsources = []\n', encoding="utf-8")
    ok = planner({"s.csv": "actor,issue,text\na,i,more\n"}, into=target)
    assert ok.writable  # positions are [[tables]]; `sources` is a key of a position
    plan = planner({"s.csv": "actor,issue,text\nNew,i,more\n"}, into=target)
    assert lines(plan) == [f"{target}:3:1: error: the file writes actors as an inline array "
                           "(`actors = [...]`): new entries cannot be appended to it; write it "
                           "as [[actors]] tables"]


def test_into_a_broken_file_is_refused(tmp_path: Path, planner: Planner) -> None:
    target = tmp_path / "t.toml"
    target.write_text('schema = 1\ntitle = "T"\n', encoding="utf-8")
    plan = planner({"s.csv": "actor,issue,text\na,i,x\n"}, into=target)
    assert plan.data is None
    assert any("fix them first" in line for line in lines(plan))


def test_into_a_file_with_a_bom_and_crlf_keeps_them(tmp_path: Path, planner: Planner) -> None:
    target = tmp_path / "t.toml"
    original = b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n")
    target.write_bytes(original)
    plan = planner({"s.csv": "actor,issue,text\nfrance,imminence,Added.\n"}, into=target)
    assert plan.data is not None and plan.data.startswith(original)
    assert loaded(plan).positions[-1].text == "Added."
