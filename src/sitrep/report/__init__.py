"""Assemble a :class:`~sitrep.types.Report` from the annotated document."""

from sitrep.report.build import build_report

__all__ = ["build_report"]
