"""The session's edits: the undo stack, saving, and the file changing under them (DESIGN §7).

Qt-free, like the session that owns it (``session.edits``): every rule — what undo restores,
when the document counts as modified, what a reload of the app's own save does, what a
change on disk does to unsaved edits — is tested without a display. A small stack of
:class:`~positions_viewer.model.write.Applied` edits rather than Qt's ``QUndoStack``: the
commands are the model's (bytes patches and dataset changes), the session must stay Qt-free
(an import contract says so), and the clean state follows saves, including saves that take
the file's version.

The file's bytes are read at the first edit (viewing never holds them); from then on
:attr:`document` holds the edited bytes and every edit shows its dataset through the
session, which carries the filter and the selection as it does across a reload.

Signals: ``changed()`` (undo/redo, modified), ``saved(Path, str, bool)`` (the digest written:
the watcher takes it as the app's own; ``True`` after Save As to another file),
``conflict_changed(Conflict | None)``.
"""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from psygnal import Signal

from ...model import Dataset, DatasetIndex, Diagnostic, LoadResult, load_bytes
from ...model.write import Applied, Edit, EditRefused, State, TextDocument
from .saving import SaveError, disk_digest, read_for_editing, write_file

if TYPE_CHECKING:
    from ..session import DocumentSession

__all__ = ["Conflict", "EditHistory", "SaveConflict"]


class SaveConflict(SaveError):
    """The file changed on disk since it was read or saved: overwrite only if the user says."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """The file changed on disk while edits were unsaved: the load of the new version."""

    result: LoadResult
    index: DatasetIndex | None
    digest: str | None


class EditHistory:
    changed = Signal()
    saved = Signal(object, str, bool)
    conflict_changed = Signal(object)

    def __init__(self, session: DocumentSession) -> None:
        self._session = session
        self.document: TextDocument | None = None
        self._done: list[Applied] = []
        self._undone: list[Applied] = []
        self._clean: int | None = 0  # len(_done) when the file on disk holds the document
        self.disk_digest: str | None = None  # the file on disk as last read or written
        self.conflict: Conflict | None = None
        self._showing = False
        self._prefetched: tuple[Dataset, Future[tuple[TextDocument, str]]] | None = None
        self._warnings_seen: set[str] = set()  # the warnings shown last, without their lines
        session.opened.connect(self._opened)

    # -- state ----------------------------------------------------------------------

    @property
    def is_modified(self) -> bool:
        return self.document is not None and self._clean != len(self._done)

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_title(self) -> str:
        return self._done[-1].title if self._done else ""

    @property
    def redo_title(self) -> str:
        return self._undone[-1].title if self._undone else ""

    # -- edits ----------------------------------------------------------------------

    def prefetch(self) -> None:
        """Read the file's bytes for editing on a worker thread now (a form has opened: the
        user types while 30 MB are read, hashed and their entries found), so that OK does
        not wait for them. Viewing alone never holds the bytes."""
        session = self._session
        if self.document is not None or self._prefetched is not None or \
                session.path is None or session.dataset is None:
            return
        path, dataset, warnings = session.path, session.dataset, session.warnings
        future: Future[tuple[TextDocument, str]] = Future()

        def read() -> None:
            try:
                data = read_for_editing(path)
                document = TextDocument(path, data, dataset, warnings)
                document.layout  # noqa: B018 (found now, off the GUI thread)
                future.set_result((document, hashlib.sha256(data).hexdigest()))
            except BaseException as exc:  # handed to ensure_document, which reads again
                future.set_exception(exc)

        self._prefetched = (dataset, future)
        threading.Thread(target=read, name="positions-read", daemon=True).start()

    @property
    def reading_ahead(self) -> bool:
        """Whether :meth:`prefetch` is still reading."""
        return self._prefetched is not None and not self._prefetched[1].done()

    def ensure_document(self) -> TextDocument:
        """The open file's bytes, read now if no edit has read them. Raises
        :class:`EditRefused` when nothing is open or the file is not what is shown."""
        if self.document is not None:
            return self.document
        session = self._session
        if session.path is None or session.dataset is None:
            raise EditRefused("no file is open")
        document, digest = self._take_prefetched()
        if document is None:
            try:
                data = read_for_editing(session.path)
            except SaveError as exc:
                raise EditRefused(str(exc)) from None
            digest = hashlib.sha256(data).hexdigest()
            document = TextDocument(session.path, data, session.dataset, session.warnings)
        if session.digest is not None and digest != session.digest:
            raise EditRefused(f"{session.path.name} changed on disk since it was shown; it "
                              "reloads in a moment, then try again")
        self.document = document
        self._warnings_seen = {_gist(d) for d in session.warnings}
        self.disk_digest = digest
        self._clean = 0
        return self.document

    def _take_prefetched(self) -> tuple[TextDocument | None, str]:
        """The document read by :meth:`prefetch`, if it was read for what is shown now."""
        prefetched, self._prefetched = self._prefetched, None
        if prefetched is None or prefetched[0] is not self._session.dataset:
            return None, ""
        try:
            return prefetched[1].result()
        except Exception:  # unreadable then: read again, and say why
            return None, ""

    def apply(self, edit: Edit) -> Applied:
        """Make ``edit`` and show it. Raises :class:`EditRefused` (nothing changed)."""
        document = self.ensure_document()
        applied = document.apply(edit)
        if self._clean is not None and self._clean > len(self._done):
            self._clean = None  # the saved state was undone and is now out of reach
        self._done.append(applied)
        self._undone.clear()
        self._show(applied)
        return applied

    def undo(self) -> Applied | None:
        if not self._done or self.document is None:
            return None
        applied = self._done.pop()
        self.document.undo(applied)
        self._undone.append(applied)
        self._show(applied, undone=True)
        return applied

    def redo(self) -> Applied | None:
        if not self._undone or self.document is None:
            return None
        applied = self._undone.pop()
        self.document.redo(applied)
        self._done.append(applied)
        self._show(applied)
        return applied

    # -- saving ---------------------------------------------------------------------

    def save(self, path: Path | None = None, overwrite: bool = False) -> Path:
        """Write the document to the open file (or to ``path``: Save As). Raises
        :class:`SaveConflict` when the file changed on disk since (unless ``overwrite``),
        :class:`SaveError` when it cannot be written; the edits are kept either way."""
        session = self._session
        try:
            document = self.ensure_document()
        except EditRefused as exc:
            raise SaveError(str(exc)) from None
        target = path or session.path
        assert target is not None
        same = session.path is not None and _same_file(target, session.path)
        if same and not overwrite:
            on_disk = disk_digest(target)
            if on_disk is None:
                raise SaveConflict(f"{target.name} is no longer on disk as it was read "
                                   "(deleted, moved or unreadable); saving writes your version "
                                   "there")
            if on_disk != self.disk_digest:
                raise SaveConflict(f"{target.name} changed on disk since it was read; saving "
                                   "would replace those changes")
        digest = write_file(target, document.data)
        if not same:
            self._moved_to(target)
        problem = session.problem
        if problem is not None and problem.kind == "missing":
            session.set_problem(None)  # the file is back: the app wrote it
        self.disk_digest = digest
        self._clean = len(self._done)
        if self.conflict is not None:
            self._set_conflict(None)
        self.saved.emit(target, digest, not same)
        self.changed.emit()
        return target

    def _moved_to(self, target: Path) -> None:
        """After Save As: the session shows ``target`` from now on."""
        session, document = self._session, self.document
        assert document is not None
        session.path = target
        document.path, document.name = target, str(target)
        object.__setattr__(document.dataset, "path", target)

    # -- the file changing on disk --------------------------------------------------------

    def intercept(self, result: LoadResult, index: DatasetIndex | None,
                  digest: str | None) -> bool:
        """A reload of the open file has finished: ``True`` when the edits deal with it
        (the session must not show it). The app's own save, or a load made stale by it,
        changes nothing; a new version while edits are unsaved is a :class:`Conflict`;
        without unsaved edits it is taken as an undoable step (the history stays)."""
        if self.document is None:
            return False
        path = self._session.path
        same = digest is not None and digest == self.disk_digest
        if same or (path is not None and disk_digest(path) == self.disk_digest):
            # The app's own save, or a load read before it (the file holds the edits now),
            # or the file put back as it was: a banner about its errors is out of date.
            problem = self._session.problem
            if problem is not None and problem.kind in ("error", "missing"):
                self._session.set_problem(None)
            return True
        if result.dataset is None:
            return False  # the session keeps what it shows and names the error
        if self.is_modified:
            self._set_conflict(Conflict(result, index, digest))
            return True
        self._take(result, digest, "Reload the file's version")
        return True

    def take_disk_version(self) -> Applied | None:
        """Conflict: show the file's version; undo brings back the edits."""
        conflict = self.conflict
        if conflict is None or conflict.result.dataset is None:
            return None
        applied = self._take(conflict.result, conflict.digest, "Take the file's version")
        self._set_conflict(None)
        return applied

    def keep_mine(self) -> Path:
        """Conflict: write the edits over the file's version."""
        return self.save(overwrite=True)

    def texts(self) -> tuple[str, str]:
        """(the edited text, the file's text now) for comparing them side by side."""
        mine = self.document.data if self.document is not None else b""
        path = self._session.path
        try:
            theirs = read_for_editing(path) if path is not None else b""
        except SaveError as exc:
            return _text(mine), str(exc)
        return _text(mine), _text(theirs)

    def _take(self, result: LoadResult, digest: str | None, title: str) -> Applied | None:
        path = self._session.path
        assert self.document is not None and path is not None
        try:
            data = read_for_editing(path)
        except SaveError:
            return None
        found = hashlib.sha256(data).hexdigest()
        dataset = result.dataset
        diagnostics: list[Diagnostic] = list(result.diagnostics)
        if found != digest or dataset is None:  # changed again since that load
            reloaded = load_bytes(data, str(path))
            if reloaded.dataset is None:
                return None
            dataset, diagnostics = reloaded.dataset, list(reloaded.diagnostics)
        object.__setattr__(dataset, "path", path)
        applied = self.document.replace_all(State(data, dataset, tuple(diagnostics)), title)
        if self._clean is not None and self._clean > len(self._done):
            self._clean = None
        self._done.append(applied)
        self._undone.clear()
        self.disk_digest = found
        self._clean = len(self._done)
        self._show(applied)
        return applied

    def _set_conflict(self, conflict: Conflict | None) -> None:
        self.conflict = conflict
        self.conflict_changed.emit(conflict)

    # -- showing --------------------------------------------------------------------

    def _show(self, applied: Applied, undone: bool = False) -> None:
        """The document's dataset through the session (filter and selection carried by
        id), then the entry the edit touched selected where it has a place."""
        document, session = self.document, self._session
        assert document is not None and session.path is not None
        result = LoadResult(document.name, document.dataset, list(document.diagnostics))
        dismissed = session.problem is None
        self._showing = True
        try:
            session.show_loaded(session.path, result, DatasetIndex(document.dataset))
        finally:
            self._showing = False
        warnings = {_gist(d) for d in document.diagnostics}
        if dismissed and warnings <= self._warnings_seen:
            session.dismiss_problem()  # no new warning: the banner the user closed stays shut
        self._warnings_seen = warnings
        self._select(applied, undone)
        self.changed.emit()

    def _select(self, applied: Applied, undone: bool) -> None:
        dataset, session = self._session.dataset, self._session
        index = applied.undone_index if undone else applied.index
        if dataset is None or index is None:
            return
        if applied.table == "positions" and index < len(dataset.positions):
            position = dataset.positions[index]
            if session.selection.cell != (position.issue, position.actor):
                session.select_cell(position.issue, position.actor)
        elif applied.table == "events" and index < len(dataset.events):
            session.select_event(index)

    def _opened(self, reloaded: bool) -> None:
        """A file shown by the opener (not by an edit): a new file, or a reload taken
        while nothing was edited. The history belongs to the bytes it was made on."""
        if self._showing:
            return
        self.reset()

    def reset(self) -> None:
        changed = self.document is not None or self._done or self._undone
        self.document = None
        self._prefetched = None
        self._done.clear()
        self._undone.clear()
        self._clean = 0
        self.disk_digest = None
        if self.conflict is not None:
            self._set_conflict(None)
        if changed:
            self.changed.emit()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _gist(diagnostic: Diagnostic) -> str:
    """A warning without its line (which moves with every edit above it)."""
    return f"{diagnostic.path}: {diagnostic.message}"


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")
