"""The registry of formats and job kinds: the way PDF/SVG (issue 15) and the compare digest
(issue 14) plug in, without touching the planning or the atomic writes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from positions_viewer.export import formats
from positions_viewer.export.errors import ExportError
from positions_viewer.export.formats import ExportOptions, Format
from positions_viewer.export.jobs import Job, Plan, plan_steps, plan_views, write_plan
from positions_viewer.model import DatasetIndex, load_file


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registrations made by a test are undone after it."""
    monkeypatch.setattr(formats, "_FORMATS", dict(formats._FORMATS))
    monkeypatch.setattr(formats, "_WRITERS", dict(formats._WRITERS))


@pytest.fixture
def seed_index(seed_path: Path) -> DatasetIndex:
    dataset = load_file(seed_path).dataset
    assert dataset is not None
    return DatasetIndex(dataset)


def test_a_paged_format_writes_every_view_into_one_file(registry: None, tmp_path: Path,
                                                        seed_index: DatasetIndex) -> None:
    def handout(pages: Sequence[Any], options: ExportOptions, handle: BinaryIO) -> None:
        for page in pages:
            handle.write(f"{page.subtitle}\n".encode())

    formats.declare(Format("txt", "Handout", drawn=False, default_view="both", pages=True))
    formats.register_writer("txt", handout)
    plan = plan_views(seed_index.dataset, tmp_path / "story.txt", "txt")
    assert len(plan.jobs) == 1 and plan.folder is None
    write_plan(plan, seed_index, ExportOptions())
    lines = (tmp_path / "story.txt").read_text(encoding="utf-8").splitlines()
    assert lines == [view.title for view in seed_index.dataset.views]
    steps = plan_steps(seed_index.dataset, seed_index, tmp_path / "deck.txt", "txt")
    write_plan(steps, seed_index, ExportOptions())
    assert (tmp_path / "deck.txt").read_text(encoding="utf-8").startswith("Step 1 of 6: ")


@dataclass(frozen=True)
class Between:
    """A page source of another kind (as a compare digest's would be)."""

    a: str
    b: str

    def page(self, index: DatasetIndex) -> tuple[str, str, int]:
        return self.a, self.b, len(index.dataset.issues)


def test_another_kind_of_job_brings_its_pages_and_writers(registry: None, tmp_path: Path,
                                                          seed_index: DatasetIndex) -> None:
    def digest(pages: Sequence[Any], options: ExportOptions, handle: BinaryIO) -> None:
        ((a, b, issues),) = pages
        handle.write(f"{a} → {b}: {issues} issues\n".encode())

    formats.register_writer("md", digest, kind="compare")
    target = tmp_path / "digest.md"
    plan = Plan((Job(target, "md", (Between("2025-12-18", "2025-12-26"),), kind="compare"),))
    write_plan(plan, seed_index, ExportOptions())
    assert target.read_text(encoding="utf-8") == "2025-12-18 → 2025-12-26: 4 issues\n"
    with pytest.raises(ExportError, match=r"no writer for \.csv"):  # not registered for it
        write_plan(Plan((Job(tmp_path / "d.csv", "csv", (Between("a", "b"),),
                             kind="compare"),)), seed_index, ExportOptions())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digest.md"]


def test_a_drawn_format_needs_the_renderer_loaded(registry: None, tmp_path: Path,
                                                  seed_index: DatasetIndex) -> None:
    formats._WRITERS.pop(("view", "png"), None)
    plan = plan_views(seed_index.dataset, tmp_path / "out", "png")
    with pytest.raises(ExportError, match=r"no writer for \.png"):
        write_plan(plan, seed_index, ExportOptions())
    assert not (tmp_path / "out").exists()


def test_unknown_formats_and_views_are_refused(seed_index: DatasetIndex, tmp_path: Path) -> None:
    with pytest.raises(ExportError,
                       match=r"unknown format 'jpeg'; known: \.png, \.pdf, \.svg, \.md, \.csv"):
        formats.get_format("jpeg")
    plan = plan_views(seed_index.dataset, tmp_path / "out", "csv")
    with pytest.raises(ExportError, match="one table"):
        write_plan(plan, seed_index, ExportOptions(view="both"))
    assert not (tmp_path / "out").exists()
