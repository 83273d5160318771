"""The report: sources, claims, disagreements, verdicts and name checks in, one report.html out.

Also a stored audit in, its exports for other tools out (W3C annotations, a SQLite copy), and the
pieces a notebook uses: aligned groups of figures and their charts (matplotlib).
"""

from .groups import Group, Member, groups_from_pairs, groups_from_table
from .page import Coverage, render_report, write_report
from .stored import EXPORT_FORMATS, export_from_database, load_stored, report_from_database

__all__ = ["Coverage", "EXPORT_FORMATS", "Group", "Member", "export_from_database", "groups_from_pairs",
           "groups_from_table", "load_stored", "render_report", "report_from_database", "write_report"]
