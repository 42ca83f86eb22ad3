"""What a load returns: a dataset or the errors that stopped it, with every warning."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Severity
from ..types import Dataset

__all__ = ["LoadResult", "fail"]


@dataclass(slots=True)
class LoadResult:
    """``dataset`` is ``None`` exactly when ``errors`` is not empty (DESIGN §1)."""

    path: str
    dataset: Dataset | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    digest: str | None = None  # SHA-256 of the bytes read, when a file was read

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return self.dataset is not None


def fail(name: str, line: int, column: int, message: str) -> LoadResult:
    """A failed load with one error at ``line``:``column`` (0 when unknown)."""
    return LoadResult(name, None, [Diagnostic(name, line, column, Severity.ERROR, message)])
