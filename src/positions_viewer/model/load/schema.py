"""The one description of the file's schema (DESIGN §1): tables, keys, kinds, references.

The validator reads its key sets, required keys and reference targets from here, a test
checks each builder against it (``tests/model/load/test_schema.py``), and the test data
generator (``tests/datagen.py``) derives its key tables from it: a key added to the format
is added here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "DATE_KEYS", "REF_KEYS", "ROOT", "ROOT_KEYS", "SUPPORTED_SCHEMA", "TABLES", "TABLE_KEYS",
    "TEXT_KEYS", "Key", "Kind", "Table", "article", "key_sets",
]

SUPPORTED_SCHEMA = 1


class Kind(StrEnum):
    """What a key's value must be."""

    SCHEMA = "schema"  # the integer SUPPORTED_SCHEMA
    TEXT = "text"  # a string (plain text, never markup)
    ID = "id"  # a string matching [A-Za-z0-9][A-Za-z0-9_.-]*
    DATE = "date"  # a TOML local date, or "YYYY", "YYYY-MM", "YYYY-MM-DD"
    DURATION = "duration"  # "30d", "6m", "2y"
    COLOR = "color"  # "#rrggbb"
    URL = "url"  # an http(s) address (model/urls.py)
    REF = "ref"  # the id of an entry of ``Key.target``
    REFS = "refs"  # an array of ids of entries of ``Key.target``
    TABLES = "tables"  # an array of tables (the root's [[name]] entries)


@dataclass(frozen=True, slots=True)
class Key:
    name: str
    kind: Kind
    required: bool = False
    target: str = ""  # the referenced table, for REF and REFS

    @property
    def is_text(self) -> bool:
        return self.kind is Kind.TEXT


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # "actors"
    singular: str  # "actor", as messages name one entry
    keys: tuple[Key, ...]
    at_least_one: bool = False  # the file needs one entry or more

    def key(self, name: str) -> Key:
        return next(k for k in self.keys if k.name == name)

    @property
    def key_names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys if k.required)


def _table(name: str, singular: str, *keys: Key, at_least_one: bool = False) -> Table:
    return Table(name, singular, keys, at_least_one)


ROOT = _table(
    "", "",
    Key("schema", Kind.SCHEMA, required=True),
    Key("title", Kind.TEXT, required=True),
    Key("description", Kind.TEXT),
    Key("as_of", Kind.DATE),
    Key("stale_after", Kind.DURATION),
    Key("actors", Kind.TABLES, target="actors"),
    Key("issues", Kind.TABLES, target="issues"),
    Key("sources", Kind.TABLES, target="sources"),
    Key("events", Kind.TABLES, target="events"),
    Key("positions", Kind.TABLES, target="positions"),
    Key("views", Kind.TABLES, target="views"),
)

TABLES: dict[str, Table] = {t.name: t for t in (
    _table("actors", "actor",
           Key("id", Kind.ID, required=True), Key("name", Kind.TEXT, required=True),
           Key("detail", Kind.TEXT), Key("color", Kind.COLOR), at_least_one=True),
    _table("issues", "issue",
           Key("id", Kind.ID, required=True), Key("title", Kind.TEXT, required=True),
           Key("description", Kind.TEXT), at_least_one=True),
    _table("sources", "source",
           Key("id", Kind.ID, required=True), Key("title", Kind.TEXT, required=True),
           Key("url", Kind.URL), Key("date", Kind.DATE)),
    _table("events", "event",
           Key("id", Kind.ID), Key("date", Kind.DATE, required=True), Key("end", Kind.DATE),
           Key("title", Kind.TEXT, required=True), Key("detail", Kind.TEXT),
           Key("actors", Kind.REFS, target="actors"), Key("issues", Kind.REFS, target="issues"),
           Key("sources", Kind.REFS, target="sources")),
    _table("positions", "position",
           Key("actor", Kind.REF, required=True, target="actors"),
           Key("issue", Kind.REF, required=True, target="issues"),
           Key("text", Kind.TEXT, required=True), Key("date", Kind.DATE),
           Key("stance", Kind.TEXT), Key("event", Kind.REF, target="events"),
           Key("sources", Kind.REFS, target="sources")),
    _table("views", "view",
           Key("id", Kind.ID, required=True), Key("title", Kind.TEXT, required=True),
           Key("issues", Kind.REFS, target="issues"), Key("actors", Kind.REFS, target="actors"),
           Key("from", Kind.DATE), Key("to", Kind.DATE), Key("notes", Kind.TEXT)),
)}

# -- derived views, for the validator's fast paths and for tests ---------------------------

ROOT_KEYS: tuple[str, ...] = ROOT.key_names
TABLE_KEYS: dict[str, tuple[str, ...]] = {name: t.key_names for name, t in TABLES.items()}


def key_sets() -> dict[str, frozenset[str]]:
    """Each table's keys as a set ("" for the root): the unknown-key test."""
    sets = {name: frozenset(keys) for name, keys in TABLE_KEYS.items()}
    sets[""] = frozenset(ROOT_KEYS)
    return sets


def _keys_of(kinds: tuple[Kind, ...]) -> dict[str, tuple[str, ...]]:
    out = {"": tuple(k.name for k in ROOT.keys if k.kind in kinds)}
    out.update({name: tuple(k.name for k in t.keys if k.kind in kinds)
                for name, t in TABLES.items()})
    return {name: keys for name, keys in out.items() if keys}


TEXT_KEYS: dict[str, tuple[str, ...]] = _keys_of((Kind.TEXT,))
DATE_KEYS: dict[str, tuple[str, ...]] = _keys_of((Kind.DATE,))
REF_KEYS: dict[tuple[str, str], tuple[str, bool]] = {  # (table, key) -> (target, a list?)
    (name, k.name): (k.target, k.kind is Kind.REFS)
    for name, t in TABLES.items() for k in t.keys if k.kind in (Kind.REF, Kind.REFS)
}


def article(table: str) -> str:
    """"an actor", "a source": one entry of ``table``, as a message names it."""
    word = TABLES[table].singular
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"
