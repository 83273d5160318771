"""Verification: claims and reference tables of cited figures in, verdicts and name checks out."""

from .references import DEFAULT_FOLDER, ReferenceTable, default_tables, format_reference, load_persons, load_reference
from .verdicts import check_names, verify

__all__ = [
    "DEFAULT_FOLDER", "ReferenceTable", "check_names", "default_tables", "format_reference", "load_persons",
    "load_reference", "verify",
]
