"""Many actors (issue 13 item 13): an export keeps readable columns by laying the page out
wider, and its legend names every actor, wrapped onto more rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from positions_viewer.limits import MIN_EXPORT_COLUMN_PX
from positions_viewer.model import DatasetIndex, Filter, load_file
from positions_viewer.ui.render.image import render_png
from positions_viewer.ui.render.page import PageSpec, layout_page

WriteToml = Callable[..., Path]


def eight_actors(write_toml: WriteToml) -> Path:
    actors = "".join(f'[[actors]]\nid = "a{n}"\nname = "Member state number {n}"\n'
                     f'detail = "Ministry of foreign affairs"\n' for n in range(8))
    positions = "".join(f'[[positions]]\nactor = "a{n}"\nissue = "i"\nstance = "abstain"\n'
                        f'text = "A statement of a few words by member {n}."\n'
                        for n in range(8))
    return write_toml('schema = 1\ntitle = "UN-like"\n' + actors
                      + '[[issues]]\nid = "i"\ntitle = "A resolution"\n' + positions)


def test_an_export_of_eight_actors_is_laid_out_wider(write_toml: WriteToml,
                                                     qapp: object) -> None:
    dataset = load_file(eight_actors(write_toml)).dataset
    assert dataset is not None
    index = DatasetIndex(dataset)
    result = index.query(Filter())
    image = render_png(result, index, "grid", width=1280)
    assert image.width() > 1280
    layout = layout_page(result, index, PageSpec(view="grid", width=1280,
                                                 min_column_px=MIN_EXPORT_COLUMN_PX))
    assert layout.grid is not None and layout.grid.column_width >= MIN_EXPORT_COLUMN_PX
    # The window's own page (no minimum) keeps the width it is given.
    plain = layout_page(result, index, PageSpec(view="grid", width=1280))
    assert plain.spec.width == 1280


def test_the_legend_names_every_actor_on_wrapped_rows(write_toml: WriteToml,
                                                      qapp: object) -> None:
    dataset = load_file(eight_actors(write_toml)).dataset
    assert dataset is not None
    index = DatasetIndex(dataset)
    layout = layout_page(index.query(Filter()), index, PageSpec(view="timeline", width=640))
    entries = [entry for row in layout.legend_rows for entry in row]
    assert [entry[0] for entry in entries] == list(range(8))
    assert len(layout.legend_rows) > 1
    assert all(not label.endswith("…") for _index, label, _w in entries)
