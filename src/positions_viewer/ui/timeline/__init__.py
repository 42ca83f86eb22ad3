"""The timeline widget (DESIGN §3): zoom, pan, brush, select, keys and tooltips over the
renderer in ``positions_viewer.ui.render.timeline``."""
