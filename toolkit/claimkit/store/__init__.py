"""Storage: tables in, the DuckDB file and the JSONL, CSV and Parquet exports out.

``table`` declares every table's columns and dtypes; ``schemas`` holds the
validators of the JSON Schemas in ``claimkit/schemas/`` that every record
leaving the program is checked against; ``database`` is the embedded DuckDB
file; ``exports`` writes files atomically.
"""

from . import database, exports
from .exports import FORMATS, atomic_path, read_table, write_table
from .schemas import record_errors, schema, validate_records
from .table import (
    CITATION_COLUMNS,
    CLAIM_COLUMNS,
    DISAGREEMENT_COLUMNS,
    GROUP_COLUMNS,
    NAME_COLUMNS,
    VERDICT_COLUMNS,
    citations_frame,
    claims_frame,
    disagreements_frame,
    frame,
    indexed,
    to_records,
)

__all__ = [
    "CITATION_COLUMNS", "CLAIM_COLUMNS", "DISAGREEMENT_COLUMNS", "FORMATS", "GROUP_COLUMNS", "NAME_COLUMNS", "VERDICT_COLUMNS",
    "atomic_path", "citations_frame", "claims_frame", "database", "disagreements_frame", "exports", "frame", "indexed",
    "read_table", "record_errors", "schema", "to_records", "validate_records", "write_table",
]
