"""claimkit: source criticism for history essays.

Read essays and sources, pull out every figure and date with its frame (what
is counted, what happened, when, how sure, on whose word), flag where
sources disagree and check the figures against reference tables of cited
scholarship.

Example:
    >>> import claimkit
    >>> result = claimkit.audit(["sources/"], out_dir="claims")  # doctest: +SKIP
    >>> result.disagreements[result.disagreements.flagged]  # doctest: +SKIP
"""

from .audit import AuditResult, audit
from .claims import extract, extract_sources
from .compare import compare
from .date_grammar import DateExpr, find_dates
from .errors import (
    CatalogError,
    ClaimkitError,
    InputFormatError,
    SchemaError,
    SourceError,
    StoreError,
)
from .exports import read_table, write_table
from .nlp import add_components, load_pipeline
from .quantity_grammar import Quantity, find_quantities
from .references import ReferenceTable, load_persons, load_reference
from .report import render_report, write_report
from .schemas import schema, validate_records
from .sources import ReadResult, Source, read_source, read_sources
from .store import load as load_table
from .table import CLAIM_COLUMNS, DISAGREEMENT_COLUMNS, NAME_COLUMNS, VERDICT_COLUMNS
from .verify import check_names, verify

__version__ = "0.1.0"

__all__ = [
    "AuditResult", "CLAIM_COLUMNS", "CatalogError", "ClaimkitError", "DISAGREEMENT_COLUMNS", "DateExpr",
    "InputFormatError", "NAME_COLUMNS", "Quantity", "ReadResult", "ReferenceTable", "SchemaError", "Source",
    "SourceError", "StoreError", "VERDICT_COLUMNS", "add_components", "audit", "check_names", "compare", "extract",
    "extract_sources", "find_dates", "find_quantities", "load_persons", "load_pipeline", "load_reference",
    "load_table", "read_source", "read_sources", "read_table", "render_report", "schema", "validate_records",
    "verify", "write_report", "write_table",
]
