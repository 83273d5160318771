"""A SQLite copy of the claims database, for the tools that read SQLite (Datasette, sqlite-utils, any SQL client).

Every table of ``claims.duckdb`` is copied as it is; list columns (``reasons``,
``citations``, ``participants``) become JSON arrays in text, which Datasette
and SQLite's JSON functions read. Each table gets an index on its key columns,
so that Datasette's facets and row pages stay quick. The copy is written
beside its target and moved into place, so a failed export leaves no half file.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd

from .database import connect
from .exports import atomic_path

_KEYS = {"sources": ("source_id",), "claims": ("claim_id", "source_id"), "disagreements": ("pair_id", "a", "b"),
         "citations": ("citation_id", "source_id"), "verdicts": ("claim_id",), "name_checks": ("source_id",),
         "runs": ("run_id",)}


def _cell(v):
    if isinstance(v, np.ndarray):
        v = v.tolist()
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def write_sqlite(database: str | Path, path: str | Path) -> Path:
    """Copy every table of the DuckDB file ``database`` into a new SQLite file at ``path``."""
    src = connect(database, read_only=True)
    try:
        tables = [r[0] for r in src.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_schema = 'main' ORDER BY table_name").fetchall()]
        frames = {t: src.execute(f'SELECT * FROM "{t}"').df() for t in tables}
    finally:
        src.close()
    path = Path(path)
    with atomic_path(path) as tmp:
        con = sqlite3.connect(tmp)
        try:
            for table, df in frames.items():
                df = df.copy()
                for col in df.columns:
                    if df[col].dtype == object:
                        df[col] = df[col].map(_cell)
                df = df.astype(object).where(pd.notna(df), None)
                df.to_sql(table, con, index=False)
                for col in _KEYS.get(table, ()):
                    if col in df.columns:
                        con.execute(f'CREATE INDEX "idx_{table}_{col}" ON "{table}" ("{col}")')
            con.commit()
        finally:
            con.close()
    return path
