"""Generated comparison files for property tests: valid datasets, their TOML, and mutations.

``dataset_specs()`` draws a valid comparison as plain Python values (the parsed document);
``to_toml`` writes it in one of several styles (headers or inline arrays, bare or quoted keys,
basic, literal or multi-line strings, comments, CRLF); ``mutated_files()`` breaks a valid file
on purpose, in its structure and in its bytes. ``check_result`` is the property every load must
hold: a dataset or located diagnostics, each line inside the file.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from hypothesis import event
from hypothesis import strategies as st

from positions_viewer.model import LoadResult, PartialDate, parse_date
from positions_viewer.model.colors import too_close_pairs
from positions_viewer.model.load import schema
from positions_viewer.model.text import is_blank

Spec = dict[str, Any]

# The key tables come from the one schema description the validator uses.
TABLES = tuple(schema.TABLES)
TEXT_KEYS = schema.TEXT_KEYS
DATE_KEYS = schema.DATE_KEYS
REF_KEYS = schema.REF_KEYS  # (table, key) -> (target table, a list of ids?)


class Raw(str):
    """TOML text written verbatim: values no Python object can stand for (deep nesting,
    integers longer than Python converts, broken syntax)."""


# -- text --------------------------------------------------------------------------------

_CHARS = st.characters(codec="utf-8")  # any code point but surrogates
SPECIAL_TEXTS = (
    '<img src="/etc/passwd">', "<b>bold</b> &amp; <a href='file:///'>x</a>", "a | b \\| c",
    'quote " and \' and """', "line\nbreak", "cr\ronly", "crlf\r\nend", "tab\tsep",
    "nul\x00byte", "\u2028sep\u2029", "\u202eevil", "שלום عربي", "e\u0301\u0327\u0338",
    "👩‍👩‍👧‍👦 🇫🇷", "\ufeffbom", "  padded  ", "a,b;c", "# not a comment", "=", "[[actors]]",
    "\\", "\\u0041", "_(x)_", "\x1f\x7f", "\u00a0nbsp", "\u0085next",
)
required_text = st.one_of(
    st.text(_CHARS, min_size=1, max_size=30), st.sampled_from(SPECIAL_TEXTS)
).filter(lambda s: not is_blank(s))  # the model's own rule (DESIGN §1)
optional_text = st.one_of(st.text(_CHARS, max_size=30), st.sampled_from(SPECIAL_TEXTS))
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
ids = st.builds(str.__add__, st.sampled_from(_ALNUM), st.text(_ALNUM + "_.-", max_size=8))


# -- dates -------------------------------------------------------------------------------

_DAYS = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


_COIN = st.booleans()
_RANDOM = st.randoms(use_true_random=True)  # seeded from the example: uniform choices
_SMALL = st.integers(0, 3)


def _written(day: dt.date, form: int) -> object:
    """``day`` as a file may write it: a TOML date, or a day, month or year string."""
    if form == 0:
        return day
    text = day.isoformat()
    return text[: (10, 7, 4)[form - 1]]


@st.composite
def date_values(draw: st.DrawFn, day: dt.date | None = None) -> object:
    return _written(day or draw(_DAYS), draw(_SMALL))


# -- valid datasets ------------------------------------------------------------------------


@st.composite
def dataset_specs(draw: st.DrawFn, max_entries: int = 5) -> Spec:
    """A valid comparison that ``check`` passes with no error and no warning."""
    def some(strategy: st.SearchStrategy[Any]) -> Any:
        return draw(strategy) if draw(_COIN) else None

    def pick(pool: list[Any]) -> Any:
        return pool[draw(st.integers(0, len(pool) - 1))]

    def entry(**values: Any) -> dict[str, Any]:
        return {k: v for k, v in values.items() if v is not None}

    actor_ids = draw(st.lists(ids, min_size=1, max_size=max_entries, unique=True))
    issue_ids = draw(st.lists(ids, min_size=1, max_size=max_entries, unique=True))
    source_ids = draw(st.lists(ids, max_size=3, unique=True))
    spec: Spec = {"schema": 1, "title": draw(required_text)}
    if draw(_COIN):
        spec["description"] = draw(optional_text)
    if draw(_COIN):
        spec["as_of"] = draw(date_values())
    colour = st.builds(lambda n, upper: f"#{n:06X}" if upper else f"#{n:06x}",
                       st.integers(0, 0xFFFFFF), st.booleans())
    spec["actors"] = [entry(id=i, name=draw(required_text), detail=some(optional_text),
                            color=some(colour)) for i in actor_ids]
    while pairs := too_close_pairs([a.get("color") for a in spec["actors"]]):
        del spec["actors"][pairs[0][1]]["color"]  # colours too close to tell apart: a warning
    spec["issues"] = [entry(id=i, title=draw(required_text), description=some(optional_text))
                      for i in issue_ids]
    url = st.builds("{}://{}.org/{}".format, st.sampled_from(["http", "https", "HTTPS"]),
                    st.text("abcxyz0-.", min_size=1, max_size=8).filter(
                        lambda h: h[0] != "." and ".." not in h and not h.endswith(".")),
                    st.text(_ALNUM + "_/?=&%.-", max_size=12))
    spec["sources"] = [entry(id=i, title=draw(required_text), url=some(url),
                             date=some(date_values())) for i in source_ids]

    def refs(pool: list[str]) -> list[str] | None:
        if not pool or not draw(_COIN):
            return None
        return [pick(pool) for _ in range(draw(_SMALL))]

    events = []
    n_events = draw(st.integers(0, max_entries + 1))
    event_ids = draw(st.lists(ids, min_size=n_events, max_size=n_events, unique=True))
    for number in range(n_events):
        start = draw(_DAYS)
        end = None
        if draw(_COIN):
            last = draw(st.dates(min_value=start, max_value=dt.date(9999, 12, 31)))
            end = _written(last, draw(_SMALL))
        events.append(entry(
            id=event_ids[number] if draw(_COIN) else None,
            date=_written(start, draw(_SMALL)), end=end, title=draw(required_text),
            detail=some(optional_text), actors=refs(actor_ids), issues=refs(issue_ids),
            sources=refs(source_ids)))
    spec["events"] = events
    named_events = [e for e in events if "id" in e]

    positions = []
    covered = list(issue_ids) + [pick(issue_ids) for _ in range(draw(st.integers(0, max_entries)))]
    for issue in covered:
        date = some(date_values())
        event_ref = None
        if named_events and draw(st.booleans()):
            chosen = pick(named_events)
            event_ref, date = chosen["id"], chosen["date"]  # same date: no warning
        positions.append(entry(
            actor=pick(actor_ids), issue=issue, text=draw(required_text),
            date=date, stance=some(optional_text), event=event_ref, sources=refs(source_ids)))
    spec["positions"] = draw(st.permutations(positions))

    views = []
    for view_id in draw(st.lists(ids, max_size=3, unique=True)):
        bounds = sorted(draw(st.lists(_DAYS, min_size=2, max_size=2)))
        views.append(entry(
            id=view_id, title=draw(required_text), issues=refs(issue_ids),
            actors=refs(actor_ids),
            **{"from": _written(bounds[0], draw(_SMALL)) if draw(_COIN)
               else None,
               "to": _written(bounds[1], draw(_SMALL)) if draw(_COIN)
               else None},
            notes=some(optional_text)))
    spec["views"] = views
    for table in TABLES:
        if not spec[table] and draw(st.booleans()):
            del spec[table]  # an empty optional table is the same as none
    return spec


# -- writing TOML ------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    tables: str = "headers"  # "headers", "inline" (one line) or "multiline" (an entry a line)
    quoted_keys: bool = False
    strings: str = "basic"  # "basic", "literal" where possible, or "multiline"
    comments: bool = False
    crlf: bool = False
    bom: bool = False


styles = st.builds(
    Style, tables=st.sampled_from(["headers", "headers", "inline", "multiline"]),
    quoted_keys=st.booleans(), strings=st.sampled_from(["basic", "literal", "multiline"]),
    comments=st.booleans(), crlf=st.booleans(), bom=st.booleans(),
)
_BARE = re.compile(r"[A-Za-z0-9_-]+\Z")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b",
            "\f": "\\f"}


def toml_key(key: str, style: Style = Style()) -> str:
    if _BARE.match(key) and not style.quoted_keys:
        return key
    return _basic(key)


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _basic(text: str, keep_newlines: bool = False) -> str:
    if keep_newlines:
        return "\n".join(_NEEDS_ESCAPE.sub(_escape, part) for part in text.split("\n"))
    return _NEEDS_ESCAPE.sub(_escape, text)


def toml_string(text: str, style: Style = Style()) -> str:
    controls = _CONTROL.search(text) is not None
    if style.strings == "literal" and "'" not in text and not controls:
        return f"'{text}'"
    if style.strings == "multiline" and not style.crlf:
        body = _basic(text, keep_newlines=True)
        if body.startswith("\n"):  # a newline just after the opening quotes is dropped
            body = "\\n" + body[1:]
        return '"""' + body + '"""'
    return f'"{_basic(text)}"'


def toml_value(value: object, style: Style = Style()) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value, style)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v, style) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{toml_key(k, style)} = {toml_value(v, style)}"
                          for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"no TOML for {value!r}")


def to_toml(spec: Spec, style: Style = Style()) -> bytes:
    """The document as a file's bytes, in ``style``."""
    lines: list[str] = []
    if style.comments:
        lines.append("# generated comparison")
    tables: list[tuple[str, Any]] = []
    for key, value in spec.items():
        is_array_of_tables = (isinstance(value, list) and value
                              and all(isinstance(v, dict) for v in value))
        if is_array_of_tables or isinstance(value, dict):
            tables.append((key, value))
        else:
            lines.append(f"{toml_key(key, style)} = {toml_value(value, style)}")
    for name, value in tables:
        lines.append("")
        if isinstance(value, dict):  # a single table: [name]
            lines.append(f"[{toml_key(name, style)}]")
            lines += [f"{toml_key(k, style)} = {toml_value(v, style)}" for k, v in value.items()]
            continue
        if style.tables == "inline":
            lines.append(f"{toml_key(name, style)} = {toml_value(value, style)}")
            continue
        if style.tables == "multiline":
            lines.append(f"{toml_key(name, style)} = [")
            lines += [f"  {toml_value(row, style)}," for row in value]
            lines.append("]")
            continue
        for row in value:
            lines.append(f"[[{toml_key(name, style)}]]" + ("  # entry" if style.comments else ""))
            for key, item in row.items():
                lines.append(f"{toml_key(key, style)} = {toml_value(item, style)}")
            lines.append("")
    text = "\n".join(lines) + "\n"
    if style.crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if style.bom else data


# -- what a valid spec must load as ----------------------------------------------------


def assert_loads_as_spec(result: LoadResult, spec: Spec) -> None:
    """The dataset holds exactly the spec's values, in file order, text verbatim."""
    assert result.diagnostics == [], [str(d) for d in result.diagnostics]
    dataset = result.dataset
    assert dataset is not None
    assert dataset.title == spec["title"]
    assert dataset.description == spec.get("description", "")
    assert dataset.as_of == (parse_date(spec["as_of"]) if "as_of" in spec else None)

    def date(value: object | None) -> PartialDate | None:
        return None if value is None else parse_date(value)

    def index_of(table: str, ids: list[str] | None) -> tuple[int, ...]:
        order = [row["id"] for row in spec.get(table, [])]
        out: list[int] = []
        for ref in ids or ():
            if order.index(ref) not in out:
                out.append(order.index(ref))
        return tuple(out)

    assert [(a.id, a.name, a.detail, a.color) for a in dataset.actors] == [
        (a["id"], a["name"], a.get("detail", ""), a["color"].lower() if "color" in a else None)
        for a in spec["actors"]]
    assert [(i.id, i.title, i.description) for i in dataset.issues] == [
        (i["id"], i["title"], i.get("description", "")) for i in spec["issues"]]
    assert [(s.id, s.title, s.url, s.date) for s in dataset.sources] == [
        (s["id"], s["title"], s.get("url", ""), date(s.get("date")))
        for s in spec.get("sources", [])]
    assert [(e.id, e.date, e.end, e.title, e.detail, e.actors, e.issues, e.sources)
            for e in dataset.events] == [
        (e.get("id", ""), date(e["date"]), date(e.get("end")), e["title"], e.get("detail", ""),
         index_of("actors", e.get("actors")), index_of("issues", e.get("issues")),
         index_of("sources", e.get("sources")))
        for e in spec.get("events", [])]
    event_ids = [e.get("id") for e in spec.get("events", [])]
    assert [(p.actor, p.issue, p.text, p.date, p.stance, p.event, p.sources)
            for p in dataset.positions] == [
        (index_of("actors", [p["actor"]])[0], index_of("issues", [p["issue"]])[0], p["text"],
         date(p.get("date")), p.get("stance", ""),
         event_ids.index(p["event"]) if "event" in p else None,
         index_of("sources", p.get("sources")))
        for p in spec.get("positions", [])]
    assert [(v.id, v.title, v.issues, v.actors, v.date_from, v.date_to, v.notes)
            for v in dataset.views] == [
        (v["id"], v["title"],
         index_of("issues", v["issues"]) if "issues" in v else None,
         index_of("actors", v["actors"]) if "actors" in v else None,
         date(v.get("from")), date(v.get("to")), v.get("notes", ""))
        for v in spec.get("views", [])]


# -- mutations ---------------------------------------------------------------------------

ANY_VALUE = st.one_of(
    st.integers(), st.floats(), st.booleans(), st.text(_CHARS, max_size=10), st.just([]),
    st.lists(st.integers(), max_size=3), st.just({}), st.dictionaries(ids, st.integers(),
                                                                      max_size=2),
    st.dates(), st.datetimes(), st.times(), st.just(Raw("1979-05-27T07:32:00Z")),
    st.just(Raw("0x_bad")),
)
BAD_DATES = st.one_of(
    st.sampled_from([
        "2025-13", "2025-02-30", "2024-02-30", "0000", "0000-01-01", "26 Dec 2025", "2025-1-1",
        "20251226", "２０２５", "2025-12-26T10:00:00", " 2025 ", "", "-2025", "99999",
        "2025-00", "2025-12-00", "2025-12-32", "2025/12/26", "10000-01-01",
    ]),
    st.datetimes().map(lambda d: d), st.times(), st.integers(), st.floats(),
    st.text(_CHARS, max_size=12), st.just(Raw("1979-05-27T07:32:00-08:00")),
)
BAD_IDS = st.one_of(st.sampled_from(["", " ", "has space", "-lead", ".lead", "é", "a/b", "a\nb",
                                     "a" * 500, "_x"]), st.text(_CHARS, max_size=8))
HUGE_NUMBERS = st.sampled_from([
    Raw("9" * 5000), Raw("-" + "1" * 4400), Raw("1" * 4299), Raw("1e400"), Raw("-1e400"),
    Raw("nan"), Raw("-inf"), Raw("+inf"), Raw("9223372036854775808"),
    Raw("-9223372036854775809"), Raw("0x7FFFFFFFFFFFFFFFFFFF"), Raw("1" + "0" * 400 + ".5"),
    Raw("0." + "0" * 5000 + "1"), Raw("1e-99999"), Raw("1_000_000"),
])


@st.composite
def deep_values(draw: st.DrawFn) -> Raw:
    depth = draw(st.one_of(st.integers(1, 64), st.integers(395, 405),
                           st.integers(1000, 100_000)))
    kind = draw(st.sampled_from(["array", "table", "mixed", "unclosed"]))
    if kind == "array":
        return Raw("[" * depth + "]" * depth)
    if kind == "table":
        return Raw("{ a = " * depth + "1" + " }" * depth)
    if kind == "mixed":
        return Raw("[{ a = " * depth + "1" + " }]" * depth)
    return Raw("[" * depth)


@st.composite
def huge_strings(draw: st.DrawFn, max_size: int) -> str:
    size = draw(st.sampled_from([1000, 65_536, max_size]))
    piece = draw(st.sampled_from(["x", "word ", "é", "<b>", "\n", "👍", "\\", '"']))
    return piece * (size // len(piece.encode("utf-8")))


def _locations(spec: Spec) -> list[tuple[str, int, str]]:
    """Every (table, entry, key) in the document; ("", 0, key) for top-level keys."""
    found = [("", 0, key) for key in spec]
    for table in TABLES:
        rows = spec.get(table)
        if isinstance(rows, list):
            for number, row in enumerate(rows):
                if isinstance(row, dict):
                    found += [(table, number, key) for key in row]
    return found


def _set(spec: Spec, table: str, number: int, key: str, value: object) -> None:
    if table:
        spec[table][number][key] = value
    else:
        spec[key] = value


def _rows(spec: Spec, table: str) -> list[dict[str, Any]]:
    rows = spec.get(table)
    if isinstance(rows, list):
        return [r for r in rows if isinstance(r, dict)]
    return []


MUTATIONS = (
    "drop_key", "wrong_type", "dangling_ref", "bad_date", "duplicate_id", "bad_id",
    "huge_string", "huge_number", "deep_nesting", "unknown_key", "end_before_date",
    "from_after_to", "schema", "empty_table", "table_not_array", "duplicate_entry",
)


@st.composite
def mutate_spec(draw: st.DrawFn, spec: Spec, max_string: int) -> tuple[Spec, str]:
    """``spec`` with one thing broken, and the name of what was done."""
    spec = copy.deepcopy(spec)
    kind = draw(_RANDOM).choice(MUTATIONS)  # uniform: sampled_from favours the first
    places = _locations(spec)
    if kind == "drop_key":
        table, number, key = draw(st.sampled_from(places))
        if table:
            del spec[table][number][key]
        else:
            del spec[key]
    elif kind == "wrong_type":
        table, number, key = draw(st.sampled_from(places))
        _set(spec, table, number, key, draw(ANY_VALUE))
    elif kind == "dangling_ref":
        choices = [(t, n, k) for t, n, k in places if (t, k) in REF_KEYS]
        if not choices:
            return spec, "dangling_ref (none)"
        table, number, key = draw(st.sampled_from(choices))
        target, is_list = REF_KEYS[(table, key)]
        known = [r["id"] for r in _rows(spec, target) if isinstance(r.get("id"), str)]
        ref = draw(st.one_of(ids, st.sampled_from(known or ["x"]).map(lambda s: s[::-1] + "x"),
                             st.text(_CHARS, max_size=8)))
        _set(spec, table, number, key, [*known[:1], ref] if is_list else ref)
    elif kind == "bad_date":
        choices = [(t, n, k) for t, n, k in places if k in DATE_KEYS.get(t, ())]
        if not choices:
            return spec, "bad_date (none)"
        table, number, key = draw(st.sampled_from(choices))
        _set(spec, table, number, key, draw(BAD_DATES))
    elif kind in ("duplicate_id", "duplicate_entry"):
        table = draw(st.sampled_from(["actors", "issues", "sources", "events", "views"]))
        rows = _rows(spec, table)
        if not rows:
            return spec, f"{kind} (none)"
        row = copy.deepcopy(draw(st.sampled_from(rows)))
        if kind == "duplicate_id" and len(rows) > 1:
            rows[-1]["id"] = rows[0].get("id", "x")
        else:
            spec[table].insert(draw(st.integers(0, len(spec[table]))), row)
    elif kind == "bad_id":
        table = draw(st.sampled_from(["actors", "issues", "sources", "events", "views"]))
        rows = _rows(spec, table)
        if not rows:
            return spec, "bad_id (none)"
        draw(st.sampled_from(rows))["id"] = draw(BAD_IDS)
    elif kind == "huge_string":
        table, number, key = draw(st.sampled_from(places))
        _set(spec, table, number, key, draw(huge_strings(max_string)))
    elif kind == "huge_number":
        table, number, key = draw(st.sampled_from(places))
        _set(spec, table, number, key, draw(HUGE_NUMBERS))
    elif kind == "deep_nesting":
        table, number, key = draw(st.sampled_from(places))
        _set(spec, table, number, key, draw(deep_values()))
    elif kind == "unknown_key":
        table, number, _key = draw(st.sampled_from(places))
        name = draw(st.one_of(ids, st.sampled_from(["colour", "titel", "acter", "view", "dates"]),
                              st.text(_CHARS, min_size=1, max_size=10)))
        if table and name not in spec[table][number]:
            spec[table][number][name] = draw(ANY_VALUE)
        elif not table and name not in spec:
            spec[name] = draw(ANY_VALUE)
    elif kind == "end_before_date":
        rows = _rows(spec, "events")
        if not rows:
            return spec, "end_before_date (none)"
        row = draw(st.sampled_from(rows))
        row["date"], row["end"] = "2025-12-20", draw(st.sampled_from(["2025-12-19", "2024",
                                                                      "2025-11"]))
    elif kind == "from_after_to":
        rows = _rows(spec, "views")
        if not rows:
            return spec, "from_after_to (none)"
        row = draw(st.sampled_from(rows))
        row["from"], row["to"] = "2025-12-20", draw(st.sampled_from(["2025-12-19", "2024"]))
    elif kind == "schema":
        spec["schema"] = draw(st.one_of(st.integers(), ANY_VALUE))
        if draw(_COIN):  # the schema line elsewhere than first
            spec = {**{k: v for k, v in spec.items() if k != "schema"}, "schema": spec["schema"]}
    elif kind == "empty_table":
        table = draw(st.sampled_from(TABLES))
        if draw(_COIN):
            spec[table] = []
        else:
            spec.pop(table, None)
    elif kind == "table_not_array":
        table = draw(st.sampled_from(TABLES))
        rows = _rows(spec, table)
        spec[table] = rows[0] if rows else {"id": "x"}
    event(f"mutation: {kind}")
    return spec, kind


_TOML_BYTES = [*b'[]{}"\'=#\\\n\r\t,.-+ 0123456789Tex:', 0, 0x7F, 0xFF, 0xC3, 0xE2]
_INSERTS = [b"\x00", b"\xef\xbb\xbf", b"\r", "\u2028".encode(), b"\xff", b"\xc3(", b"\xed\xa0\x80",
            b'"""', b"'''", b"[[", b"]]", b"[[actors]]\n", b"\n[issues]\n", b"= ", b"\\",
            b"\n[[positions]]\nactor = 1\n", "😀".encode()[:2], b"\n" * 3, b"#"]


@st.composite
def mutate_bytes(draw: st.DrawFn, data: bytes) -> tuple[bytes, str]:
    """``data`` damaged as files get damaged: cut short, bytes changed, lines moved."""
    rnd = draw(_RANDOM)  # uniform choices and offsets: integers() favour 0 and the ends
    kind = rnd.choice(["truncate", "insert", "overwrite", "delete", "line_dup", "line_swap",
                       "line_drop", "special", "encoding", "deep"])
    size = len(data)
    at = rnd.randint(0, size)
    if kind == "truncate":
        out = data[:at]
    elif kind == "insert":
        out = data[:at] + bytes(draw(st.lists(st.sampled_from(_TOML_BYTES), min_size=1,
                                              max_size=8))) + data[at:]
    elif kind == "overwrite":
        junk = draw(st.binary(min_size=1, max_size=16))
        out = data[:at] + junk + data[at + len(junk):]
    elif kind == "delete":
        out = data[:at] + data[at + draw(st.integers(1, 400)):]
    elif kind == "special":
        out = data[:at] + draw(st.sampled_from(_INSERTS)) + data[at:]
    elif kind == "encoding":
        codec = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1",
                                      "cp1252"]))
        out = data.decode("utf-8", errors="replace").encode(codec, errors="replace")
    elif kind == "deep":
        out = data[:at] + str(draw(deep_values())).encode() + data[at:]
    else:
        lines = data.split(b"\n")
        i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
        if kind == "line_dup":
            lines.insert(j, lines[i])
        elif kind == "line_swap":
            lines[i], lines[j] = lines[j], lines[i]
        else:
            del lines[i]
        out = b"\n".join(lines)
    event(f"bytes: {kind}")
    return out, kind


@st.composite
def mutated_files(draw: st.DrawFn,
                  max_string: int = 1 << 20) -> tuple[bytes, tuple[str, ...]]:
    """A valid file broken by up to three structural mutations and up to two in its bytes
    (at least one in all), and the names of the mutations."""
    spec = draw(dataset_specs(max_entries=4))
    kinds: list[str] = []
    structural = draw(_SMALL)
    for _ in range(structural):
        spec, kind = draw(mutate_spec(spec, max_string))
        kinds.append(kind)
    data = to_toml(spec, draw(styles))
    for _ in range(draw(st.integers(0 if structural else 1, 2))):
        data, kind = draw(mutate_bytes(data))
        kinds.append("bytes: " + kind)
    return data, tuple(kinds)


# -- the property --------------------------------------------------------------------------


def check_result(result: LoadResult, data: bytes, name: str) -> None:
    """A dataset exactly when there is no error; every diagnostic located inside the file."""
    assert isinstance(result, LoadResult)
    assert (result.dataset is not None) == (not result.errors)
    if result.dataset is None:
        assert result.errors, "a failed load must say why"
    body = data.removeprefix(b"\xef\xbb\xbf")
    try:
        lines: list[str] | list[bytes] = body.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        lines = body.split(b"\n")
    for diagnostic in result.diagnostics:
        text = str(diagnostic)
        assert diagnostic.file == name, text
        assert diagnostic.message.strip(), text
        assert 1 <= diagnostic.line <= len(lines), f"line outside the file: {text[:300]}"
        assert 0 <= diagnostic.column <= len(lines[diagnostic.line - 1]) + 1, (
            f"column outside line {diagnostic.line}: {text[:300]}")
        assert text.startswith(f"{name}:{diagnostic.line}"), text[:300]
        assert one_line(text), f"a diagnostic is one printable line: {text[:300]!r}"


def one_line(text: str) -> bool:
    return not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in text)
