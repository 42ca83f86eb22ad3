"""``positions-viewer compare FILE --from A --to B -o OUT`` (DESIGN §2; issue 14.5)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from positions_viewer.cli import main

from ..export.test_compare import DIGEST, SMALL

REPO = Path(__file__).resolve().parent.parent.parent
SEED = REPO / "seeds" / "macron-putin-2025.toml"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def run(*args: str) -> int:
    return main(list(args))


def test_markdown_digest(small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "changes.md"
    assert run("compare", str(small), "--from", "2024-03", "--to", "2024-03-31",
               "-o", str(out)) == 0
    assert out.read_text(encoding="utf-8") == DIGEST
    assert capsys.readouterr().err == f"wrote {out}\n"


def test_csv_for_spreadsheets_and_raw(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "changes.csv"
    assert run("compare", str(small), "--from", "2024-03", "--to", "2024-03-31",
               "-o", str(out)) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["issue_id", "issue", "actor_id", "actor", "kind", "a_date", "a_stance",
                       "a_text", "b_date", "b_stance", "b_text"]
    assert [r[4] for r in rows[1:]] == ["changed", "new", "restated", "", "", "unchanged"]
    raw = tmp_path / "raw.csv"
    assert run("compare", str(small), "--from", "2024-03", "--to", "2024-03-31",
               "--raw-csv", "--issue", "dam", "--actor", "n", "-o", str(raw)) == 0
    assert raw.read_bytes().decode("utf-8").splitlines()[1].startswith(
        "dam,The dam,n,North,restated,2022-01-10,")


def test_what_changed_between_18_and_26_december(tmp_path: Path) -> None:
    """Issue 14's question on the bundled dataset, in one command."""
    out = tmp_path / "december.md"
    assert run("compare", str(SEED), "--from", "2025-12-18", "--to", "2025-12-26",
               "-o", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert "## What changed from 18 Dec 2025 to 26 Dec 2025" in text
    assert "- Cells: 4 new · 3 unchanged" in text
    assert ("- **Russia** (new) — 17 Dec 2025: no stated position → 26 Dec 2025: *ready* — "
            "Putin is ready to talk") in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2024-04-01", "--to", "2024-03-01"], "--from 2024-04-01 is after --to"),
        (["--from", "2024-03"], "give both dates: --from A --to B"),
        (["--to", "2024-03"], "give both dates"),
        (["--from", "2024-03", "--to", "2024-13"], "--to: '2024-13' is not a date"),
        (["--from", "2024", "--to", "2024", "--issue", "nope"],
         "--issue: unknown id 'nope'; valid ids: quota, dam, quiet"),
        (["--from", "2024", "--to", "2024", "--raw-csv"], "--raw-csv is for CSV output"),
    ],
)
def test_usage_errors(small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                      args: list[str], message: str) -> None:
    out = tmp_path / "x.md"
    assert run("compare", str(small), *args, "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert err.startswith("positions-viewer compare: error: ") and message in err
    assert not out.exists()


def test_an_empty_date_is_a_usage_error(small: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert run("compare", str(small), "--from", "", "--to", "2024",
               "-o", str(tmp_path / "x.md")) == 2
    assert "an empty value" in capsys.readouterr().err


def test_bad_output_and_bad_data(small: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    dates = ["--from", "2024", "--to", "2024"]
    assert run("compare", str(small), *dates, "-o", str(tmp_path / "x.txt")) == 2
    assert "end the name with" in capsys.readouterr().err
    # OUT that is the input itself is refused, and the input is kept
    before = small.read_bytes()
    link = tmp_path / "same.md"
    link.symlink_to(small)
    assert run("compare", str(small), *dates, "-o", str(link)) == 2
    assert "is the input file" in capsys.readouterr().err
    assert small.read_bytes() == before
    assert run("compare", str(small), *dates, "-o", str(tmp_path / "no" / "x.md")) == 2
    assert "does not exist" in capsys.readouterr().err
    broken = tmp_path / "broken.toml"
    broken.write_text("schema = 1\n", encoding="utf-8")
    assert run("compare", str(broken), *dates, "-o", str(tmp_path / "y.md")) == 1
    assert "broken.toml:1" in capsys.readouterr().err
    assert not (tmp_path / "y.md").exists()


def test_png_is_the_compare_grid_of_the_same_filters(small: Path, tmp_path: Path,
                                                     qapp: object) -> None:
    """A picture of the comparison: the grid with the same filters, its cells marked by
    kind and each changed cell with the statement before it beneath (so it is taller than
    ``export --view grid`` of the same filters)."""
    from PySide6.QtGui import QImage

    out, same = tmp_path / "changes.png", tmp_path / "grid.png"
    dates = ["--from", "2024-03", "--to", "2024-03-31"]
    assert run("compare", str(small), *dates, "-o", str(out)) == 0
    assert run("export", str(small), *dates, "--view", "grid", "-o", str(same)) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    compared, grid = QImage(str(out)), QImage(str(same))
    assert compared.width() == grid.width() and compared.height() > grid.height()
