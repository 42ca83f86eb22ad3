"""``positions-viewer [show]``: exit codes, and what happens where no window can open."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from positions_viewer.cli import main


def run_cli(*args: str, cwd: Path, display: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "positions_viewer", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_without_a_display_it_says_why_and_writes_a_preview(tmp_path: Path) -> None:
    done = run_cli(cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "cannot open the window: no display was found" in done.stderr
    preview = tmp_path / "positions-viewer-preview.png"
    assert preview.is_file() and preview.stat().st_size > 10_000
    from PySide6.QtGui import QImage

    # The date-range slider (built after the first frame in a real window) is in the
    # picture: the filter bar between "From" and "as of" is not one flat colour.
    image = QImage(str(preview))
    colours = {image.pixel(x, y) for x in range(690, 850, 2) for y in range(135, 158)}
    assert len(colours) > 4
    assert "positions-viewer export" in done.stderr
    assert "Fatal" not in done.stderr and "propagateSizeHints" not in done.stderr


def test_show_with_a_broken_file_exits_1_with_the_diagnostic(
    tmp_path: Path, write_toml: Callable[..., Path]
) -> None:
    bad = write_toml('schema = 1\ntitle = "x"\n[[actors]]\nid = "a"\n', "bad.toml")
    done = run_cli("show", str(bad), cwd=tmp_path)
    assert done.returncode == 1
    assert f"{bad}:3: error: actors[0]: missing required key 'name'" in done.stderr


def test_show_with_an_unknown_issue_is_a_usage_error(seed_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(seed_path), "--issue", "nope"]) == 2
    assert "valid ids: imminence, conditions, context, vinatier" in capsys.readouterr().err


def test_an_unknown_id_suggests_the_close_one(seed_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(seed_path), "--issue", "vinatir"]) == 2
    assert "--issue: unknown id 'vinatir'; did you mean 'vinatier'?" in capsys.readouterr().err


def test_an_unknown_id_lists_a_dozen_ids_not_thousands(
        tmp_path: Path, write_toml: Callable[..., Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    issues = "".join(f'[[issues]]\nid = "issue-{n}"\ntitle = "Issue {n}"\n' for n in range(2000))
    path = write_toml('schema = 1\ntitle = "x"\n[[actors]]\nid = "a"\nname = "A"\n' + issues,
                      "many.toml")
    assert main(["show", str(path), "--issue", "zzz"]) == 2
    said = capsys.readouterr().err.splitlines()[-1]  # after the file's own warnings
    assert "valid ids: issue-0, issue-1," in said and said.endswith("issue-11 and 1,988 more")
    assert len(said) < 300


def test_file_without_show_means_show(seed_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(seed_path), "--saved-view", "nope"]) == 2
    assert "unknown view 'nope'" in capsys.readouterr().err


def test_help_and_bad_options_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert main(["export"]) == 2
    assert main(["check"]) == 2
    assert "usage" in capsys.readouterr().err
