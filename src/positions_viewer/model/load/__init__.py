"""Loading a comparison file (DESIGN §1), one module per job.

``decode`` (bytes to text) → ``parse`` (text to document; ``syntax`` locates parser errors)
→ ``validate`` (``values`` reads typed values, ``entries`` and ``positions`` build each
table's entries) → :class:`LoadResult`. ``schema`` is the one description of the format;
``locate`` and ``inline`` find where things are in the text when a diagnostic needs it.
"""

from .api import load_bytes, load_file
from .result import LoadResult
from .schema import SUPPORTED_SCHEMA

__all__ = ["SUPPORTED_SCHEMA", "LoadResult", "load_bytes", "load_file"]
