"""The one renderer: pages, grid and timeline painting, and image files; no widgets."""
