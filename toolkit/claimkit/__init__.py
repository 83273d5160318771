"""claimkit: source criticism for history essays.

Read essays and sources, pull out every figure and date with its frame (what
is counted, what happened, when, how sure, on whose word), flag where
sources disagree and check the figures against reference tables of cited
scholarship.

Example:
    >>> import claimkit
    >>> result = claimkit.audit(["sources/"], out_dir="claims")  # doctest: +SKIP
    >>> result.disagreements[result.disagreements.flagged]  # doctest: +SKIP
    >>> result.groups.head()  # aligned claims, one row per group  # doctest: +SKIP
"""

from . import plot
from .audit import AuditResult, audit
from .compare import compare, compare_added, compare_groups, pairs_of
from .errors import (
    CatalogError,
    ClaimkitError,
    ExtractionError,
    InputFormatError,
    LexiconError,
    SchemaError,
    SourceError,
    StoreError,
    UsageError,
)
from .extract import Extraction, extract, extract_all, extract_sources
from .grammar import DateExpr, Quantity, find_dates, find_quantities
from .nlp import add_components, load_pipeline
from .nlp.lexicon import Lexicon, read_lexicon
from .nlp.lexicon import using as using_lexicons
from .read import ReadResult, Source, read_source, read_sources
from .report import render_report, write_report
from .store import (
    CLAIM_COLUMNS,
    DISAGREEMENT_COLUMNS,
    GROUP_COLUMNS,
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
    "add_components", "audit", "check_names", "compare", "compare_added", "compare_groups", "extract", "extract_all", "extract_sources", "Extraction",
    "ExtractionError", "find_dates", "GROUP_COLUMNS", "find_quantities", "InputFormatError", "Lexicon", "LexiconError", "load_persons",
    "load_pipeline", "load_reference", "load_table", "NAME_COLUMNS", "pairs_of", "plot", "Quantity", "read_lexicon",
    "read_source", "read_sources", "read_table", "ReadResult", "ReferenceTable", "render_report", "schema",
    "SchemaError", "Source", "SourceError", "StoreError", "UsageError", "using_lexicons", "validate_records",
    "VERDICT_COLUMNS", "verify", "write_report", "write_table",
]
