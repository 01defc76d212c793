"""Renderers: pure functions of a Report, ReportDiff or findings. They format; they never compute.

``markdown`` and ``html`` (views), ``terminal`` (rich tables), ``tables`` (DataFrames, CSV,
XLSX), ``findings`` (check's formats), ``plots`` (trend charts); ``common`` holds what they share.
"""
