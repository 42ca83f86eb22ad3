"""The timeline's renderer (DESIGN §3): geometry, layout and painting, no widgets.

Qt-free, under an import-linter contract: ``scale`` (time ↔ pixels), ``ticks``, ``stacking``
(marks and labels in lanes; a label inside its bar or beside its mark), ``words`` (labels
cut by whole words), ``cluster`` ("+n" chips), ``lod`` (culling, level of detail, density
counts), ``data`` (the shown events as arrays, the span a fit shows) and ``view`` (the range
shown, what is marked). With QtGui: ``style``, ``frame`` (one frame laid out, into
``parts``: bands, items, chips), ``counts`` ("+n" chips, density counts over their events),
``labels``, ``fit`` (the fitted view, an export's height at the window's level of detail),
``paint`` (:func:`~.paint.paint_timeline`), ``marks``, ``primitives``, ``raster``
(pixel-exact shortcuts) and ``hit`` (hit-testing).

This package's ``__init__`` imports nothing, so that the Qt-free modules stay Qt-free when
imported alone.
"""
