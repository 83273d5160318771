"""A stored audit read back: its report (everything in the database, or the sources asked for, with each
run's date) and its exports for other tools (W3C Web Annotations, a SQLite copy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import duckdb
import pandas as pd

from ..errors import ClaimkitError, StoreError
from ..read import Source, reread_source
from ..store import annotations as w3c
from ..store import database as store
from ..store import to_records
from ..store.sqlite import write_sqlite
from . import words
from .page import Coverage, write_report

EXPORT_FORMATS = ("w3c", "sqlite")
EXPORT_FILES = {"w3c": "annotations.jsonld", "sqlite": "claims.sqlite"}


@dataclass
class Stored:
    """What a claims database holds for the sources asked for, their files read again."""

    database: Path
    sources: list[Source]
    claims: pd.DataFrame
    disagreements: pd.DataFrame
    verdicts: pd.DataFrame
    names: pd.DataFrame
    citations: pd.DataFrame
    coverage: Coverage
    warnings: list[str] = field(default_factory=list)
    groups: pd.DataFrame | None = None


def _table(db: Path, name: str) -> pd.DataFrame:
    try:
        return store.load(db, name)
    except (duckdb.Error, StoreError):  # a database written before the table existed
        return pd.DataFrame()


def _pick(stored: pd.DataFrame, wanted: Iterable[str], db: Path) -> tuple[pd.DataFrame, list[str]]:
    """The stored sources named by id, path or file name; an unknown name is an error naming it."""
    keep, labels = set(), []
    for want in wanted:
        want = str(want)
        hit = stored[(stored["source_id"] == want) | (stored["path"] == want)
                     | (stored["path"].map(lambda p: Path(str(p)).name) == Path(want).name)
                     | (stored["path"].map(lambda p: str(Path(str(p)).resolve())) == str(Path(want).resolve()))]
        if hit.empty:
            known = ", ".join(sorted(stored["source_id"].astype(str))[:8])
            raise StoreError(f"{db}: no stored source is called {want!r}; give a source id, a file name or a path "
                             f"that was audited (stored: {known}{' ...' if len(stored) > 8 else ''})")
        keep |= set(hit["source_id"])
        labels.append(want)
    return stored[stored["source_id"].isin(keep)], labels


def load_stored(folder: str | Path, sources: Iterable[str] | None = None) -> Stored:
    """Everything stored in ``folder/claims.duckdb``, or the ``sources`` named (by id, file name or path),
    their files read again (a file gone or changed is a warning and is left out of the texts).

    Raises:
        StoreError: there is no database in ``folder``, or a source asked for is not in it.
    """
    folder = Path(folder)
    db = folder / "claims.duckdb"
    if not db.exists():
        raise StoreError(f"{db}: no claims database here; run 'claimkit audit PATH... --out {folder}' first")
    stored = store.load(db, "sources")
    narrowed: list[str] = []
    if sources:
        stored, narrowed = _pick(stored, sources, db)
    ids = set(stored["source_id"])
    claims = store.load(db, "claims")
    claims = claims[claims["source_id"].isin(ids)]
    kept = set(claims["claim_id"].astype(object))
    disagreements = store.load(db, "disagreements")
    disagreements = disagreements[disagreements["source_a"].isin(ids) & disagreements["source_b"].isin(ids)]
    groups = store.load(db, "groups")
    groups = groups[[any(m in kept for m in members) for members in groups["members"]]] \
        if len(groups) and sources else groups  # narrowed: the groups of those sources' claims
    verdicts = _table(db, "verdicts")
    names = _table(db, "name_checks")
    citations = store.load(db, "citations")
    if len(verdicts):
        verdicts = verdicts[verdicts["source_id"].isin(ids)]
    if len(names):
        names = names[names["source_id"].isin(ids)]
    citations = citations[citations["source_id"].isin(ids)]

    read, warnings = [], []
    for record in to_records(stored):
        try:
            read.append(reread_source(record, folder))
        except ClaimkitError as err:
            warnings.append(f"{err}; its claims are listed without its text")

    audited = {r.source_id: r.audited_at for r in stored.itertuples()
               if isinstance(getattr(r, "audited_at", None), str)}
    runs = _table(db, "runs")
    per_run = stored["run_id"].value_counts().to_dict() if "run_id" in stored else {}
    run_rows = [{"run_id": r.run_id, "audited_at": r.audited_at, "sources": int(per_run.get(r.run_id, 0))}
                for r in runs.itertuples() if per_run.get(r.run_id)] if len(runs) else []
    coverage = Coverage(scope="database", where=str(db), runs=run_rows, audited_at=audited, narrowed=narrowed)
    return Stored(db, read, claims, disagreements, verdicts, names, citations, coverage, warnings, groups)


def report_from_database(folder: str | Path, path: str | Path | None = None,
                         sources: Iterable[str] | None = None) -> tuple[Path, list[str]]:
    """Write the report of everything stored in ``folder/claims.duckdb`` (or of the ``sources`` named);
    returns the report's path and warnings (files gone or changed since they were audited).

    Raises:
        StoreError: there is no database in ``folder``, or a source asked for is not in it.
    """
    s = load_stored(folder, sources)
    path = write_report(path or Path(folder) / "report.html", s.sources, s.claims, s.disagreements,
                        verdicts=s.verdicts if len(s.verdicts) else None, names=s.names if len(s.names) else None,
                        citations=s.citations, coverage=s.coverage, groups=s.groups)
    return path, s.warnings


def export_from_database(folder: str | Path, fmt: str, path: str | Path | None = None,
                         sources: Iterable[str] | None = None) -> tuple[Path, list[str]]:
    """Export a stored audit for other tools: ``w3c`` (Web Annotations of every claim, JSON-LD) or ``sqlite``
    (a copy of the whole database). Returns the file written and warnings.

    Raises:
        StoreError: no database in ``folder``, an unknown format, or a source asked for is not stored.
    """
    from importlib.metadata import version

    folder = Path(folder)
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    path = Path(path) if path else folder / EXPORT_FILES[fmt]
    if fmt == "sqlite":
        db = folder / "claims.duckdb"
        if not db.exists():
            raise StoreError(f"{db}: no claims database here; run 'claimkit audit PATH... --out {folder}' first")
        if sources:
            raise StoreError("--sources narrows a w3c export; the SQLite copy holds the whole database")
        return write_sqlite(db, path), []
    s = load_stored(folder, sources)
    originals = {src.source_id: (Path(src.path).resolve().as_uri(), src.original) for src in s.sources}
    status: dict[str, str] = {}
    rank = {"conflict": 3, "scope_differs": 2, "agree": 1}
    for members in (s.groups["members"] if s.groups is not None else ()):
        for cid in members:  # a member of a group agrees at least (its plain agreements are not stored as pairs)
            status.setdefault(cid, "agree")
    for p in to_records(s.disagreements):
        for cid in (p["a"], p["b"]):
            if rank.get(p["status"], 0) > rank.get(status.get(cid, ""), 0):
                status[cid] = p["status"]
    records = w3c.annotations(to_records(s.claims), originals, status=status, created=s.coverage.audited_at,
                              describe=words.describe,
                              generator={"type": "Software", "name": f"claimkit {version('claimkit')}"})
    return w3c.write_annotations(records, path), s.warnings
