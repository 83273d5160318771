"""The report: sources, claims, disagreements, verdicts and name checks in, one report.html out."""

from .page import render_report, report_from_database, write_report

__all__ = ["render_report", "report_from_database", "write_report"]
