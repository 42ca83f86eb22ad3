"""``write_atomically`` (imports and the editor's Save): a link is written through, a
special file is refused, and no permission is given that the user would not (issue 12)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from positions_viewer.model.files import FileProblem, write_atomically

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX links and modes")


def test_a_link_is_written_through_and_keeps_pointing_at_the_file(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_bytes(b"old")
    os.chmod(real, 0o2666)
    link = tmp_path / "link.toml"
    link.symlink_to(real.name)
    write_atomically(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o664  # no set-gid, no world write
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.toml", "real.toml"]


def test_a_given_mode_loses_set_id_sticky_and_world_write(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    write_atomically(path, b"x", mode=0o7777)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o775


@pytest.mark.parametrize("make", ["fifo", "folder", "loop", "device"])
def test_what_is_no_regular_file_is_refused_untouched(tmp_path: Path, make: str) -> None:
    path = tmp_path / "out.toml"
    if make == "fifo":
        os.mkfifo(path)
    elif make == "folder":
        path.mkdir()
    elif make == "loop":
        path.symlink_to("other.toml")
        (tmp_path / "other.toml").symlink_to("out.toml")
    else:
        path.symlink_to(os.devnull)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(FileProblem) as caught:
        write_atomically(path, b"data")
    assert str(caught.value).startswith(
        {"fifo": "is a named pipe", "folder": "is a folder", "loop": "is a loop of symbolic",
         "device": "is a device"}[make])
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_interrupt_right_after_the_temporary_is_made_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A signal can land between making the temporary and knowing its name (another thread
    takes it, so blocking it in this one does not help): 1 run in 4 left a `.x.toml.*.tmp`."""
    real_open = os.open

    def made_then_interrupted(name: str, *args: int) -> int:
        real_open(name, *args)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "open", made_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "x.toml", b"data")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("stem", ["n" * 245, "é" * 122, "日" * 81])
def test_any_legal_name_can_be_written(tmp_path: Path, stem: str) -> None:
    """The temporary beside a 250-byte name is cut to fit the folder's limit (it was
    ``.NAME.<16 hex>.tmp``, 22 bytes over a name the file system accepts)."""
    target = tmp_path / f"{stem}.toml"
    write_atomically(target, b"x = 1\n")
    assert target.read_bytes() == b"x = 1\n"
    assert os.listdir(tmp_path) == [target.name]
