"""The one bounded cache: keeps what is asked again, drops the least recently used."""

from __future__ import annotations

import threading

import pytest

from positions_viewer.cache import BoundedCache, per_thread


def test_makes_once_and_drops_the_least_recently_used() -> None:
    made: list[int] = []
    cache: BoundedCache[int, int] = BoundedCache(2)

    def get(key: int) -> int:
        return cache.get_or_make(key, lambda: made.append(key) or key * 10)

    assert [get(1), get(2), get(1), get(3)] == [10, 20, 10, 30]
    assert made == [1, 2, 3]
    assert 1 in cache and 2 not in cache and len(cache) == 2  # 2 was the least recently used


def test_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        BoundedCache(0)


def test_each_thread_has_its_own() -> None:
    mine: BoundedCache[str, int] = per_thread("test", 4)
    mine.get_or_make("x", lambda: 1)
    seen: list[bool] = []
    thread = threading.Thread(target=lambda: seen.append("x" in per_thread("test", 4)))
    thread.start()
    thread.join()
    assert seen == [False] and per_thread("test", 4) is mine
