"""``export`` to Markdown and CSV, and the command's errors and atomic writes (no Qt needed)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from positions_viewer.cli import main
from positions_viewer.model import DatasetIndex, Filter, load_file, parse_date
from positions_viewer.model.tables import (
    caption_lines,
    grid_csv,
    grid_markdown,
    timeline_csv,
    timeline_markdown,
)

TRICKY = '''
schema = 1
title = "Tricky | table"
as_of = 2025-06-01

[[actors]]
id = "a"
name = "Alpha"
detail = "First"

[[actors]]
id = "b"
name = "Beta"

[[actors]]
id = "c"
name = "Gamma"

[[issues]]
id = "i1"
title = "One, with comma"

[[issues]]
id = "i2"
title = "Two"

[[events]]
id = "late"
date = 2025-03-01
title = "Late event"
actors = ["b"]
issues = ["i2"]

[[events]]
id = "early"
date = "2024"
end = "2024-06"
title = "Early, \\"quoted\\" event"
actors = ["a", "c"]
issues = ["i1", "i2"]

[[events]]
date = 2024-09-01
title = "Untagged"

[[positions]]
actor = "a"
issue = "i1"
text = "Undated, with \\"quotes\\", commas\\nand a newline | pipe"
stance = "open"

[[positions]]
actor = "a"
issue = "i1"
date = "2024-03"
text = "Approximate March"

[[positions]]
actor = "b"
issue = "i1"
date = 2024-05-01
text = "First of the day"

[[positions]]
actor = "b"
issue = "i1"
date = 2024-05-01
text = "Second of the day wins"
stance = "tie"

[[positions]]
actor = "c"
issue = "i2"
date = "2025"
text = "Year only"
'''


@pytest.fixture
def tricky(write_toml: Callable[..., Path]) -> Path:
    return write_toml(TRICKY, "tricky.toml")


def query(path: Path, flt: Filter) -> object:
    result = load_file(path)
    assert result.dataset is not None, result.diagnostics
    return DatasetIndex(result.dataset).query(flt)


def test_grid_csv_rows_columns_and_escaping(tricky: Path) -> None:
    result = query(tricky, Filter(date_from=parse_date("2024-04")))
    rows = list(csv.reader(io.StringIO(grid_csv(result))))  # type: ignore[arg-type]
    assert rows[0] == ["issue_id", "issue", "actor_id", "actor", "date", "stance", "changed",
                       "text"]
    body = rows[1:]
    assert [(r[0], r[2]) for r in body] == [
        ("i1", "a"), ("i1", "b"), ("i1", "c"), ("i2", "a"), ("i2", "b"), ("i2", "c")]
    assert body[0] == ["i1", "One, with comma", "a", "Alpha", "2024-03", "", "",
                       "Approximate March"]
    # the `changed` column holds the kind (issue 14.2; it was "yes" for any statement dated
    # in the range)
    assert body[1] == ["i1", "One, with comma", "b", "Beta", "2024-05-01", "tie", "new",
                       "Second of the day wins"]
    assert body[2] == ["i1", "One, with comma", "c", "Gamma", "", "", "", ""]
    assert body[5][4:] == ["2025", "", "new", "Year only"]


def test_grid_csv_keeps_newlines_and_quotes(tricky: Path) -> None:
    result = query(tricky, Filter(date_to=parse_date("2024-02")))
    rows = list(csv.reader(io.StringIO(grid_csv(result))))  # type: ignore[arg-type]
    assert rows[1][7] == 'Undated, with "quotes", commas\nand a newline | pipe'
    assert rows[1][4] == ""  # undated is written empty


def test_timeline_csv_in_date_order_with_ids(tricky: Path) -> None:
    result = query(tricky, Filter())
    rows = list(csv.reader(io.StringIO(timeline_csv(result))))  # type: ignore[arg-type]
    assert rows[0] == ["id", "date", "end", "title", "actors", "issues"]
    assert rows[1] == ["early", "2024", "2024-06", 'Early, "quoted" event', "a;c", "i1;i2"]
    assert rows[2] == ["", "2024-09-01", "", "Untagged", "", ""]
    assert rows[3] == ["late", "2025-03-01", "", "Late event", "b", "i2"]


def test_markdown_is_a_table_per_issue_and_actor(tricky: Path) -> None:
    result = query(tricky, Filter(actors=frozenset({0, 1})))
    text = grid_markdown(result)  # type: ignore[arg-type]
    lines = text.splitlines()
    assert lines[0] == "# Tricky \\| table"
    table = [line for line in lines if line.startswith("|")]
    assert table[0] == "| Issue | Alpha (First) | Beta |"
    assert table[1] == "| --- | --- | --- |"
    assert table[2] == ("| One, with comma | Approximate March _(Mar 2024)_ | Second of the day "
                        "wins _(tie · 1 May 2024)_ |")
    assert table[3] == "| Two | _No stated position_ | _No stated position_ |"
    assert "- Actors: Alpha; Beta" in lines


def test_markdown_escapes_pipes_and_flattens_newlines(tricky: Path) -> None:
    result = query(tricky, Filter(date_to=parse_date("2024-02"), actors=frozenset({0})))
    row = next(line for line in grid_markdown(result).splitlines()  # type: ignore[arg-type]
           if line.startswith("| One"))
    assert 'commas and a newline \\| pipe _(open · undated)_' in row
    assert row.count(" | ") == 1  # the escaped pipe does not split the cell


def test_caption_says_the_filters_in_words(tricky: Path) -> None:
    result = query(tricky, Filter(issues=frozenset({1}), date_from=parse_date("2024-01-01"),
                                  date_to=parse_date("2024-12-31"), text="year"))
    assert caption_lines(result) == [  # type: ignore[arg-type]
        "Issues: Two",
        "Actors: all",
        "Dates: 1 Jan – 31 Dec 2024",
        "Positions: as of 31 Dec 2024; changes in range highlighted",
        "Search: “year”",
    ]
    # A timeline alone shows no positions, so says nothing of them.
    assert not any(line.startswith("Positions:")
                   for line in caption_lines(result, positions=False))  # type: ignore[arg-type]
    one_day = query(tricky, Filter(date_from=parse_date("2024-03-05"),
                                   date_to=parse_date("2024-03-05")))
    assert "Dates: 5 Mar 2024" in caption_lines(one_day)  # type: ignore[arg-type]
    assert "- Positions:" not in timeline_markdown(one_day)  # type: ignore[arg-type]


# -- the command -------------------------------------------------------------------------


def run(*args: str) -> int:
    return main(list(args))


def test_export_md_and_csv_match_the_same_filters(tricky: Path, tmp_path: Path) -> None:
    md, csv_path = tmp_path / "out.md", tmp_path / "out.csv"
    args = ["--issue", "i1", "--actor", "b", "--to", "2024-05-01"]
    assert run("export", str(tricky), "-o", str(md), *args) == 0
    assert run("export", str(tricky), "-o", str(csv_path), *args) == 0
    assert "Second of the day wins" in md.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert rows[1:] == [["i1", "One, with comma", "b", "Beta", "2024-05-01", "tie", "",
                         "Second of the day wins"]]


def test_unknown_id_is_a_usage_error_listing_valid_ids(tricky: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code = run("export", str(tricky), "-o", str(tmp_path / "x.md"), "--actor", "zeta")
    assert code == 2
    err = capsys.readouterr().err
    assert "unknown id 'zeta'" in err and "a, b, c" in err
    assert not (tmp_path / "x.md").exists()


def test_unknown_saved_view_lists_the_views(seed_path: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", str(seed_path), "-o", str(tmp_path / "x.md"),
               "--saved-view", "nope") == 2
    assert "where-things-stand" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["out", "out.txt", "out.PDF"])
def test_output_without_a_known_suffix_is_refused(tricky: Path, tmp_path: Path, name: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", str(tricky), "-o", str(tmp_path / name)) == 2
    assert ".png, .md or .csv" in capsys.readouterr().err


def test_missing_folder_is_one_line_and_exit_2(tricky: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "missing" / "out.md"
    assert run("export", str(tricky), "-o", str(target)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "does not exist" in err[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_unwritable_folder_is_exit_2(tricky: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert run("export", str(tricky), "-o", str(folder / "out.md")) == 2
    finally:
        folder.chmod(0o700)


def test_failed_export_leaves_the_existing_file_intact(
    tricky: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "keep.md"
    target.write_text("the user's file", encoding="utf-8")

    def disk_full(*_args: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("positions_viewer.export_cli.render_table", disk_full)
    with pytest.raises(OSError):
        run("export", str(tricky), "-o", str(target))
    assert target.read_text(encoding="utf-8") == "the user's file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".keep")] == []


def test_write_error_midway_removes_the_partial_file(tricky: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from positions_viewer import export_cli

    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def full(handle: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(export_cli.ExportError, match="No space left"):
        export_cli.atomic_write(target, full)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md", "tricky.toml"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_exports_get_the_usual_permissions(tricky: Path, tmp_path: Path) -> None:
    """A new file gets 0666 less the umask, as any program's would (mkstemp's 0600 made
    reports unreadable to the team sharing a folder); a replaced file keeps its mode."""
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.md"
        assert run("export", str(tricky), "-o", str(fresh)) == 0
        assert fresh.stat().st_mode & 0o777 == 0o644
        shared = tmp_path / "shared.csv"
        shared.write_text("old", encoding="utf-8")
        shared.chmod(0o664)
        assert run("export", str(tricky), "-o", str(shared)) == 0
        assert shared.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old_umask)


def test_data_errors_exit_1(write_toml: Callable[..., Path], tmp_path: Path) -> None:
    bad = write_toml('schema = 1\ntitle = "x"\n', "bad.toml")
    assert run("export", str(bad), "-o", str(tmp_path / "x.md")) == 1


def test_all_views_writes_one_file_per_view(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "views"
    assert run("export", str(seed_path), "-o", str(out), "--all-views", "--format", "md") == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{v}.md" for v in (
        "where-things-stand", "background", "macron-opens", "kremlin-answers",
        "paris-clarifies", "vinatier"))
    clarifies = (out / "paris-clarifies.md").read_text(encoding="utf-8")
    assert "Whether talks are imminent" in clarifies and "Vinatier" not in clarifies


def test_csv_of_both_views_is_refused(tricky: Path, tmp_path: Path) -> None:
    assert run("export", str(tricky), "-o", str(tmp_path / "x.csv"), "--view", "both") == 2


def test_check_and_md_export_need_no_qt(tricky: Path, tmp_path: Path) -> None:
    """Markdown, CSV and check run without importing Qt (fast, and fine without X libraries)."""
    code = (
        "import sys; from positions_viewer.cli import main; "
        f"rc = main(['export', {str(tricky)!r}, '-o', {str(tmp_path / 'q.md')!r}]); "
        f"rc2 = main(['check', {str(tricky)!r}]); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'; "
        "sys.exit(rc or rc2)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_permission_denied_is_exit_2(tricky: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    def denied(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("positions_viewer.export_cli.tempfile.mkstemp", denied)
    assert run("export", str(tricky), "-o", str(tmp_path / "x.md")) == 2
    assert "Permission denied" in capsys.readouterr().err


def test_a_saved_views_export_is_headed_with_its_title(seed_path: Path, tmp_path: Path,
                                                       qapp: object) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "views"
    assert run("export", str(seed_path), "-o", str(out), "--all-views", "--format", "md") == 0
    text = (out / "paris-clarifies.md").read_text(encoding="utf-8")
    assert "\n## 26 Dec: Paris says no call is planned\n" in text
    plain = tmp_path / "plain.md"
    assert run("export", str(seed_path), "-o", str(plain)) == 0
    assert "\n## " not in plain.read_text(encoding="utf-8").split("| Issue")[0]
    # The PNG of a view is taller than the same page without the view (a subtitle line).
    view_png, narrowed_png = tmp_path / "view.png", tmp_path / "narrowed.png"
    assert run("export", str(seed_path), "-o", str(view_png), "--saved-view",
               "paris-clarifies") == 0
    assert run("export", str(seed_path), "-o", str(narrowed_png), "--saved-view",
               "paris-clarifies", "--to", "2025-12-25") == 0
    assert QImage(str(view_png)).height() > QImage(str(narrowed_png)).height()


def test_two_views_with_the_same_filters_are_each_headed_with_their_own_title(
        seed_path: Path, tmp_path: Path, qapp: object) -> None:
    from positions_viewer.model import load_bytes
    from positions_viewer.model.story import story_steps
    from positions_viewer.ui.export import render_step_png

    text = seed_path.read_text(encoding="utf-8") + (
        '\n[[views]]\nid = "closing"\ntitle = "Closing: where things stand"\nto = 2025-12-26\n')
    path = tmp_path / "twice.toml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "views"
    assert run("export", str(path), "-o", str(out), "--all-views", "--format", "md") == 0
    assert "\n## Closing: where things stand\n" in (out / "closing.md").read_text("utf-8")
    assert "\n## Where things stood on 26 December 2025\n" in (
        out / "where-things-stand.md").read_text("utf-8")
    single = tmp_path / "closing.md"
    assert run("export", str(path), "-o", str(single), "--saved-view", "closing") == 0
    assert "\n## Closing: where things stand\n" in single.read_text("utf-8")
    # Presenter steps exported from the window: the same title per step.
    result = load_bytes(text.encode("utf-8"), "twice.toml")
    assert result.dataset is not None
    index = DatasetIndex(result.dataset)
    steps = story_steps(index.dataset, index)
    first, last = render_step_png(steps[0], index), render_step_png(steps[-1], index)
    assert first.size() == last.size() and first != last  # different subtitles


def test_an_empty_timeline_in_markdown_keeps_its_emphasis_whatever_was_searched(
        seed_path: Path) -> None:
    result = query(seed_path, Filter(text="foo_bar*baz"))
    last = timeline_markdown(result).splitlines()[-1]  # type: ignore[arg-type]
    # Markdown emphasis around the line; the search's own _ and * escaped inside it.
    assert last == "_No events match “foo\\_bar\\*baz”._"
