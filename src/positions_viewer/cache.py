"""One small bounded cache, for the memo tables that ``functools.lru_cache`` cannot serve
(keys built at the call site, per-thread tables, values computed from a painter).

Prefer ``functools.lru_cache`` on a function when the arguments are the key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["BoundedCache", "per_thread"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """At most ``maxsize`` entries, least recently used dropped first."""

    __slots__ = ("_data", "maxsize")

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self._data: OrderedDict[K, V] = OrderedDict()

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        """The value for ``key``, made by ``make()`` (and kept) the first time it is asked."""
        data = self._data
        try:
            value = data[key]
        except KeyError:
            value = data[key] = make()
            if len(data) > self.maxsize:
                data.popitem(last=False)
            return value
        data.move_to_end(key)
        return value

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def clear(self) -> None:
        self._data.clear()


_LOCAL = threading.local()


def per_thread(name: str, maxsize: int) -> BoundedCache[K, V]:
    """The calling thread's cache called ``name`` (an export may paint off the GUI thread,
    and Qt's paint objects must not cross threads)."""
    caches: dict[str, BoundedCache[K, V]] = _LOCAL.__dict__.setdefault("caches", {})
    cache = caches.get(name)
    if cache is None:
        cache = caches[name] = BoundedCache(maxsize)
    return cache
