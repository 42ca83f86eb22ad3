"""``positions-viewer import``: where it writes (links, special files, permissions), empty
options, and what a signal during the write leaves (issue 12: trust at every edge)."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from positions_viewer.cli import main
from positions_viewer.model import load_file

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX links, FIFOs and signals")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "ok.csv"
    path.write_text("actor,issue,text\nA,B,C\n", encoding="utf-8")
    return path


@posix_only
@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null"])
def test_a_link_to_a_device_is_refused_and_the_device_untouched(
        tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str], target: str) -> None:
    if not os.path.exists(target):
        pytest.skip(f"no {target}")
    link = tmp_path / "z.toml"
    link.symlink_to(target)
    code, stdout, stderr = _run(capsys, str(source), "-o", str(link), "--force")
    assert code == 2 and stdout == ""
    assert stderr.strip() == (f"positions-viewer import: error: -o {link}: is a device, not a "
                              "regular file: it is not written")
    assert link.is_symlink() and os.readlink(link) == target
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.csv", "z.toml"]


@posix_only
def test_a_fifo_a_folder_and_a_loop_of_links_are_refused(
        tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    (tmp_path / "dir.toml").mkdir()
    (tmp_path / "la.toml").symlink_to("lb.toml")
    (tmp_path / "lb.toml").symlink_to("la.toml")
    for name, why in (("fifo.toml", "is a named pipe (FIFO), not a regular file"),
                      ("dir.toml", "is a folder"),
                      ("la.toml", "is a loop of symbolic links")):
        code, _, stderr = _run(capsys, str(source), "-o", str(tmp_path / name), "--force")
        assert code == 2, stderr
        assert stderr.startswith(f"positions-viewer import: error: -o {tmp_path / name}: {why}")
        assert len(stderr.splitlines()) == 1  # one sentence, no traceback
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the FIFO


@posix_only
def test_a_loop_of_links_as_source_or_into_is_one_sentence(
        tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "l1.csv").symlink_to("l2.csv")
    (tmp_path / "l2.csv").symlink_to("l1.csv")
    (tmp_path / "la.toml").symlink_to("lb.toml")
    (tmp_path / "lb.toml").symlink_to("la.toml")
    out = tmp_path / "x.toml"
    code, _, stderr = _run(capsys, str(tmp_path / "l1.csv"), "-o", str(out))
    # An unreadable source is a data error, as a missing one is: located, and nothing written.
    assert code == 1 and "Traceback" not in stderr
    assert "l1.csv: error: is a symbolic link that points back to itself (a loop)" in stderr
    assert not out.exists()
    for args in (["--into", str(tmp_path / "la.toml")],
                 ["--into", str(tmp_path / "la.toml"), "-o", str(out)]):
        code, _, stderr = _run(capsys, str(source), *args)
        assert code == 2
        assert stderr == (f"positions-viewer import: error: --into {tmp_path / 'la.toml'}: is a "
                          "symbolic link that points back to itself (a loop)\n")


@posix_only
def test_a_link_is_written_through_with_sane_permissions(
        tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "program"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o4777)  # set-uid and world-writable
    link = tmp_path / "s.toml"
    link.symlink_to(target.name)
    code, stdout, _ = _run(capsys, str(source), "-o", str(link), "--force")
    assert code == 0 and stdout.startswith(f"wrote {link}")
    assert link.is_symlink()  # the link stays; the file it points at is the new one
    assert load_file(link).dataset is not None
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o775  # set-uid and o+w are not kept


@posix_only
def test_a_new_file_gets_the_umask_and_a_replaced_file_keeps_its_mode_minus_set_id(
        tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = os.umask(0o022)
    try:
        new = tmp_path / "new.toml"
        assert _run(capsys, str(source), "-o", str(new))[0] == 0
        assert stat.S_IMODE(os.stat(new).st_mode) == 0o644
        os.chmod(new, 0o6750)
        assert _run(capsys, str(source), "-o", str(new), "--force")[0] == 0
        assert stat.S_IMODE(os.stat(new).st_mode) == 0o750
    finally:
        os.umask(old)


@pytest.mark.parametrize("option", ["--date", "--title", "--sheet", "--map", "--into", "-o"])
def test_an_empty_option_is_a_usage_error(tmp_path: Path, source: Path, option: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = ["-o", str(tmp_path / "o.toml")] if option != "-o" else []
    code, stdout, stderr = _run(capsys, str(source), *out, f"{option}=")
    assert code == 2 and stdout == ""
    assert stderr.splitlines()[-1].endswith(
        ": an empty value; give one, or leave the option out")
    assert option in stderr.splitlines()[-1]
    assert not (tmp_path / "o.toml").exists()


def test_an_unwritable_folder_names_the_file_and_the_folder(
        tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "d"
    folder.mkdir()

    real_open = os.open

    def refused(name: str, *args: int) -> int:
        if Path(name).parent == folder:  # as a folder without write permission refuses
            raise PermissionError(errno.EACCES, "Permission denied", name)
        return real_open(name, *args)

    monkeypatch.setattr(os, "open", refused)
    out = folder / "x.toml"
    code, stdout, stderr = _run(capsys, str(source), "-o", str(out))
    assert code == 2 and stdout == ""
    assert stderr.splitlines()[-1] == (
        f"positions-viewer import: error: cannot write {out}: permission denied (the folder "
        f"{folder} does not let a file be written in it)")


@posix_only
@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes any folder")
def test_a_folder_without_permissions_is_one_line_naming_the_file(
        tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    folder.chmod(0)
    try:
        code, _, stderr = _run(capsys, str(source), "-o", str(folder / "x.toml"))
    finally:
        folder.chmod(0o755)
    assert code == 2 and "Traceback" not in stderr
    assert str(folder / "x.toml") in stderr.splitlines()[-1]


SLOW_WRITE = """
import os, sys, time
from positions_viewer.cli import main

real_fsync = os.fsync

def slow_fsync(fd):
    real_fsync(fd)
    print("writing", flush=True)
    time.sleep(60)

os.fsync = slow_fsync
sys.exit(main(sys.argv[1:]))
"""


@posix_only
@pytest.mark.parametrize(("signum", "code"), [
    (signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGHUP, 128 + signal.SIGHUP),
    (signal.SIGINT, 130),
])
@pytest.mark.parametrize("replacing", [False, True])
def test_a_signal_during_the_write_leaves_no_temporary(
        tmp_path: Path, source: Path, signum: int, code: int, replacing: bool) -> None:
    folder = tmp_path / "o"
    folder.mkdir()
    out = folder / "x.toml"
    if replacing:
        out.write_text("# mine\n", encoding="utf-8")
    script = tmp_path / "slow.py"
    script.write_text(textwrap.dedent(SLOW_WRITE), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), "import", str(source), "-o", str(out), "--force"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "writing"
        assert [p for p in os.listdir(folder) if p.endswith(".tmp")]  # caught mid-write
        process.send_signal(signum)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == code, err
    assert "Traceback" not in err
    assert os.listdir(folder) == (["x.toml"] if replacing else [])
    if replacing:
        assert out.read_text(encoding="utf-8") == "# mine\n"


@posix_only
def test_a_file_name_with_controls_cannot_forge_a_line_or_break_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A source named `evil\\nfake.toml:1:1: ok\\x1b[31mRED.csv` made the import fail ("invalid
    TOML: Found invalid character '\\x1b'": the name went raw into a comment) and printed a
    forged line and a terminal escape."""
    source = tmp_path / "evil\nfake.toml:1:1: ok\x1b[31mRED\u202e.csv"
    source.write_text("actor,issue,text\nA,B,C\n", encoding="utf-8")
    out = tmp_path / "o\x1b[2J.toml"
    code, stdout, stderr = _run(capsys, str(source), "-o", str(out))
    assert code == 0, stderr
    shown = "evil\\u000afake.toml:1:1: ok\\u001b[31mRED\\u202e.csv"
    assert stderr == f"{shown}: read as statements: 1 statement\n"
    assert stdout == (f"wrote {tmp_path}/o\\u001b[2J.toml: 1 new actor, 1 new issue, "
                      "1 statement, 0 events\n")
    assert "\x1b" not in stdout + stderr
    written = out.read_text(encoding="utf-8")
    assert f"from {shown}\n" in written and "\x1b" not in written
    assert load_file(out).dataset is not None
