"""The validator against the one schema description: every key it lists is read as its kind
says, every required key is required, every reference is resolved, nothing else is known."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from positions_viewer.model import load_bytes
from positions_viewer.model.load.schema import ROOT, TABLES, Kind
from tests.datagen import to_toml

_GOOD: dict[Kind, Any] = {
    Kind.TEXT: "Text", Kind.DATE: "2025-12", Kind.DURATION: "6m", Kind.COLOR: "#1f4e9c",
    Kind.URL: "https://example.org/a",
}


def full_document() -> dict[str, Any]:
    """One entry per table with every key of the schema set to a valid value."""
    spec: dict[str, Any] = {}
    for key in ROOT.keys:
        if key.kind is Kind.SCHEMA:
            spec[key.name] = 1
        elif key.kind is not Kind.TABLES:
            spec[key.name] = _GOOD[key.kind]
    for name, table in TABLES.items():
        row: dict[str, Any] = {}
        for key in table.keys:
            if key.kind is Kind.ID:
                row[key.name] = f"{table.singular}-1"
            elif key.kind is Kind.REF:
                row[key.name] = f"{TABLES[key.target].singular}-1"
            elif key.kind is Kind.REFS:
                row[key.name] = [f"{TABLES[key.target].singular}-1"]
            else:
                row[key.name] = _GOOD[key.kind]
        spec[name] = [row]
    spec["events"][0].update(date="2025-12", end="2025-12")
    spec["positions"][0]["date"] = "2025-12"
    spec["views"][0].update({"from": "2025-11", "to": "2025-12"})
    return spec


def messages(spec: dict[str, Any]) -> list[str]:
    return [d.text() for d in load_bytes(to_toml(spec), "s.toml").diagnostics]


def test_every_key_of_the_schema_is_known_and_read() -> None:
    result = load_bytes(to_toml(full_document()), "s.toml")
    assert result.diagnostics == []
    dataset = result.dataset
    assert dataset is not None
    assert dataset.positions[0].event == 0 and dataset.positions[0].sources == (0,)
    assert dataset.events[0].actors == (0,) and dataset.views[0].issues == (0,)


_EVERY_KEY = [(name, key.name) for name, table in TABLES.items() for key in table.keys]
_REQUIRED = [(name, key) for name, table in TABLES.items() for key in table.required]


@pytest.mark.parametrize(("table", "key"), [*_REQUIRED, ("", "title")])
def test_every_required_key_is_required(table: str, key: str) -> None:
    spec = full_document()
    del (spec[table][0] if table else spec)[key]
    where = f"{table}[0]: " if table else ""
    assert f"{where}missing required key '{key}'" in messages(spec)


@pytest.mark.parametrize(("table", "key"), _EVERY_KEY)
def test_every_key_refuses_a_value_of_the_wrong_kind(table: str, key: str) -> None:
    spec = full_document()
    spec[table][0][key] = {"a": 1} if TABLES[table].key(key).kind is Kind.DATE else 12
    found = messages(spec)
    assert any(m.startswith(f"{table}[0].{key}") and ("expected" in m or "got" in m)
               for m in found), found


@pytest.mark.parametrize(("table", "key"), [(t, k.name) for t, table in TABLES.items()
                                            for k in table.keys
                                            if k.kind in (Kind.REF, Kind.REFS)])
def test_every_reference_names_its_target_table(table: str, key: str) -> None:
    spec = full_document()
    target = TABLES[TABLES[table].key(key).target].singular
    spec[table][0][key] = ["nowhere"] if isinstance(spec[table][0][key], list) else "nowhere"
    found = messages(spec)
    assert any(f"unknown {target} 'nowhere'" in m for m in found), found


@pytest.mark.parametrize("table", ["", *TABLES])
def test_a_key_outside_the_schema_is_unknown(table: str) -> None:
    spec = copy.deepcopy(full_document())
    (spec[table][0] if table else spec)["extra"] = 1
    assert any("unknown key 'extra' is ignored" in m for m in messages(spec))
