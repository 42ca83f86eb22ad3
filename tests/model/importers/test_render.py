"""The TOML an import writes: every string as tomlkit renders it, and read back unchanged."""

from __future__ import annotations

import tomllib

import tomlkit
from hypothesis import given
from hypothesis import strategies as st

from positions_viewer.model import PartialDate
from positions_viewer.model.importers.render import _NO_CONTROL, _PLAIN, toml_string, toml_value

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@given(TEXT)
def test_strings_are_tomlkits_and_read_back_unchanged(value: str) -> None:
    rendered = toml_string(value)
    assert tomllib.loads(f"v = {rendered}")["v"] == value
    if _PLAIN.match(value) or _NO_CONTROL.match(value):  # the fast paths write what
        assert rendered == tomlkit.string(value).as_string()  # tomlkit writes


@given(st.text(alphabet='ab"\\ é“”', max_size=20))
def test_quotes_and_backslashes_are_escaped_as_tomlkit_does(value: str) -> None:
    assert toml_string(value) == tomlkit.string(value).as_string()
    assert tomllib.loads(f"v = {toml_string(value)}")["v"] == value


def test_texts_of_several_lines_stay_readable() -> None:
    assert toml_string('Line "one"\nline two') == '"""Line "one"\nline two"""'


def test_dates_are_toml_dates_or_the_strings_of_design() -> None:
    assert toml_value(PartialDate(2025, 12, 26)) == "2025-12-26"
    assert toml_value(PartialDate(2025, 12)) == '"2025-12"'
    assert toml_value(PartialDate(878)) == '"0878"'
    assert toml_value(("a", 'b"')) == '["a", "b\\""]'
