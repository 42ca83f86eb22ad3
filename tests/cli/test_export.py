"""``positions-viewer export``: the command's files, errors and atomic writes (no Qt needed
except for the PNG cases)."""

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
from positions_viewer.export import atomic
from positions_viewer.export.errors import ExportError
from positions_viewer.model import DatasetIndex

from ..export.test_tables import TRICKY


@pytest.fixture
def tricky(write_toml: Callable[..., Path]) -> Path:
    return write_toml(TRICKY, "tricky.toml")


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


@pytest.mark.parametrize("name", ["out", "out.txt", "out.jpeg"])
def test_output_without_a_known_suffix_is_refused(tricky: Path, tmp_path: Path, name: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", str(tricky), "-o", str(tmp_path / name)) == 2
    assert ".png, .pdf, .svg, .md or .csv" in capsys.readouterr().err


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

    monkeypatch.setattr("positions_viewer.export.formats.page_text", disk_full)
    # Issue 12.4 on purpose: a write error is one line and exit 2 (it was a traceback).
    assert run("export", str(tricky), "-o", str(target)) == 2
    assert target.read_text(encoding="utf-8") == "the user's file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".keep")] == []


def test_write_error_midway_removes_the_partial_file(tricky: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def full(handle: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space left"):
        atomic.atomic_write(target, full)  # type: ignore[arg-type]
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

    monkeypatch.setattr("positions_viewer.export.atomic._create_beside", denied)
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
    from positions_viewer.ui.render.image import render_step_png

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


def test_steps_and_views_as_tables_need_no_qt(seed_path: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from positions_viewer.cli import main; "
        f"rc = main(['export', {str(seed_path)!r}, '-o', {str(tmp_path / 's')!r}, "
        "'--all-steps', '--format', 'md']); "
        f"rc2 = main(['export', {str(seed_path)!r}, '-o', {str(tmp_path / 'v')!r}, "
        "'--all-views', '--format', 'csv']); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'; "
        "sys.exit(rc or rc2)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "s").iterdir())) == len(list((tmp_path / "v").iterdir())) == 6
