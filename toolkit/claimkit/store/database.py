"""The embedded claims database: one DuckDB file with sources, claims, citations, disagreements,
reference verdicts and name checks.

Saving replaces the rows of the sources being saved (matched by source id, or by
the file's path when its id changed) inside one transaction: a failed save
leaves the previous contents as they were, and re-running on the same files
never duplicates rows. Two files with the same text are two sources; each
source lists the others in ``same_text_as``. The ``name_keys`` table is the
merge table of people's and organisations' keys (see
:meth:`claimkit.extract.NameIndex.merge_table`): a form stored once keeps its key.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ..errors import StoreError
from .table import (CITATION_COLUMNS, CLAIM_COLUMNS, DISAGREEMENT_COLUMNS, GROUP_COLUMNS, NAME_COLUMNS, VERDICT_COLUMNS,
                    indexed)

_SQL_TYPES = {"string": "VARCHAR", "Int64": "BIGINT", "Float64": "DOUBLE", "boolean": "BOOLEAN", "object": "VARCHAR[]"}
SOURCE_COLUMNS = {
    "source_id": "VARCHAR PRIMARY KEY", "path": "VARCHAR", "content_hash": "VARCHAR", "format": "VARCHAR",
    "encoding": "VARCHAR", "n_chars": "BIGINT", "title": "VARCHAR", "authors": "VARCHAR[]", "issued": "VARCHAR",
    "issued_from": "VARCHAR", "url": "VARCHAR", "genre": "VARCHAR", "excluded": "VARCHAR", "footnotes": "VARCHAR",
    "warnings": "VARCHAR[]", "text_hash": "VARCHAR", "same_text_as": "VARCHAR[]", "original_file": "VARCHAR",
    "audited_at": "VARCHAR", "run_id": "VARCHAR",
}
# One row per audit that stored sources here: when it ran and how many sources it stored, so that a report of
# the whole database can say which run each source came from.
RUN_COLUMNS = {"run_id": "VARCHAR PRIMARY KEY", "audited_at": "VARCHAR", "sources": "BIGINT"}
NAME_KEY_COLUMNS = {"kind": "VARCHAR", "form": "VARCHAR", "name": "VARCHAR", "key": "VARCHAR"}


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
        con.execute(_ddl("groups", GROUP_COLUMNS))
        con.execute(_ddl("citations", CITATION_COLUMNS))
        con.execute(_ddl("verdicts", VERDICT_COLUMNS))
        con.execute(_ddl("name_checks", NAME_COLUMNS))
        con.execute(_ddl("runs", RUN_COLUMNS, sql_types=False))
        con.execute(_ddl("name_keys", NAME_KEY_COLUMNS, sql_types=False))
        for table, columns, typed in (("claims", CLAIM_COLUMNS, True), ("citations", CITATION_COLUMNS, True),
                                      ("disagreements", DISAGREEMENT_COLUMNS, True), ("sources", SOURCE_COLUMNS, False)):
            have = {r[0] for r in con.execute(f"SELECT column_name FROM information_schema.columns "
                                               f"WHERE table_name = '{table}'").fetchall()}
            for col, dtype in columns.items():  # a database written by an earlier claimkit gains the new columns
                if col not in have:
                    con.execute(f'ALTER TABLE {table} ADD COLUMN "{col}" {_SQL_TYPES[dtype] if typed else dtype}')
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


def stored_sources(path: str | Path) -> pd.DataFrame:
    """``source_id``, ``path`` (as stored), ``text_hash`` and ``content_hash`` of every source in the
    database at ``path``; empty when there is no database yet."""
    columns = ["source_id", "path", "text_hash", "content_hash"]
    if not Path(path).exists():
        return pd.DataFrame(columns=columns)
    con = connect(path, read_only=True)
    try:
        have = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                          "WHERE table_name = 'sources'").fetchall()}
        if not have:
            return pd.DataFrame(columns=columns)
        picked = ", ".join(f'"{c}"' if c in have else f'NULL AS "{c}"' for c in columns)
        return con.execute(f"SELECT {picked} FROM sources").df()
    finally:
        con.close()


def load_name_keys(path: str | Path) -> list[dict]:
    """The stored merge table of name keys (empty when there is no database or no table yet)."""
    if not Path(path).exists():
        return []
    con = connect(path, read_only=True)
    try:
        if not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'name_keys'").fetchall()[0][0]:
            return []
        rows = con.execute("SELECT kind, form, name, key FROM name_keys ORDER BY rowid").fetchall()
    finally:
        con.close()
    return [dict(zip(NAME_KEY_COLUMNS, r)) for r in rows]


def _typed(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """A table read from the database with claimkit's dtypes (list columns as Python lists)."""
    for col, dtype in columns.items():
        if dtype == "object" and col in df:
            df[col] = pd.Series([list(v) if isinstance(v, (list, tuple, np.ndarray)) else None for v in df[col]],
                                index=df.index, dtype=object)
    return df.astype(columns)


def _insert(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame, columns: dict[str, str]) -> None:
    """Append ``df``'s rows to ``table``, column by name (tables of older databases gained columns at the end)."""
    con.register(f"incoming_{table}", df[list(columns)])
    cols = ", ".join(f'"{c}"' for c in columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM incoming_{table}")


def save(path: str | Path, sources: list[dict], claims: pd.DataFrame, compare_all=None,
         citations: pd.DataFrame | None = None, verdicts: pd.DataFrame | None = None,
         name_checks: pd.DataFrame | None = None, name_keys: list[dict] | None = None,
         derived: dict[str, pd.DataFrame] | None = None, run: dict | None = None) -> pd.DataFrame | None:
    """Store sources and their claims (citations, verdicts, name checks), replacing earlier rows of the same
    sources.

    ``run`` (``{"run_id", "audited_at"}``) stamps the sources with the audit that stored them and is
    recorded in the ``runs`` table; runs whose sources were all audited again since are dropped.

    The cross-run tables, ``groups`` and ``disagreements``, are updated for the new claims only:
    ``compare_all(claims, added, groups, pairs) -> (groups, pairs)`` (see
    :func:`claimkit.compare.compare_added`) gets every stored claim, the ids of this run's, and
    the stored tables. ``derived`` may hold the ``groups`` and ``disagreements`` the caller computed
    over ``claims``: when the database holds no other source they are stored as they are (they are the
    same tables). ``verdicts`` are per claim: this run's replace those of its sources. All in one
    transaction. ``name_keys`` rows (the run's merge table) are added where their form is not stored yet.
    Returns the stored disagreements (None when no comparison is asked for).
    """
    con = connect(path)
    try:
        con.execute("BEGIN TRANSACTION")
        ids = [s["source_id"] for s in sources]
        paths = [s["path"] for s in sources]
        stale = con.execute(
            "SELECT source_id FROM sources WHERE list_contains(?, source_id) OR list_contains(?, path)",
            [ids, paths],
        ).fetchall()
        stale_ids = sorted({r[0] for r in stale} | set(ids))
        con.execute("DELETE FROM claims WHERE list_contains(?, source_id)", [stale_ids])
        con.execute("DELETE FROM citations WHERE list_contains(?, source_id)", [stale_ids])
        con.execute("DELETE FROM name_checks WHERE list_contains(?, source_id)", [stale_ids])
        con.execute("DELETE FROM verdicts WHERE list_contains(?, source_id)", [stale_ids])
        con.execute("DELETE FROM sources WHERE list_contains(?, source_id)", [stale_ids])
        others = con.execute("SELECT count(*) FROM sources").fetchall()[0][0]
        _insert(con, "sources", _sources_frame(sources, run), SOURCE_COLUMNS)
        if run is not None:
            con.execute("DELETE FROM runs WHERE run_id = ?", [run["run_id"]])
            con.execute("INSERT INTO runs VALUES (?, ?, ?)", [run["run_id"], run["audited_at"], len(sources)])
            con.execute("DELETE FROM runs WHERE run_id NOT IN (SELECT run_id FROM sources WHERE run_id IS NOT NULL)")
        _insert(con, "claims", claims, CLAIM_COLUMNS)
        if citations is not None and len(citations):
            _insert(con, "citations", citations, CITATION_COLUMNS)
        if verdicts is not None and len(verdicts):
            _insert(con, "verdicts", verdicts, VERDICT_COLUMNS)
        if name_checks is not None and len(name_checks):
            _insert(con, "name_checks", name_checks, NAME_COLUMNS)
        con.execute("UPDATE sources SET same_text_as = coalesce((SELECT list(o.source_id ORDER BY o.source_id) "
                    "FROM sources o WHERE o.text_hash = sources.text_hash AND o.source_id <> sources.source_id), [])")
        if name_keys:
            keys = pd.DataFrame.from_records(name_keys, columns=list(NAME_KEY_COLUMNS))
            con.register("incoming_name_keys", keys)
            con.execute("INSERT INTO name_keys SELECT i.kind, i.form, i.name, i.key FROM incoming_name_keys i "
                        "WHERE NOT EXISTS (SELECT 1 FROM name_keys k WHERE k.kind = i.kind AND k.form = i.form)")
        disagreements = None
        if compare_all is not None:
            known = derived or {}
            if others == 0 and known.get("groups") is not None and known.get("disagreements") is not None:
                groups, disagreements = known["groups"], known["disagreements"]  # the database is this run's
            else:
                everything = con.execute("SELECT * FROM claims").df().astype(CLAIM_COLUMNS)
                groups, disagreements = compare_all(
                    everything, set(claims["claim_id"].astype(object)),
                    _typed(con.execute("SELECT * FROM groups").df(), GROUP_COLUMNS),
                    _typed(con.execute("SELECT * FROM disagreements").df(), DISAGREEMENT_COLUMNS))
                del everything
            for table, df, columns in (("groups", groups, GROUP_COLUMNS),
                                       ("disagreements", disagreements, DISAGREEMENT_COLUMNS)):
                con.execute(f"DELETE FROM {table}")
                _insert(con, table, df, columns)
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
               "verdicts": VERDICT_COLUMNS, "name_checks": NAME_COLUMNS, "groups": GROUP_COLUMNS}.get(table)
    con = connect(path, read_only=True)
    try:
        df = con.execute(f"SELECT * FROM {table}").df()
    except duckdb.CatalogException:
        if columns is None:
            raise StoreError(f"{path}: the claims database has no table {table!r}") from None
        df = pd.DataFrame({c: [] for c in columns})  # a database from an earlier claimkit: not there yet
    finally:
        con.close()
    df = _typed(df, columns) if columns else df
    key = {"claims": "claim_id", "disagreements": "pair_id", "groups": "group_id"}.get(table)
    return indexed(df, key) if key else df
