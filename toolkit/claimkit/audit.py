"""The whole job, stage by stage: read, extract, compare, verify, store, export, report.

Usage problems (a path that does not exist, an unknown encoding, an output folder that is a
file) are found before any work. A source that cannot be read or extracted is left out with
an error and the others go on. The outputs are written as one set that replaces the earlier
one whole (:class:`claimkit.store.OutputSet`); a run that read no source writes nothing.
"""

from __future__ import annotations

import os
import uuid
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

import pandas as pd
from spacy.language import Language

from .compare import compare_added, compare_groups, pairs_of
from .errors import ClaimkitError, UsageError
from .extract import BATCH_SIZE, NameIndex, extract_all
from .extract.parallel import check_parallel, connect
from .nlp.lexicon import accepts_lexicons
from .progress import ProgressCallback, in_notebook, progress_for
from .read import Source, check_encoding, mark_same_texts, read_sources
from .report import Coverage, write_report
from .report import summary as _summary
from .store import (
    SET_FILES,
    OutputSet,
    claims_frame,
    disagreements_frame,
    exports,
    folder_lock,
    recover,
    text_file,
    validate_records,
)
from .store import database as store
from .verify import check_names, default_tables, load_persons, load_reference, verify

DATABASE = "claims.duckdb"


@dataclass
class AuditResult:
    """What an audit produced; ``errors`` lists the inputs that failed (the rest was processed)."""

    sources: list[Source]
    claims: pd.DataFrame
    disagreements: pd.DataFrame
    verdicts: pd.DataFrame | None = None
    groups: pd.DataFrame | None = None
    names: pd.DataFrame | None = None
    errors: list[ClaimkitError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    def pairs_of(self, group_id: str) -> pd.DataFrame:
        """Every aligned pair of one group (a ``group_id`` of ``groups``), agreements included, judged on
        demand: ``disagreements`` keeps only the pairs worth reading."""
        if self.groups is None or group_id not in self.groups.index:
            raise KeyError(f"{group_id!r} is not a group of this audit; see result.groups")
        return pairs_of(self.claims, self.groups.loc[group_id, "members"])

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


def check_usage(paths: list[Path], out: Path, *, catalog=None, encoding=None, references=None, persons=None) -> None:
    """Everything an audit can refuse before reading a file.

    Raises:
        UsageError: no input, an input or option file that does not exist, an unknown
        encoding, or an output folder that is a file or cannot be made.
    """
    if not paths:
        raise UsageError("no input given; name the files or folders to audit")
    for p in paths:
        if not p.exists():
            raise UsageError(f"{p}: no such file or folder; check the path (nothing was read or written)")
    check_encoding(encoding)
    for option, given in (("--catalog", catalog), ("--persons", persons), *(("--reference", r) for r in references or ())):
        if given is not None and not Path(given).is_file():
            raise UsageError(f"{option} {given}: no such file; check the path (nothing was read or written)")
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: is a file, not a folder; give a folder for the outputs (nothing was written)")
    parent = out if out.exists() else next((a for a in out.absolute().parents if a.exists()), None)
    if parent is None or not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"--out {out}: cannot write there; give a folder you can write to")


def _display(progress) -> ProgressCallback | None:
    if progress == "auto":
        return progress_for(False) if in_notebook() else None
    if progress is True:
        return progress_for(False)
    return progress or None


def _stored_paths(out: Path, stored: pd.DataFrame) -> dict[str, str]:
    """The stored sources' ids -> absolute paths (stored paths are relative to the output folder)."""
    paths = {}
    for sid, path in zip(stored["source_id"], stored["path"]):
        if isinstance(path, str):
            paths[sid] = path if os.path.isabs(path) else os.path.abspath(out / path)
    return paths


@accepts_lexicons
def audit(
    paths: Iterable[str | Path],
    *,
    out_dir: str | Path = "claims",
    catalog: str | Path | None = None,
    encoding: str | None = None,
    nlp: Language | None = None,
    progress: ProgressCallback | bool | str | None = "auto",
    references: Iterable[str | Path] | None = None,
    persons: str | Path | None = None,
    report: bool = True,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
    scheduler=None,
) -> AuditResult:
    """Audit files and folders and write every output into ``out_dir``.

    Writes ``claims.jsonl``, ``citations.jsonl``, ``groups.jsonl`` (aligned claims, one row per
    group), ``disagreements.jsonl`` (the pairs worth reading: flagged, or agreeing with a reason;
    every pair of a group comes on demand from :meth:`AuditResult.pairs_of`), ``sources.jsonl``, their
    ``.csv`` copies and the ``claims.duckdb`` database. With reference tables
    (``references``, or by default those in ``<out_dir>/reference/``) it also
    checks every claim against them (``verdicts.jsonl``) and names against the
    person list (``names.jsonl``), and writes ``report.html`` (unless ``report``
    is false). The text of each .docx or .pdf is kept in ``texts/``. The exports hold this
    run's sources; the database keeps every source audited into it, and its groups and disagreements
    and verdicts tables cover them all. Every record is validated against its JSON Schema
    before anything is written, and the files replace the earlier ones as one set.
    ``lexicons``: your own lexicon files (``schemas/lexicon.schema.json``), merged over
    claimkit's for this audit.

    ``progress`` is a callback ``(stage, done, total)``, True for bars, None for silence,
    or ``"auto"``: bars in Jupyter, silence elsewhere.

    ``workers``: extract in that many processes; ``scheduler``: the address of a Dask scheduler
    (``"tcp://host:8786"``) or a ``distributed.Client``, one task per batch of documents (needs
    ``pip install 'claimkit[dask]'``). The claims, their ids and offsets are those of one process
    (see :mod:`claimkit.extract.parallel`).

    Raises:
        UsageError: before any work, for a missing input, an unknown encoding, an output
        folder that is a file (see :func:`check_usage`), a worker count below 1, or a scheduler
        without Dask or that does not answer.
    """
    paths = [Path(p) for p in paths]
    out = Path(out_dir)
    references = list(references) if references is not None else None
    check_usage(paths, out, catalog=catalog, encoding=encoding, references=references, persons=persons)
    check_parallel(workers, scheduler)
    show = _display(progress)
    try:
        # the scheduler is reached before any file is read, so an address that does not answer costs nothing
        with connect(scheduler) if isinstance(scheduler, str) else nullcontext(scheduler) as client:
            return _audit(paths, out, catalog, encoding, nlp, show, references, persons, report, batch_size,
                          workers, client)
    finally:
        if hasattr(show, "close"):
            show.close()


def _audit(paths, out, catalog, encoding, nlp, show, references, persons, report, batch_size, workers,
           client) -> AuditResult:
    step = show or (lambda stage, done, total=None: None)
    found_tables, found_persons = default_tables(out / "reference")
    table = load_reference(*(references if references is not None else found_tables)) \
        if (references or found_tables) else None
    people = load_persons(persons or found_persons) if (persons or found_persons) else None
    db = out / DATABASE
    recovered: list[str] = []
    with folder_lock(out):  # not while another run writes the folder
        if out.is_dir():
            recovered = [f"{out}/{line}" for line in recover(out)]
        stored = store.stored_sources(db)
        merge_table = store.load_name_keys(db)
    own = [out / name for name in (*SET_FILES, "texts", "reference", DATABASE, DATABASE + ".wal")]
    read = read_sources(paths, catalog=catalog, encoding=encoding, exclude=own, stored=_stored_paths(out, stored),
                        progress=show)
    read.warnings[:0] = recovered
    errors: list[ClaimkitError] = list(read.errors)
    if not read.sources:
        return _nothing(out, errors, read.warnings)
    run = {"run_id": uuid.uuid4().hex[:12], "audited_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    names = NameIndex.from_merge_table(merge_table)
    extraction = extract_all(read.sources, nlp=nlp, names=names, progress=show, batch_size=batch_size,
                             workers=workers, scheduler=client)
    errors += extraction.errors
    sources, claims, citations = extraction.sources, extraction.claims, extraction.citations
    if not sources:
        return _nothing(out, errors, read.warnings)
    here = {s.source_id for s in sources} | {s.source_id for s in read.sources}
    others = {sid: h for sid, h in zip(stored["source_id"], stored["text_hash"])
              if sid not in here and isinstance(h, str)}
    mark_same_texts(sources, stored=others)

    step("compare", 0, 1)
    groups, disagreements = compare_groups(claims)
    step("compare", 1, 1)
    verdicts = verify(claims, table) if table is not None else None
    checked = check_names(sources, people) if people is not None else None
    for s in sources:
        if s.extracted:
            s.original_file = text_file(s.source_id)
    source_records = [s.to_record(relative_to=out) for s in sources]
    validate_records("source", source_records)
    # claims and citations were checked source by source as they were extracted; the other tables are
    # checked slice by slice as they are written (into the private folder: a failure writes nothing)
    tables = [("claims", claims, None), ("citations", citations, None),
              ("disagreements", disagreements, "disagreement"), ("groups", groups, "group")]
    tables += [(name, df, schema) for name, df, schema in (("verdicts", verdicts, "verdict"),
                                                          ("names", checked, "name-check")) if df is not None]

    with OutputSet(out) as outset:  # every file staged first; the database last; then the swap
        for s in sources:
            if s.extracted:
                with open(outset.path(s.original_file), "w", encoding="utf-8", newline="") as f:
                    f.write(s.original)
        n_files = 2 * len(tables) + 2
        step("export", 0, n_files)
        for i, (name, df, schema) in enumerate(tables):
            exports.write_frame(df, outset.path(f"{name}.jsonl"), outset.path(f"{name}.csv"), schema=schema)
            step("export", 2 * (i + 1), n_files)
        exports.write_jsonl(source_records, outset.path("sources.jsonl"))
        exports.write_csv(pd.DataFrame.from_records(source_records), outset.path("sources.csv"))
        step("export", n_files, n_files)
        if report:
            step("report", 0, 1)
            coverage = Coverage(scope="run", runs=[{**run, "sources": len(sources)}],
                                audited_at={s.source_id: run["audited_at"] for s in sources})
            write_report(outset.path("report.html"), sources, claims, disagreements,
                         verdicts=verdicts, names=checked, citations=citations, coverage=coverage, groups=groups)
            step("report", 1, 1)
        outset.keep_texts()  # before the database refers to them
        step("store", 0, 1)
        store.save(db, source_records, claims, compare_all=compare_added, citations=citations,
                   verdicts=verdicts, name_checks=checked, name_keys=names.merge_table(),
                   derived={"groups": groups, "disagreements": disagreements}, run=run)
        step("store", 1, 1)
        placed = outset.commit()
    outputs = {"database": db, **{name: path for name, path in placed.items() if "/" not in name}}
    return AuditResult(
        sources=sources, claims=claims, disagreements=disagreements, verdicts=verdicts, names=checked, groups=groups,
        errors=errors, warnings=read.warnings, outputs=outputs,
    )


def _nothing(out: Path, errors: list[ClaimkitError], warnings: list[str]) -> AuditResult:
    """The result of a run that read no source: nothing written, and an error saying so."""
    errors = errors + [ClaimkitError(f"no source was read, so nothing was written; the earlier results in {out}/ "
                                     "are as they were")]
    return AuditResult(sources=[], claims=claims_frame([]), disagreements=disagreements_frame([]),
                       errors=errors, warnings=warnings, outputs={})
