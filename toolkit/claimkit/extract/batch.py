"""A batch of source pieces through the pipeline: claim records, citations and errors, nothing else.

This is the whole of the work a worker process or a Dask task does (:mod:`claimkit.extract.parallel`):
name keys, checks and tables are made by the caller, in one process, so that they do not depend on
who read what.
"""

from __future__ import annotations

import re

from spacy.language import Language

from ..errors import ExtractionError
from ..read import Source
from .claims import _citations, _doc_for, claims_from_doc

_PHRASE = re.compile(r"[^.!?\n]+[.!?]*")


def _parse(nlp: Language, pieces: list[Source]) -> list:
    """Each piece's Doc, or the exception it raised: the batch through ``nlp.pipe`` first, and
    one by one only when the batch fails."""
    try:
        return list(nlp.pipe([_doc_for(nlp, p) for p in pieces], batch_size=len(pieces)))
    except Exception:  # noqa: BLE001 - any failure is isolated below, document by document
        pass
    out = []
    for p in pieces:
        try:
            out.append(nlp(_doc_for(nlp, p)))
        except Exception as err:  # noqa: BLE001
            out.append(err)
    return out


def extract_batch(nlp: Language, pieces: list[Source]) -> list[tuple[list[dict], list, ExtractionError | None]]:
    """Each piece's ``(claim records, citations, error)``: the batch parsed together, each piece framed on
    its own (offsets in the piece's original file; citations' offsets in the piece's cleaned text)."""
    out = []
    for piece, doc in zip(pieces, _parse(nlp, pieces)):
        if isinstance(doc, Exception):
            out.append(([], [], _failure(piece, doc, piece)))
            continue
        try:
            out.append((claims_from_doc(piece, doc), list(_citations(doc.text)), None))
        except Exception as err:  # noqa: BLE001
            out.append(([], [], _failure(piece, err, piece)))
        del doc
    return out


def culprit(text: str) -> str | None:
    """The first phrase of ``text`` that the number or date grammar cannot read, if any."""
    from ..grammar import find_dates, find_quantities

    for m in _PHRASE.finditer(text):
        phrase = m.group().strip()
        if not phrase:
            continue
        try:
            find_quantities(phrase, skip=[(d.start, d.end) for d in find_dates(phrase)])
        except Exception:  # noqa: BLE001 - this is the search for the one that fails
            return phrase if len(phrase) <= 120 else phrase[:117] + "..."
    return None


def _failure(source: Source, err: Exception, piece: Source | None = None) -> ExtractionError:
    if isinstance(err, ExtractionError):
        return err
    detail = str(err).splitlines()[0][:200] if str(err) else ""
    problem = f"extraction failed ({type(err).__name__}{': ' + detail if detail else ''})"
    return ExtractionError(source.path, problem, culprit((piece or source).text))
