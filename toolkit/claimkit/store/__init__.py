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
    "atomic_path", "CITATION_COLUMNS", "citations_frame", "CLAIM_COLUMNS", "claims_frame", "database",
    "DISAGREEMENT_COLUMNS", "disagreements_frame", "exports", "folder_lock", "FORMATS", "frame", "GROUP_COLUMNS",
    "indexed", "NAME_COLUMNS", "outputs", "OutputSet", "read_table", "record_errors", "recover", "schema",
    "schema_errors", "SET_FILES", "text_file", "to_records", "validate_records", "VERDICT_COLUMNS", "write_table",
]
