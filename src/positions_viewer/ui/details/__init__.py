"""The details panel: the selected cell's history, an issue or an event."""
