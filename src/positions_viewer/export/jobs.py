"""Export planning: which files to write, each for which filters, saved views or presenter
steps (DESIGN §2 ``export``, §4, §5). One plan serves ``export`` on the command line, the
window's Export dialog and Present ▸ Export All Steps, so they write the same files.

A :class:`Plan` is a list of :class:`Job` (a file, its format, the :class:`Subject` of each
page it holds); :func:`write_plan` writes it all or none (:mod:`.atomic`).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

from ..model import Dataset, DatasetIndex, Filter
from ..model.story import Step, story_steps, view_filter_of, view_title
from .atomic import AtomicBatch, same_file
from .captions import step_heading
from .errors import ExportError
from .formats import VIEW, ExportOptions, Page, get_format, writer_for

__all__ = ["Job", "PageSource", "Plan", "Subject", "is_handout", "plan_filters", "plan_steps",
           "plan_views", "step_names", "write_plan"]


class PageSource(Protocol):
    """What a job's page is made from: :class:`Subject` for the view kind; another kind
    (the compare digest) brings its own."""

    def page(self, index: DatasetIndex) -> object: ...


@dataclass(frozen=True, slots=True)
class Subject:
    """What one page shows: the grid's filter (and the timeline's, when a step's differs),
    and its heading: ``subtitle``, else the title of ``saved_view`` (or of the saved view the
    filters are). ``step``: a presenter step, whose event is highlighted and whose changed
    cells are exactly those that differ from the previous step. ``notes``: a saved view's
    speaker notes (a step carries its own); ``handout``: a page of a one-file handout."""

    grid_filter: Filter
    timeline_filter: Filter | None = None
    saved_view: int | None = None
    subtitle: str | None = None
    step: Step | None = None
    notes: str = ""
    handout: bool = False

    def page(self, index: DatasetIndex) -> Page:
        """The page resolved against ``index``: the queries run here."""
        grid = index.query(self.grid_filter)
        timeline = grid
        if self.timeline_filter is not None and self.timeline_filter != self.grid_filter:
            timeline = index.query(self.timeline_filter)
        subtitle = self.subtitle
        if subtitle is None:
            subtitle = view_title(index.dataset, self.grid_filter, self.saved_view)
        step = self.step
        event_step = step is not None and step.event is not None
        return Page(index, grid, timeline, subtitle, self.saved_view,
                    step.event if step is not None else None,
                    step.changed_cells(grid) if step is not None and event_step else None,
                    step.notes if step is not None else self.notes, self.handout)


@dataclass(frozen=True, slots=True)
class Job:
    """One file: ``target``, its ``format`` name, the subject of each of its pages, and the
    ``kind`` of job, which picks the writer with the format (:mod:`.formats`)."""

    target: Path
    format: str
    subjects: tuple[PageSource, ...]
    kind: str = VIEW


@dataclass(frozen=True, slots=True)
class Plan:
    """Every file of one export; ``folder``: where several outputs go (made if missing,
    removed again if the export fails and it was made for it)."""

    jobs: tuple[Job, ...]
    folder: Path | None = None

    @property
    def targets(self) -> list[Path]:
        return [job.target for job in self.jobs]

    def existing(self) -> list[Path]:
        """The targets that exist already: the files this export would replace."""
        return [target for target in self.targets if target.exists()]

    def refuse_input(self, source: Path) -> None:
        """:class:`ExportError` when a target is ``source`` itself, however named (DESIGN
        §2: "OUT that is the input file itself is refused")."""
        for target in self.targets:
            if same_file(target, source):
                raise ExportError(f"{target}: is the input file {source}; "
                                  "writing it would replace the data; choose another name")


def plan_filters(target: Path, fmt: str, flt: Filter, saved_view: int | None = None) -> Plan:
    """One file of what ``flt`` selects, headed with the title of ``saved_view`` (or of
    the saved view the filters are)."""
    get_format(fmt)
    return Plan((Job(target, fmt, (Subject(flt, saved_view=saved_view),)),))


def plan_views(dataset: Dataset, out: Path, fmt: str,
               narrow: Callable[[Filter], Filter] | None = None) -> Plan:
    """Every saved view: ``out/<view-id>.<fmt>``, or one file of a page per view, each
    with the view's notes, when ``out`` names a file of a paged format (:func:`is_handout`).
    ``narrow`` adds filters on top of each view's (the command line's ``--issue`` …); a view
    narrowed so is no longer headed with its title."""
    if not dataset.views:
        raise ExportError("the file has no saved views ([[views]]) to export")
    handout = is_handout(out, fmt)
    subjects = []
    for number in range(len(dataset.views)):
        own = view_filter_of(dataset, number)
        flt = narrow(own) if narrow is not None else own
        subjects.append(Subject(flt, saved_view=number if flt == own else None,
                                notes=dataset.views[number].notes, handout=handout))
    names = [f"{view.id}.{fmt}" for view in dataset.views]
    return _plan_many(out, fmt, subjects, names)


def plan_steps(dataset: Dataset, index: DatasetIndex, out: Path, fmt: str,
               base: Filter | None = None) -> Plan:
    """Every presenter step (model.story ``story_steps``, in step order, ``base``'s issues
    and actors narrowing event steps as in the window): ``out/NN-<step>.<fmt>`` (see
    :func:`step_names`), each headed "Step 3 of 7: …", or one file of a page per step
    (:func:`is_handout`)."""
    steps = story_steps(dataset, index, base)
    if not steps:
        raise ExportError("nothing to present: the file has no saved views and no events "
                          "(in these filters)")
    total = len(steps)
    handout = is_handout(out, fmt)
    subjects = [Subject(step.grid_filter, step.timeline_filter, step.view,
                        step_heading(number, total, step.title), step, handout=handout)
                for number, step in enumerate(steps, start=1)]
    return _plan_many(out, fmt, subjects, step_names(dataset, steps, fmt))


def step_names(dataset: Dataset, steps: Sequence[Step], fmt: str) -> list[str]:
    """``01-<step>.<fmt>``, ``02-…`` in step order (more digits past 99 steps): ``<step>`` is
    the saved view's id, else the event's id, else a slug of the event's title."""
    digits = max(2, len(str(len(steps))))
    names = []
    for number, step in enumerate(steps, start=1):
        if step.view is not None:
            slug = dataset.views[step.view].id
        elif step.event is not None:
            event = dataset.events[step.event]
            slug = event.id or _slug(event.title)
        else:
            slug = _slug(step.title)
        names.append(f"{number:0{digits}d}-{slug}.{fmt}")
    return names


def _slug(title: str) -> str:
    """A file-name-safe form of ``title``: letters and digits (any script) joined by ``-``,
    lower case, at most 40 characters; ``step`` when nothing is left."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", title).lower())
    return "-".join(words)[:40].strip("-") or "step"


def is_handout(out: Path, fmt: str) -> bool:
    """Several views or steps go into ONE file, a page each, when the format holds pages and
    OUT is named as such a file (``-o story.pdf``, DESIGN §2); into a folder otherwise."""
    return get_format(fmt).pages and out.suffix.lower() == f".{fmt}"


def _plan_many(out: Path, fmt: str, subjects: list[Subject], names: list[str]) -> Plan:
    if is_handout(out, fmt):  # a handout: one file, a page each
        return Plan((Job(out, fmt, tuple(subjects)),))
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: is a file; several outputs go into a folder")
    jobs = tuple(Job(out / name, fmt, (subject,))
                 for name, subject in zip(names, subjects, strict=True))
    return Plan(jobs, folder=out)


def write_plan(plan: Plan, index: DatasetIndex, options: ExportOptions) -> list[Path]:
    """Write every file of ``plan``, all or none (:class:`~.atomic.AtomicBatch`): nothing
    is renamed into place before every file is written. Returns the targets; raises
    :class:`ExportError` (nothing written, old files untouched)."""
    seen: dict[str, Path] = {}
    for job in plan.jobs:
        if job.kind == VIEW:
            get_format(job.format).view_for(options)
        writer_for(job.format, job.kind)
        key = str(job.target).casefold()  # one file on a case-insensitive disk
        if key in seen:
            raise ExportError(f"{job.target} and {seen[key]} would be the same file")
        seen[key] = job.target
    made = _make_folder(plan.folder) if plan.folder is not None else False
    batch = AtomicBatch()
    try:
        for job in plan.jobs:
            pages = [subject.page(index) for subject in job.subjects]
            batch.stage(job.target, partial(writer_for(job.format, job.kind), pages, options))
        batch.commit()
    except BaseException:
        batch.abort()
        if made and plan.folder is not None:
            with contextlib.suppress(OSError):
                plan.folder.rmdir()  # only when empty: nothing of the user's goes
        raise
    return plan.targets


def _make_folder(folder: Path) -> bool:
    """Make ``folder`` if missing (not its parents); True when made here."""
    if folder.is_dir():
        return False
    try:
        folder.mkdir(parents=False)
    except FileNotFoundError:
        raise ExportError(f"{folder}: the folder {folder.parent} does not exist") from None
    except FileExistsError:
        raise ExportError(f"{folder}: is a file; several outputs go into a folder") from None
    except OSError as exc:
        raise ExportError(f"{folder}: cannot create the folder: {exc.strerror}") from None
    return True
