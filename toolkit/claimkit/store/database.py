"""The embedded claims database: one DuckDB file with sources, claims, citations, disagreements,
reference verdicts and name checks.

Saving replaces the rows of the sources being saved (matched by source id or
by content hash) inside one transaction: a failed save leaves the previous
contents as they were, and re-running on the same files never duplicates rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from ..errors import StoreError
from .table import CITATION_COLUMNS, CLAIM_COLUMNS, DISAGREEMENT_COLUMNS, NAME_COLUMNS, VERDICT_COLUMNS, indexed

_SQL_TYPES = {"string": "VARCHAR", "Int64": "BIGINT", "Float64": "DOUBLE", "boolean": "BOOLEAN", "object": "VARCHAR[]"}
SOURCE_COLUMNS = {
    "source_id": "VARCHAR PRIMARY KEY", "path": "VARCHAR", "content_hash": "VARCHAR", "format": "VARCHAR",
    "encoding": "VARCHAR", "n_chars": "BIGINT", "title": "VARCHAR", "authors": "VARCHAR[]", "issued": "VARCHAR",
    "issued_from": "VARCHAR", "url": "VARCHAR", "genre": "VARCHAR", "excluded": "VARCHAR", "footnotes": "VARCHAR",
    "warnings": "VARCHAR[]", "audited_at": "VARCHAR", "run_id": "VARCHAR",
}
# One row per audit that stored sources here: when it ran and how many sources it stored, so that a report of
# the whole database can say which run each source came from.
RUN_COLUMNS = {"run_id": "VARCHAR PRIMARY KEY", "audited_at": "VARCHAR", "sources": "BIGINT"}


def _ddl(table: str, columns: dict[str, str], sql_types: bool = True) -> str:
    cols = ", ".join(f'"{c}" {(_SQL_TYPES[t] if sql_types else t)}' for c, t in columns.items())
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols})"


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create, when writing) the claims database at ``path``."""
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as err:
        raise StoreError(f"{path}: cannot open the claims database ({err}); is another program using it?") from None
    if not read_only:
        con.execute(_ddl("sources", SOURCE_COLUMNS, sql_types=False))
        con.execute(_ddl("claims", CLAIM_COLUMNS))
        con.execute(_ddl("disagreements", DISAGREEMENT_COLUMNS))
        con.execute(_ddl("citations", CITATION_COLUMNS))
        con.execute(_ddl("verdicts", VERDICT_COLUMNS))
        con.execute(_ddl("name_checks", NAME_COLUMNS))
        con.execute(_ddl("runs", RUN_COLUMNS, sql_types=False))
        have = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                           "WHERE table_name = 'sources'").fetchall()}
        for col, dtype in SOURCE_COLUMNS.items():  # sources of an earlier claimkit gain when they were audited
            if col not in have:
                con.execute(f'ALTER TABLE sources ADD COLUMN "{col}" {dtype}')
        for table, columns in (("claims", CLAIM_COLUMNS), ("citations", CITATION_COLUMNS),
                               ("disagreements", DISAGREEMENT_COLUMNS)):
            have = {r[0] for r in con.execute(f"SELECT column_name FROM information_schema.columns "
                                               f"WHERE table_name = '{table}'").fetchall()}
            for col, dtype in columns.items():  # a database written by an earlier claimkit gains the new columns
                if col not in have:
                    con.execute(f'ALTER TABLE {table} ADD COLUMN "{col}" {_SQL_TYPES[dtype]}')
    return con


def _sources_frame(records: list[dict], run: dict | None = None) -> pd.DataFrame:
    rows = []
    for r in records:
        row = dict(r)
        if run is not None:
            row["audited_at"], row["run_id"] = run["audited_at"], run["run_id"]
        row["excluded"] = json.dumps(r["excluded"], ensure_ascii=False)
        row["footnotes"] = json.dumps(r["footnotes"], ensure_ascii=False)
        rows.append(row)
    return pd.DataFrame.from_records(rows, columns=list(SOURCE_COLUMNS))


def _insert(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame, columns: dict[str, str]) -> None:
    """Append ``df``'s rows to ``table``, column by name (tables of older databases gained columns at the end)."""
    con.register(f"incoming_{table}", df[list(columns)])
    cols = ", ".join(f'"{c}"' for c in columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM incoming_{table}")


def save(path: str | Path, sources: list[dict], claims: pd.DataFrame, compare_all=None,
         citations: pd.DataFrame | None = None, verify_all=None,
         name_checks: pd.DataFrame | None = None, run: dict | None = None) -> pd.DataFrame:
    """Store sources and their claims (citations, name checks), replacing earlier rows of the same sources.

    ``run`` (``{"run_id", "audited_at"}``) stamps the sources with the audit that stored them and is
    recorded in the ``runs`` table; runs whose sources were all audited again since are dropped.

    ``compare_all(claims) -> disagreements`` and ``verify_all(claims) -> verdicts``
    are run over every claim in the database after the update, and their
    results replace the disagreements and verdicts tables, all in the same
    transaction. Returns the stored disagreements.
    """
    con = connect(path)
    try:
        con.execute("BEGIN TRANSACTION")
        ids = [s["source_id"] for s in sources]
        hashes = [s["content_hash"] for s in sources]
        stale = con.execute(
            "SELECT source_id FROM sources WHERE list_contains(?, source_id) OR list_contains(?, content_hash)",
            [ids, hashes],
        ).fetchall()
        stale_ids = sorted({r[0] for r in stale} | set(ids))
        con.execute("DELETE FROM claims WHERE list_contains(?, source_id)", [stale_ids])
        con.execute("DELETE FROM citations WHERE list_contains(?, source_id)", [stale_ids])
        con.execute("DELETE FROM name_checks WHERE list_contains(?, source_id)", [stale_ids])
        con.execute("DELETE FROM sources WHERE list_contains(?, source_id)", [stale_ids])
        _insert(con, "sources", _sources_frame(sources, run), SOURCE_COLUMNS)
        if run is not None:
            con.execute("DELETE FROM runs WHERE run_id = ?", [run["run_id"]])
            con.execute("INSERT INTO runs VALUES (?, ?, ?)", [run["run_id"], run["audited_at"], len(sources)])
            con.execute("DELETE FROM runs WHERE run_id NOT IN (SELECT run_id FROM sources WHERE run_id IS NOT NULL)")
        _insert(con, "claims", claims, CLAIM_COLUMNS)
        if citations is not None and len(citations):
            _insert(con, "citations", citations, CITATION_COLUMNS)
        if name_checks is not None and len(name_checks):
            _insert(con, "name_checks", name_checks, NAME_COLUMNS)
        disagreements = None
        if verify_all is not None or compare_all is not None:
            everything = con.execute("SELECT * FROM claims").df().astype(CLAIM_COLUMNS)
            for table, derive, columns in (("verdicts", verify_all, VERDICT_COLUMNS),
                                           ("disagreements", compare_all, DISAGREEMENT_COLUMNS)):
                if derive is None:
                    continue
                derived = derive(everything)
                con.execute(f"DELETE FROM {table}")
                _insert(con, table, derived, columns)
                if table == "disagreements":
                    disagreements = derived
        con.execute("COMMIT")
        return disagreements
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()


def load(path: str | Path, table: str = "claims") -> pd.DataFrame:
    """A table of the database as a DataFrame with claimkit's dtypes."""
    columns = {"claims": CLAIM_COLUMNS, "disagreements": DISAGREEMENT_COLUMNS, "citations": CITATION_COLUMNS,
               "verdicts": VERDICT_COLUMNS, "name_checks": NAME_COLUMNS}.get(table)
    con = connect(path, read_only=True)
    try:
        df = con.execute(f"SELECT * FROM {table}").df()
    finally:
        con.close()
    df = df.astype(columns) if columns else df
    key = {"claims": "claim_id", "disagreements": "pair_id"}.get(table)
    return indexed(df, key) if key else df
