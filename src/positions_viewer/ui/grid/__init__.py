"""The side-by-side grid: a thin Qt model over the query result, and its view."""
