"""The filter bar: issues, actors, dates, search and reset, bound to the session."""
