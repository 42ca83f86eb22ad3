"""Export never destroys or half-writes (issue 12.4): OUT that is the input is refused,
several outputs are all or none, links are written through with sane permissions, and a
signal during an export leaves no temporary behind."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from positions_viewer.cli import main
from positions_viewer.export import atomic, formats
from positions_viewer.export.errors import ExportError
from positions_viewer.model.text import escape_invisible

VIEWS = ("where-things-stand", "background", "macron-opens", "kremlin-answers",
         "paris-clarifies", "vinatier")


def export(*args: str) -> int:
    return main(["export", *args])


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# -- OUT that is the input -----------------------------------------------------------------


@pytest.mark.parametrize("how", ["same", "dot", "symlink", "hardlink", "relative"])
def test_out_that_is_the_input_is_refused(tmp_path: Path, seed_path: Path, how: str,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data.csv"  # a TOML file may have any name: export data.csv -o data.csv
    data.write_bytes(seed_path.read_bytes())
    before = data.read_bytes()
    monkeypatch.chdir(tmp_path)
    out = {"same": data, "dot": Path("./data.csv"), "relative": Path("sub/../data.csv"),
           "symlink": tmp_path / "link.csv", "hardlink": tmp_path / "hard.csv"}[how]
    (tmp_path / "sub").mkdir()
    if how == "symlink":
        out.symlink_to(data)
    if how == "hardlink":
        os.link(data, out)
    assert export(str(data), "-o", str(out)) == 2
    err = capsys.readouterr().err.strip()
    assert "is the input file" in err and len(err.splitlines()) == 1
    assert data.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_all_views_into_the_inputs_folder_may_not_replace_the_input(
        tmp_path: Path, seed_path: Path) -> None:
    data = tmp_path / "vinatier.md"  # the view "vinatier" would be written over it
    data.write_bytes(seed_path.read_bytes())
    assert export(str(data), "-o", str(tmp_path), "--all-views", "--format", "md") == 2
    assert data.read_bytes() == seed_path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["vinatier.md"]


# -- all or none ---------------------------------------------------------------------------


def fail_on_page(monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    """The Markdown writer fails with a full disk on its ``number``-th page."""
    real = formats.page_text
    calls = []

    def page_text(*args: object, **kwargs: object) -> str:
        calls.append(1)
        if len(calls) == number:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(formats, "page_text", page_text)


@pytest.mark.parametrize("flag", ["--all-views", "--all-steps"])
def test_several_outputs_are_all_or_none(tmp_path: Path, seed_path: Path, flag: str,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    names = [f"{view}.md" for view in VIEWS] if flag == "--all-views" else [
        f"{n:02d}-{view}.md" for n, view in enumerate(VIEWS, start=1)]
    for name in names[:3]:
        (out / name).write_text(f"old {name}", encoding="utf-8")
    (out / "notes.txt").write_text("the user's", encoding="utf-8")
    before = listing(out)
    fail_on_page(monkeypatch, 4)
    assert export(str(seed_path), "-o", str(out), flag, "--format", "md") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left" in err[0] and names[3] in err[0], err
    assert listing(out) == before  # old files untouched, nothing new, no temporaries
    assert sorted(os.listdir(out)) == sorted(before)


def test_a_folder_made_for_a_failed_export_is_removed(tmp_path: Path, seed_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    fail_on_page(monkeypatch, 2)
    assert export(str(seed_path), "-o", str(tmp_path / "new"), "--all-views", "--format",
                  "md") == 2
    assert not (tmp_path / "new").exists()


def test_a_rename_failing_midway_puts_every_old_file_back(
        tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for view in VIEWS:
        (out / f"{view}.md").write_text(f"old {view}", encoding="utf-8")
    before = listing(out)
    real_replace = os.replace
    renamed = []

    def replace(src: str, dst: str) -> None:
        if str(src).endswith(".part"):
            renamed.append(dst)
            if len(renamed) == 4:
                raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    assert export(str(seed_path), "-o", str(out), "--all-views", "--format", "md") == 2
    assert len(renamed) == 4  # three were in place when the fourth failed: put back
    assert listing(out) == before
    assert sorted(os.listdir(out)) == sorted(before)


def test_a_successful_export_leaves_no_backup(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "vinatier.md").write_text("old", encoding="utf-8")
    assert export(str(seed_path), "-o", str(out), "--all-views", "--format", "md") == 0
    assert sorted(os.listdir(out)) == sorted(f"{view}.md" for view in VIEWS)
    assert "The Vinatier case" in (out / "vinatier.md").read_text(encoding="utf-8")


# -- symbolic links and permissions --------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX links and permissions")
def test_a_link_is_written_through_keeping_the_targets_mode(tmp_path: Path,
                                                             seed_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "report.md"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "report.md"
    link.symlink_to(real)
    assert export(str(seed_path), "-o", str(link)) == 0
    assert link.is_symlink() and link.resolve() == real  # the link still points there
    assert "Whether talks are imminent" in real.read_text(encoding="utf-8")
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(shared)) == ["report.md"]  # the temporary sat beside the target
    assert sorted(os.listdir(tmp_path)) == ["report.md", "shared"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX links and permissions")
def test_an_export_is_never_world_writable(tmp_path: Path, seed_path: Path) -> None:
    target = tmp_path / "open.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o666)
    assert export(str(seed_path), "-o", str(target)) == 0
    assert target.stat().st_mode & 0o777 == 0o664
    old_umask = os.umask(0)
    try:
        fresh = tmp_path / "fresh.md"
        assert export(str(seed_path), "-o", str(fresh)) == 0
        assert fresh.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old_umask)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_link_to_a_device_is_refused(tmp_path: Path, seed_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "out.md"
    link.symlink_to("/dev/null")
    assert export(str(seed_path), "-o", str(link)) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert link.is_symlink() and Path("/dev/null").is_char_device()
    assert os.listdir(tmp_path) == ["out.md"]


def test_a_dangling_link_creates_its_target_and_a_loop_is_refused(
        tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "made.md")
    assert export(str(seed_path), "-o", str(link)) == 0
    assert link.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8")
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    assert export(str(seed_path), "-o", str(loop)) == 2
    assert "loop" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["x\nfake", "\u202eevil", "esc\x1b[31m"])
def test_an_export_error_names_a_hostile_folder_in_one_readable_line(tmp_path: Path,
                                                                     name: str) -> None:
    """The window shows this message in a box, the command line on stderr."""
    with pytest.raises(ExportError) as caught:
        atomic.atomic_write(tmp_path / name / "out.md", lambda handle: handle.write(b"x"))
    message = str(caught.value)
    assert message.isprintable() and "does not exist" in message
    assert escape_invisible(name) in message


def test_atomic_write_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="folder"):
        atomic.atomic_write(tmp_path, lambda handle: handle.write(b"x"))


# -- signals -------------------------------------------------------------------------------

SLOW_EXPORT = """
import sys, time
from positions_viewer.cli import main
from positions_viewer.export import formats

real = formats.writer_for("md")

def slow(pages, options, handle):
    real(pages, options, handle)
    handle.flush()
    print("writing", flush=True)
    time.sleep(60)

formats.register_writer("md", slow)
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize(("signum", "code"), [
    (signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGHUP, 128 + signal.SIGHUP),
    (signal.SIGINT, 130), (signal.SIGQUIT, 128 + signal.SIGQUIT),
    (signal.SIGUSR1, 128 + signal.SIGUSR1), (signal.SIGUSR2, 128 + signal.SIGUSR2),
    (signal.SIGALRM, 128 + signal.SIGALRM),
])
@pytest.mark.parametrize("several", [False, True])
def test_a_signal_during_an_export_removes_the_temporary(
        tmp_path: Path, seed_path: Path, signum: int, code: int, several: bool) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "view.md").write_text("old", encoding="utf-8")
    (out / "vinatier.md").write_text("old", encoding="utf-8")
    before = listing(out)
    args = ([str(out), "--all-views", "--format", "md"] if several
            else [str(out / "view.md")])
    script = tmp_path / "slow.py"
    script.write_text(textwrap.dedent(SLOW_EXPORT), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), "export", str(seed_path), "-o", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "writing"
        assert [p for p in os.listdir(out) if p.endswith(".part")]  # caught mid-write
        process.send_signal(signum)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == code, err
    assert "Traceback" not in err
    assert listing(out) == before
    assert sorted(os.listdir(out)) == sorted(before)


def test_signal_handlers_are_put_back_after_an_export() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with atomic.cleanup_on_signals():
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_a_signal_ignored_or_handled_by_someone_else_stays_so() -> None:
    """``nohup`` ignores SIGHUP; a program embedding the export may handle SIGUSR1."""
    def own(_signum: int, _frame: object) -> None:
        pass

    old_hup = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    old_usr1 = signal.signal(signal.SIGUSR1, own)
    try:
        with atomic.cleanup_on_signals():
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            assert signal.getsignal(signal.SIGUSR1) is own
            assert signal.getsignal(signal.SIGQUIT) is not signal.SIG_DFL
    finally:
        signal.signal(signal.SIGHUP, old_hup)
        signal.signal(signal.SIGUSR1, old_usr1)

