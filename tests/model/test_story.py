"""Saved views as TOML: the snippet for the current filters loads back, whatever they hold."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from positions_viewer.model import Filter, load_bytes, load_file, parse_date
from positions_viewer.model.story import view_filter_of, view_snippet


@pytest.mark.parametrize("search", ["", "a\x7fb", 'say "no"\nnewline', "'''", "\\u0000 \t"])
def test_the_snippet_loads_back_as_the_same_filter(seed_path: Path, search: str) -> None:
    dataset = load_file(seed_path).dataset
    assert dataset is not None
    flt = Filter(issues=frozenset({1, 3}), actors=frozenset({0}),
                 date_from=parse_date("2025-12"), date_to=parse_date("2025-12-20"), text=search)
    snippet = view_snippet(dataset, flt)
    tomli.loads(snippet)  # a TOML reader takes it as it is
    text = seed_path.read_text(encoding="utf-8") + "\n" + snippet
    result = load_bytes(text.encode("utf-8"), "with-view.toml")
    assert result.errors == [] and result.dataset is not None
    number = len(result.dataset.views) - 1
    assert view_filter_of(result.dataset, number) == flt.with_changes(text="")
