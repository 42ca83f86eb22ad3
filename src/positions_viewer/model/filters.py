"""What the user selected (DESIGN §1, "Issue and actor filters"): the :class:`Filter`.

Kept apart from :mod:`.query` (numpy) so that what only needs a filter — the command line's
``check`` and its options, saved views — starts without importing numpy (issue 18: a fifth
of every ``check`` process was numpy's import).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .dates import PartialDate
from .types import Dataset

__all__ = ["Filter", "carry_filter"]


@dataclass(frozen=True, slots=True)
class Filter:
    """What the user selected. ``None`` for issues/actors means all of them."""

    issues: frozenset[int] | None = None
    actors: frozenset[int] | None = None
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    text: str = ""

    @property
    def from_ordinal(self) -> int | None:
        return self.date_from.start if self.date_from else None

    @property
    def to_ordinal(self) -> int | None:
        """Inclusive: ``to = 2025`` keeps everything dated in 2025."""
        return self.date_to.stop if self.date_to else None

    def with_changes(self, **changes: object) -> Filter:
        return replace(self, **changes)  # type: ignore[arg-type]


def carry_filter(flt: Filter, old: Dataset, new: Dataset) -> Filter:
    """The same filter on a reloaded file, matching issues and actors by id, not position."""

    def remap(selected: frozenset[int] | None, table: str) -> frozenset[int] | None:
        if selected is None:
            return None
        ids = [getattr(old, table)[i].id for i in selected if i < len(getattr(old, table))]
        found = (new.index_of(table, id_) for id_ in ids)
        return frozenset(i for i in found if i is not None)

    return flt.with_changes(issues=remap(flt.issues, "issues"),
                            actors=remap(flt.actors, "actors"))
