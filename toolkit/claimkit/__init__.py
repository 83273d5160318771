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
from .compare import compare
from .errors import (
    CatalogError,
    ClaimkitError,
    ExtractionError,
    InputFormatError,
    SchemaError,
    SourceError,
    StoreError,
    UsageError,
)
from .extract import Extraction, extract, extract_all, extract_sources
from .grammar import DateExpr, Quantity, find_dates, find_quantities
from .nlp import add_components, load_pipeline
from .read import ReadResult, Source, read_source, read_sources
from .report import render_report, write_report
from .store import (
    CLAIM_COLUMNS,
    DISAGREEMENT_COLUMNS,
    NAME_COLUMNS,
    VERDICT_COLUMNS,
    read_table,
    schema,
    validate_records,
    write_table,
)
from .store.database import load as load_table
from .verify import ReferenceTable, check_names, load_persons, load_reference, verify

__version__ = "0.1.0"

__all__ = [
    "AuditResult", "CLAIM_COLUMNS", "CatalogError", "ClaimkitError", "DISAGREEMENT_COLUMNS", "DateExpr",
    "Extraction", "ExtractionError", "InputFormatError", "NAME_COLUMNS", "Quantity", "ReadResult", "ReferenceTable",
    "SchemaError", "Source", "SourceError", "StoreError", "UsageError", "VERDICT_COLUMNS", "add_components", "audit",
    "check_names", "compare", "extract", "extract_all", "extract_sources", "find_dates", "find_quantities", "load_persons", "load_pipeline", "load_reference",
    "load_table", "read_source", "read_sources", "read_table", "render_report", "schema", "validate_records",
    "verify", "write_report", "write_table",
]
