"""From a parsed Doc to claim records: frame each figure and date, map offsets back to the original."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import (
    FOOTNOTES_KEY,
    FRAME_FIELDS,
    REFERENCE_KEY,
    ClaimFramer,
    citations_table,
    cited_near,
    find_citations,
    hedge_of,
    in_citation,
)
from ..nlp.doccache import text_of
from ..read import Source
from ..store import citations_frame
from .names import NameIndex


def claim_id(source: Source, kind: str, start: int, end: int, extra: str = "") -> str:
    """A claim's id: the same for the same source, file content and characters (and, for two events on
    one date, the same verb). The source id is part of it, so two files with the same text keep claims
    (and pairs) of their own."""
    key = f"{source.source_id}\x00{source.content_hash}:{kind}:{start}:{end}{extra}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _sentence(source: Source, sent) -> str:
    start, end = source.to_original(sent.start_char, sent.end_char)
    return " ".join(source.original[start:end].split())


@lru_cache(maxsize=32)
def _citations(text: str) -> tuple:
    """The works a text cites, read once per text (claims and the citations table both need them)."""
    return tuple(find_citations(text))


def _closed(d) -> tuple[str | None, str | None]:
    """An event's dates: "since April 1939" dates the start of a state, so the event is April 1939 itself."""
    start, end = d._.date_start, d._.date_end
    if start and not end and d._.modifier == "after" and d.text.lower().startswith("since"):
        first = date.fromisoformat(start)
        if d._.precision == "day":
            end = start
        elif d._.precision == "month":
            end = ((first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).isoformat()
        elif d._.precision == "year":
            end = first.replace(month=12, day=31).isoformat()
    return start, end


def claims_from_doc(source: Source, doc: Doc) -> list[dict]:
    """Claim records for one source's parsed Doc: its quantities, dated events and dates."""
    markers = _markers(source)
    records: list[dict] = []
    date_ids: dict[int, str] = {}

    def base(kind, span, extra: str = "") -> dict:
        start, end = source.to_original(span.start_char, span.end_char)
        return {
            "claim_id": claim_id(source, kind, start, end, extra),
            "source_id": source.source_id,
            "kind": kind,
            "text": source.original[start:end],
            "start": start,
            "end": end,
            "sentence": _sentence(source, span.sent),
        }

    if "events" not in doc.spans:  # a pipeline without claimkit_claims: frame the figures here
        doc.user_data[FOOTNOTES_KEY] = markers
        ClaimFramer(quantities_key="quantities", events_key="events")(doc)
    dates_at = {(d.start_char, d.end_char): d for d in doc.spans.get("dates", [])}
    cited = _citations(text_of(doc))
    for q in doc.spans.get("quantities", []):
        if in_citation(cited, q.start_char, q.end_char):
            continue  # "pages 347 to 349" of a reference
        rec = base("quantity", q)
        rec.update({name: getattr(q._, name) for name in FRAME_FIELDS})
        works = [c.citation_id for c in cited_near(cited, q.start_char, q.end_char, limit=q.sent.end_char)]
        rec.update(
            value=q._.value, low=q._.low, high=q._.high, qualifier=q._.qualifier, unit=q._.unit,
            part=q._.part, whole=q._.whole, share=q._.share, hedge=q._.hedge, citations=works or None,
            change=q._.change, unit_name=q._.unit_name, dimension=q._.dimension,
            sourced=bool(q._.footnote or rec["attribution"] or works),
        )
        records.append(rec)
    for span in doc.spans.get("events", []):
        d = dates_at[span._.event_date]
        rec = base("event", d, f":{span.start_char}")  # an event claim stands on its date, as a figure on its
        # number; the verb ("was murdered") is its predicate
        hedge, certainty = hedge_of(span.sent.text, span.end_char - span.sent.start_char, None)
        footnote = next((m for pos, m in markers if span.end_char <= pos <= span.sent.end_char + 2), None)
        date_start, date_end = _closed(d)
        rec.update(
            unit="event", qualifier="exact", date_start=date_start, date_end=date_end, precision=d._.precision,
            predicate=span._.predicate, predicate_class=span._.predicate_class, participants=span._.participants,
            participant_kinds=span._.participant_kinds, participant_roles=span._.participant_roles,
            place=span._.place, event=span._.event, event_key=span._.event_key, topic_events=span._.topic_events,
            topic_place=span._.topic_place, hedge=hedge, certainty=certainty, negated=span._.negated,
            period_start=date_start, period_end=date_end, footnote=footnote, sourced=footnote is not None,
        )
        records.append(rec)
    for d in doc.spans.get("dates", []):
        if in_citation(cited, d.start_char, d.end_char):
            continue  # "Orlov 1953": the year of a work cited, not a date of the past
        rec = base("date", d)
        date_ids[d.start_char] = rec["claim_id"]
        anchor = d._.anchor
        rec.update(
            unit="date", qualifier="approximate" if d._.approximate else "exact",
            date_start=d._.date_start, date_end=d._.date_end, precision=d._.precision,
            approximate=bool(d._.approximate), modifier=d._.modifier,
            anchor=date_ids.get(anchor) if anchor is not None else None,
            certainty="asserted",
        )
        footnote = next((m for pos, m in markers if d.end_char <= pos <= d.sent.end_char + 2), None)
        rec.update(footnote=footnote, sourced=footnote is not None)
        records.append(rec)
    return records


def _doc_for(nlp: Language, source: Source):
    """A source's text as a Doc that knows the day it was written (for "yesterday", "next week")."""
    doc = nlp.make_doc(source.text)
    if source.issued and len(source.issued) == 10:  # a full date; a month or a year is no "today"
        doc.user_data[REFERENCE_KEY] = source.issued
    doc.user_data[FOOTNOTES_KEY] = _markers(source)
    return doc


def _markers(source: Source) -> list[tuple[int, str]]:
    """The source's footnote markers as (offset in the cleaned text, marker), sorted."""
    return sorted((bisect_left(source.offsets.starts, f["end"]), f["marker"]) for f in source.footnotes)


def citations_of(sources: Iterable[Source]) -> pd.DataFrame:
    """The works each source cites, one row per work and source, with offsets in the original file."""
    rows = []
    for source in sources:
        for row in citations_table(_citations(source.text)):
            row["start"], row["end"] = source.to_original(row["start"], row["end"])
            row["text"] = source.original[row["start"]:row["end"]]
            rows.append({"source_id": source.source_id, **row})
    return citations_frame(rows)


def assign_name_keys(records: list[dict], index: NameIndex) -> None:
    """One key per person or organisation across sources: "Laventry Beria" and "Lavrentiy Beria" agree.

    ``index`` carries the names seen before (in this run, or stored by earlier audits), so a
    name keeps the key it was first given."""
    for rec in records:
        kinds = rec.pop("participant_kinds", None) or []
        roles = rec.pop("participant_roles", None) or []
        if rec.get("participants"):
            rec["participant_keys"] = [index.add(n, k) for n, k in zip(rec["participants"], kinds)]
            patients = [key for key, role in zip(rec["participant_keys"], roles) if role == "patient"]
            rec["patient_keys"] = sorted(set(patients), key=patients.index) or None
        if rec.get("attribution"):
            rec["attribution_key"] = index.add(rec["attribution"], "PERSON")
