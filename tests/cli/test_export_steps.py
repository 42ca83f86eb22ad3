"""``export FILE --all-steps -o DIR`` (issue 13.4): the presenter's steps, headless, in step
order, each saying its step and its as-of date, as the window's Export All Steps writes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from positions_viewer.cli import main
from positions_viewer.export.jobs import plan_steps
from positions_viewer.model import DatasetIndex, Filter, load_file
from positions_viewer.model.story import story_steps

SEED_VIEWS = ("where-things-stand", "background", "macron-opens", "kremlin-answers",
              "paris-clarifies", "vinatier")
EVENTS = '''schema = 1
title = "Events only"

[[actors]]
id = "a"
name = "Alpha"

[[issues]]
id = "i"
title = "Issue"

[[events]]
date = 2024-01-10
title = "Talks open: «first» round!"

[[events]]
id = "second"
date = 2024-02-01
title = "Second"

[[events]]
date = 2024-03-01
title = "Ὀδυσσεύς returns"

[[positions]]
actor = "a"
issue = "i"
date = 2024-02-01
text = "Yes"
'''


def steps_of(path: Path) -> tuple[list[str], DatasetIndex]:
    dataset = load_file(path).dataset
    assert dataset is not None
    index = DatasetIndex(dataset)
    return [step.title for step in story_steps(dataset, index)], index


def test_steps_of_saved_views_as_markdown(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck"
    assert main(["export", str(seed_path), "--all-steps", "-o", str(out), "--format",
                 "md"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"{n:02d}-{view}.md" for n, view in enumerate(SEED_VIEWS, start=1)]
    titles, _ = steps_of(seed_path)
    for number, name in enumerate(names, start=1):
        text = (out / name).read_text(encoding="utf-8")
        heading = f"## Step {number} of 6: {titles[number - 1]}"
        assert heading in text.replace("\\", ""), (name, text[:300])
        assert re.search(r"^- Positions: (as of|latest statements)", text, re.M)


def test_event_steps_are_named_by_id_or_title(write_toml: Callable[..., Path],
                                              tmp_path: Path) -> None:
    path = write_toml(EVENTS, "events.toml")
    out = tmp_path / "deck"
    assert main(["export", str(path), "--all-steps", "-o", str(out), "--format", "md"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["01-talks-open-first-round.md", "02-second.md", "03-ὀδυσσεύς-returns.md"]
    second = (out / "02-second.md").read_text(encoding="utf-8")
    assert "## Step 2 of 3: 1 Feb 2024: Second" in second
    assert "- Positions: as of 1 Feb 2024" in second
    assert "Yes _(1 Feb 2024 · new)_" in second  # the step's change, marked with its kind
    first = (out / "01-talks-open-first-round.md").read_text(encoding="utf-8")
    assert "_No stated position_" in first and "changed" not in first.split("| Issue")[1]


def test_event_steps_as_csv_and_png(write_toml: Callable[..., Path], tmp_path: Path,
                                    qapp: object) -> None:
    from PySide6.QtGui import QImage

    path = write_toml(EVENTS, "events.toml")
    assert main(["export", str(path), "--all-steps", "-o", str(tmp_path / "csv"), "--format",
                 "csv"]) == 0
    rows = (tmp_path / "csv" / "02-second.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[1] == "i,Issue,a,Alpha,2024-02-01,,new,Yes"  # the kind (DESIGN §2)
    assert main(["export", str(path), "--all-steps", "-o", str(tmp_path / "png")]) == 0
    images = sorted((tmp_path / "png").iterdir())
    assert [p.name for p in images] == ["01-talks-open-first-round.png", "02-second.png",
                                        "03-ὀδυσσεύς-returns.png"]
    assert all(not QImage(str(p)).isNull() for p in images)


def test_each_step_page_says_its_step(seed_path: Path, tmp_path: Path) -> None:
    titles, index = steps_of(seed_path)
    plan = plan_steps(index.dataset, index, tmp_path, "png", Filter())
    subtitles = [job.subjects[0].page(index).subtitle for job in plan.jobs]
    assert subtitles == [f"Step {n} of 6: {title}" for n, title in enumerate(titles, start=1)]


def test_dates_do_not_apply_to_steps(seed_path: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(seed_path), "--all-steps", "-o", str(tmp_path / "d"),
                 "--to", "2025-12-20"]) == 2
    assert "--all-steps" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_issue_and_actor_filters_narrow_event_steps(write_toml: Callable[..., Path],
                                                    tmp_path: Path) -> None:
    text = EVENTS.replace('title = "Second"', 'title = "Second"\nissues = ["j"]') + (
        '\n[[issues]]\nid = "j"\ntitle = "J"\n')
    path = write_toml(text, "events.toml")
    assert main(["export", str(path), "--all-steps", "-o", str(tmp_path / "d"), "--format",
                 "md", "--issue", "j"]) == 0
    assert [p.name for p in (tmp_path / "d").iterdir()] == ["01-second.md"]


def test_a_file_with_nothing_to_present_is_exit_2(write_toml: Callable[..., Path],
                                                   tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = write_toml('schema = 1\ntitle = "t"\n[[actors]]\nid = "a"\nname = "A"\n'
                      '[[issues]]\nid = "i"\ntitle = "I"\n', "empty.toml")
    assert main(["export", str(path), "--all-steps", "-o", str(tmp_path / "d")]) == 2
    assert "nothing to present" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()
