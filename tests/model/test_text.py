"""One readable line (issue 12): what a diagnostic or a message quotes, a file's name
included, shows its invisible characters as ``\\uXXXX`` instead of obeying them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from positions_viewer.cli import main
from positions_viewer.model import load_bytes, load_file
from positions_viewer.model.text import escape_invisible

INVISIBLE = {
    "\n": "\\u000a", "\x1b": "\\u001b", "\x7f": "\\u007f", "\x85": "\\u0085",
    "\u200e": "\\u200e", "\u200f": "\\u200f", "\u061c": "\\u061c",  # bidi marks
    "\u200b": "\\u200b", "\u200c": "\\u200c", "\u200d": "\\u200d",  # zero width
    "\u202e": "\\u202e", "\u2066": "\\u2066", "\u2069": "\\u2069",  # override, isolates
    "\u2028": "\\u2028", "\u2029": "\\u2029", "\ufeff": "\\ufeff", "\u2060": "\\u2060",
    "\U000e0041": "\\U000e0041",  # a tag character
    "\udcff": "\\udcff",  # an undecodable byte of a file name (surrogateescape)
    "\u3164": "\\u3164",  # a Hangul filler: a letter drawn as nothing
}


@pytest.mark.parametrize(("char", "shown"), INVISIBLE.items(),
                         ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_each_invisible_character_is_shown_as_its_code(char: str, shown: str) -> None:
    assert escape_invisible(f"a{char}b") == f"a{shown}b"


@pytest.mark.parametrize("text", ["plain", "Élysée", "日本語", "emoji 😀", "no\u00a0break",
                                  "arabic عربي", "hebrew עברית"])
def test_visible_text_is_kept_as_it_is(text: str) -> None:
    assert escape_invisible(text) == text


@given(st.text())
def test_the_result_is_one_line_with_no_invisible_character(text: str) -> None:
    shown = escape_invisible(text)
    assert len(shown.splitlines()) <= 1
    assert not any(unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"} for c in shown)


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u061c", "\u200b", "\u200d", "\u2060"])
def test_a_quoted_value_shows_its_format_characters(char: str) -> None:
    """An actor id quoted in 'unknown actor' kept U+200E and friends raw (only C0, C1 and
    the bidi overrides were escaped): the message read as if the id were right."""
    data = (f'schema = 1\ntitle = "t"\n[[actors]]\nid = "a"\nname = "A"\n[[issues]]\nid = "i"\n'
            f'title = "I"\n[[positions]]\nactor = "a{char}"\nissue = "i"\ntext = "x"\n')
    printed = str(load_bytes(data.encode(), "f.toml").errors[0])
    assert f"unknown actor 'a\\u{ord(char):04x}'" in printed
    assert char not in printed


@pytest.mark.parametrize("name", ["evil\nfake.toml:1:1: ok\x1b[31mRED.toml",
                                  "a\u202etxt.lmot", "zero\u200bwidth.toml"])
def test_a_file_name_is_escaped_in_check(tmp_path: Path, name: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_text("schema = 2\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == 2, lines  # the diagnostic and the summary: no line faked
    assert lines[0].isprintable() and "\x1b" not in out
    assert lines[0].startswith(str(tmp_path) + "/" + escape_invisible(name) + ":1:")
    location = load_file(path).errors[0].location()
    assert location.isprintable()
