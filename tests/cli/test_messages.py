"""Every message of the command line is one readable line (issue 12, "trust at every edge"):
what it echoes of the user's input, or of a file's name, is cut and has its invisible
characters shown as ``\\uXXXX``; argparse's own errors included. ``--help`` and
``--version`` into a full disk say so."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from positions_viewer.cli import main

LONG_RTL = "\u202e" + "x" * 3000  # reverses the line, and 3 KB of it
NEWLINE = "2024\n-01"  # splits the message in two
CLEAR = "\x1b[2J2024"  # clears the terminal
ZERO_WIDTH = "issue\u200b"  # looks like an id that exists
HOSTILE = {"long-rtl": LONG_RTL, "newline": NEWLINE, "escape": CLEAR, "zero-width": ZERO_WIDTH}
MAX_LINE = 600  # usage lines are a few hundred characters at most


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if "error:" in line]


def assert_one_readable_line(err: str) -> str:
    lines = error_lines(err)
    assert len(lines) == 1, err[:2000]
    line = lines[0]
    assert line.isprintable(), line  # no ESC, no U+202E, no zero-width space
    assert len(line) <= MAX_LINE, len(line)
    # nothing of the message leaked onto a line of its own either
    assert all(line.isprintable() for line in err.splitlines()), err[:2000]
    return line


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("option", ["--issue", "--actor", "--saved-view", "--from", "--to",
                                    "--view", "--scale", "--theme", "--format", "--width"])
def test_an_echoed_option_value_is_one_readable_line(
        seed_path: Path, tmp_path: Path, option: str, value: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.md"
    assert main(["export", str(seed_path), "-o", str(out), option, value]) == 2
    line = assert_one_readable_line(capsys.readouterr().err)
    assert option in line  # still says which option is wrong
    assert not out.exists()


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_compare_and_show_echo_the_same_way(seed_path: Path, tmp_path: Path, value: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "x.md")
    for args in (["compare", str(seed_path), "--from", value, "--to", "2025", "-o", out],
                 ["compare", str(seed_path), "--from", "2024", "--to", "2025", "-o", out,
                  "--issue", value],
                 ["show", str(seed_path), "--actor", value]):
        assert main(args) == 2
        assert_one_readable_line(capsys.readouterr().err)


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_argparse_errors_are_one_readable_line(seed_path: Path, tmp_path: Path, value: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["export", str(seed_path), "-o", str(tmp_path / "x.md"), value + "-extra"],
                 ["export", str(seed_path), "-o", str(tmp_path / "x.md"), "--vie", value],
                 ["check"],
                 ["export", str(seed_path), "-o"]):
        assert main(args) == 2
        assert_one_readable_line(capsys.readouterr().err)


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_output_name_is_escaped(seed_path: Path, tmp_path: Path, value: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    name = value.replace("/", "_")[:200]
    assert main(["export", str(seed_path), "-o", str(tmp_path / f"{name}.mdx")]) == 2
    assert_one_readable_line(capsys.readouterr().err)  # the suffix is wrong
    assert main(["export", str(seed_path), "-o", str(tmp_path / "none" / f"{name}.md")]) == 2
    assert_one_readable_line(capsys.readouterr().err)  # the folder does not exist


def test_wrote_names_the_file_escaped(seed_path: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "evil\nfake.toml:1:1: ok\x1b[31mRED.md"
    assert main(["export", str(seed_path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.splitlines() == [f"wrote {tmp_path}/evil\\u000afake.toml:1:1: ok\\u001b[31mRED.md"]
    assert out.exists()  # the file has the name asked for: only the message escapes it


@pytest.mark.parametrize("typed", ["\x1b[2Jchekc", "ch\u202eekc"])
def test_a_mistyped_command_is_echoed_escaped(typed: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main([typed]) in (1, 2)  # a command mistyped, or a file that does not exist
    assert_one_readable_line(capsys.readouterr().err)


class FullDisk(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["export", "--help"],
                                  ["check", "-h"]])
def test_help_into_a_full_disk_is_one_line_and_exit_2(
        args: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdout", FullDisk())
    assert main(args) == 2  # argparse swallowed the error: exit 0, nothing said
    assert capsys.readouterr().err.splitlines() == [
        "positions-viewer: error: cannot write the output: No space left on device"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_help_into_dev_full(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "positions_viewer", "--help"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "positions-viewer: error: cannot write the output: No space left on device"]


def test_help_still_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "usage: positions-viewer" in capsys.readouterr().out
