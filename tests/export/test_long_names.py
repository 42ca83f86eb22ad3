"""Any name the file system takes can be exported to (issue 12): a name of 240–255 bytes
is legal, so its temporary (and, with several outputs, the old file kept aside) must be
too. The temporary cut OUT's name to fit; it sat beside OUT and is gone afterwards."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from positions_viewer.cli import main
from positions_viewer.export import atomic

DATA = '''
schema = 1
title = "Long names"
as_of = 2025-06-01

[[actors]]
id = "a"
name = "Alpha"

[[issues]]
id = "i1"
title = "One"

[[positions]]
actor = "a"
issue = "i1"
date = 2025-01-01
stance = "for"
text = "Said it"

[[views]]
id = "{long_view}"
title = "A view with a long id"

[[views]]
id = "short"
title = "A short one"
'''
LONG_VIEW = "v" * 250  # the file v…v.md is 253 bytes


@pytest.fixture
def data(write_toml: Callable[..., Path]) -> Path:
    return write_toml(DATA.replace("{long_view}", LONG_VIEW))


def name_of(size: int, suffix: str, char: str = "n") -> str:
    """A file name of exactly ``size`` bytes (UTF-8) ending in ``suffix``."""
    room = size - len(suffix.encode())
    body = char * (room // len(char.encode()))
    return "x" * (room - len(body.encode())) + body + suffix


@pytest.mark.parametrize("size", [240, 246, 248, 251, 253, 255])
@pytest.mark.parametrize("suffix", [".md", ".csv"])
@pytest.mark.parametrize("existing", [False, True], ids=["new", "replaced"])
def test_export_to_a_name_of_up_to_255_bytes(tmp_path: Path, data: Path, size: int,
                                              suffix: str, existing: bool) -> None:
    out = tmp_path / "o" / name_of(size, suffix)
    out.parent.mkdir()
    assert len(os.fsencode(out.name)) == size
    if existing:
        out.write_text("old", encoding="utf-8")
    assert main(["export", str(data), "-o", str(out)]) == 0
    assert "Said it" in out.read_text(encoding="utf-8-sig")
    assert os.listdir(out.parent) == [out.name]  # no temporary left


@pytest.mark.parametrize("char", ["é", "日", "😀"])
def test_a_long_name_of_wide_characters_is_cut_between_characters(
        tmp_path: Path, data: Path, char: str) -> None:
    out = tmp_path / name_of(254, ".md", char)
    seen: list[str] = []
    real_open = os.open

    def spy(path: str, *args: int) -> int:
        seen.append(os.path.basename(path))
        return real_open(path, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(atomic.os, "open", spy)
        assert main(["export", str(data), "-o", str(out)]) == 0
    temporary = next(name for name in seen if name.endswith(".part"))
    assert len(os.fsencode(temporary)) <= 255
    assert temporary.startswith("." + out.name[:20])  # still says whose it is
    temporary.encode("utf-8")  # whole characters: no lone surrogate from a cut one
    assert sorted(os.listdir(tmp_path)) == sorted(["data.toml", out.name])


def test_compare_to_a_name_of_255_bytes(tmp_path: Path, data: Path) -> None:
    out = tmp_path / name_of(255, ".md")
    assert main(["compare", str(data), "--from", "2024", "--to", "2025", "-o", str(out)]) == 0
    assert "Alpha" in out.read_text(encoding="utf-8")
    assert sorted(os.listdir(tmp_path)) == sorted(["data.toml", out.name])


def test_all_views_with_a_long_view_id_replacing_old_files(tmp_path: Path, data: Path) -> None:
    """Several outputs keep the old files aside under a second name while renaming: that
    name must fit too."""
    out = tmp_path / "views"
    out.mkdir()
    long_file = out / f"{LONG_VIEW}.md"
    (out / "short.md").write_text("old", encoding="utf-8")
    long_file.write_text("old", encoding="utf-8")
    assert main(["export", str(data), "-o", str(out), "--all-views", "--format", "md"]) == 0
    assert sorted(os.listdir(out)) == sorted(["short.md", long_file.name])
    assert "Said it" in long_file.read_text(encoding="utf-8")


def test_a_name_over_the_limit_is_one_line_naming_it(
        tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / name_of(256, ".md")
    assert main(["export", str(data), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "too long" in err, err
    assert os.listdir(tmp_path) == ["data.toml"]
