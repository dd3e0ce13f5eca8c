"""Synthetic national data and benchmarks of the dashboards and the case list.

``python -m bench generate`` fills a database with a deterministic national dataset;
``python -m bench dashboard`` and ``python -m bench cases`` time what the pages evaluate. See
``docs/performance.md``.
"""
