"""The handout (issue 15.3): ``--all-views``/``--all-steps`` to a ``.pdf`` write ONE PDF, a
page per saved view or step, each with its title, picture, speaker notes and the sources its
positions cite, and an outline listing the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from positions_viewer.cli import main
from positions_viewer.model import DatasetIndex, load_file
from positions_viewer.model.story import story_steps, view_filter_of
from positions_viewer.ui.render.handout_notes import cited_sources


@pytest.fixture(autouse=True)
def _application(qapp: object) -> None:
    """The test run's QApplication, before an export makes a QGuiApplication of its own."""


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_story_handout_has_a_page_per_saved_view(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "story.pdf"
    assert main(["export", str(seed_path), "--all-views", "-o", str(out)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.pdf"]  # one file, no folder
    dataset = load_file(seed_path).dataset
    assert dataset is not None
    index = DatasetIndex(dataset)
    reader = PdfReader(out)
    assert len(reader.pages) == len(dataset.views)
    outline = reader.outline
    assert [item.title for item in outline] == [view.title for view in dataset.views]  # type: ignore[union-attr]
    assert [reader.get_destination_page_number(item) for item in outline] == \
        list(range(len(dataset.views)))  # type: ignore[arg-type]
    cited_somewhere = False
    for number, view in enumerate(dataset.views):
        text = words(reader.pages[number].extract_text())
        assert text.startswith(words(view.title))  # the page is headed with the view's title
        assert words(view.notes) in text
        sources = cited_sources(index.query(view_filter_of(dataset, number)))
        for source in sources:
            assert f"1. {source.title}" in text
        cited_somewhere |= bool(sources)
        assert ("Sources" in text) == bool(sources)
        assert f"Page {number + 1} of {len(dataset.views)}" in text
    assert cited_somewhere


def test_the_deck_has_a_page_per_step_on_slides(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "deck.pdf"
    assert main(["export", str(seed_path), "--all-steps", "--page-size", "16:9",
                 "-o", str(out)]) == 0
    dataset = load_file(seed_path).dataset
    assert dataset is not None
    steps = story_steps(dataset, DatasetIndex(dataset))
    reader = PdfReader(out)
    assert len(reader.pages) == len(steps)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    titles = [item.title for item in reader.outline]  # type: ignore[union-attr]
    assert titles == [f"Step {n} of {len(steps)}: {s.title}" for n, s in enumerate(steps, 1)]


def test_a_handout_of_events_carries_each_events_detail(write_toml: object,
                                                        tmp_path: Path) -> None:
    path = write_toml(  # type: ignore[operator]
        'schema = 1\ntitle = "Events"\n'
        '[[actors]]\nid = "a"\nname = "Alpha"\n[[issues]]\nid = "i"\ntitle = "Issue"\n'
        '[[sources]]\nid = "s"\ntitle = "Wire report"\nurl = "https://example.org/wire"\n'
        '[[events]]\nid = "e1"\ndate = 2024-01-02\ntitle = "First"\ndetail = "Said first"\n'
        '[[events]]\nid = "e2"\ndate = 2024-02-03\ntitle = "Second"\ndetail = "Said next"\n'
        '[[positions]]\nactor = "a"\nissue = "i"\ntext = "Yes"\ndate = 2024-02-03\n'
        'sources = ["s"]\n')
    out = tmp_path / "deck.pdf"
    assert main(["export", str(path), "--all-steps", "-o", str(out)]) == 0
    reader = PdfReader(out)
    first, second = (words(page.extract_text()) for page in reader.pages)
    assert "Said first" in first and "Wire report" not in first  # nothing stated yet
    assert "Said next" in second
    assert "1. Wire report: https://example.org/wire" in second  # title and address


def test_several_pngs_still_go_into_a_folder(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "views"
    assert main(["export", str(seed_path), "--all-views", "--format", "svg",
                 "-o", str(out)]) == 0
    assert len(list(out.glob("*.svg"))) == 6


def test_pdf_into_a_folder_is_a_file_per_view(seed_path: Path, tmp_path: Path) -> None:
    """``--format pdf`` with a folder OUT: ``OUT/<view-id>.pdf`` (DESIGN §2); only a .pdf OUT
    makes the one-file handout."""
    out = tmp_path / "views"
    assert main(["export", str(seed_path), "--all-views", "--format", "pdf",
                 "-o", str(out)]) == 0
    files = sorted(out.glob("*.pdf"))
    assert len(files) == 6
    first = PdfReader(files[0])
    assert not first.outline and "Speaker notes" not in first.pages[0].extract_text()
