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
    "https://example.org:8443/x", "https://[2001:db8::1]/", "https://a.org/{x}^[y]`",
    "https://a_b.example.com/x", "https://192.0.2.1/", "https://example.org:0/",
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
    ("https://example.com/a\u3164b", "an invisible character (U+3164)"),
    ("https://example.com/\u2800", "an invisible character (U+2800)"),
    ("https://example.com/a\u034fb", "an invisible character (U+034F)"),
    ("https://example.com/a\ufe0f", "an invisible character (U+FE0F)"),
    ("javascript:alert(1)", "only http:// and https://"),
    ("file:///etc/passwd", "only http:// and https://"),
    ("ftp://example.org/x", "only http:// and https://"),
    ("example.org", "only http:// and https://"),
    ("https://", "no host"),
    ("http:///path", "no host"),
    ("https://[::1/", "host cannot be read"),
    # Hosts and ports no browser opens (each passed check and made a dead link):
    ("https://example.com:99999/", "port that is not a number from 0 to 65535"),
    ("https://example.com:abc/", "port that is not a number"),
    ("https://example..com/", "not a valid name"),
    ("https://h%00.com/", "not a valid name"),
    ("https://a%20b.com/", "not a valid name"),
    ("https://*.example.com/", "not a valid name"),
    ("https://\u2488.com/", "not a valid name"),  # ⒈ reads as "1." and leaves an empty part
    ("https://paypal.com@evil.example/", "user name before '@'"),
    ("https://user@example.org:8443/x", "user name before '@'"),
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


def test_a_host_longer_than_the_space_keeps_its_end() -> None:
    """The end of a host says whose it is: a cut start cannot pass evil.example off as PayPal."""
    spoof = ("https://www.paypal.com.account-verification.security-login.session-refresh"
             ".customer-support.example-evil.ru/login")
    for limit in (30, 45, 60):
        shown = display_url(spoof, limit)
        assert len(shown) == limit and shown.startswith("https://…")
        assert shown.endswith("example-evil.ru/…")
    assert display_url(LONG, 30) == "https://…le-ministry.gouv.fr/…"


@pytest.mark.parametrize(("url", "shown"), [
    ("https://example.com\u3002evil.com/", "https://example.com.evil.com/"),
    ("https://\u0430pple.com/", "https://xn--pple-43d.com/"),  # a Cyrillic а
    ("https://example.com\u2044evil.com/", "https://example.xn--comevil-3d7c.com/"),
    ("https://例え.jp/パス", "https://xn--r8jz45g.jp/パス"),
    ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
])
def test_an_address_shows_the_host_it_opens(url: str, shown: str) -> None:
    from PySide6.QtCore import QUrl

    assert is_web_url(url)
    assert display_url(url, 200) == shown
    opened = QUrl(url)
    assert opened.isValid()
    assert opened.host(QUrl.ComponentFormattingOption.FullyEncoded) == \
        QUrl(shown).host(QUrl.ComponentFormattingOption.FullyEncoded)
