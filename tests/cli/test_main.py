"""The command line's edges (issue 12.4, 12.7): a mistyped command is named, empty option
values are usage errors, a closed pipe ends quietly and a full disk is one line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from positions_viewer.cli import EXIT_PIPE, main


def cli(*args: str, **streams: object) -> subprocess.CompletedProcess[str]:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **streams}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "positions_viewer", *args], text=True, timeout=120, **streams)


@pytest.mark.parametrize(("typed", "meant"), [("chekc", "check"), ("exprot", "export"),
                                                ("shwo", "show"), ("CHECK", "check")])
def test_a_mistyped_command_names_the_one_meant(seed_path: Path, typed: str, meant: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main([typed, str(seed_path)]) == 2
    err = capsys.readouterr().err
    assert f"did you mean '{meant}'?" in err and "unrecognized arguments" not in err


def test_a_file_named_like_a_command_still_opens(tmp_path: Path, seed_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "chekc").write_bytes(seed_path.read_bytes())
    monkeypatch.chdir(tmp_path)
    assert main(["chekc", "--saved-view", "nope"]) == 2  # show chekc: the view is unknown
    assert "unknown view 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--from", "--to", "--issue", "--actor", "--saved-view"])
@pytest.mark.parametrize("command", ["export", "show"])
def test_an_empty_option_value_is_a_usage_error(seed_path: Path, tmp_path: Path, option: str,
                                                command: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = ["-o", str(tmp_path / "x.md")] if command == "export" else []
    for value in ("", "  "):
        assert main([command, str(seed_path), *out, option, value]) == 2
        assert f"argument {option}: an empty value" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()


def test_raw_csv_is_for_csv(seed_path: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(seed_path), "-o", str(tmp_path / "x.md"), "--raw-csv"]) == 2
    assert "--raw-csv is for CSV" in capsys.readouterr().err


def many_warnings(write_toml: Callable[..., Path]) -> Path:
    """A valid file whose check prints thousands of lines (more than a pipe holds)."""
    keys = "".join(f"unknown_{n} = 1\n" for n in range(3000))
    return write_toml('schema = 1\ntitle = "t"\n' + keys + '[[actors]]\nid = "a"\nname = "A"\n'
                      '[[issues]]\nid = "i"\ntitle = "I"\n', "warnings.toml")


@pytest.mark.skipif(os.name != "posix", reason="a POSIX shell pipeline")
def test_check_into_a_closed_pipe_ends_quietly(write_toml: Callable[..., Path],
                                                tmp_path: Path) -> None:
    path = many_warnings(write_toml)
    done = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m positions_viewer check "{path}" 2>err | head -1;'
                       ' echo "${PIPESTATUS[0]}"; cat err'],
        text=True, capture_output=True, timeout=120, cwd=tmp_path)
    lines = done.stdout.splitlines()
    assert "warning" in lines[0]
    assert lines[1] == str(EXIT_PIPE)  # as cat or grep in a pipeline: 128 + SIGPIPE
    assert lines[2:] == []  # nothing on stderr: no traceback, no "Exception ignored"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_check_into_a_full_disk_is_one_line(write_toml: Callable[..., Path],
                                            seed_path: Path) -> None:
    for path in (many_warnings(write_toml), seed_path):  # a lot of output, and one line
        with open("/dev/full", "w") as full:
            done = cli("check", str(path), stdout=full)
        assert done.returncode == 2
        assert done.stderr.splitlines() == [
            "positions-viewer: error: cannot write the output: No space left on device"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_exports_messages_into_a_full_disk_are_no_traceback(seed_path: Path,
                                                           tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = cli("export", str(seed_path), "-o", str(tmp_path / "x.md"), stderr=full,
                   stdout=subprocess.PIPE)
    assert done.returncode == 2 and done.stdout == ""
    assert (tmp_path / "x.md").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.skipif(os.name != "posix", reason="a POSIX shell pipeline")
def test_exports_messages_into_a_closed_pipe_end_quietly(seed_path: Path,
                                                         tmp_path: Path) -> None:
    done = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m positions_viewer export "{seed_path}" -o '
                       f'"{tmp_path}/views" --all-views --format md 2>&1 >/dev/null | true;'
                       ' echo "${PIPESTATUS[0]}"'],
        text=True, capture_output=True, timeout=120)
    assert done.stdout.strip() in ("0", str(EXIT_PIPE)), done.stdout  # no reader: quiet
    assert done.stderr == ""
    assert len(list((tmp_path / "views").iterdir())) == 6


def test_a_picture_too_large_says_what_helps(tmp_path: Path, qapp: object,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    issues = "".join(f'[[issues]]\nid = "i{n}"\ntitle = "Issue {n}"\n' for n in range(1000))
    path = tmp_path / "tall.toml"
    path.write_text('schema = 1\ntitle = "Tall"\n[[actors]]\nid = "a"\nname = "A"\n' + issues,
                    encoding="utf-8")
    out = tmp_path / "tall.png"
    assert main(["export", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "16384 px limit" in err and "fewer issues" in err
    assert "--width" not in err and "width" not in err.split("limit")[1]
    assert "export PDF, which continues the grid on more pages" in err  # issue 15.6
    assert not out.exists() and os.listdir(tmp_path) == ["tall.toml"]
