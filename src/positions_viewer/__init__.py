"""Positions Viewer: compare what actors have publicly said on a set of issues, over time."""

__version__ = "0.1.0"
