"""claimkit: source criticism for history essays.

Read essays and sources, pull out every figure and date with its frame (what
is counted, what happened, when, how sure, on whose word) and flag where
sources disagree.

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
from .schemas import schema, validate_records
from .sources import ReadResult, Source, read_source, read_sources
from .store import load as load_table
from .table import CLAIM_COLUMNS, DISAGREEMENT_COLUMNS

__version__ = "0.1.0"

__all__ = [
    "AuditResult", "CLAIM_COLUMNS", "CatalogError", "ClaimkitError", "DISAGREEMENT_COLUMNS", "DateExpr",
    "InputFormatError", "Quantity", "ReadResult", "SchemaError", "Source", "SourceError", "StoreError",
    "add_components", "audit", "compare", "extract", "extract_sources", "find_dates", "find_quantities",
    "load_pipeline", "load_table", "read_source", "read_sources", "read_table", "schema",
    "validate_records", "write_table",
]
