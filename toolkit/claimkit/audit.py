"""The whole job: read sources, extract claims, compare them, validate, store and export."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
from spacy.language import Language

from .compare import compare
from .errors import ClaimkitError
from .extract import citations_of, extract_sources
from .nlp.lexicon import accepts_lexicons
from .read import DEFAULT_FALLBACK, Source, read_sources
from .report import Coverage, write_report
from .report import summary as _summary
from .store import database as store
from .store import exports, indexed, to_records, validate_records
from .verify import ReferenceTable, check_names, default_tables, load_persons, load_reference, verify

DATABASE = "claims.duckdb"


@dataclass
class AuditResult:
    """What an audit produced; ``errors`` lists the inputs that failed (the rest was processed)."""

    sources: list[Source]
    claims: pd.DataFrame
    disagreements: pd.DataFrame
    verdicts: pd.DataFrame | None = None
    names: pd.DataFrame | None = None
    errors: list[ClaimkitError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    def _summary(self) -> tuple[dict[str, int], str | None]:
        where = str(Path(self.outputs["database"]).parent) if "database" in self.outputs else None
        return _summary.counts(self.claims, self.disagreements, self.verdicts, len(self.sources),
                               len(self.errors)), where

    def __repr__(self) -> str:
        """Counts only (the sources' texts would fill a screen): sources, claims, findings, outputs."""
        numbers, where = self._summary()
        return _summary.short_text(numbers, where)

    def _repr_html_(self) -> str:
        """In Jupyter: the counts and the top contradictions in plain words."""
        numbers, where = self._summary()
        return _summary.html_summary(numbers, _summary.top_findings(self.sources, self.claims, self.disagreements),
                                     where)


@accepts_lexicons
def audit(
    paths: Iterable[str | Path],
    *,
    out_dir: str | Path = "claims",
    catalog: str | Path | None = None,
    encoding: str = DEFAULT_FALLBACK,
    nlp: Language | None = None,
    on_source: Callable[[Source, int], None] | None = None,
    references: Iterable[str | Path] | None = None,
    persons: str | Path | None = None,
    report: bool = True,
) -> AuditResult:
    """Audit files and folders and write every output into ``out_dir``.

    Writes ``claims.jsonl``, ``citations.jsonl``, ``disagreements.jsonl``, ``sources.jsonl``, their
    ``.csv`` copies and the ``claims.duckdb`` database. With reference tables
    (``references``, or by default those in ``<out_dir>/reference/``) it also
    checks every claim against them (``verdicts.jsonl``) and names against the
    person list (``names.jsonl``), and writes ``report.html`` (unless ``report``
    is false). The exports hold this run's sources; the
    database keeps every source audited into it, and its disagreements and
    verdicts tables cover them all. Every record is validated against its JSON
    Schema before anything is written. ``lexicons``: your own lexicon files
    (``schemas/lexicon.schema.json``), merged over claimkit's for this audit.
    """
    out = Path(out_dir)
    run = {"run_id": uuid.uuid4().hex[:12], "audited_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    found_tables, found_persons = default_tables(out / "reference")
    table = load_reference(*(references if references is not None else found_tables)) \
        if (references or found_tables) else None
    people = load_persons(persons or found_persons) if (persons or found_persons) else None
    read = read_sources(paths, catalog=catalog, encoding=encoding)
    claims = extract_sources(read.sources, nlp=nlp, on_source=on_source)
    citations = citations_of(read.sources)
    disagreements = indexed(compare(claims), "pair_id")
    source_records = [s.to_record() for s in read.sources]
    claim_records = to_records(claims)
    citation_records = to_records(citations)
    disagreement_records = to_records(disagreements)
    validate_records("source", source_records)
    validate_records("claim", claim_records)
    validate_records("citation", citation_records)
    validate_records("disagreement", disagreement_records)
    verdicts = verify(claims, table) if table is not None else None
    names = check_names(read.sources, people) if people is not None else None
    tables: list[tuple[str, list[dict], pd.DataFrame | None]] = []
    for name, schema_name, df in (("verdicts", "verdict", verdicts), ("names", "name-check", names)):
        if df is not None:
            records = to_records(df)
            validate_records(schema_name, records)
            tables.append((name, records, df))

    out.mkdir(parents=True, exist_ok=True)
    outputs = {"database": out / DATABASE}
    store.save(outputs["database"], source_records, claims, compare_all=compare, citations=citations,
               verify_all=_verifier(table), name_checks=names, run=run)
    for name, records, df in [
        ("claims", claim_records, claims),
        ("citations", citation_records, citations),
        ("disagreements", disagreement_records, disagreements),
        ("sources", source_records, None),
    ] + tables:
        outputs[f"{name}.jsonl"] = out / f"{name}.jsonl"
        exports.write_jsonl(records, outputs[f"{name}.jsonl"])
        outputs[f"{name}.csv"] = out / f"{name}.csv"
        exports.write_csv(df if df is not None else pd.DataFrame.from_records(records), outputs[f"{name}.csv"])
    if report:
        outputs["report.html"] = write_report(out / "report.html", read.sources, claims, disagreements,
                                              verdicts=verdicts, names=names, citations=citations,
                                              coverage=Coverage(scope="run", runs=[{**run, "sources": len(read.sources)}],
                                                                audited_at={s.source_id: run["audited_at"]
                                                                            for s in read.sources}))
    return AuditResult(
        sources=read.sources, claims=claims, disagreements=disagreements, verdicts=verdicts, names=names,
        errors=read.errors, warnings=read.warnings, outputs=outputs,
    )


def _verifier(table: ReferenceTable | None):
    """``verify`` bound to a reference table, for the database's verdicts over every stored claim."""
    if table is None:
        return None
    return lambda claims: verify(claims, table)
