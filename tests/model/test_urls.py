"""One URL rule for `check` and the window's links (issue 12 item 6, DESIGN §1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from positions_viewer.cli import main
from positions_viewer.model import load_bytes
from positions_viewer.model.urls import display_url, is_web_url, url_problem

CASES = Path(__file__).resolve().parents[1] / "data" / "cases"


@pytest.mark.parametrize("url", [
    "https://example.org", "http://example.org/a?b=c&d=e#f", "HTTPS://EXAMPLE.ORG/",
    "https://fonts.googleapis.com/css?family=Roboto|Open+Sans", "https://例え.jp/パス",
    "https://user@example.org:8443/x", "https://[2001:db8::1]/", "https://a.org/{x}^[y]`",
])
def test_web_addresses_pass(url: str) -> None:
    assert is_web_url(url) and url_problem(url) is None


@pytest.mark.parametrize(("url", "words"), [
    ("https://example.com/\u202efdp.exe", "a bidi control (U+202E)"),
    ("https://example.com/\u2066x\u2069", "a bidi control (U+2066)"),
    ("https://example.com/\u200fx", "a bidi control (U+200F)"),
    ("https://exa\u200bmple.com/", "a format character (U+200B)"),
    ("https://exa\u00admple.com/", "a format character (U+00AD)"),
    ("https://example.com/\ufeff", "a format character (U+FEFF)"),
    ("https://example.com/a b", "a space (U+0020)"),
    ("https://example.com/a\u00a0b", "a space (U+00A0)"),
    ("https://example.com/a\u3000b", "a space (U+3000)"),
    ("https://example.com/\u2028", "a line separator (U+2028)"),
    ("https://example.com/\u2029", "a paragraph separator (U+2029)"),
    ("https://example.com/\tx", "a control character (U+0009)"),
    ("https://example.com/\x00", "a control character (U+0000)"),
    ("https://example.com/\x7f", "a control character (U+007F)"),
    ("https://example.com/\x85", "a control character (U+0085)"),
    ("https://example.com/\ue000", "a private-use character (U+E000)"),
    ("javascript:alert(1)", "only http:// and https://"),
    ("file:///etc/passwd", "only http:// and https://"),
    ("ftp://example.org/x", "only http:// and https://"),
    ("example.org", "only http:// and https://"),
    ("https://", "no host"),
    ("http:///path", "no host"),
    ("https://[::1/", "host cannot be read"),
])
def test_addresses_that_could_mislead_or_are_not_web_are_refused(url: str, words: str) -> None:
    problem = url_problem(url)
    assert problem is not None and words in problem
    assert not is_web_url(url)


def test_the_shared_case_refuses_the_bidi_url_at_its_line_and_column(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASES)
    assert main(["check", "url-pipe-and-bidi.toml"]) == 1
    lines = capsys.readouterr().out.splitlines()
    text = (CASES / "url-pipe-and-bidi.toml").read_text().split("\n")
    line = next(n for n, s in enumerate(text, 1) if "fdp.exe" in s)
    column = text[line - 1].index('"') + 1
    assert lines == [
        f"url-pipe-and-bidi.toml:{line}:{column}: error: sources[1].url: url "
        "'https://example.com/\\u202efdp.exe' holds a bidi control (U+202E) at character 21: "
        "an address must not hide what it shows",
        "failed: 1 file checked, 1 error, 0 warnings",
    ]


def test_the_pipe_url_of_the_case_loads() -> None:
    data = (CASES / "url-pipe-and-bidi.toml").read_bytes().replace(b"\\u202E", b"")
    result = load_bytes(data, "case.toml")
    assert result.dataset is not None, [str(d) for d in result.diagnostics]
    assert result.dataset.sources[0].url == (
        "https://fonts.googleapis.com/css?family=Roboto|Open+Sans")


# -- shown in a few characters, the host whole ---------------------------------------------

LONG = "https://reports.example-ministry.gouv.fr/archive/2025/12/statements/full/elysee-dec26.pdf"


def test_short_addresses_are_shown_whole() -> None:
    assert display_url("https://a.org/x", 60) == "https://a.org/x"


@pytest.mark.parametrize("limit", [45, 60, 80])
def test_long_addresses_are_elided_in_the_middle_keeping_the_host(limit: int) -> None:
    shown = display_url(LONG, limit)
    assert len(shown) == limit
    assert shown.startswith("https://reports.example-ministry.gouv.fr")
    assert shown.count("…") == 1
    assert LONG.endswith(shown.split("…")[1])  # the end (the file name) is kept


def test_a_host_longer_than_the_space_stays_whole() -> None:
    spoof = "https://paypal.com.account-verify-secure-login-update.example.net/x/y/z"
    shown = display_url(spoof, 30)
    assert shown == "https://paypal.com.account-verify-secure-login-update.example.net/…"
    assert display_url(LONG, 30) == "https://reports.example-ministry.gouv.fr/…"
