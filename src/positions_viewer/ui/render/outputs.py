"""Every drawn export format, registered: importing this module gives ``png``, ``pdf`` and
``svg`` their writers in ``positions_viewer.export.formats`` (the command line imports it
when a drawn format is asked for; the Export dialog lists what is registered)."""

from __future__ import annotations

from . import image, pdf, svg

__all__ = ["image", "pdf", "svg"]
