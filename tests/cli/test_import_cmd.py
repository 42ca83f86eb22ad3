"""``positions-viewer import``: exit codes, what goes to stdout and stderr, nothing partial."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from positions_viewer.cli import main
from positions_viewer.model import load_file

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "import"
SEED = REPO / "seeds" / "macron-putin-2025.toml"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_article_imports_into_a_file_check_passes(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "article.toml"
    code, stdout, stderr = _run(capsys, str(DATA / "seed_article.txt"), "-o", str(out),
                                "--title", "Macron–Putin", "--date", "2025-12-26")
    assert code == 0, stderr
    assert stdout == f"wrote {out}: 2 new actors, 3 new issues, 6 statements, 3 events\n"
    assert "seed_article.txt[table 2, line 32]: read as wide: 6 statements" in stderr
    result = load_file(out)
    assert result.dataset is not None and result.diagnostics == []
    assert main(["check", str(out)]) == 0


def test_errors_write_nothing_and_exit_1(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "s.csv"
    source.write_text("actor,issue,date,text\nA,B,07/08/2022,x\nA,B,2022,y\n", encoding="utf-8")
    out = tmp_path / "out.toml"
    code, stdout, stderr = _run(capsys, str(source), "-o", str(out))
    assert code == 1 and stdout == "" and not out.exists()
    assert "s.csv:2:3: error: date: '07/08/2022' could be 7 Aug 2022 or 8 Jul 2022" in stderr
    assert stderr.rstrip().endswith("not written: 1 error; --keep-going writes the good rows")
    code, stdout, stderr = _run(capsys, str(source), "-o", str(out), "--keep-going")
    assert code == 0 and "1 row with errors left out" in stdout
    assert [p.text for p in load_file(out).dataset.positions] == ["y"]  # type: ignore[union-attr]
    code, stdout, _ = _run(capsys, str(source), "-o", str(out), "--dayfirst", "--force")
    assert code == 0 and "2 statements" in stdout


@pytest.mark.parametrize(("args", "message"), [
    ([], "-o OUT.toml is required"),
    (["-o", "x.csv"], "end its name with .toml"),
    (["--map", "text"], "write COLUMN=FIELD"),
    (["--map", "Member=colour"], "'colour' is not a field"),
    (["--date", "someday"], "--date: 'someday' is not a date"),
])
def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             args: list[str], message: str) -> None:
    source = tmp_path / "s.csv"
    source.write_text("actor,issue,text\nA,B,C\n", encoding="utf-8")
    if args[:1] != ["-o"] and args != []:
        args = [*args, "-o", str(tmp_path / "o.toml")]
    code, _, stderr = _run(capsys, str(source), *args)
    assert code == 2 and message in stderr


def test_an_existing_output_or_a_source_is_not_overwritten(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "s.csv"
    source.write_text("actor,issue,text\nA,B,C\n", encoding="utf-8")
    out = tmp_path / "mine.toml"
    out.write_text("# my own notes\n", encoding="utf-8")
    code, _, stderr = _run(capsys, str(source), "-o", str(out))
    assert code == 2 and "add to it with --into" in stderr
    assert out.read_text(encoding="utf-8") == "# my own notes\n"
    code, _, _ = _run(capsys, str(source), "-o", str(out), "--force")
    assert code == 0 and load_file(out).dataset is not None
    toml_source = tmp_path / "s.toml"
    toml_source.write_text("x", encoding="utf-8")
    code, _, stderr = _run(capsys, str(toml_source), "-o", str(toml_source), "--format", "csv")
    assert code == 2 and "is one of the sources" in stderr
    code, _, stderr = _run(capsys, str(tmp_path / "s.xyz"), "-o", str(tmp_path / "n.toml"))
    assert code == 2 and "pass --format" in stderr


def test_into_in_place_only_appends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "seed.toml"
    shutil.copy(SEED, target)
    os.chmod(target, 0o640)
    before = target.read_bytes()
    code, stdout, stderr = _run(capsys, str(DATA / "women_in_computing.json"), "--into",
                                str(target))
    assert code == 0, stderr
    assert "10 events" in stdout
    assert target.read_bytes().startswith(before)
    assert os.stat(target).st_mode & 0o777 == 0o640  # the file keeps its mode
    assert main(["check", str(target)]) == 0


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "s.csv"
    source.write_text("actor,issue,text\nA,B,C\n", encoding="utf-8")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    code, _, stderr = _run(capsys, str(source), "-o", str(tmp_path / "out.toml"))
    assert code == 2 and "No space left on device" in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


def test_an_unwritable_folder_is_one_line(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "s.csv"
    source.write_text("actor,issue,text\nA,B,C\n", encoding="utf-8")
    code, _, stderr = _run(capsys, str(source), "-o", str(tmp_path / "missing" / "o.toml"))
    assert code == 2
    assert stderr.splitlines()[-1].startswith("positions-viewer import: error: cannot write")
