"""The one renderer (DESIGN §5): pages, grid and timeline painting. No widgets here."""
