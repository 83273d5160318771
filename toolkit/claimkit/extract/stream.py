"""Sources through the pipeline in bounded batches, each in isolation; long texts in chunks.

Memory is bounded by a batch, not by the corpus: texts go to ``nlp.pipe`` a few at a time
(``batch_size`` documents, and no more than :data:`BATCH_CHARS` characters), and only the
claim records are kept. A text longer than :data:`CHUNK_CHARS` (or the pipeline's
``max_length``) is read in chunks cut at paragraph breaks, else at sentence ends, else at a
space; each chunk is a view of the source whose offset map is a slice of the source's, so
offsets stay exact. Two things do not cross a chunk boundary: a date anchored on a date in
the chunk before, and a sentence (chunks are cut between sentences).

A source that raises anywhere (the pipeline, the frames, a record its schema refuses, a
number that is not finite) becomes one :class:`~claimkit.errors.ExtractionError` naming the
file and, where it can be found, the phrase; it is left out and the others go on. When a
batch fails, its documents are run again one by one, so only the failing one is lost.
"""

from __future__ import annotations

import math
import re
import warnings
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd
from spacy.language import Language

from ..errors import ClaimkitError, ExtractionError, UsageError
from ..nlp import citations_table, load_pipeline
from ..nlp.lexicon import accepts_lexicons
from ..read import OffsetMap, Source, read_sources
from ..store import (CITATION_COLUMNS, CLAIM_COLUMNS, citations_frame, claims_frame, indexed, schema_errors,
                     to_records)
from .batch import _failure, extract_batch
from .claims import assign_name_keys
from .names import NameIndex
from .parallel import check_parallel, connect, in_processes, on_dask

BATCH_SIZE = 16
CHUNK_CHARS = 50_000
BATCH_CHARS = 250_000

Progress = Callable[[str, int, "int | None"], None]

_PARAGRAPH_END = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


@dataclass
class Extraction:
    """What :func:`extract_all` produced: the tables of the sources that went through, the
    sources themselves, and one error per source left out."""

    claims: pd.DataFrame
    citations: pd.DataFrame
    sources: list[Source]
    errors: list[ExtractionError] = field(default_factory=list)


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of the chunks of ``text``, each at most ``limit`` characters, cut at a
    paragraph break, else a sentence end, else a space (a hard cut only in a run of ``limit``
    characters without one)."""
    bounds, start, n = [], 0, len(text)
    while n - start > limit:
        stop = start + limit
        cut = None
        for pattern, floor in ((_PARAGRAPH_END, limit // 2), (_SENTENCE_END, limit // 4), (_SPACE, 1)):
            last = None
            for m in pattern.finditer(text, start + floor, stop):
                last = m
            if last is not None:
                cut = last.end()
                break
        cut = cut if cut is not None and cut > start else stop
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def _piece(source: Source, start: int, end: int) -> Source:
    """A view of ``source`` whose cleaned text is ``text[start:end]``, mapped to the same original."""
    if start == 0 and end == len(source.text):
        return source
    starts, ends = source.offsets.starts[start:end], source.offsets.ends[start:end]
    lo = starts[0] if len(starts) else 0
    hi = ends[-1] if len(ends) else 0
    return replace(
        source, text=source.text[start:end],
        offsets=OffsetMap(starts, ends, source.offsets.original_length),
        footnotes=[f for f in source.footnotes if lo <= f["end"] <= hi],
    )


def _batches(sources: list[Source], batch_size: int, limit: int) -> Iterator[list[tuple[int, int, int, Source]]]:
    """Batches of ``(source index, chunk number, chunk start, chunk)``, bounded in documents and characters."""
    batch, chars = [], 0
    for i, source in enumerate(sources):
        for j, (start, end) in enumerate(chunk_bounds(source.text, limit)):
            if batch and (len(batch) >= batch_size or chars + (end - start) > BATCH_CHARS):
                yield batch
                batch, chars = [], 0
            batch.append((i, j, start, _piece(source, start, end)))
            chars += end - start
    if batch:
        yield batch


def _check(source: Source, claims: pd.DataFrame, citations: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """The source's records, checked against their schemas and for numbers JSON cannot hold."""
    claim_records, citation_records = to_records(claims), to_records(citations)
    for schema, records in (("claim", claim_records), ("citation", citation_records)):
        for rec in records:
            problems = [f"{'/'.join(map(str, p)) or 'record'}: {m}" for p, m in schema_errors(schema, rec)]
            problems += [f"{k}: {v} is not a finite number" for k, v in rec.items()
                         if isinstance(v, float) and not math.isfinite(v)]
            if problems:
                raise ExtractionError(source.path, f"a {schema} does not fit its schema ({problems[0]})",
                                      rec.get("text"))
    return claim_records, citation_records


@accepts_lexicons
def extract_all(
    sources: Iterable[Source],
    *,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    chunk_chars: int = CHUNK_CHARS,
    names: NameIndex | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    scheduler=None,
) -> Extraction:
    """Claims and citations of already-read sources, each source in isolation (see the module).

    ``names`` is the index that gives people and organisations their keys (an audit passes
    the one stored in its database, so keys never change between runs); ``progress("extract",
    done, total)`` is called before the first source (``done`` 0) and after each.

    ``workers``: parse in that many processes (see :mod:`claimkit.extract.parallel`); ``scheduler``:
    the address of a Dask scheduler (or a ``distributed.Client``) to send the batches to. Either way
    the claims, ids, offsets and order are those of one process.

    Raises:
        UsageError: ``workers`` below 1, a ``nlp`` that cannot be sent to worker processes, or a
        ``scheduler`` without Dask installed or out of reach.
    """
    check_parallel(workers, scheduler)
    if isinstance(scheduler, str):
        with connect(scheduler) as client:
            return extract_all(sources, nlp=nlp, batch_size=batch_size, chunk_chars=chunk_chars, names=names,
                               progress=progress, scheduler=client)
    if scheduler is not None and nlp is not None and nlp is not load_pipeline():
        raise UsageError("nlp=: a Dask cluster's workers read with claimkit's own pipeline; leave nlp= out with "
                         "scheduler=, or use workers= to read with this one")
    if nlp is None and workers == 1 and scheduler is None:
        nlp = load_pipeline()
    sources = list(sources)
    # with workers and no pipeline given, the workers load the default one; spaCy's default length limit
    limit = max(1000, min(chunk_chars, (nlp.max_length if nlp is not None else 1_000_000) - 1))
    index = names if names is not None else NameIndex()
    claim_parts: list[pd.DataFrame] = []
    citation_parts: list[pd.DataFrame] = []
    done: list[Source] = []
    errors: list[ExtractionError] = []
    pending: dict[int, dict] = {}
    counts = [len(chunk_bounds(s.text, limit)) for s in sources]
    finished = 0
    if progress is not None:
        progress("extract", 0, len(sources))

    def finish(i: int) -> None:
        nonlocal finished
        state = pending.pop(i)
        source = sources[i]
        if state["error"] is None:
            try:
                assign_name_keys(state["claims"], index)
                claims = claims_frame(state["claims"])
                citations = _citations_rows(source, state["citations"])
                _check(source, claims, citations)
            except Exception as err:  # noqa: BLE001
                state["error"] = _failure(source, err)
        if state["error"] is not None:
            errors.append(state["error"])
        else:
            claim_parts.append(claims)
            citation_parts.append(citations)
            done.append(source)
        finished += 1
        if progress is not None:
            progress("extract", finished, len(sources))

    batches = _batches(sources, batch_size, limit)
    if scheduler is not None:
        results = on_dask(batches, scheduler)
    elif workers > 1:
        results = in_processes(batches, workers, nlp)  # None: each worker loads claimkit's pipeline
    else:
        results = ((batch, extract_batch(nlp, [p for *_, p in batch])) for batch in batches)
    with closing(results):  # a pool or a cluster's tasks are let go even when the parent fails
        for batch, outcomes in results:
            for (i, j, shift, piece), (found, cited, error) in zip(batch, outcomes):
                state = pending.setdefault(i, {"claims": [], "citations": [], "error": None})
                if state["error"] is None:
                    if error is not None:
                        state["error"] = error
                    else:
                        state["claims"].extend(found)
                        state["citations"].extend(replace(c, start=c.start + shift, end=c.end + shift)
                                                  for c in cited)
                if j == counts[i] - 1:
                    finish(i)
    claims = indexed(pd.concat(claim_parts), "claim_id") if claim_parts else claims_frame([])
    citations = pd.concat(citation_parts, ignore_index=True) if citation_parts else citations_frame([])
    return Extraction(claims=claims.astype(CLAIM_COLUMNS), citations=citations.astype(CITATION_COLUMNS),
                      sources=done, errors=errors)


def _citations_rows(source: Source, citations: list) -> pd.DataFrame:
    """The works a source cites, one row per work, offsets in the original file."""
    rows = []
    for row in citations_table(citations):
        row["start"], row["end"] = source.to_original(row["start"], row["end"])
        row["text"] = source.original[row["start"]:row["end"]]
        rows.append({"source_id": source.source_id, **row})
    return citations_frame(rows)


@accepts_lexicons
def extract_sources(
    sources: Iterable[Source],
    *,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """The claims table of already-read sources.

    A source that fails is left out with a :class:`UserWarning` naming the file; use
    :func:`extract_all` to get the failures as errors, and the citations too.

    Example:
        >>> read = claimkit.read_sources(["sources/"])  # doctest: +SKIP
        >>> claims = extract_sources(read.sources)  # doctest: +SKIP
    """
    result = extract_all(sources, nlp=nlp, batch_size=batch_size, progress=progress)
    for err in result.errors:
        warnings.warn(str(err), stacklevel=2)
    return result.claims


@accepts_lexicons
def extract(
    *inputs: str | Path | Source,
    catalog: str | Path | None = None,
    nlp: Language | None = None,
) -> pd.DataFrame:
    """Read files or folders (or Sources) and return their claims table.

    Raises:
        ClaimkitError: an input could not be read; use :func:`claimkit.read_sources`
        and :func:`extract_all` to carry on past bad files.

    Example:
        >>> claims = extract("sources/")  # doctest: +SKIP
        >>> claims[["source_id", "text", "value", "unit"]].head()  # doctest: +SKIP
    """
    sources = [i for i in inputs if isinstance(i, Source)]
    paths = [i for i in inputs if not isinstance(i, Source)]
    if paths:
        result = read_sources(paths, catalog=catalog)
        if result.errors:
            raise result.errors[0] if len(result.errors) == 1 else ClaimkitError(
                "; ".join(str(e) for e in result.errors)
            )
        sources += result.sources
    extraction = extract_all(sources, nlp=nlp)
    if extraction.errors:
        raise extraction.errors[0] if len(extraction.errors) == 1 else ClaimkitError(
            "; ".join(str(e) for e in extraction.errors))
    return extraction.claims
