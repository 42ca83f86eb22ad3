"""The details panel's links follow the model's URL rule (issue 12 item 6)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from positions_viewer.model import DatasetIndex, Filter, load_bytes
from positions_viewer.ui.details.panel import DetailsPanel
from positions_viewer.ui.session import DocumentSession

CASES = Path(__file__).resolve().parents[2] / "data" / "cases"


def test_a_url_that_passes_check_becomes_a_link_elided_in_the_middle(qtbot: QtBot) -> None:
    long_path = "/a" * 60 + "/report.pdf"
    data = (CASES / "url-pipe-and-bidi.toml").read_bytes().replace(
        b"https://example.com/\\u202Efdp.exe", f"https://example.com{long_path}".encode())
    result = load_bytes(data, "case.toml")
    assert result.dataset is not None, [str(d) for d in result.diagnostics]
    panel = DetailsPanel(DocumentSession())
    qtbot.addWidget(panel)
    opened: list[str] = []
    panel.open_url = lambda url: bool(opened.append(url.toString())) or True
    index = DatasetIndex(result.dataset)
    panel.show_cell(index, Filter(), 0, 0, result.dataset.positions[0])
    links = [b for b in panel.findChildren(QPushButton) if b.objectName() == "details-link"]
    assert len(links) == 2
    pipe, long = links
    assert pipe.text().replace("&&", "&").startswith("↗ https://fonts.googleapis.com/")
    pipe.click()
    assert opened and "fonts.googleapis.com/css" in opened[0]
    assert long.text().startswith("↗ https://example.com/") and long.text().endswith(
        "/report.pdf")
    assert "…" in long.text()
