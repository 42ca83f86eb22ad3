"""Exports carry the data as text (DESIGN §2, issue 12.5): rendered by a CommonMark viewer
with HTML enabled, escaped Markdown reads as exactly the data's characters and makes no
element; spreadsheet CSV runs no formula; control characters become U+FFFD."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from positions_viewer.export.escape import clean_text, md_escape, spreadsheet_cell

# Markdown's and HTML's own characters, line starts that open blocks, and any other text.
SPECIAL = [
    *"<>&*_[]()`!#|\\-+=~.:;'\"/ \n\t\r\x00\x07\x1b\x7f\x85\u2028",
    "<img src=x>", "<script>", "<!--", "-->", "**", "__", "![x](y)", "[a](b)", "&amp;",
    "&#x41;", "1.", "1)", "123456789.", "# ", "## ", "> ", "- ", "+ ", "* ", "= ", "---",
    "===", "```", "~~~", "~~", "    ", "<http://x.org>", "a@b.org", "\\|", "|-|", " #",
]
texts = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=4)), max_size=12).map(
    "".join)
PROPERTY = settings(max_examples=400, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


class Rendered(HTMLParser):
    """The tags and the text content of rendered HTML."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.parts: list[str] = []
        self.comments: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True})


def shown(text: str) -> str:
    """What an escaped cell must read as: the text on one line, controls as U+FFFD."""
    return " ".join(clean_text(text).split())


@PROPERTY
@given(texts)
@example("<!-- hidden")
@example("<img src=\"file:///etc/passwd\"> <script>alert(1)</script> **not bold** \x00")
@example("[click me](https://evil.example) ![x](https://evil.example/pixel.png)")
@example("1. first")
@example("- item")
@example("# heading #")
@example("Title #")
@example("> quote")
@example("===")
@example("`code`")
@example("~~gone~~")
@example("a\\")
def test_an_escaped_paragraph_reads_as_the_data(text: str) -> None:
    expected = shown(text)
    rendered = Rendered(commonmark().render(md_escape(text)))
    assert rendered.tags == (["p"] if expected else [])
    assert rendered.comments == []
    assert rendered.text.strip("\n") == expected


@PROPERTY
@given(texts)
@example("Done #")
@example("x \\#")
@example("#")
def test_an_escaped_heading_reads_as_the_data(text: str) -> None:
    rendered = Rendered(commonmark().render(f"# {md_escape(text)}"))
    assert rendered.tags == ["h1"] and rendered.comments == []
    assert rendered.text.strip("\n") == shown(text)


@PROPERTY
@given(texts, texts)
@example("a | b", "\\|")
@example("|", "-")
@example("\\", "|")
def test_escaped_table_cells_read_as_the_data(left: str, right: str) -> None:
    source = "\n".join(["| Issue | Actor |", "| --- | --- |",
                        f"| {md_escape(left)} | {md_escape(right)} |"])
    for parser in (commonmark().enable("table"), commonmark()):  # GFM tables, or not
        rendered = Rendered(parser.render(source))
        assert set(rendered.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "p"}
        assert rendered.comments == []
    tokens = commonmark().enable("table").parse(source)
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 4  # the pipes in the data split no cell
    for token, text in zip(cells[2:], (left, right), strict=True):
        assert token.children is not None
        assert {child.type for child in token.children} <= {"text", "text_special"}
        assert "".join(child.content for child in token.children) == shown(text)


@pytest.mark.parametrize("text", ["a\x00b", "\x07bell", "\x1b[31m", "del\x7f", "nel\x85"])
def test_control_characters_become_the_replacement_character(text: str) -> None:
    cleaned = clean_text(text)
    assert "\ufffd" in cleaned and not any(
        ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in cleaned)
    assert clean_text("tab\tline\nreturn\r") == "tab\tline\nreturn\r"  # those three stay


@pytest.mark.parametrize(("text", "safe"), [
    ("=1+1", "'=1+1"), ("+SUM(1,2)", "'+SUM(1,2)"), ("-2", "'-2"), ("@SUM(1)", "'@SUM(1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=1", "a=1"), ("", ""), ("'quoted", "'quoted"),
])
def test_spreadsheet_cells_never_start_a_formula(text: str, safe: str) -> None:
    assert spreadsheet_cell(text) == safe
