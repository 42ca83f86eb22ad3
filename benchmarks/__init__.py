"""Benchmarks for Positions Viewer (issue #7): ``python -m benchmarks.run``.

``benchmarks.generate`` writes deterministic synthetic datasets; ``benchmarks.run`` times the
figures the issue lists against baselines measured in the same run and prints one table.
"""
