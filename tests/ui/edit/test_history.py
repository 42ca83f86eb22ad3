"""The session's edit history, without a display: undo and redo, the modified state, saving
(atomic, permissions kept, read-only refused with the edits kept), the app's own save not
reloaded, and the file changing on disk while edits are unsaved."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from positions_viewer.model import DatasetIndex, load_file, parse_date
from positions_viewer.model.write import DeleteEntry, EditRefused, add_statement, edit_entry
from positions_viewer.model.write.edits import entry_values
from positions_viewer.ui.edit.history import SaveConflict
from positions_viewer.ui.edit.saving import SaveError
from positions_viewer.ui.session import DocumentSession

from ...model.write.files import HAND_WRITTEN, variants

CRLF = variants(HAND_WRITTEN)["crlf"]


def opened(path: Path) -> DocumentSession:
    session = DocumentSession()
    result = load_file(path)
    assert result.dataset is not None
    session.show_loaded(path, result, DatasetIndex(result.dataset))
    return session


def reload_result(session: DocumentSession, path: Path) -> bool:
    """What the window's opener does when the watcher reports a change."""
    result = load_file(path)
    index = DatasetIndex(result.dataset) if result.dataset is not None else None
    if session.edits.intercept(result, index, result.digest):
        return False
    return session.show_loaded(path, result, index)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "talks.toml"
    target.write_bytes(CRLF)
    return target


def _add(session: DocumentSession, text: str = "New statement") -> None:
    assert session.dataset is not None
    session.edits.apply(add_statement(session.dataset, 0, 1, text, parse_date("2025-12-20")))


def test_an_edit_shows_at_once_and_undo_redo_follow(path: Path) -> None:
    session = opened(path)
    edits = session.edits
    seen: list[bool] = []
    session.opened.connect(seen.append)
    assert not edits.is_modified and not edits.can_undo
    _add(session)
    assert session.dataset is not None and session.dataset.positions[-1].text == "New statement"
    assert seen == [True]  # shown as a reload of the same file: filter and selection carried
    assert edits.is_modified and edits.undo_title == "Add statement"
    assert session.selection.cell == (0, 1)  # the statement's cell is selected
    edits.undo()
    assert len(session.dataset.positions) == 3 and not edits.is_modified
    assert edits.can_redo and edits.redo_title == "Add statement"
    edits.redo()
    assert session.dataset.positions[-1].text == "New statement" and edits.is_modified
    assert path.read_bytes() == CRLF  # nothing is written before Save


def test_the_filter_and_the_selection_stay_across_an_edit(path: Path) -> None:
    session = opened(path)
    session.update_filter(issues=frozenset({0}), date_to=parse_date("2025-12-19"))
    session.select_cell(0, 0)
    _add(session, "Another")
    assert session.filter.issues == frozenset({0})
    assert session.filter.date_to == parse_date("2025-12-19")


def test_save_writes_the_edits_atomically_keeping_permissions(path: Path) -> None:
    os.chmod(path, 0o640)
    session = opened(path)
    _add(session)
    saved: list[tuple[Path, str, bool]] = []
    session.edits.saved.connect(lambda p, d, m: saved.append((p, d, m)))
    session.edits.save()
    data = path.read_bytes()
    assert b"New statement" in data and data.count(b"\n") == data.count(b"\r\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not session.edits.is_modified
    assert saved and saved[0][0] == path and saved[0][2] is False
    assert [p.name for p in path.parent.iterdir()] == ["talks.toml"]  # no temporary left


def test_the_apps_own_save_is_not_reloaded_and_the_history_stays(path: Path) -> None:
    session = opened(path)
    _add(session)
    session.select_cell(0, 0)
    session.edits.save()
    dataset = session.dataset
    assert not reload_result(session, path)  # the watcher's reload of our own write
    assert session.dataset is dataset  # not replaced: no flash
    assert session.edits.can_undo and session.selection.cell == (0, 0)
    session.edits.undo()
    assert session.edits.is_modified  # the saved state was undone


def test_undoing_past_the_save_and_editing_again_stays_modified(path: Path) -> None:
    session = opened(path)
    _add(session, "one")
    session.edits.save()
    session.edits.undo()
    _add(session, "two")
    session.edits.undo()
    assert session.edits.is_modified  # the saved state ("one") is out of reach


def test_a_read_only_file_is_refused_and_the_edits_are_kept(path: Path) -> None:
    session = opened(path)
    _add(session)
    os.chmod(path, 0o444)
    try:
        with pytest.raises(SaveError, match=r"talks\.toml is read-only; your edits are kept"):
            session.edits.save()
        assert path.read_bytes() == CRLF
        assert session.edits.is_modified and session.edits.can_undo
        other = path.with_name("copy.toml")
        session.edits.save(other)  # Save As writes them elsewhere, and follows that file
        assert b"New statement" in other.read_bytes()
        assert session.path == other and not session.edits.is_modified
    finally:
        os.chmod(path, 0o644)


def test_a_read_only_folder_is_refused_and_the_edits_are_kept(path: Path) -> None:
    session = opened(path)
    _add(session)
    os.chmod(path.parent, 0o555)
    try:
        with pytest.raises(SaveError, match="read-only"):
            session.edits.save()
    finally:
        os.chmod(path.parent, 0o755)
    assert session.edits.is_modified


def test_the_bundled_example_is_saved_only_elsewhere(seed_path: Path, tmp_path: Path) -> None:
    session = opened(seed_path)
    _add(session)
    with pytest.raises(SaveError, match="bundled example"):
        session.edits.save()
    session.edits.save(tmp_path / "mine.toml")
    assert b"New statement" in (tmp_path / "mine.toml").read_bytes()


def test_a_change_on_disk_with_unsaved_edits_is_a_conflict_nothing_lost(path: Path) -> None:
    session = opened(path)
    _add(session, "mine")
    theirs = CRLF.replace(b"No call planned.", b"Theirs: a call is planned.")
    path.write_bytes(theirs)
    assert not reload_result(session, path)
    conflict = session.edits.conflict
    assert conflict is not None  # said so; the edits still shown
    assert session.dataset is not None and session.dataset.positions[-1].text == "mine"
    mine_text, disk_text = session.edits.texts()
    assert "mine" in mine_text and "Theirs: a call" in disk_text
    with pytest.raises(SaveConflict):
        session.edits.save()  # never over their change without asking
    assert path.read_bytes() == theirs
    session.edits.take_disk_version()
    assert session.dataset.positions[0].text == "Theirs: a call is planned."
    assert not session.edits.is_modified and session.edits.conflict is None
    session.edits.undo()  # taking their version is undoable: mine comes back
    assert session.dataset.positions[-1].text == "mine" and session.edits.is_modified
    session.edits.save(overwrite=True)
    assert b"mine" in path.read_bytes()


def test_keep_mine_writes_over_the_files_version(path: Path) -> None:
    session = opened(path)
    _add(session, "mine")
    path.write_bytes(CRLF.replace(b"No call planned.", b"Theirs."))
    reload_result(session, path)
    session.edits.keep_mine()
    assert b"mine" in path.read_bytes() and b"Theirs." not in path.read_bytes()
    assert session.edits.conflict is None and not session.edits.is_modified


def test_a_change_on_disk_without_unsaved_edits_is_taken_as_an_undoable_step(
        path: Path) -> None:
    session = opened(path)
    _add(session)
    session.edits.save()
    changed = path.read_bytes().replace(b"No call planned.", b"Changed elsewhere.")
    path.write_bytes(changed)
    assert not reload_result(session, path)
    assert session.dataset is not None
    assert session.dataset.positions[0].text == "Changed elsewhere."
    assert not session.edits.is_modified and session.edits.undo_title == \
        "Reload the file's version"
    session.edits.undo()
    assert session.dataset.positions[0].text == "No call planned."


def test_a_save_during_a_reload_keeps_the_edits(path: Path) -> None:
    session = opened(path)
    _add(session, "first")
    stale = load_file(path)  # a reload started before the save reads the old bytes
    session.edits.save()
    index = DatasetIndex(stale.dataset) if stale.dataset is not None else None
    assert session.edits.intercept(stale, index, stale.digest)  # it arrives after: ignored
    assert session.dataset is not None and session.dataset.positions[-1].text == "first"
    assert session.edits.can_undo and not session.edits.is_modified


def test_an_invalid_file_on_disk_keeps_the_edits_and_the_banner_says_so(path: Path) -> None:
    session = opened(path)
    _add(session, "mine")
    path.write_bytes(CRLF.replace(b'id = "france"', b'id = "france'))
    assert not reload_result(session, path)
    assert session.problem is not None and session.problem.kind == "error"
    assert session.dataset is not None and session.dataset.positions[-1].text == "mine"
    with pytest.raises(SaveConflict):
        session.edits.save()


def test_an_edit_on_a_file_changed_since_it_was_shown_is_refused(path: Path) -> None:
    session = opened(path)
    path.write_bytes(CRLF.replace(b"No call planned.", b"Changed."))
    with pytest.raises(EditRefused, match="changed on disk since it was shown"):
        _add(session)


def test_opening_another_file_forgets_the_history(path: Path, seed_path: Path) -> None:
    session = opened(path)
    _add(session)
    result = load_file(seed_path)
    assert result.dataset is not None
    session.show_loaded(seed_path, result, DatasetIndex(result.dataset))
    assert not session.edits.can_undo and not session.edits.is_modified


def test_deleting_a_statement_and_editing_an_event_select_what_changed(path: Path) -> None:
    session = opened(path)
    dataset = session.dataset
    assert dataset is not None
    values = dict(entry_values(dataset, "events", 1), title="Renamed")
    session.edits.apply(edit_entry(dataset, "events", 1, values))  # type: ignore[arg-type]
    assert session.selection.event == 1
    session.edits.apply(DeleteEntry("positions", 2))
    assert session.dataset is not None and len(session.dataset.positions) == 2
    session.edits.undo()
    assert session.selection.cell == (1, 0)  # the statement is back, its cell selected


def test_a_warning_banner_closed_by_the_user_stays_shut_unless_an_edit_warns_anew(
        path: Path) -> None:
    session = opened(path)
    assert session.problem is not None and session.problem.kind == "warning"  # 'extra'
    session.dismiss_problem()
    _add(session, "no new warning")
    assert session.problem is None
    assert session.dataset is not None
    session.edits.apply(add_statement(session.dataset, 0, 0, "   "))  # blank: a new warning
    assert session.problem is not None and "is blank" in session.problem.message + "".join(
        d.message for d in session.problem.diagnostics)


def test_a_large_files_warnings_survive_edits_after_the_banner_was_closed(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from positions_viewer.model.write import document

    monkeypatch.setattr(document, "FULL_CHECK_BYTES", 0)  # edits checked entry by entry
    session = opened(path)
    session.dismiss_problem()
    _add(session, "an edit")
    session.edits.save()
    assert [d.message for d in session.warnings] == ["unknown key 'extra' is ignored"]
    assert [d.message for d in session.warnings] == \
        [d.message for d in load_file(path).warnings]


def test_saving_a_file_deleted_meanwhile_asks_then_writes_it_back(path: Path) -> None:
    session = opened(path)
    _add(session, "kept")
    path.unlink()
    session.file_missing()
    with pytest.raises(SaveConflict, match="no longer on disk"):
        session.edits.save()
    session.edits.save(overwrite=True)
    assert b"kept" in path.read_bytes() and session.problem is None


def test_a_broken_save_elsewhere_then_put_back_clears_the_banner(path: Path) -> None:
    session = opened(path)
    _add(session, "mine")
    session.edits.save()
    saved = path.read_bytes()
    path.write_bytes(saved.replace(b'id = "france"', b'id = "france'))
    assert not reload_result(session, path)
    assert session.problem is not None and session.problem.kind == "error"
    path.write_bytes(saved)  # the other editor undid its change
    assert not reload_result(session, path)
    assert session.problem is None and session.edits.can_undo


def test_bytes_read_ahead_while_a_form_is_open_are_used_when_they_match(path: Path) -> None:
    session = opened(path)
    session.edits.prefetch()  # a form opened
    _add(session, "with the bytes read ahead")
    session.edits.save()
    assert b"with the bytes read ahead" in path.read_bytes()
    assert path.read_bytes().count(b"\n") == path.read_bytes().count(b"\r\n")


def test_bytes_read_ahead_of_a_file_changed_since_it_was_shown_are_refused(
        path: Path) -> None:
    session = opened(path)
    path.write_bytes(CRLF.replace(b"No call planned.", b"Changed."))
    session.edits.prefetch()
    with pytest.raises(EditRefused, match="changed on disk since it was shown"):
        _add(session)
    assert path.read_bytes() == CRLF.replace(b"No call planned.", b"Changed.")
