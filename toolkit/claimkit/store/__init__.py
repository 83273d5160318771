"""Storage: tables in, the DuckDB file and the JSONL, CSV and Parquet exports out.

``table`` declares every table's columns and dtypes; ``schemas`` holds the
validators of the JSON Schemas in ``claimkit/schemas/`` that every record
leaving the program is checked against; ``database`` is the embedded DuckDB
file; ``exports`` writes files atomically; ``outputs`` writes a run's files as one
set that replaces the earlier set whole or not at all.
"""

from . import database, exports, outputs
from .exports import FORMATS, atomic_path, read_table, write_table
from .outputs import SET_FILES, OutputSet, folder_lock, recover, text_file
from .schemas import record_errors, schema, schema_errors, validate_records
from .table import (
    CITATION_COLUMNS,
    CLAIM_COLUMNS,
    DISAGREEMENT_COLUMNS,
    NAME_COLUMNS,
    VERDICT_COLUMNS,
    citations_frame,
    claims_frame,
    disagreements_frame,
    frame,
    to_records,
)

__all__ = [
    "CITATION_COLUMNS", "CLAIM_COLUMNS", "DISAGREEMENT_COLUMNS", "FORMATS", "NAME_COLUMNS", "VERDICT_COLUMNS",
    "OutputSet", "SET_FILES", "atomic_path", "citations_frame", "claims_frame", "database", "disagreements_frame", "exports",
    "folder_lock", "frame", "outputs", "recover", "text_file",
    "read_table", "record_errors", "schema", "schema_errors", "to_records", "validate_records", "write_table",
]
