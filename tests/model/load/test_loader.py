"""Loading: the bundled dataset, robustness against any bytes, and file-level errors."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from positions_viewer import limits as loader_module
from positions_viewer.model import (
    DatasetIndex,
    Filter,
    LoadResult,
    PartialDate,
    Severity,
    load_bytes,
    load_file,
    parse_date,
)
from positions_viewer.paths import default_dataset

WriteToml = Callable[..., Path]


# -- the bundled dataset -------------------------------------------------------------------


@pytest.fixture
def seed(seed_path: Path) -> LoadResult:
    return load_file(seed_path)


def test_seed_is_the_default_dataset(seed_path: Path) -> None:
    assert default_dataset().resolve() == seed_path.resolve()


def test_seed_loads_without_any_diagnostic(seed: LoadResult, seed_path: Path) -> None:
    assert seed.diagnostics == []
    assert seed.dataset is not None
    assert seed.dataset.path == seed_path
    assert seed.dataset.title == "Macron–Putin dialogue signals"
    assert seed.dataset.as_of == PartialDate(2025, 12, 26)


def test_seed_actors_are_the_two_columns(seed: LoadResult) -> None:
    assert seed.dataset is not None
    actors = seed.dataset.actors
    assert [(a.id, a.name) for a in actors] == [("france", "France"), ("russia", "Russia")]
    assert "Macron" in actors[0].detail and "Kremlin" in actors[1].detail
    assert all(a.color is not None and a.color.startswith("#") for a in actors)


def test_seed_has_the_four_issues(seed: LoadResult) -> None:
    assert seed.dataset is not None
    assert [i.title for i in seed.dataset.issues] == [
        "Whether talks are imminent",
        "Conditions for any dialogue",
        "Broader diplomacy context",
        "The Vinatier case",
    ]


def test_seed_timeline_has_the_article_table_rows(seed: LoadResult) -> None:
    assert seed.dataset is not None
    events = {e.title: e for e in seed.dataset.events}
    rows = [  # the article's "Key timeline" table: Dec 18–20, Dec 20–21, Dec 26 (2025)
        ("Macron raises the option of renewed dialogue", "2025-12-18", "2025-12-20", "france"),
        ("Kremlin signals Putin's readiness", "2025-12-20", "2025-12-21", "russia"),
        ("France rules out imminent contact", "2025-12-26", None, "france"),
    ]
    for title, start, end, actor in rows:
        event = events[title]
        assert event.date == parse_date(start)
        assert event.end == (parse_date(end) if end else None)
        assert [seed.dataset.actors[a].id for a in event.actors] == [actor]
    # the background: calls early in 2022, Vinatier held since 2024 (approximate years)
    years = {e.id: e.date for e in seed.dataset.events if e.date.is_approximate}
    assert years == {"early-2022-calls": PartialDate(2022), "vinatier-detained": PartialDate(2024)}


# The article's "Positions table": a phrase of each cell, as the grid shows it on 26 Dec 2025.
ARTICLE_TABLE = {
    ("imminence", "france"): ["no call planned", "moscow"],
    ("imminence", "russia"): ["ready to talk if paris wants", "positive"],
    ("conditions", "france"): ["transparent with zelensky and european partners",
                               "durable peace"],
    ("conditions", "russia"): ["political will", "direct conversation"],
    ("context", "france"): ["europe should not be sidelined"],
    ("context", "russia"): ["signals openness while managing negotiation formats and pace"],
}


def test_seed_grid_as_of_its_date_shows_the_article_table(seed: LoadResult) -> None:
    dataset = seed.dataset
    assert dataset is not None
    result = DatasetIndex(dataset).query(Filter(date_to=dataset.as_of))
    shown = {}
    for row in range(result.row_count):
        for column in range(result.column_count):
            cell = result.cell(row, column)
            key = (dataset.issues[cell.issue].id, dataset.actors[cell.actor].id)
            shown[key] = cell.position.text.casefold() if cell.position else None
    for key, phrases in ARTICLE_TABLE.items():
        text = shown[key]
        assert text is not None, key
        for phrase in phrases:
            assert phrase in text, (key, phrase)
    # Vinatier: Moscow's offer is reported, no French position is
    assert shown[("vinatier", "france")] is None
    assert "vinatier" in (shown[("vinatier", "russia")] or "")


def test_seed_history_keeps_the_two_french_steps(seed: LoadResult) -> None:
    dataset = seed.dataset
    assert dataset is not None
    index = DatasetIndex(dataset)
    before = index.query(Filter(date_to=parse_date("2025-12-25"))).cell(0, 0).position
    after = index.query(Filter(date_to=parse_date("2025-12-26"))).cell(0, 0).position
    assert before is not None and after is not None
    assert "useful" in before.text and "No call planned" in after.text


def test_seed_references_resolve(seed: LoadResult) -> None:
    dataset = seed.dataset
    assert dataset is not None
    for position in dataset.positions:
        assert position.sources == (0,)
        if position.event is not None:
            event = dataset.events[position.event]
            assert position.date is not None
            assert event.start <= position.date.start <= event.stop
    assert [v.id for v in dataset.views] == [
        "where-things-stand", "background", "macron-opens", "kremlin-answers",
        "paris-clarifies", "vinatier",
    ]
    paris = dataset.views[4]
    assert paris.issues == (0,) and paris.actors is None
    assert (paris.date_from, paris.date_to) == (parse_date("2025-12-18"), parse_date("2025-12-26"))


# -- never raises ----------------------------------------------------------------------


def _assert_well_formed(result: LoadResult, data: bytes) -> None:
    lines = data.removeprefix(b"\xef\xbb\xbf").count(b"\n") + 1
    assert result.ok == (not result.errors)
    if not result.ok:
        assert result.errors
    for diagnostic in result.diagnostics:
        assert 1 <= diagnostic.line <= lines, str(diagnostic)
        assert diagnostic.column >= 0
        assert diagnostic.message
        assert str(diagnostic).startswith("fuzz.toml:")


_TOML_BYTES = b'[]{}"\'=#\\\n,.- 0123456789Tx\x00\xff\xc3'


def _mutate(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(6)
    at = rng.randrange(len(data))
    if kind == 0:  # truncation
        return data[:at]
    if kind == 1:  # flip bits of a few bytes
        out = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return bytes(out)
    if kind == 2:  # insert TOML-significant bytes
        return data[:at] + bytes(rng.choices(_TOML_BYTES, k=rng.randint(1, 5))) + data[at:]
    if kind == 3:  # delete a span
        return data[:at] + data[at + rng.randint(1, 200):]
    lines = data.split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if kind == 4:  # duplicate a line somewhere else
        lines.insert(j, lines[i])
    else:  # swap two lines
        lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def test_random_mutations_of_the_seed_never_raise(seed_path: Path) -> None:
    seed = seed_path.read_bytes()
    rng = random.Random(20251226)
    outcomes = {"ok": 0, "failed": 0}
    for _ in range(400):
        data = seed
        for _ in range(rng.randint(1, 3)):
            data = _mutate(rng, data) or b"x"
        result = load_bytes(data, "fuzz.toml")
        _assert_well_formed(result, data)
        outcomes["ok" if result.ok else "failed"] += 1
    assert outcomes["failed"] > 100  # the mutations do reach the validator's error paths
    assert outcomes["ok"] > 10  # and some survive (comments, texts)


def test_random_bytes_never_raise() -> None:
    rng = random.Random(7)
    for size in (1, 2, 3, 10, 100, 1000):
        for _ in range(20):
            data = rng.randbytes(size)
            _assert_well_formed(load_bytes(data, "fuzz.toml"), data)


# -- file-level errors -------------------------------------------------------------------


def _only_error(result: LoadResult) -> str:
    assert result.dataset is None
    assert len(result.diagnostics) == 1
    diagnostic = result.diagnostics[0]
    assert diagnostic.severity is Severity.ERROR
    assert (diagnostic.line, diagnostic.column) == (0, 0)
    return str(diagnostic)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    assert _only_error(load_file(path)) == f"{path}: error: no such file"


def test_folder(tmp_path: Path) -> None:
    assert _only_error(load_file(tmp_path)) == f"{tmp_path}: error: is a folder, not a TOML file"


def test_display_name_is_used_in_messages(tmp_path: Path) -> None:
    result = load_file(tmp_path / "nope.toml", display_name="data.toml")
    assert _only_error(result) == "data.toml: error: no such file"


def test_over_the_size_limit(
    write_toml: WriteToml, monkeypatch: pytest.MonkeyPatch, seed_path: Path
) -> None:
    monkeypatch.setattr(loader_module, "MAX_FILE_BYTES", 2048)
    size = seed_path.stat().st_size
    assert size > 2048
    message = _only_error(load_file(seed_path, display_name="seed.toml"))
    assert message == (
        f"seed.toml: error: the file is too large ({size / 1024:.1f} KB; the limit is 2.0 KB)"
    )
    message = _only_error(load_bytes(b"#" * 3000, "big.toml"))
    assert message == "big.toml: error: the file is too large (2.9 KB; the limit is 2.0 KB)"
    small = write_toml('schema = 1\ntitle = "t"\n[[actors]]\nid = "a"\nname = "A"\n'
                       '[[issues]]\nid = "i"\ntitle = "I"\n')
    assert load_file(small).ok  # under the limit: loads (with a warning: no position)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader_module, "MAX_FILE_BYTES", 4096)
    message = _only_error(load_file("/dev/zero", display_name="zero"))
    assert message == "zero: error: is a device, not a regular file: it is not read"


def test_file_over_the_limit(monkeypatch: pytest.MonkeyPatch, write_toml: WriteToml) -> None:
    monkeypatch.setattr(loader_module, "MAX_FILE_BYTES", 4096)
    path = write_toml("# " + "x" * 5090 + "\n")
    message = _only_error(load_file(path, display_name="big"))
    assert message == "big: error: the file is too large (5.0 KB; the limit is 4.0 KB)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    message = _only_error(load_file(fifo, display_name="pipe.toml"))
    assert message == "pipe.toml: error: is a named pipe (FIFO), not a regular file: it is not read"


def test_symlink_loop_says_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    message = _only_error(load_file(loop, display_name="loop.toml"))
    assert message == ("loop.toml: error: is a symbolic link that points back to itself "
                       "(a loop)")


def test_path_the_system_refuses() -> None:
    message = _only_error(load_file("bad\0name.toml"))
    # Issue 12: the name's NUL is shown as \u0000 (it was printed raw)
    assert message.startswith("bad\\u0000name.toml: error: cannot read the file: ")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(write_toml: WriteToml) -> None:
    path = write_toml("schema = 1\n")
    path.chmod(0)
    try:
        message = _only_error(load_file(path))
    finally:
        path.chmod(0o644)
    assert message == f"{path}: error: permission denied: the file cannot be read"


def test_bytes_and_file_give_the_same_result(seed_path: Path) -> None:
    from_file = load_file(seed_path)
    from_bytes = load_bytes(seed_path.read_bytes(), str(seed_path))
    assert from_file.dataset is not None and from_bytes.dataset is not None
    assert from_bytes.dataset.path is None
    assert from_bytes.dataset.positions == from_file.dataset.positions
    assert from_bytes.dataset.events == from_file.dataset.events


# -- what a valid file turns into ---------------------------------------------------------


def test_references_become_file_indices(write_toml: WriteToml) -> None:
    path = write_toml("""
        schema = 1
        title = "T"
        [[actors]]
        id = "a"
        name = "A"
        color = "#1F4E9C"
        [[actors]]
        id = "b"
        name = "B"
        [[issues]]
        id = "x"
        title = "X"
        [[issues]]
        id = "y"
        title = "Y"
        [[sources]]
        id = "s"
        title = "S"
        url = "https://example.org/a?b=c"
        [[events]]
        date = "2025-12"
        title = "Unreferenced, no id"
        [[events]]
        id = "e"
        date = 2025-12-20
        title = "E"
        issues = ["y", "x", "y"]
        actors = ["b"]
        [[positions]]
        actor = "b"
        issue = "y"
        text = "Said"
        date = 2025-12-20
        event = "e"
        sources = ["s"]
        stance = "ready"
        [[positions]]
        actor = "a"
        issue = "x"
        text = "Undated"
        [[views]]
        id = "v"
        title = "V"
        actors = ["b"]
    """)
    result = load_file(path)
    assert result.diagnostics == []
    dataset = result.dataset
    assert dataset is not None
    assert dataset.actors[0].color == "#1f4e9c"
    assert dataset.actors[1].color is None
    assert dataset.events[0].id == "" and dataset.events[0].date.is_approximate
    assert dataset.events[1].issues == (1, 0)  # file order of the list, duplicates dropped
    first, second = dataset.positions
    assert (first.actor, first.issue, first.event, first.sources) == (1, 1, 1, (0,))
    assert first.stance == "ready"
    assert (second.date, second.event, second.stance) == (None, None, "")
    assert dataset.views[0].actors == (1,) and dataset.views[0].issues is None
    assert dataset.sources[0].url == "https://example.org/a?b=c"


def test_inline_tables_are_the_same_as_headers(write_toml: WriteToml) -> None:
    path = write_toml("""
        schema = 1
        title = "T"
        actors = [{ id = "a", name = "A" }]
        issues = [{ id = "x", title = "X" }]
        positions = [{ actor = "a", issue = "x", text = "t" }]
    """)
    result = load_file(path)
    assert result.diagnostics == []
    assert result.dataset is not None and result.dataset.positions[0].text == "t"


def test_text_is_kept_verbatim(write_toml: WriteToml) -> None:
    path = write_toml("""
        schema = 1
        title = "<b>Not bold</b> & <script>alert(1)</script>"
        [[actors]]
        id = "a"
        name = "A &amp; B"
        [[issues]]
        id = "x"
        title = "X"
        [[positions]]
        actor = "a"
        issue = "x"
        text = '''Line one
        <i>line two</i>'''
    """)
    dataset = load_file(path).dataset
    assert dataset is not None
    assert dataset.title == "<b>Not bold</b> & <script>alert(1)</script>"
    assert dataset.actors[0].name == "A &amp; B"
    assert dataset.positions[0].text == "Line one\n<i>line two</i>"


def test_load_file_reports_the_digest_of_the_bytes_it_read(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "d.toml"
    path.write_bytes(b"schema = 1\nbroken = [")
    assert load_file(path).digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert load_file(tmp_path / "missing.toml").digest is None
