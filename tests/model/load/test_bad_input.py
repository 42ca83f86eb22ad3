"""The bad-input corpus: every file in tests/data/bad/ and the exact first line ``check`` prints.

Each expectation is the first diagnostic as a user sees it in the terminal, so a change of
line, column, path or wording is a visible change and must be made here on purpose.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from positions_viewer.cli import main
from positions_viewer.model import Severity, load_file

BAD = Path(__file__).resolve().parents[2] / "data" / "bad"

_IDS = "use letters, digits, '_', '.', '-', starting with a letter or digit"
_WEB = "is not a web address: only http:// and https:// links are allowed"

# file name -> the first line `positions-viewer check FILE` prints (None: no diagnostic at all)
EXPECTED: dict[str, str | None] = {
    # -- not TOML --------------------------------------------------------------------------
    "syntax-missing-equals.toml":
        "syntax-missing-equals.toml:13:4: error: invalid TOML: "
        "Expected '=' after a key in a key/value pair",
    "syntax-unterminated-string.toml":
        "syntax-unterminated-string.toml:5:13: error: invalid TOML: Illegal character '\\n' "
        "(a string is not closed: add the closing quote on the same line)",
    "syntax-unquoted-month.toml":
        "syntax-unquoted-month.toml:3:13: error: invalid TOML: Expected newline or end of "
        'document after a statement (a year-month date must be quoted, e.g. "2024-03")',
    "syntax-duplicate-key.toml":
        "syntax-duplicate-key.toml:7:1: error: invalid TOML: 'name' is set twice in "
        "actors[0] (first set on line 6); keep one",
    "empty.toml":
        "empty.toml:1: error: the file is empty; a comparison needs schema = 1, a title, "
        "[[actors]] and [[issues]]",
    "comments-only.toml":
        "comments-only.toml:1: error: missing 'schema'; add schema = 1 at the top of the file",
    "deep-nesting.toml":
        "deep-nesting.toml:3: error: invalid TOML: arrays or tables nested too deeply",
    "huge-integer.toml":
        "huge-integer.toml:3:9: error: invalid TOML: integer too large (5000 digits)",
    # -- encodings -------------------------------------------------------------------------
    "bom-valid.toml": None,
    "bom-with-error.toml":
        "bom-with-error.toml:1:10: error: schema: unsupported schema 3; "
        "this version reads schema 1",
    "utf16-bom.toml":
        "utf16-bom.toml:1:1: error: the file is not UTF-8 (byte 0xff cannot start or continue "
        "a UTF-8 character), it looks like UTF-16; save it as UTF-8",
    "utf16-no-bom.toml":
        "utf16-no-bom.toml:1:2: error: the file is not UTF-8 (it has NUL bytes between the "
        "characters), it looks like UTF-16; save it as UTF-8",
    "latin1.toml":
        "latin1.toml:7:11: error: the file is not UTF-8 (byte 0xc9 cannot start or continue "
        "a UTF-8 character); save it as UTF-8",
    "mixed-encoding.toml":  # the column counts the characters before, not the bytes
        "mixed-encoding.toml:7:30: error: the file is not UTF-8 (byte 0xe9 cannot start or "
        "continue a UTF-8 character); save it as UTF-8",
    "nul-byte.toml":
        "nul-byte.toml:19:16: error: invalid TOML: Illegal character '\\x00'",
    "crlf-line-endings.toml":
        f"crlf-line-endings.toml:24:7: error: sources[0].url: url 'ftp://example.org/x' {_WEB}",
    "line-separator-in-text.toml":
        f"line-separator-in-text.toml:14:6: error: issues[0].id: bad id 'bad id': {_IDS}",
    "multiline-string-fake-lines.toml":
        "multiline-string-fake-lines.toml:22:6: error: issues[1].id: "
        f"bad id 'condit ions': {_IDS}",
    # -- schema ----------------------------------------------------------------------------
    "schema-missing.toml":
        "schema-missing.toml:1: error: missing 'schema'; add schema = 1 at the top of the file",
    "schema-unsupported.toml":
        "schema-unsupported.toml:1:10: error: schema: unsupported schema 2; "
        "this version reads schema 1",
    "schema-string.toml":
        "schema-string.toml:1:10: error: schema: must be the integer 1, got a string",
    # -- types and required keys -----------------------------------------------------------
    "type-title-integer.toml":
        "type-title-integer.toml:2:9: error: title: expected a string, got an integer",
    "type-actors-single-table.toml":
        "type-actors-single-table.toml:13: error: actors: expected an array of tables "
        "([[actors]] entries), got a table",
    "type-refs-not-array.toml":
        "type-refs-not-array.toml:24:10: error: events[0].actors: "
        "expected an array of actor ids, got a string",
    "type-ref-item-integer.toml":
        "type-ref-item-integer.toml:24:24: error: events[0].issues[1]: "
        "expected issue ids (strings), got an integer",
    "missing-title.toml": "missing-title.toml:1: error: missing required key 'title'",
    "missing-actor-name.toml":
        "missing-actor-name.toml:4: error: actors[0]: missing required key 'name'",
    "missing-position-text.toml":
        # blank is not missing (issue 12 item 8): a warning since, it was an error
        "missing-position-text.toml:19:8: warning: positions[0].text: is blank; shown as "
        "'(no text)' until it is filled in",
    "missing-event-date.toml":
        "missing-event-date.toml:21: error: events[0]: missing required key 'date'",
    "no-actors.toml":
        "no-actors.toml:1: error: no actors: the file needs at least one [[actors]] table",
    "no-issues.toml":
        "no-issues.toml:3:10: error: issues: no issues: "
        "the file needs at least one [[issues]] table",
    # -- ids and references ----------------------------------------------------------------
    "bad-id.toml": f"bad-id.toml:9:6: error: issues[0].id: bad id 'whether talks': {_IDS}",
    "duplicate-actor-id.toml":
        "duplicate-actor-id.toml:9:6: error: actors[1].id: "
        "duplicate id 'france' (first used on line 5)",
    "duplicate-event-id.toml":
        "duplicate-event-id.toml:27:6: error: events[1].id: "
        "duplicate id 'call' (first used on line 22)",
    "unknown-actor-reference.toml":
        "unknown-actor-reference.toml:17:9: error: positions[0].actor: unknown actor 'frnace'; "
        "did you mean 'france'? (known: france, russia)",
    "unknown-issue-in-array.toml":
        "unknown-issue-in-array.toml:26:3: error: events[0].issues[1]: "
        "unknown issue 'conditoins' (known: imminence)",
    "unknown-event-reference.toml":
        "unknown-event-reference.toml:20:9: error: positions[0].event: "
        "unknown event 'elysee' (none are defined)",
    "unknown-view-actor-did-you-mean.toml":
        "unknown-view-actor-did-you-mean.toml:24:21: error: views[0].actors[1]: "
        "unknown actor 'rusia'; did you mean 'russia'? (known: france, russia)",
    # -- values ----------------------------------------------------------------------------
    "bad-colour.toml":
        "bad-colour.toml:7:9: error: actors[0].color: bad colour 'blue': use #rrggbb, "
        "e.g. #1f4e9c",
    "url-javascript.toml":
        f"url-javascript.toml:24:7: error: sources[0].url: url 'javascript:alert(1)' {_WEB}",
    "url-file.toml":
        f"url-file.toml:24:7: error: sources[0].url: url 'file:///etc/passwd' {_WEB}",
    "event-end-before-date.toml":
        "event-end-before-date.toml:23:7: error: events[0].end: "
        "end 2025-12-18 is before the start date 2025-12-20",
    "view-from-after-to.toml":
        "view-from-after-to.toml:24:8: error: views[0].from: from 2025-12-26 is after to 2025-11",
    # -- dates -----------------------------------------------------------------------------
    "date-bad-format.toml":
        "date-bad-format.toml:20:8: error: positions[0].date: "
        "'26 Dec 2025' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY",
    "date-impossible-day.toml":
        "date-impossible-day.toml:3:9: error: as_of: "
        "'2025-02-30' is not a date: Feb 2025 has 28 days",
    "date-month-13.toml":
        "date-month-13.toml:22:8: error: events[0].date: "
        "'2025-13' is not a date: month 13 does not exist",
    "date-year-zero.toml":
        "date-year-zero.toml:24:8: error: sources[0].date: "
        "'0000' is not a date: year 0000 does not exist",
    "date-wrong-type.toml":
        "date-wrong-type.toml:22:8: error: events[0].date: "
        "expected a date (YYYY-MM-DD, or a string 'YYYY' or 'YYYY-MM'), got an integer",
    "datetime-refused.toml":
        "datetime-refused.toml:22:8: error: events[0].date: "
        "2025-12-26T10:00:00 is a date-time; write a date (YYYY-MM-DD, YYYY-MM or YYYY)",
    "time-refused.toml":
        "time-refused.toml:22:8: error: events[0].date: "
        "10:30:00 is a time of day; write a date (YYYY-MM-DD)",
    # -- warnings only: the file loads -----------------------------------------------------
    "unknown-key-did-you-mean.toml":
        "unknown-key-did-you-mean.toml:7:10: warning: actors[0].colour: "
        "unknown key 'colour' is ignored; did you mean 'color'?",
    "unknown-key-no-match.toml":
        "unknown-key-no-match.toml:20:8: warning: positions[0].mood: "
        "unknown key 'mood' is ignored",
    "unknown-table-typo.toml":
        "unknown-table-typo.toml:21: warning: view: "
        "unknown key 'view' is ignored; did you mean 'views'?",
    "warn-event-date-mismatch.toml":
        "warn-event-date-mismatch.toml:20:8: warning: positions[0].date: "
        "date 2025-12-18 differs from the date of its event 'elysee' (26 Dec 2025)",
    "warn-undated-position-dated-event.toml":
        "warn-undated-position-dated-event.toml:20:9: warning: positions[0].event: "
        "the position is undated but its event 'elysee' (26 Dec 2025) is dated; "
        "add date = 2025-12-26 so it shows from then",
    "warn-issue-without-position.toml":
        "warn-issue-without-position.toml:22:6: warning: issues[1].id: issue 'vinatier' has "
        "no position: its row will show 'No stated position' for every actor",
}

CORPUS = sorted(p.name for p in BAD.glob("*.toml"))
_LINE = re.compile(r"^[^:]+(?::\d+(?::\d+)?)?: (?:error|warning): \S")
_SUMMARY = re.compile(r"^(ok|failed): 1 file checked, \d+ errors?, \d+ warnings?$")


def _check(name: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", name])
    return code, capsys.readouterr().out.splitlines()


def test_corpus_is_large_and_fully_described() -> None:
    assert len(CORPUS) >= 25
    assert sorted(EXPECTED) == CORPUS, "every corpus file needs exactly one expectation"


@pytest.mark.parametrize("name", CORPUS)
def test_first_diagnostic(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BAD)
    code, lines = _check(name, capsys)
    *diagnostics, summary = lines
    expected = EXPECTED[name]
    if expected is None:
        assert diagnostics == []
    else:
        assert diagnostics, f"{name}: check printed no diagnostic"
        assert diagnostics[0] == expected
    assert _SUMMARY.match(summary), summary
    has_error = any(": error: " in line for line in diagnostics)
    assert code == (1 if has_error else 0)
    assert summary.startswith("failed:" if has_error else "ok:")


@pytest.mark.parametrize("name", CORPUS)
def test_every_diagnostic_points_inside_the_file(name: str) -> None:
    path = BAD / name
    data = path.read_bytes()
    line_count = data.count(b"\n") + 1  # the lines an editor shows, the empty last one included
    result = load_file(path)
    for diagnostic in result.diagnostics:
        assert 1 <= diagnostic.line <= line_count, str(diagnostic)
        if diagnostic.column:
            text = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")[diagnostic.line - 1]
            assert diagnostic.column <= len(text) + 1, str(diagnostic)
    # a dataset exactly when there is no error; every error line is well-formed
    assert result.ok == (not result.errors)
    for diagnostic in result.diagnostics:
        assert _LINE.match(str(diagnostic)), str(diagnostic)
        assert str(diagnostic).startswith(str(path))


def test_warnings_never_stop_the_load() -> None:
    for name in CORPUS:
        result = load_file(BAD / name)
        if result.diagnostics and not result.errors:
            assert result.dataset is not None, name
            assert all(d.severity is Severity.WARNING for d in result.diagnostics)


def test_bom_file_loads_like_the_same_file_without_it(tmp_path: Path) -> None:
    data = (BAD / "bom-valid.toml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    plain = tmp_path / "plain.toml"
    plain.write_bytes(data[3:])
    with_bom, without = load_file(BAD / "bom-valid.toml"), load_file(plain)
    assert with_bom.ok and with_bom.diagnostics == []
    assert with_bom.dataset is not None and without.dataset is not None
    assert with_bom.dataset.title == without.dataset.title == "Test comparison"
    assert [a.id for a in with_bom.dataset.actors] == ["france", "russia"]


def test_schema_is_checked_before_anything_else() -> None:
    # a wrong schema says so, instead of burying it under errors it may have caused
    result = load_file(BAD / "schema-unsupported.toml")
    assert len(result.diagnostics) == 1


def test_several_errors_are_all_reported_in_line_order(tmp_path: Path) -> None:
    path = tmp_path / "many.toml"
    path.write_text(
        'schema = 1\ntitle = "Many"\n\n[[actors]]\nid = "a"\nname = "A"\ncolor = "red"\n\n'
        '[[issues]]\nid = "i"\ntitle = "I"\n\n[[positions]]\nactor = "b"\nissue = "i"\n'
        'text = "t"\ndate = "2025-02-29"\n',
        encoding="utf-8",
    )
    result = load_file(path)
    assert [(d.line, d.path) for d in result.diagnostics] == [
        (7, "actors[0].color"), (14, "positions[0].actor"), (17, "positions[0].date"),
    ]
    assert result.dataset is None


def test_references_to_an_invalid_entry_do_not_cascade(tmp_path: Path) -> None:
    # france and the event exist but are invalid: say that once, not "unknown actor 'france'"
    # at every position that names it
    path = tmp_path / "cascade.toml"
    path.write_text(
        'schema = 1\ntitle = "T"\n\n[[actors]]\nid = "france"\ncolor = "blue"\n\n'
        '[[actors]]\nid = "russia"\nname = "Russia"\n\n[[issues]]\nid = "i"\ntitle = "I"\n\n'
        '[[events]]\nid = "call"\ndate = 2025-12-20\nend = 2025-12-01\ntitle = "Call"\n'
        + '\n[[positions]]\nactor = "france"\nissue = "i"\ntext = "t"\nevent = "call"\n' * 3
        + '\n[[positions]]\nactor = "frnace"\nissue = "i"\ntext = "t"\n',
        encoding="utf-8",
    )
    result = load_file(path)
    assert [(d.line, d.text()) for d in result.diagnostics] == [
        (4, "actors[0]: missing required key 'name'"),
        (6, "actors[0].color: bad colour 'blue': use #rrggbb, e.g. #1f4e9c"),
        (19, "events[0].end: end 2025-12-01 is before the start date 2025-12-20"),
        (41, "positions[3].actor: unknown actor 'frnace' (known: russia)"),
    ]


# -- the real command --------------------------------------------------------------------


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "positions_viewer", "check", *args],
        cwd=BAD, capture_output=True, text=True, timeout=60, check=False,
    )


def test_check_command_exit_codes_and_summary() -> None:
    warnings_only = _run("unknown-key-did-you-mean.toml", "warn-issue-without-position.toml")
    assert warnings_only.returncode == 0, warnings_only.stdout + warnings_only.stderr
    assert warnings_only.stdout.splitlines()[-1] == "ok: 2 files checked, 0 errors, 2 warnings"

    errors = _run("bad-colour.toml", "unknown-key-did-you-mean.toml")
    assert errors.returncode == 1
    out = errors.stdout.splitlines()
    assert out[0] == EXPECTED["bad-colour.toml"]
    assert out[-1] == "failed: 2 files checked, 1 error, 1 warning"

    missing = _run("no-such-file.toml")
    assert missing.returncode == 1
    assert missing.stdout.splitlines() == [
        "no-such-file.toml: error: no such file",
        "failed: 1 file checked, 1 error, 0 warnings",
    ]


def test_check_command_on_the_bundled_seed(seed_path: Path) -> None:
    clean = _run(str(seed_path))
    assert clean.returncode == 0
    assert clean.stdout == "ok: 1 file checked, 0 errors, 0 warnings\n"


def test_check_without_a_file_is_a_usage_error() -> None:
    usage = _run()
    assert usage.returncode == 2
    assert "usage:" in usage.stderr
